import { FormFieldSelect, SelectOption } from '@rijkshuisstijl-community/components-react';
import { useSearchParams } from 'react-router';

/** A filter kept in the address (`?name=value`, so a view can be shared): its value ('' when absent) and its setter, which drops it when emptied. */
export function useAddressFilter(name: string): [string, (value: string) => void] {
  const [params, setParams] = useSearchParams();
  const set = (value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  return [params.get(name) ?? '', set];
}

/** A list's status filter, kept in the address (`?status=`): "Alle statussen" or one of `names` (status → Dutch name), in a form named `label`. */
export function StatusFilter({ label, names }: { label: string; names: Record<string, string> }) {
  const [status, setStatus] = useAddressFilter('status');
  return (
    <form className="filters" aria-label={label} onSubmit={(event) => event.preventDefault()}>
      <FormFieldSelect label="Status" name="status" value={status} onChange={(event) => setStatus((event.target as HTMLSelectElement).value)}>
        <SelectOption value="">Alle statussen</SelectOption>
        {Object.entries(names).map(([value, name]) => (
          <SelectOption key={value} value={value}>
            {name}
          </SelectOption>
        ))}
      </FormFieldSelect>
    </form>
  );
}
