import { FormFieldTextInput } from '@rijkshuisstijl-community/components-react';
import { useSearchParams } from 'react-router';
import { isIsoDate } from '../app/format';

export const DEFAULT_DATE = '2023-01-01';

/** The date the figures are for, kept in the address (`?op=YYYY-MM-DD`) so a view can be shared. */
export function useOverviewDate(): [string, (date: string) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get('op');
  const on = isIsoDate(value) ? value : DEFAULT_DATE;
  const setOn = (date: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('op', date);
        return next;
      },
      { replace: true },
    );
  return [on, setOn];
}

export function DateField({ on, onChange }: { on: string; onChange: (date: string) => void }) {
  return (
    <FormFieldTextInput
      label="Peildatum"
      description="De cijfers gelden op deze datum."
      id="peildatum"
      name="op"
      type="date"
      defaultValue={on}
      key={on}
      onChange={(event) => {
        const value = (event.target as HTMLInputElement).value;
        if (isIsoDate(value)) onChange(value);
      }}
    />
  );
}
