import { GraphQLError, isObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
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
 * Wraps every resolver of the schema once it is built: errors raised for the client pass; anything unexpected is
 * logged with the request id and replaced by INTERNAL_SERVER_ERROR carrying that id. It wraps the schema itself, so
 * the HTTP and WebSocket paths behave alike. It also applies the rule every argument is held to before validation:
 * well-formed text. A field that answers at once (most of them read a property) is answered at once: no promise, no
 * async layer, as a middleware stack would add to every field of every row.
 */
export function maskUnexpectedErrors(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve) continue;
      const hasArgs = field.args.length > 0;
      field.resolve = (root, args, context: RequestContext, info) => {
        const writing = info.operation.operation === 'mutation';
        try {
          if (hasArgs) assertWellFormedArguments(args);
          // A mutation's own field: note whether its transaction got as far as COMMIT before anything failed.
          if (writing && info.path.prev === undefined) return mutationField(() => resolve(root, args, context, info), context, info);
          const result = resolve(root, args, context, info);
          return isPromise(result) ? result.then(undefined, (error: unknown) => Promise.reject(masked(error, context, info, writing, false))) : result;
        } catch (error) {
          throw masked(error, context, info, writing, false);
        }
      };
    }
  }
  return schema;
}

async function mutationField(next: () => unknown, context: RequestContext, info: GraphQLResolveInfo): Promise<unknown> {
  const run = await watchingCommits(async () => next());
  if ('error' in run && run.error !== undefined) throw masked(run.error, context, info, true, run.committing);
  return run.result;
}

const isPromise = (value: unknown): value is Promise<unknown> => typeof (value as { then?: unknown } | null)?.then === 'function';

/** What the client is told of an error: its own code if it was raised for it, otherwise a code without internals. */
function masked(error: unknown, context: RequestContext, info: GraphQLResolveInfo, writing: boolean, committing: boolean): unknown {
  // An ArgumentValidationError that holds no list of failed constraints is a validator that threw: unexpected.
  if (isValidationFailure(error) || (isClientError(error) && !(error instanceof ArgumentValidationError))) return error;
  // The database is unreachable or not answering: a code the client can act on; the outage is logged once, by the server.
  const outcome = databaseUnavailability(error);
  if (outcome) {
    context.log.debug({ err: error, field: `${info.parentType.name}.${info.fieldName}` }, 'database unavailable');
    // Once a COMMIT was sent, or below a mutation's own field (which ran after it committed), the change may well be
    // saved, whatever this failure says: the client must not be told that nothing was changed.
    return serviceUnavailable(writing && (committing || info.path.prev !== undefined) ? 'UNKNOWN' : outcome, writing, error);
  }
  const databaseCode =
    error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : error instanceof pg.DatabaseError ? error.code : undefined;
  if (databaseCode && REFUSED_VALUES.has(databaseCode)) {
    // Input checks should have caught this; the database refusing a value is still the input's fault.
    context.log.warn({ databaseCode, field: `${info.parentType.name}.${info.fieldName}` }, 'input refused by the database');
    return badUserInput('A value in the input is not acceptable (invalid characters, out of range, or too long)', 'input');
  }
  context.log.error({ err: error, field: `${info.parentType.name}.${info.fieldName}` }, 'unexpected error');
  return new GraphQLError('Internal server error', {
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId: context.requestId },
  });
}
