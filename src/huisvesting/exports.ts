import { stringify } from 'csv-stringify/sync';
import { badUserInput } from '../platform/errors.js';
import type { ExportRoute } from '../platform/module.js';
import { PROVINCE_CODES, type ProvinceCode } from '../reference/index.js';
import type { HuisvestingOverview } from './types.js';

/** A cell starting with =, +, -, @, tab or carriage return gets a leading quote: never a formula in a spreadsheet. */
const SAFE = { header: true, escape_formulas: true };

/** One row per gemeente: taakstelling, housed, achterstand and voorsprong, and COA's koppelingen in the half-year. */
export function huisvestingCsv(overview: HuisvestingOverview): string {
  return stringify(
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
    SAFE,
  );
}

/** CSV for the LRT's reports, through the same service and policy as huisvestingOverview. */
export const huisvestingExports: ExportRoute[] = [
  {
    name: 'huisvesting-gemeenten',
    parameters: ['halfYear', 'provinceCode'],
    produce: async ({ principal, services }, query) => {
      if (!query.halfYear) throw badUserInput('halfYear is required, e.g. 2021-I', 'halfYear');
      const provinceCode = query.provinceCode;
      if (provinceCode !== undefined && !PROVINCE_CODES.includes(provinceCode as ProvinceCode)) throw badUserInput(`${provinceCode.slice(0, 10)} is not a province code`, 'provinceCode');
      return huisvestingCsv(await services.huisvesting.overview(principal, query.halfYear, provinceCode as ProvinceCode | undefined));
    },
  },
];
