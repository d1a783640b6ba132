import { registerEnumType } from 'type-graphql';
import { badUserInput } from '../platform/errors.js';

import { PROVINCE_CODES, ProvinceCode } from '../platform/auth/vocabulary.js';

export { PROVINCE_CODES, ProvinceCode };

registerEnumType(ProvinceCode, {
  name: 'ProvinceCode',
  description: 'A province, by the suffix of its ISO 3166-2:NL code (NL-UT is UT).',
  valuesConfig: {
    DR: { description: 'Drenthe' },
    FL: { description: 'Flevoland' },
    FR: { description: 'Fryslân' },
    GE: { description: 'Gelderland' },
    GR: { description: 'Groningen' },
    LI: { description: 'Limburg' },
    NB: { description: 'Noord-Brabant' },
    NH: { description: 'Noord-Holland' },
    OV: { description: 'Overijssel' },
    UT: { description: 'Utrecht' },
    ZE: { description: 'Zeeland' },
    ZH: { description: 'Zuid-Holland' },
  },
});


/** Types of reception location (opvangtypes); the full descriptions live in the `opvangtypes` query. */
export enum Opvangtype {
  AANMELDCENTRUM = 'AANMELDCENTRUM',
  PROCESOPVANGLOCATIE = 'PROCESOPVANGLOCATIE',
  GVL = 'GVL',
  SATELLIET = 'SATELLIET',
  ROL = 'ROL',
  AZC = 'AZC',
  KLEINE_WOONVOORZIENING_AMV = 'KLEINE_WOONVOORZIENING_AMV',
  VRIJHEIDSBEPERKENDE_LOCATIE = 'VRIJHEIDSBEPERKENDE_LOCATIE',
  GEZINSLOCATIE = 'GEZINSLOCATIE',
  NOODOPVANG = 'NOODOPVANG',
  CRISISNOODOPVANG = 'CRISISNOODOPVANG',
}

registerEnumType(Opvangtype, {
  name: 'Opvangtype',
  description: 'Type of reception location. GVL, SATELLIET and ROL are the types of the flexible reception system.',
  valuesConfig: {
    AANMELDCENTRUM: { description: 'Aanmeldcentrum (AC): where asylum seekers register' },
    PROCESOPVANGLOCATIE: { description: 'Procesopvanglocatie (POL)' },
    GVL: { description: 'Gemeenschappelijke Vreemdelingenlocatie (flexible system)' },
    SATELLIET: { description: 'Satellietlocatie, overflow of a GVL (flexible system)' },
    ROL: { description: 'Regionale opvanglocatie (flexible system)' },
    AZC: { description: 'Asielzoekerscentrum' },
    KLEINE_WOONVOORZIENING_AMV: { description: 'Kleine woonvoorziening for unaccompanied minors (amv)' },
    VRIJHEIDSBEPERKENDE_LOCATIE: { description: 'Vrijheidsbeperkende locatie (VBL)' },
    GEZINSLOCATIE: { description: 'Gezinslocatie' },
    NOODOPVANG: { description: 'Noodopvang run by COA' },
    CRISISNOODOPVANG: { description: 'Crisisnoodopvang run by a gemeente or veiligheidsregio, not COA' },
  },
});

/** A province code from a query string (an export's `provinceCode`): undefined when absent, BAD_USER_INPUT when unknown. */
export function provinceCodeParam(value: string | undefined, field = 'provinceCode'): ProvinceCode | undefined {
  if (value === undefined) return undefined;
  if (!PROVINCE_CODES.includes(value as ProvinceCode)) throw badUserInput(`${value.slice(0, 10)} is not a province code`, field);
  return value as ProvinceCode;
}
