/**
 * The pure rules of the status table of ondersteuningsmaatregelen: which stand van zaken is in force on a date, when a
 * measure is overdue, and how a row of the table is written (Dutch, as the LRT's table of 19 June 2021 is).
 */

export enum SupportMeasureTheme {
  HUISVESTING = 'HUISVESTING',
  OPVANG_KORTE_TERMIJN = 'OPVANG_KORTE_TERMIJN',
  FLEXIBILISERING = 'FLEXIBILISERING',
  INBURGERING = 'INBURGERING',
  ONDERSTEUNING_PRTS = 'ONDERSTEUNING_PRTS',
}

/** The themes in the order of the status table, with the headings it uses. */
export const THEME_HEADINGS: Record<SupportMeasureTheme, string> = {
  HUISVESTING: 'HUISVESTING',
  OPVANG_KORTE_TERMIJN: 'OPVANG KORTE TERMIJN',
  FLEXIBILISERING: 'FLEXIBILISERING',
  INBURGERING: 'INBURGERING',
  ONDERSTEUNING_PRTS: "ONDERSTEUNING PRT'S",
};
export const THEME_ORDER = Object.keys(THEME_HEADINGS) as SupportMeasureTheme[];

export enum MilestoneKind {
  MOMENT = 'MOMENT',
  PERIOD_START = 'PERIOD_START',
  PERIOD_END = 'PERIOD_END',
}

/** The LRT as a trekker: a table, not an organisation, so it is a flag on the measure and this word in lists. */
export const LRT_TREKKER = 'LRT';

/** Paragraph numbers of the Handreiking: 7.2, 4.3.1, 8.2.2 … */
export const PARAGRAPH = /^[1-9][0-9]?(\.[0-9]{1,2}){0,3}$/;

export function compareParagraphs(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

export interface DatedEntry {
  asOf: string;
  createdAt: Date;
}

/** The stand van zaken in force on a date: the latest dated on or before it (of two on one day, the later written). */
export function inForce<T extends DatedEntry>(entries: readonly T[], on: string): T | null {
  let best: T | null = null;
  for (const entry of entries) {
    if (entry.asOf > on) continue;
    if (!best || entry.asOf > best.asOf || (entry.asOf === best.asOf && entry.createdAt.getTime() > best.createdAt.getTime())) best = entry;
  }
  return best;
}

export interface MilestoneFacts {
  dueOn: string;
  recordedOn: string;
  doneOn: string | null;
}

/** Known on the date (recorded by then) and done by then. */
export const knownOn = (milestone: MilestoneFacts, on: string) => milestone.recordedOn <= on;
export const doneOn = (milestone: MilestoneFacts, on: string) => milestone.doneOn !== null && milestone.doneOn <= on;

/** A milestone dated before the date, known by then, and not done by then. */
export const milestoneOverdue = (milestone: MilestoneFacts, on: string) => knownOn(milestone, on) && milestone.dueOn < on && !doneOn(milestone, on);

/** A measure is overdue on a date when one of its milestones is. */
export const measureOverdue = (milestones: readonly MilestoneFacts[], on: string) => milestones.some((m) => milestoneOverdue(m, on));

/** Whether gemeenten may apply on the date (an open start or end is taken as unbounded on that side). */
export function applicationsOpen(measure: { openToGemeenten: boolean; applicationsOpenFrom: string | null; applicationsOpenUntil: string | null }, on: string): boolean {
  if (!measure.openToGemeenten) return false;
  if (measure.applicationsOpenFrom && measure.applicationsOpenFrom > on) return false;
  if (measure.applicationsOpenUntil && measure.applicationsOpenUntil < on) return false;
  return Boolean(measure.applicationsOpenFrom || measure.applicationsOpenUntil);
}

/** 15-07-2021, as the table writes dates. */
export function dutchDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}-${m}-${y}`;
}

/** € 50.000.000 */
export function euros(amount: number): string {
  return `€ ${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
}

const KIND_WORD: Record<MilestoneKind, string> = { MOMENT: '', PERIOD_START: ' (start)', PERIOD_END: ' (einde)' };

/** The Planning cell: the planning as written, then every milestone known on the date, with its date. */
export function planningCell(planning: string | null, milestones: readonly (MilestoneFacts & { kind: MilestoneKind; description: string })[], on: string): string {
  const lines = planning ? [planning] : [];
  for (const m of [...milestones].filter((m) => knownOn(m, on)).sort((a, b) => a.dueOn.localeCompare(b.dueOn))) {
    const state = doneOn(m, on) ? 'gereed' : milestoneOverdue(m, on) ? 'te laat' : 'gepland';
    lines.push(`${dutchDate(m.dueOn)}: ${m.description}${KIND_WORD[m.kind]} [${state}]`);
  }
  return lines.join('\n');
}

/** The Ondersteuningsmaatregel cell: the title, and the budget where one is named. */
export function measureCell(title: string, budgetEuros: number | null, budgetNote: string | null): string {
  if (budgetEuros === null && !budgetNote) return title;
  const budget = [budgetEuros !== null ? euros(budgetEuros) : null, budgetNote].filter(Boolean).join(', ');
  return `${title}\nBudget: ${budget}`;
}
