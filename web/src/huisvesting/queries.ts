import { graphql, type ResultOf } from '../app/graphql';

/** The half-years with a national taakstelling, earliest first: the pages offer these. */
export const NationalTaakstellingenQuery = graphql(`
  query NationalTaakstellingen {
    nationalTaakstellingen { halfYear vergunninghouders source publishedOn version populationDate inhabitantsNL gemeentenSum }
  }
`);

/** A gemeente's taakstelling in a half-year, and the herverdelingen of that half-year the viewer may read. */
export const GemeenteTaakstellingQuery = graphql(`
  query GemeenteTaakstelling($code: String!, $halfYear: String!) {
    gemeente(code: $code) {
      code
      name
      province { code name }
      taakstelling(halfYear: $halfYear) {
        provinceCode halfYear inhabitants populationFictitious computed transferred taakstelling housed inTussenvoorziening
        inDoorstroomwoning carriedIn opgave balance achterstand voorsprong realisationVersion viewerActions
      }
    }
    herverdelingen(halfYear: $halfYear) {
      id halfYear decidedOn reference confirmed
      parts { gemeenteCode gemeente { name } provinceCode change confirmedAt viewerCanConfirm }
    }
  }
`);

export type Taakstelling = NonNullable<NonNullable<ResultOf<typeof GemeenteTaakstellingQuery>['gemeente']>['taakstelling']>;
export type HerverdelingRow = ResultOf<typeof GemeenteTaakstellingQuery>['herverdelingen'][number];

/** Gemeenten of a province, by name: the other parties of a herverdeling are chosen from these. */
export const GemeentenQuery = graphql(`
  query HuisvestingGemeenten($provinceCode: ProvinceCode) {
    gemeenten(provinceCode: $provinceCode, first: 500) { edges { node { code name province { code } } } }
  }
`);

export const RecordRealisationMutation = graphql(`
  mutation RecordHuisvestingRealisation($input: RecordRealisationInput!) {
    recordHuisvestingRealisation(input: $input) { halfYear taakstelling housed inTussenvoorziening inDoorstroomwoning balance achterstand voorsprong realisationVersion }
  }
`);

export const ProposeHerverdelingMutation = graphql(`
  mutation ProposeHerverdeling($input: ProposeHerverdelingInput!) {
    proposeHerverdeling(input: $input) { id confirmed reference parts { gemeenteCode change confirmedAt } }
  }
`);

export const ConfirmHerverdelingMutation = graphql(`
  mutation ConfirmHerverdeling($id: ID!) {
    confirmHerverdeling(id: $id) { id confirmed reference }
  }
`);

/** Huisvesting per province in a half-year, with the national figures (IPO, COA, LRT: all; PRT: its own). */
export const HuisvestingOverviewQuery = graphql(`
  query HuisvestingOverview($halfYear: String!, $provinceCode: ProvinceCode) {
    huisvestingOverview(halfYear: $halfYear, provinceCode: $provinceCode) {
      halfYear
      national { halfYear vergunninghouders source publishedOn version populationDate inhabitantsNL gemeentenSum }
      provinces {
        provinceCode halfYear taakstelling opgave housed inTussenvoorziening inDoorstroomwoning achterstand voorsprong balance
        gemeentenWithAchterstand
        verevening { peildata { peildatum balance voorsprong } deduction shortTermTarget remainingShortTermTarget }
        koppeling { linked housedWithinNorm housedLate largeFamilies adaptedHomeNeeded }
        fewerKoppelingenThanNeeded
        koppelingShortfall
        gemeenten {
          gemeente { code name }
          inhabitants populationFictitious computed transferred taakstelling housed inTussenvoorziening inDoorstroomwoning
          carriedIn opgave balance achterstand voorsprong
        }
      }
      uitplaatsingsregios { number name provinceCodes opgave koppeling { linked housedWithinNorm housedLate } koppelingShortfall fewerKoppelingenThanNeeded }
    }
  }
`);

/** Every realisation recorded and herverdeling proposed or confirmed, in a province (or all the viewer may see). */
export const HuisvestingChanged = graphql(`
  subscription HuisvestingChanged($provinceCode: ProvinceCode) {
    activity(kinds: [REALISATION_RECORDED, HERVERDELING_PROPOSED, HERVERDELING_CONFIRMED, NATIONAL_TAAKSTELLING_SET, KOPPELINGEN_RECORDED, POPULATION_IMPORTED], provinceCode: $provinceCode) {
      id at provinceCode actor { id name }
    }
  }
`);

export type ProvinceFigures = ResultOf<typeof HuisvestingOverviewQuery>['huisvestingOverview']['provinces'][number];
