/**
 * The words authorization speaks: the roles a membership gives and the provinces it reaches. They are defined here,
 * below every capability, because a principal is made of them; `people` and `reference` publish them in the schema
 * (`Role`, `ProvinceCode`) with their descriptions.
 */

/** ISO 3166-2:NL suffixes of the twelve provinces. */
export enum ProvinceCode {
  DR = 'DR',
  FL = 'FL',
  FR = 'FR',
  GE = 'GE',
  GR = 'GR',
  LI = 'LI',
  NB = 'NB',
  NH = 'NH',
  OV = 'OV',
  UT = 'UT',
  ZE = 'ZE',
  ZH = 'ZH',
}

export const PROVINCE_CODES = Object.values(ProvinceCode);

/** What a membership lets a person do, and where. */
export enum Role {
  PRT_SECRETARIAAT = 'PRT_SECRETARIAAT',
  GEMEENTE = 'GEMEENTE',
  COA_REGIO = 'COA_REGIO',
  IPO = 'IPO',
  LRT = 'LRT',
  PARTNER = 'PARTNER',
}
