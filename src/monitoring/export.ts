import { spreadsheetCsv } from '../platform/csv.js';
import type { ExpiringAgreementsOfProvince, NationalOverview } from './types.js';

/**
 * The national overview as CSV, for the LRT's reports: one row per province × opvangtype, one for places of any
 * type (ANY), and one per combination of types a plan makes (e.g. GVL/SATELLIET; it repeats its types' figures).
 */
export function overviewCsv(overview: NationalOverview): string {
  return spreadsheetCsv(
    overview.rows.map((row) => ({
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
    })),
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
