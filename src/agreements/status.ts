import { addDays } from '../platform/dates.js';

export { addDays, today } from '../platform/dates.js';

/** The status of a bestuursovereenkomst follows from its dates, unless it was ended early. Pure. */
export enum AgreementStatus {
  GEPLAND = 'GEPLAND',
  LOPEND = 'LOPEND',
  VERLOPEN = 'VERLOPEN',
  BEEINDIGD = 'BEEINDIGD',
}

export function agreementStatus(agreement: { startDate: string; endDate: string; endedOn: string | null }, today: string): AgreementStatus {
  if (agreement.endedOn !== null && agreement.endedOn <= today) return AgreementStatus.BEEINDIGD;
  if (today < agreement.startDate) return AgreementStatus.GEPLAND;
  if (today > agreement.endDate) return AgreementStatus.VERLOPEN;
  return AgreementStatus.LOPEND;
}

/** The last day the agreement provides places: its end date, or the day before it was ended. */
export function lastDay(agreement: { endDate: string; endedOn: string | null }): string {
  return agreement.endedOn === null ? agreement.endDate : addDays(agreement.endedOn, -1);
}

export function periodsOverlap(a: { from: string; until: string }, b: { from: string; until: string }): boolean {
  return a.from <= b.until && b.from <= a.until;
}

/** SQL for the same rule, on an agreement aliased `a`, with `$today` as a date parameter. */
export function statusSql(today: string): string {
  return `CASE WHEN a.ended_on IS NOT NULL AND a.ended_on <= ${today} THEN 'BEEINDIGD'
    WHEN ${today} < a.start_date THEN 'GEPLAND' WHEN ${today} > a.end_date THEN 'VERLOPEN' ELSE 'LOPEND' END`;
}
