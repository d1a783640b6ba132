import { FormFieldTextInput } from '@rijkshuisstijl-community/components-react';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { formatDate, isIsoDate } from '../app/format';

export const DEFAULT_DATE = '2023-01-01';

/**
 * The date the figures are for, kept in the address (`?op=YYYY-MM-DD`) so a view can be shared. A date in the address
 * that is not a real calendar date gives the default, and `invalid` holds what was there, to say so.
 */
export function useOverviewDate(): [string, (date: string) => void, string | null] {
  const [params, setParams] = useSearchParams();
  const value = params.get('op');
  const valid = isIsoDate(value);
  const on = valid ? value : DEFAULT_DATE;
  const setOn = (date: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('op', date);
        return next;
      },
      { replace: true },
    );
  return [on, setOn, value !== null && !valid ? value : null];
}

/** A date someone can mean: a real date with a four-digit year from 1900 (typing a year passes 0002, 0020, 0202). */
function plausible(value: string): boolean {
  return isIsoDate(value) && Number(value.slice(0, 4)) >= 1900;
}

/**
 * The date field keeps its own value while someone types; the date is taken over when the field loses focus, on
 * Enter, or (after a pause) when a complete, plausible date is present. The field itself stays the same element.
 */
export function DateField({ on, onChange }: { on: string; onChange: (date: string) => void }) {
  const [text, setText] = useState(on);
  const input = useRef<HTMLInputElement>(null);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    // A date from elsewhere (the address): shown, unless someone is typing in the field.
    if (document.activeElement !== input.current) setText(on);
  }, [on]);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const commit = (value: string) => {
    window.clearTimeout(timer.current);
    if (plausible(value) && value !== on) onChange(value);
  };
  return (
    <FormFieldTextInput
      label="Peildatum"
      description="De cijfers gelden op deze datum."
      // The design system points the wrapper at a description id it never renders; the input has its own.
      aria-describedby={undefined}
      name="op"
      type="date"
      value={text}
      inputRef={input}
      onChange={(event) => {
        const value = (event.target as HTMLInputElement).value;
        setText(value);
        window.clearTimeout(timer.current);
        if (plausible(value)) timer.current = window.setTimeout(() => commit(value), 800);
      }}
      onBlur={(event) => commit((event.target as HTMLInputElement).value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          commit((event.target as HTMLInputElement).value);
        }
      }}
    />
  );
}

/** Says, in Dutch, that the date in the address was not used. */
export function invalidDateMessage(value: string): string {
  return `"${value}" is geen geldige datum; de cijfers gelden op ${formatDate(DEFAULT_DATE)}.`;
}
