import { formatDate } from '../app/format';
import type { Measure } from './queries';

/** € 50.000.000 */
export function formatEuros(amount: number): string {
  return new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(amount);
}

export function budgetText(m: Pick<Measure, 'budgetEuros' | 'budgetNote'>): string | null {
  const parts = [m.budgetEuros !== null ? formatEuros(m.budgetEuros) : null, m.budgetNote].filter(Boolean);
  return parts.length ? parts.join(', ') : null;
}

export function trekkersText(trekkers: readonly string[]): string {
  return trekkers.length ? trekkers.join(', ') : 'onbekend';
}

const KIND: Record<string, string> = { MOMENT: '', PERIOD_START: ' (begin)', PERIOD_END: ' (einde)' };

export function milestoneText(m: Measure['milestones'][number]): string {
  const state = m.done ? 'gereed' : m.overdue ? 'te laat' : 'gepland';
  return `${formatDate(m.dueOn)}: ${m.description}${KIND[m.kind] ?? ''} — ${state}`;
}

/** "open van 15 juli 2021 tot en met 31 december 2021", "open vanaf …, einddatum niet bekend" */
export function windowText(m: Pick<Measure, 'applicationsOpenFrom' | 'applicationsOpenUntil'>): string {
  if (m.applicationsOpenFrom && m.applicationsOpenUntil) return `van ${formatDate(m.applicationsOpenFrom)} tot en met ${formatDate(m.applicationsOpenUntil)}`;
  if (m.applicationsOpenFrom) return `vanaf ${formatDate(m.applicationsOpenFrom)}; einddatum niet bekend`;
  if (m.applicationsOpenUntil) return `tot en met ${formatDate(m.applicationsOpenUntil)}`;
  return 'periode niet bekend';
}

/**
 * Whether gemeenten may apply on the page's date, and until when. An open window whose end is not known is not called
 * "open now": the regeling may long have closed.
 */
export function openText(m: Pick<Measure, 'on' | 'applicationsOpen' | 'applicationsOpenFrom' | 'applicationsOpenUntil'>): string {
  if (m.applicationsOpenUntil && m.applicationsOpenUntil < m.on) return `Gesloten; was open ${windowText(m)}`;
  if (m.applicationsOpen && m.applicationsOpenUntil) return `Nu open, ${windowText(m)}`;
  if (m.applicationsOpen) return `Opengesteld ${windowText(m)}`;
  return `Nog niet open, ${windowText(m)}`;
}
