import type { CombinedError } from '@urql/core';
import { useEffect } from 'react';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';

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
}

/** `input.lines[2].minPlaces` → `lines.2.minPlaces`. */
export function formPath(apiField: string): string {
  return apiField.replace(/^input\./, '').replace(/\[(\d+)\]/g, '.$1');
}

/** The field errors of a failed mutation, in the order the API gave them. */
export function serverFieldErrors(error: CombinedError | undefined): ServerFieldError[] {
  if (!error) return [];
  return error.graphQLErrors
    .filter((e) => typeof e.extensions?.field === 'string')
    .map((e) => ({ path: formPath(e.extensions.field as string), detail: e.message }));
}

/** What a form shows at a field the API refused. */
export function refusedMessage(detail: string): string {
  return `De server heeft deze waarde geweigerd: ${detail}`;
}

/**
 * Puts the API's field errors on the form's fields (`isField` says which paths the form has). Returns true when at
 * least one error found its field; the caller shows the rest (and the error as a whole) in an alert.
 */
export function applyServerFieldErrors<T extends FieldValues>(error: CombinedError | undefined, setError: UseFormSetError<T>, isField: (path: string) => boolean): boolean {
  let placed = false;
  for (const fieldError of serverFieldErrors(error)) {
    if (!isField(fieldError.path)) continue;
    setError(fieldError.path as Path<T>, { type: 'server', message: refusedMessage(fieldError.detail) }, { shouldFocus: !placed });
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
