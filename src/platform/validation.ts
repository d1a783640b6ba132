import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * Control characters other than tab and newline (PostgreSQL refuses NUL outright), and lone surrogates
 * (half a character, which no database stores faithfully).
 */
export const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]|\p{Cs}/u;
export const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f]|\p{Cs}/u;

/** Length as PostgreSQL counts it: code points, not UTF-16 units. */
export function codePoints(value: string): number {
  return [...value].length;
}

/**
 * A piece of text from a user: no control characters (newlines only if `multiline`), and between `min` and
 * `max` characters once surrounding whitespace is trimmed, counted as the database counts them.
 */
export function IsText(limits: { min?: number; max: number; multiline?: boolean }, options?: ValidationOptions) {
  const min = limits.min ?? 1;
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isText',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => {
          if (value === null || value === undefined) return true; // optionality is the field's own business
          if (typeof value !== 'string') return false;
          if ((limits.multiline ? CONTROL : CONTROL_OR_NEWLINE).test(value)) return false;
          const length = codePoints(value.trim());
          return length >= min && length <= limits.max;
        },
        defaultMessage: () =>
          `${propertyName} must be ${min} to ${limits.max} characters of text${limits.multiline ? '' : ' on one line'}, without control characters`,
      },
    });
}

/** The same rule for arguments checked in services (search strings, cursors). */
export function isCleanText(value: string, max: number): boolean {
  return !CONTROL_OR_NEWLINE.test(value) && codePoints(value) <= max;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else cannot name a row and is refused before it reaches the database. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
