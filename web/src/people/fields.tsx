import { FormFieldSelect, FormFieldTextInput, FormFieldTextarea } from '@rijkshuisstijl-community/components-react';
import type { ReactNode } from 'react';
import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';

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

export function TextField({ label, registration: { ref, ...field }, error, description, required, type = 'text', autoComplete }: FieldProps & { type?: string; autoComplete?: string }) {
  return (
    <FormFieldTextInput
      label={label}
      description={description}
      aria-describedby={undefined}
      invalid={Boolean(error)}
      errorMessage={error?.message}
      inputRef={ref}
      type={type}
      required={required}
      autoComplete={autoComplete ?? 'off'}
      {...field}
    />
  );
}

export function TextareaField({ label, registration: { ref, ...field }, error, description, required }: FieldProps) {
  return (
    <FormFieldTextarea
      label={label}
      description={description}
      aria-describedby={undefined}
      invalid={Boolean(error)}
      errorMessage={error?.message}
      inputRef={ref}
      required={required}
      rows={3}
      {...field}
    />
  );
}

export function SelectField({ label, registration: { ref, ...field }, error, description, required, children }: FieldProps & { children: ReactNode }) {
  return (
    <FormFieldSelect label={label} description={description} invalid={Boolean(error)} errorMessage={error?.message} selectRef={ref} required={required} {...field}>
      {children}
    </FormFieldSelect>
  );
}
