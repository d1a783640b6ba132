import { spreadsheetCsv } from '../platform/csv.js';
import type { ProvinceCode } from '../reference/index.js';
import type { ExpiringAgreementsOfProvince, NationalOverview } from './types.js';

/** The verevening of a province in the overview (from huisvesting), or null where it is not known to the reader. */
export type OverviewVerevening = ReadonlyMap<ProvinceCode, { deduction: number; remainingTarget: number } | null>;

/**
 * The national overview as CSV, for the LRT's reports: one row per province × opvangtype, one for places of any
 * type (ANY), and one per combination of types a plan makes (e.g. GVL/SATELLIET; it repeats its types' figures).
 * The province's own figures (the total opvang with existing AZCs, the short-term target with the verevening) are on
 * its ANY row only and empty on the others, so that each column adds up to the national figure.
 */
export function overviewCsv(overview: NationalOverview, vereveningOf: OverviewVerevening = new Map()): string {
  const provinces = new Map(overview.provinces.map((p) => [p.provinceCode, p]));
  return spreadsheetCsv(
    overview.rows.map((row) => {
      const province = row.opvangtypes.length === 0 ? provinces.get(row.provinceCode) : undefined;
      const verevening = province ? vereveningOf.get(province.provinceCode) : undefined;
      return {
        on: overview.on,
        province: row.provinceCode,
        opvangtype: row.opvangtypes.join('/') || 'ANY',
        combined_in: row.combinedIn?.join('/') ?? '',
        opgave: row.opgave,
        planned_min: row.planned.min,
        planned_max: row.planned.max,
        concept_min: row.conceptPlanned?.min ?? '',
        concept_max: row.conceptPlanned?.max ?? '',
        realised: row.realised ?? '',
        pipeline: row.pipeline ? row.pipeline.reduce((sum, p) => sum + p.places, 0) : '',
        planned_gap_min: row.plannedGap?.min ?? '',
        planned_gap_max: row.plannedGap?.max ?? '',
        realised_gap: row.realisedGap ?? '',
        total_opvang_opgave: province?.totalOpvangOpgave ?? '',
        total_opvang_realised: province?.totalOpvangRealised ?? '',
        total_opvang_gap: province?.totalOpvangGap ?? '',
        short_term_target: province?.shortTermTarget ?? '',
        short_term_realised: province?.shortTermRealised ?? '',
        short_term_deduction: verevening?.deduction ?? '',
        short_term_target_after_verevening: verevening?.remainingTarget ?? '',
      };
    }),
  );
}

/** Expiring agreements as CSV: one row per province × opvangtype, with the places at stake. */
export function expiringCsv(provinces: ExpiringAgreementsOfProvince[], period: { from: string; until: string }): string {
  return spreadsheetCsv(
    provinces.flatMap((province) =>
      province.opvangtypes.map((t) => ({
        from: period.from,
        until: period.until,
        province: province.provinceCode,
        opvangtype: t.opvangtype,
        agreements: t.agreements,
        places: t.places,
        extended_places: t.extendedPlaces,
        replaced_places: t.replacedPlaces,
        places_at_stake: t.placesAtStake,
      })),
    ),
  );
}

/** Expiring agreements as CSV, one row per agreement. */
export function expiringAgreementsCsv(provinces: ExpiringAgreementsOfProvince[]): string {
  return spreadsheetCsv(
    provinces.flatMap((province) =>
      province.agreements.map((a) => ({
        province: a.provinceCode,
        gemeente: a.gemeenteCode,
        location: a.locationName,
        opvangtype: a.opvangtype,
        places: a.places,
        end_date: a.endDate,
        ended_early: a.endedEarly,
        extended: a.extended,
        replacement_proposed: a.replacementProposed,
        replacement_places: a.replacementPlaces,
      })),
    ),
    ['province', 'gemeente', 'location', 'opvangtype', 'places', 'end_date', 'ended_early', 'extended', 'replacement_proposed', 'replacement_places'],
  );
}
