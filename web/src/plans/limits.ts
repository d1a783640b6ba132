import { formatNumber } from '../app/format';

/**
 * The limits the server holds a plan to (`LIMITS` in src/plans/validation.ts, and the change summary in
 * plan.service.ts), checked in the browser first so that a person hears of them in Dutch, at the field, before
 * sending. The server stays the judge.
 */
export const LIMITS = {
  title: 200,
  section: 20_000,
  note: 1_000,
  regionName: 200,
  places: 1_000_000,
  reason: 2_000,
  summary: 500,
} as const;

/** Control characters the server refuses: in any text, and (for one-line text) newlines and tabs too. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]|\p{Cs}/u;
const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f]|\p{Cs}/u;

/** Length as the server counts it: code points, not UTF-16 units (an emoji is one character). */
export function characters(value: string): number {
  return [...value].length;
}

/**
 * What is wrong with a text, in Dutch, or null. `what` names it in a sentence ("de titel"); `required` is the message
 * for an empty text when one is required; `oneLine` refuses line breaks; `trim` counts without the outer spaces (as the
 * server does for titles, names, notes and reasons, not for sections).
 */
export function textProblem(value: string, rule: { what: string; max: number; required?: string; oneLine?: boolean; trim?: boolean }): string | null {
  const text = rule.trim === false ? value : value.trim();
  if (text.trim() === '') return rule.required ?? null;
  if (rule.oneLine && /[\r\n]/.test(text)) return `Schrijf ${rule.what} op één regel.`;
  if ((rule.oneLine ? CONTROL_OR_NEWLINE : CONTROL).test(text)) return `${capital(rule.what)} bevat tekens die niet zijn toegestaan (zoals tabs of stuurtekens).`;
  const length = characters(text);
  if (length > rule.max) return `${capital(rule.what)} is ${formatNumber(length)} tekens lang; ten hoogste ${formatNumber(rule.max)} tekens.`;
  return null;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
