import type { CombinedError } from '@urql/core';
import { useEffect } from 'react';
import type { FieldError, FieldValues, Path, UseFormRegisterReturn, UseFormSetError } from 'react-hook-form';
import { codeMessage } from './errors';

/**
 * A BAD_USER_INPUT error from the API names the field at fault in `extensions.field`, as a path into the
 * operation's arguments: `input.lines[2].minPlaces`. A form built with React Hook Form names the same field
 * `lines.2.minPlaces`. The server's message is English and technical; the form shows a Dutch sentence and keeps
 * the server's words beside it (marked as English for screen readers).
 */
export interface ServerFieldError {
  /** The field's path as React Hook Form names it (`lines.2.minPlaces`), without the leading `input.`. */
  path: string;
  /** The API's own explanation, in English. */
  detail: string;
  /** The error's code: BAD_USER_INPUT, or a rule such as MEMBERSHIP_ALREADY_ACTIVE. */
  code: string;
}

/** `input.lines[2].minPlaces` → `lines.2.minPlaces`. */
export function formPath(apiField: string): string {
  return apiField.replace(/^input\./, '').replace(/\[(\d+)\]/g, '.$1');
}

/** Refusals of the person, not of a value: they are said in the form's alert, never at a field. */
const NOT_ABOUT_A_VALUE = new Set(['FORBIDDEN', 'UNAUTHENTICATED', 'CONFLICT', 'SERVICE_UNAVAILABLE', 'OUTCOME_UNKNOWN', 'INTERNAL_SERVER_ERROR']);

/** The field errors of a failed mutation, in the order the API gave them. */
export function serverFieldErrors(error: CombinedError | undefined): ServerFieldError[] {
  if (!error) return [];
  return error.graphQLErrors
    .filter((e) => typeof e.extensions?.field === 'string' && !NOT_ABOUT_A_VALUE.has(String(e.extensions?.code)))
    .map((e) => ({ path: formPath(e.extensions.field as string), detail: e.message, code: String(e.extensions?.code ?? 'BAD_USER_INPUT') }));
}

const nl = new Intl.NumberFormat('nl-NL');
const number = (text: string) => nl.format(Number(text));
const date = (text: string) => {
  const [year, month, day] = text.split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, day!)).toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
};

/**
 * The API explains a refused value in English (its contract for every client). What a person reads is Dutch: the
 * explanations of the checks a form's own checks may miss, with their figures and dates; anything else gets a general
 * sentence. The forms check the same limits first, so these are rare.
 */
const REFUSALS: [RegExp, (...groups: string[]) => string][] = [
  [/must be 1 to (\d+) characters on one line/, (max) => `Vul 1 tot ${number(max)} tekens in, op één regel.`],
  [/must be 1 to (\d+) characters of text/, (max) => `Vul 1 tot ${number(max)} tekens tekst in, zonder stuurtekens.`],
  [/is longer than (\d+) characters/, (max) => `Deze tekst is langer dan ${number(max)} tekens.`],
  [/contains control characters|lone UTF-16 surrogate/, () => 'Deze tekst bevat tekens die niet zijn toegestaan.'],
  [/must be a whole number from (\d+) to (\d+)/, (min, max) => `Vul een geheel getal in van ${number(min)} tot en met ${number(max)}.`],
  [/must be a whole number of at least 0/, () => 'Vul een geheel getal in van 0 of meer.'],
  [/must be at most (\d+)/, (max) => `Vul ten hoogste ${number(max)} in.`],
  [/\((\d+)\) is above maxPlaces \((\d+)\)/, (min, max) => `Het minimum (${number(min)}) is hoger dan het maximum (${number(max)}).`],
  [/regions take at least (\d+) places, more than the line's maximum of (\d+)/, (taken, max) => `De regio's nemen samen ten minste ${number(taken)} plaatsen, meer dan het maximum van de regel (${number(max)}).`],
  [/region cannot take more than the line's maximum of (\d+)/, (max) => `Een regio kan niet meer plaatsen krijgen dan het maximum van de regel (${number(max)}).`],
  [/(\d{4}-\d{2}-\d{2}) lies outside planning round (\S+) \((\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})\)/, (_value, round, from, to) => `Deze datum ligt buiten planningsronde ${round} (${date(from)} tot en met ${date(to)}).`],
  [/lies in no planning round/, () => 'Deze datum ligt in geen enkele planningsronde.'],
  [/must lie between the start \((\d{4}-\d{2}-\d{2})\) and the end date \((\d{4}-\d{2}-\d{2})\)/, (from, to) => `Kies een datum tussen ${date(from)} en ${date(to)}.`],
  [/must be decided on or before the end date \((\d{4}-\d{2}-\d{2})\)/, (end) => `Een verlenging moet uiterlijk op de einddatum (${date(end)}) zijn besloten; registreer daarna een nieuwe overeenkomst.`],
  [/cannot shorten or keep the end date: it is (\d{4}-\d{2}-\d{2})/, (end) => `De nieuwe einddatum moet na de huidige einddatum (${date(end)}) liggen.`],
  [/lies after today \((\d{4}-\d{2}-\d{2})\)/, (today) => `Deze datum ligt na vandaag (${date(today)}); kies vandaag of een eerdere datum.`],
  [/endDate is before startDate|until is before from|to is before from/, () => 'De einddatum ligt vóór de begindatum.'],
  [/is not a date/, () => 'Dit is geen geldige datum.'],
  [/amvPlaces cannot exceed places/, () => 'Er kunnen niet meer plaatsen voor amv zijn dan plaatsen in totaal.'],
  [/is not a current gemeente of this province/, () => 'Deze gemeente hoort niet (meer) bij deze provincie.'],
  [/the agreement must be of the same opvangtype/, () => 'De overeenkomst moet hetzelfde opvangtype hebben als het voorstel.'],
  [/ended on (\d{4}-\d{2}-\d{2}): register the agreement with the gemeente that took it over/, (ended) => `Deze gemeente bestaat sinds ${date(ended)} niet meer; registreer de overeenkomst bij de gemeente die haar heeft overgenomen.`],
  [/a plan has at most (\d+) lines/, (max) => `Een plan heeft ten hoogste ${number(max)} regels.`],
  [/a line has at most (\d+) regions/, (max) => `Een regel heeft ten hoogste ${number(max)} regio's.`],
  [/a region lists at most (\d+) gemeenten/, (max) => `Een regio telt ten hoogste ${number(max)} gemeenten.`],
  [/is required for a person regietafel does not know yet/, () => 'Vul dit in voor iemand die regietafel nog niet kent.'],
];

/** What a form shows at a field the API refused: Dutch, from the API's explanation where it is a known one. */
export function refusedMessage(detail: string): string {
  for (const [pattern, say] of REFUSALS) {
    const match = pattern.exec(detail);
    if (match) return say(...match.slice(1));
  }
  return 'De server heeft deze waarde niet geaccepteerd. Controleer de invoer.';
}

/**
 * Puts the API's field errors on the form's fields (`isField` says which paths the form has). Returns true when at
 * least one error found its field; the caller shows the rest (and the error as a whole) in an alert.
 */
export function applyServerFieldErrors<T extends FieldValues>(error: CombinedError | undefined, setError: UseFormSetError<T>, isField: (path: string) => boolean): boolean {
  let placed = false;
  for (const fieldError of serverFieldErrors(error)) {
    if (!isField(fieldError.path)) continue;
    const message = fieldError.code === 'BAD_USER_INPUT' ? refusedMessage(fieldError.detail) : codeMessage(fieldError.code) ?? refusedMessage(fieldError.detail);
    setError(fieldError.path as Path<T>, { type: 'server', message }, { shouldFocus: !placed });
    placed = true;
  }
  return placed;
}

/** Asks the browser to warn before the tab is closed or reloaded while `unsaved` is true. */
export function useWarnBeforeLeaving(unsaved: boolean): void {
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the dialog only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);
}

/** The props that tie a design-system form field to React Hook Form: the registration (its ref as `inputRef`) and the error shown at the field. */
export function fieldBinding({ ref, ...rest }: UseFormRegisterReturn, error?: FieldError) {
  return { inputRef: ref, invalid: Boolean(error), errorMessage: error?.message, ...rest };
}
