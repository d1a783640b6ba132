import { randomUUID } from 'node:crypto';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import type { Logger } from './logger.js';
import { refusedLiteralField } from './scalar-literals.js';

/**
 * The error codes a client can act on. Anything else reaching a client is masked as
 * INTERNAL_SERVER_ERROR with a request id that the log carries too.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** HTTP only, about the request rather than an argument: a body that is not valid UTF-8 or not JSON (400). */
  BAD_REQUEST: 'BAD_REQUEST',
  /** A request body over the limit (HTTP 413; a WebSocket message over it closes the connection with 1009). */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** A body in a charset other than UTF-8, or with a content-encoding the server does not read (HTTP 415). */
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** A subscriber so far behind that the server ended its subscription; subscribe again and catch up with events(after:). */
  SUBSCRIPTION_TOO_SLOW: 'SUBSCRIPTION_TOO_SLOW',
  CONFLICT: 'CONFLICT',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

/** A start-up failure a person fixes by changing a setting: the message names it, no stack trace needed. */
export class SettingError extends Error {}

/** The body of an answer made outside GraphQL's execution, in the shape GraphQL errors have. */
export const errorBody = (message: string, extensions: Record<string, unknown>) => ({ errors: [{ message, extensions }] });

/** An unexpected failure outside GraphQL's execution: no internals, only the request's id to find it in the log by. */
export const internalErrorBody = (requestId: string) => errorBody('Internal server error', { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId });

export function unauthenticated(message = 'A valid bearer token is required'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

export function forbidden(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN, ...(field ? { field } : {}) } });
}

/** Someone else changed the thing since `expectedVersion`: nothing was written. */
export function conflict(message: string, details: { currentVersion: number; changedBy: string | null; changedAt: Date | string }): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.CONFLICT, field: 'input.expectedVersion', ...details } });
}

export function notFound(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.NOT_FOUND, ...(field ? { field } : {}) } });
}

/** `field` is the path of the offending argument, e.g. `input.gemeenteCode`. */
export function badUserInput(message: string, field: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, field } });
}

/** A business rule broken by a change; the code names the rule. */
export function ruleViolation(code: string, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

/** Errors deliberately raised for the client: a GraphQLError that names its code. */
export function isClientError(error: unknown): error is GraphQLError {
  return error instanceof GraphQLError && typeof error.extensions?.code === 'string';
}

function flattenValidationErrors(errors: ValidationError[], prefix: string): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/**
 * type-graphql wraps whatever class-validator rejects with: normally the list of failed constraints, but a
 * validator that throws (validator.js's isEmail on half a surrogate pair did) ends up there too. Only the former is
 * the input's fault.
 */
export function isValidationFailure(error: unknown): error is ArgumentValidationError {
  return error instanceof ArgumentValidationError && Array.isArray(error.extensions.validationErrors);
}

/** type-graphql's class-validator failures become BAD_USER_INPUT naming the first field at fault. */
export function fromArgumentValidationError(error: ArgumentValidationError, argumentName?: string): GraphQLError {
  const problems = flattenValidationErrors(error.extensions.validationErrors as ValidationError[], argumentName ?? '');
  const first = problems[0] ?? { field: argumentName ?? 'input', message: 'Invalid input' };
  return new GraphQLError(first.message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, field: first.field, problems },
  });
}

/**
 * The one place that decides what a client sees of an error, used by the HTTP and the WebSocket path.
 * Known errors keep their message and code (without stack traces); anything else is logged with a
 * request id and masked. It never throws: a formatter that throws makes Apollo answer a bare
 * INTERNAL_SERVER_ERROR that nobody logged, and graphql-ws close the whole connection (4500).
 */
export function formatErrorForClient(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: Logger,
  requestId: string = randomUUID(),
): GraphQLFormattedError {
  try {
    return formatOrMask(formatted, error, log, requestId);
  } catch (failure) {
    let path: GraphQLFormattedError['path'];
    try {
      path = formatted.path;
      log.error({ err: failure, cause: error, requestId, path }, 'unexpected error (the error could not be formatted)');
    } catch {
      // Nothing more can be said safely; the client still gets the request id.
    }
    return { message: 'Internal server error', ...(path ? { path } : {}), extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId } };
  }
}

function formatOrMask(formatted: GraphQLFormattedError, error: unknown, log: Logger, requestId: string): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof ArgumentValidationError && !isValidationFailure(original)) {
    // A validator failed rather than the input: as unexpected as any other failure.
    return masked(formatted, original, log, requestId);
  }
  if (original instanceof ArgumentValidationError) {
    // Mutations take their arguments as one validated `input` object.
    const converted = fromArgumentValidationError(original, 'input');
    return { ...converted.toJSON(), path: formatted.path, locations: formatted.locations };
  }
  const code = formatted.extensions?.code;
  const literalField = code === 'GRAPHQL_VALIDATION_FAILED' ? refusedLiteralField(error) : null;
  if (literalField) {
    // A value a typed scalar refused, written in the query text: the same answer as when it comes in a variable.
    return { message: formatted.message, locations: formatted.locations, extensions: { code: ErrorCode.BAD_USER_INPUT, field: literalField } };
  }
  if ((code === undefined || code === ErrorCode.INTERNAL_SERVER_ERROR) && !formatted.path && isRaisedByGraphQL(error)) {
    // No path: raised by graphql-js about the request itself (variable coercion, validation), safe to show.
    return withField({ ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } });
  }
  // Any code other than INTERNAL_SERVER_ERROR was set on purpose (by us or by the GraphQL machinery).
  if (typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR) return withField(stripInternals(formatted));
  if (code === ErrorCode.INTERNAL_SERVER_ERROR && formatted.extensions?.requestId && !formatted.extensions?.stacktrace && formatted.message === 'Internal server error') {
    return stripInternals(formatted);
  }
  return masked(formatted, original, log, requestId);
}

function masked(formatted: GraphQLFormattedError, original: unknown, log: Logger, requestId: string): GraphQLFormattedError {
  log.error({ err: original, requestId, path: formatted.path }, 'unexpected error');
  return {
    message: 'Internal server error',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId },
  };
}

/** A GraphQLError all the way down: graphql-js's own words about the request, not a failure of ours. */
function isRaisedByGraphQL(error: unknown): boolean {
  let current: unknown = error;
  while (current instanceof GraphQLError) {
    if (!current.originalError) return true;
    current = current.originalError;
  }
  return false;
}

/**
 * graphql-js reports bad variables as `Variable "$input" got invalid value … at "input.role"; …`: name the
 * field at fault the way our own errors do.
 */
function withField(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (formatted.extensions?.code !== ErrorCode.BAD_USER_INPUT || formatted.extensions.field) return formatted;
  const match = /^Variable "\$(\w+)"[^;]*? at "([^"]+)"/.exec(formatted.message) ?? /^Variable "\$(\w+)"/.exec(formatted.message);
  if (!match) return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, field: match[2] ?? match[1] } };
}

function stripInternals(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const { stacktrace: _stack, http: _http, exception: _exception, ...extensions } = formatted.extensions ?? {};
  return { ...formatted, extensions };
}
