import { spreadsheetCsv } from '../platform/csv.js';
import { badUserInput } from '../platform/errors.js';
import type { ExportRoute } from '../platform/module.js';
import { provinceCodeParam } from '../reference/index.js';
import type { HuisvestingOverview } from './types.js';

/** One row per gemeente: taakstelling, housed, achterstand and voorsprong, and COA's koppelingen in the half-year. */
export function huisvestingCsv(overview: HuisvestingOverview): string {
  return spreadsheetCsv(
    overview.provinces.flatMap((province) =>
      [...province.gemeenten]
        .sort((a, b) => a.gemeenteCode.localeCompare(b.gemeenteCode))
        .map((g) => ({
          half_year: overview.halfYear,
          province: province.provinceCode,
          gemeente: g.gemeenteCode,
          inhabitants: g.inhabitants ?? '',
          population_fictitious: String(g.populationFictitious),
          computed: g.computed,
          transferred: g.transferred,
          taakstelling: g.taakstelling,
          carried_in: g.carriedIn,
          opgave: g.opgave,
          housed: g.housed,
          in_tussenvoorziening: g.inTussenvoorziening,
          in_doorstroomwoning: g.inDoorstroomwoning,
          balance: g.balance,
          achterstand: g.achterstand,
          voorsprong: g.voorsprong,
          linked: g.koppeling.linked,
          housed_within_norm: g.koppeling.housedWithinNorm,
          housed_late: g.koppeling.housedLate,
          average_weeks_from_koppeling: g.koppeling.averageWeeksFromKoppeling ?? '',
          average_weeks_from_permit: g.koppeling.averageWeeksFromPermit ?? '',
          large_families: g.koppeling.largeFamilies,
          adapted_home_needed: g.koppeling.adaptedHomeNeeded,
        })),
    ),
  );
}

/** CSV for the LRT's reports, through the same service and policy as huisvestingOverview. */
export const huisvestingExports: ExportRoute[] = [
  {
    name: 'huisvesting-gemeenten',
    parameters: ['halfYear', 'provinceCode'],
    produce: async ({ principal, services }, query) => {
      if (!query.halfYear) throw badUserInput('halfYear is required, e.g. 2021-I', 'halfYear');
      return huisvestingCsv(await services.huisvesting.overview(principal, query.halfYear, provinceCodeParam(query.provinceCode)));
    },
  },
];
