import { stringify } from 'csv-stringify/sync';

/**
 * CSV for the exports, opened in spreadsheets: a header row, booleans as `true`/`false`, and a cell that starts with =,
 * +, -, @, tab or carriage return written with a leading quote, so a name in the data can never run as a formula.
 */
export function spreadsheetCsv(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  return stringify(rows as Record<string, unknown>[], {
    header: true,
    escape_formulas: true,
    cast: { boolean: (value: boolean) => String(value) },
    ...(columns ? { columns: [...columns] } : {}),
  });
}
