import { GraphQLError } from 'graphql';
import { ArgumentValidationError, type MiddlewareFn } from 'type-graphql';
import pg from 'pg';
import { QueryFailedError } from 'typeorm';
import { badUserInput, ErrorCode, isClientError, isValidationFailure } from './errors.js';
import { assertWellFormedArguments } from './validation.js';
import { databaseUnavailability, serviceUnavailable } from './database-health.js';
import { watchingCommits } from './database.js';

/** PostgreSQL error codes that mean "this value is not acceptable": bad encoding, too long, out of range, bad date, check failed. */
const REFUSED_VALUES = new Set(['22021', '22001', '22003', '22007', '22008', '22P02', '23514']);
import type { RequestContext } from './context.js';

/**
 * Wraps every resolver: errors raised for the client pass; anything unexpected is logged with the
 * request id and replaced by INTERNAL_SERVER_ERROR carrying that id. Runs inside the schema, so the
 * HTTP and WebSocket paths behave alike. It is the one global middleware (each adds an async layer to every
 * field), so it also applies the rule every argument is held to before validation: well-formed text.
 */
export const maskUnexpectedErrors: MiddlewareFn<RequestContext> = async ({ context, info, args }, next) => {
  const writing = info.operation.operation === 'mutation';
  let committing = false;
  try {
    assertWellFormedArguments(args);
    if (!writing || info.path.prev !== undefined) return await next();
    // A mutation's own field: note whether its transaction got as far as COMMIT before anything failed.
    const run = await watchingCommits(next);
    committing = run.committing;
    if ('error' in run && run.error !== undefined) throw run.error;
    return run.result;
  } catch (error) {
    // An ArgumentValidationError that holds no list of failed constraints is a validator that threw: unexpected.
    if (isValidationFailure(error) || (isClientError(error) && !(error instanceof ArgumentValidationError))) throw error;
    // The database is unreachable or not answering: a code the client can act on; the outage is logged once, by the server.
    const outcome = databaseUnavailability(error);
    if (outcome) {
      context.log.debug({ err: error, field: `${info.parentType.name}.${info.fieldName}` }, 'database unavailable');
      // Once a COMMIT was sent, or below a mutation's own field (which ran after it committed), the change may well be
      // saved, whatever this failure says: the client must not be told that nothing was changed.
      throw serviceUnavailable(writing && (committing || info.path.prev !== undefined) ? 'UNKNOWN' : outcome, writing, error);
    }
    const databaseCode =
      error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : error instanceof pg.DatabaseError ? error.code : undefined;
    if (databaseCode && REFUSED_VALUES.has(databaseCode)) {
      // Input checks should have caught this; the database refusing a value is still the input's fault.
      context.log.warn({ databaseCode, field: `${info.parentType.name}.${info.fieldName}` }, 'input refused by the database');
      throw badUserInput('A value in the input is not acceptable (invalid characters, out of range, or too long)', 'input');
    }
    context.log.error({ err: error, field: `${info.parentType.name}.${info.fieldName}` }, 'unexpected error');
    throw new GraphQLError('Internal server error', {
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId: context.requestId },
    });
  }
};
