import { formatNumber, isIsoDate } from '../app/format';

/** A whole number of places from `min` to `max`, typed as digits only; the Dutch words for each problem. */
export function placesRule(max: number, min = 0) {
  return (value: string) => {
    const text = value.trim();
    if (/^-/.test(text)) return 'Het aantal plaatsen kan niet negatief zijn.';
    if (!/^\d+$/.test(text)) return 'Vul een heel aantal plaatsen in, zonder punten of komma’s.';
    if (Number(text) < min) return `Het aantal plaatsen is ten minste ${formatNumber(min)}.`;
    if (Number(text) > max) return `Het aantal plaatsen is ten hoogste ${formatNumber(max)}.`;
    return true;
  };
}

/** An existing date (the browser's date field gives YYYY-MM-DD). */
export const dateRule = (value: string) => isIsoDate(value) || 'Vul een bestaande datum in (dag, maand en jaar).';

/** The last day of a period: an existing date, not before its first day (`from()`, read when checked). */
export function periodEndRule(from: () => string) {
  return (value: string) => {
    const valid = dateRule(value);
    if (valid !== true) return valid;
    const start = from();
    return !start || value >= start || 'De einddatum ligt vóór de begindatum.';
  };
}
