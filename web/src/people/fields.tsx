import { Alert, FormFieldSelect, FormFieldTextInput, FormFieldTextarea, Paragraph } from '@rijkshuisstijl-community/components-react';
import { useEffect, useRef, type ReactNode } from 'react';
import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';
import { fieldBinding } from '../app/forms';

/**
 * Form fields of the design system bound to React Hook Form: the label, the description and the error message
 * belong to the control (aria-describedby, aria-invalid). The design system also points its wrapper at
 * descriptions it does not render there: that attribute is left out.
 */
interface FieldProps {
  label: string;
  registration: UseFormRegisterReturn;
  error?: FieldError;
  description?: string;
  required?: boolean;
}

export function TextField({ label, registration, error, description, required, type = 'text', autoComplete }: FieldProps & { type?: string; autoComplete?: string }) {
  return (
    <FormFieldTextInput
      label={label}
      description={description}
      aria-describedby={undefined}
      type={type}
      required={required}
      autoComplete={autoComplete ?? 'off'}
      {...fieldBinding(registration, error)}
    />
  );
}

export function TextareaField({ label, registration, error, description, required }: FieldProps) {
  return (
    <FormFieldTextarea label={label} description={description} aria-describedby={undefined} required={required} rows={3} {...fieldBinding(registration, error)} />
  );
}

export function SelectField({ label, registration, error, description, required, children }: FieldProps & { children: ReactNode }) {
  const { inputRef, ...bound } = fieldBinding(registration, error);
  return (
    <FormFieldSelect label={label} description={description} selectRef={inputRef} required={required} {...bound}>
      {children}
    </FormFieldSelect>
  );
}

/** A required text of at most `max` characters (after trimming), with the form's Dutch words for each problem. */
export function requiredText(missing: string, what: string, max = 500) {
  return (value: string) => {
    if (!value.trim()) return missing;
    if (value.trim().length > max) return `${what} is te lang: ten hoogste ${max} tekens.`;
    return true;
  };
}

/**
 * What a form did, said once it is done: a status message that takes the focus, so that screen readers read it and
 * keyboard users continue from there.
 */
export function DoneNotice({ message }: { message: string | null }) {
  const notice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) notice.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <div ref={notice} tabIndex={-1}>
      <Alert type="ok" role="status">
        <Paragraph>{message}</Paragraph>
      </Alert>
    </div>
  );
}
