import { graphql, type ResultOf } from '../app/graphql';

export const OverviewQuery = graphql(`
  query NationalOverview($on: LocalDate!, $provinceCode: ProvinceCode) {
    nationalOverview(on: $on, provinceCode: $provinceCode) {
      on
      totalOpgave
      totalPlanned { min max }
      totalRealised
      totalPipeline
      totalPlannedGap { min max }
      totalRealisedGap
      shortTermTarget
      totalShortTermRealised
      shortTermTargetInForce { places periodFrom periodUntil decidedOn source }
      opvangtypes { opvangtype opgave planned { min max } realised pipeline realisedGap }
      provinces {
        provinceCode planStatus planChangedAt conceptStatus conceptChangedAt conceptPlanned { min max }
        opgave planned { min max } realised pipeline plannedGap { min max } realisedGap
        populationShare realisedShare realisedShareDifference plannedShare plannedShareDifference
        shortTermTarget shortTermRealised
        shortTermTargetInForce { places periodFrom periodUntil decidedOn source }
        shortTermDeduction shortTermTargetAfterVerevening
        totalOpvangOpgave totalOpvangRealised totalOpvangGap
      }
      rows {
        provinceCode opvangtypes combinedIn opgave planned { min max } conceptPlanned { min max }
        realised pipeline { status places } plannedGap { min max } realisedGap
      }
    }
  }
`);

export type Overview = ResultOf<typeof OverviewQuery>['nationalOverview'];
export type OverviewRow = Overview['rows'][number];
export type ProvinceOverview = Overview['provinces'][number];

export const OverviewChanged = graphql(`
  subscription OverviewChanged($provinceCode: ProvinceCode) {
    nationalOverviewChanged(provinceCode: $provinceCode) { eventId provinceCode kind at }
  }
`);

export const TimelineQuery = graphql(`
  query CapacityTimeline($provinceCode: ProvinceCode!, $opvangtype: Opvangtype, $from: LocalDate!, $to: LocalDate!) {
    capacityTimeline(provinceCode: $provinceCode, opvangtype: $opvangtype, from: $from, to: $to, interval: MONTH) { date places }
  }
`);

export const ExpiringQuery = graphql(`
  query ExpiringAgreements($from: LocalDate!, $provinceCode: ProvinceCode) {
    expiringAgreements(within: 365, from: $from, provinceCode: $provinceCode) {
      provinceCode
      placesAtStake
      opvangtypes { opvangtype agreements places extendedPlaces replacedPlaces placesAtStake }
      agreements { locationName gemeenteCode opvangtype endDate endedEarly places extended replacementProposed replacementPlaces }
    }
  }
`);

/** Gemeente names by code, for tables that the API gives codes (expiring agreements); ended gemeenten included. */
export const GemeenteNamesQuery = graphql(`
  query GemeenteNames($provinceCode: ProvinceCode) {
    gemeenten(provinceCode: $provinceCode, includeEnded: true, first: 500) { edges { node { code name } } }
  }
`);

export type ExpiringOfProvince = ResultOf<typeof ExpiringQuery>['expiringAgreements'][number];

export const OpvangtypesQuery = graphql(`
  query Opvangtypes {
    opvangtypes { code name flexibleSystem }
  }
`);

export const ProvinceQuery = graphql(`
  query ProvinceRegietafel($code: ProvinceCode!) {
    province(code: $code) {
      code
      name
      population
      populationDate
      uitplaatsingsregio { number name }
      regietafel {
        chair { id name }
        secretariat { id name }
        members { id function capacity person { name } organisation { name } }
      }
    }
  }
`);
