/** Calendar days written as YYYY-MM-DD, the way the schema's `LocalDate` carries them. */

/** A real calendar date written as YYYY-MM-DD (no 30 February, no year 0). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value.startsWith('0000')) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Dutch calendar days as YYYY-MM-DD. Made once: making a formatter costs far more than formatting a date with it. */
const DUTCH_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in the Netherlands (agreements start and end on Dutch calendar days). */
export function today(): string {
  return DUTCH_DAY.format(new Date());
}

export function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}
