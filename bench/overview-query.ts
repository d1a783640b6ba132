/** Every figure of the overview (`$on`): the overview and comparison benchmarks ask this. */
export const OVERVIEW_QUERY = `query($on: LocalDate!) { nationalOverview(on: $on) {
  totalOpgave totalPlanned { min max } totalRealised totalPipeline totalPlannedGap { min max } totalRealisedGap shortTermTarget totalShortTermRealised
  opvangtypes { opvangtype opgave planned { min max } realised pipeline realisedGap }
  rows { provinceCode opvangtypes combinedIn opgave planned { min max } conceptPlanned { min max } realised pipeline { status places } plannedGap { min max } realisedGap }
  provinces { provinceCode planStatus planChangedAt conceptStatus conceptChangedAt conceptPlanned { min max } opgave planned { min max } realised pipeline plannedGap { min max } realisedGap
    populationShare realisedShare realisedShareDifference plannedShare plannedShareDifference shortTermTarget shortTermRealised }
} }`;
