import { FormFieldSelect, FormFieldTextarea, FormFieldTextInput, SelectOption } from '@rijkshuisstijl-community/components-react';
import type { ReactNode } from 'react';
import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';
import { formatDate } from '../app/format';
import { fieldBinding } from '../app/forms';

/**
 * Form fields of the design system wired to React Hook Form: the field's `register` result, its error (from the
 * client's checks or the API, see app/forms.ts) shown at the field and linked to it (aria-invalid, aria-describedby).
 */
export function TextField({
  label,
  description,
  error,
  registration,
  type = 'text',
  required = false,
  autoComplete,
}: {
  label: string;
  description?: ReactNode;
  error?: FieldError;
  registration: UseFormRegisterReturn;
  type?: 'text' | 'number' | 'date';
  required?: boolean;
  autoComplete?: string;
}) {
  return (
    <FormFieldTextInput
      label={required ? `${label} (verplicht)` : label}
      description={description}
      // The design system points the wrapper at ids it never renders; the input has its own.
      aria-describedby={undefined}
      type={type}
      autoComplete={autoComplete ?? 'off'}
      inputRequired={required}
      {...fieldBinding(registration, error)}
    />
  );
}

export function TextArea({ label, description, error, registration, required = false, rows = 4 }: { label: string; description?: ReactNode; error?: FieldError; registration: UseFormRegisterReturn; required?: boolean; rows?: number }) {
  return (
    <FormFieldTextarea
      label={required ? `${label} (verplicht)` : label}
      description={description}
      aria-describedby={undefined}
      inputRequired={required}
      rows={rows}
      {...fieldBinding(registration, error)}
    />
  );
}

export function SelectField({
  label,
  description,
  error,
  registration,
  options,
  required = false,
}: {
  label: string;
  description?: string;
  error?: FieldError;
  registration: UseFormRegisterReturn;
  options: { value: string; label: string }[];
  required?: boolean;
}) {
  const { inputRef, ...bound } = fieldBinding(registration, error);
  return (
    <FormFieldSelect label={required ? `${label} (verplicht)` : label} description={description} selectRef={inputRef} required={required} {...bound}>
      {options.map((option) => (
        <SelectOption key={option.value} value={option.value}>
          {option.label}
        </SelectOption>
      ))}
    </FormFieldSelect>
  );
}

/** A whole number from a number field ('' when left empty), as React Hook Form's `setValueAs`. */
export function wholeNumber(value: unknown): number | '' {
  if (value === '' || value == null) return '';
  const number = Number(value);
  return Number.isFinite(number) ? number : Number.NaN;
}

/** Client-side checks in Dutch (the server stays the judge). */
export function placesRule(label: string, { min = 1, max = 100_000, required = true }: { min?: number; max?: number; required?: boolean } = {}) {
  return {
    setValueAs: wholeNumber,
    validate: (value: number | '') => {
      if (value === '') return required ? `Vul ${label} in.` : true;
      if (!Number.isInteger(value)) return `${capitalise(label)} moet een heel getal zijn.`;
      if (value < min || value > max) return `${capitalise(label)} moet tussen ${min.toLocaleString('nl-NL')} en ${max.toLocaleString('nl-NL')} liggen.`;
      return true;
    },
  };
}

export function dateRule(label: string, required = true) {
  return {
    validate: (value: string) => {
      if (!value) return required ? `Vul ${label} in.` : true;
      return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(new Date(`${value}T12:00:00Z`).getTime()) ? true : `${capitalise(label)} is geen geldige datum.`;
    },
  };
}

export function textRule(label: string, max: number, required = true) {
  return {
    validate: (value: string) => {
      if (!value || !value.trim()) return required ? `Vul ${label} in.` : true;
      // Counted as the server counts: characters (code points) of the text without surrounding spaces.
      const length = [...value.trim()].length;
      return length <= max ? true : `${capitalise(label)} mag hoogstens ${max.toLocaleString('nl-NL')} tekens lang zijn (nu ${length.toLocaleString('nl-NL')}).`;
    },
  };
}

/** A date that must have happened already: not after today (the server refuses a date in the future). */
export function pastDateRule(label: string, today: string) {
  return {
    validate: (value: string) => {
      const valid = dateRule(label).validate(value);
      if (valid !== true) return valid;
      return value <= today ? true : `${capitalise(label)} kan niet na vandaag (${formatDate(today)}) liggen.`;
    },
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Facts about a subject as a description list: term above value, in a grid. */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {items.map(([term, value]) => (
        <div key={term} className="facts__item">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
