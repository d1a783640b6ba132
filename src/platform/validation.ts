import { registerDecorator, type ValidationOptions } from 'class-validator';
import { badUserInput } from './errors.js';

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

/** A piece of text checked in a service: trimmed, 1 to `max` characters, no control characters (no newlines unless `multiline`). */
export function assertText(value: string, max: number, field: string, multiline = true): string {
  const text = value.trim();
  const ok = text.length > 0 && codePoints(text) <= max && !(multiline ? CONTROL : CONTROL_OR_NEWLINE).test(text);
  if (!ok) throw badUserInput(`${field.split('.').at(-1)} must be 1 to ${max} characters of text, without control characters`, field);
  return text;
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

/**
 * An id as the database writes it. PostgreSQL compares UUIDs case-insensitively and returns them in lower case,
 * so an id compared in JavaScript (a subscription matching events) is lower-cased where it comes in.
 */
export function normaliseId(value: string): string {
  return value.toLowerCase();
}

/** Half of a UTF-16 surrogate pair on its own: not a character at all (the JSON text `"\ud800"` decodes to one). */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The path (`input.lines[0].note`) of the first string in an argument value that holds a lone surrogate, or null.
 * Values are what graphql-js coerced from the request: strings, numbers, booleans, lists and input objects.
 */
export function loneSurrogateAt(value: unknown, path: string): string | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = loneSurrogateAt(value[index], `${path}[${index}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = loneSurrogateAt(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * One rule for every text argument of every field: a lone surrogate is BAD_USER_INPUT naming the field, before
 * class-validator or a service sees it (some validators throw on it; the database would store U+FFFD or refuse it).
 * Called by the global middleware (`error-masking.ts`) for every field, so no input type can forget it.
 */
export function assertWellFormedArguments(args: Record<string, unknown>): void {
  for (const name in args) {
    const field = loneSurrogateAt(args[name], name);
    if (field) throw badUserInput(`${field} holds half a character (a lone UTF-16 surrogate): send well-formed text`, field);
  }
}

export { isIsoDate } from './dates.js';
