import { stringify } from 'csv-stringify/sync';
import type { ExpiringAgreementsOfProvince, NationalOverview } from './types.js';

/** The national overview as CSV: one row per province × opvangtype (or type group), for the LRT's reports. */
export function overviewCsv(overview: NationalOverview): string {
  return stringify(
    overview.rows.map((row) => ({
      on: overview.on,
      province: row.provinceCode,
      opvangtype: row.opvangtypes.join('/') || 'ANY',
      opgave: row.opgave,
      planned_min: row.planned.min,
      planned_max: row.planned.max,
      concept_min: row.conceptPlanned?.min ?? '',
      concept_max: row.conceptPlanned?.max ?? '',
      realised: row.realised ?? '',
      pipeline: row.pipeline ? row.pipeline.reduce((sum, p) => sum + p.places, 0) : '',
      planned_gap_min: row.plannedGap.min,
      planned_gap_max: row.plannedGap.max,
      realised_gap: row.realisedGap ?? '',
    })),
    { header: true },
  );
}

export function expiringCsv(provinces: ExpiringAgreementsOfProvince[]): string {
  return stringify(
    provinces.flatMap((province) =>
      province.agreements.map((a) => ({
        province: a.provinceCode,
        gemeente: a.gemeenteCode,
        location: a.locationName,
        opvangtype: a.opvangtype,
        places: a.places,
        end_date: a.endDate,
        extended: a.extended,
        replacement_proposed: a.replacementProposed,
      })),
    ),
    { header: true, columns: ['province', 'gemeente', 'location', 'opvangtype', 'places', 'end_date', 'extended', 'replacement_proposed'] },
  );
}
