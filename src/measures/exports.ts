import { stringify } from 'csv-stringify/sync';
import { badUserInput } from '../platform/errors.js';
import { isIsoDate } from '../platform/dates.js';
import type { ExportRoute } from '../platform/module.js';
import { dutchDate, measureCell, planningCell, THEME_HEADINGS } from './rules.js';
import type { SupportMeasure } from './types.js';

const SAFE = { header: true, escape_formulas: true };

/** The status table as it stood on a date, in its own layout: Thema, Paragraaf, Ondersteuningsmaatregel, Stand van zaken, Planning, Trekker. */
export function statusTableCsv(measures: readonly SupportMeasure[], on: string): string {
  return stringify(
    measures.map((m) => ({
      Thema: THEME_HEADINGS[m.theme],
      Paragraaf: m.paragraph,
      Ondersteuningsmaatregel: measureCell(m.title, m.budgetEuros, m.budgetNote),
      'Stand van zaken': m.standVanZaken ? `Stand per ${dutchDate(m.standVanZaken.asOf)}: ${m.standVanZaken.body}` : '',
      Planning: planningCell(m.planning, m.milestones, on),
      Trekker: m.trekkers.join(', '),
    })),
    { ...SAFE, columns: ['Thema', 'Paragraaf', 'Ondersteuningsmaatregel', 'Stand van zaken', 'Planning', 'Trekker'] },
  );
}

/** For an LRT meeting: the table as it stood on `on` (YYYY-MM-DD, default today), through the same service as supportMeasures. */
export const measureExports: ExportRoute[] = [
  {
    name: 'statustabel',
    parameters: ['on'],
    produce: async ({ principal, services }, query) => {
      if (query.on !== undefined && !isIsoDate(query.on)) throw badUserInput('on must be a date (YYYY-MM-DD)', 'on');
      const measures = await services.measures.list(principal, { on: query.on });
      return statusTableCsv(measures, measures[0]?.on ?? query.on ?? '');
    },
  },
];
