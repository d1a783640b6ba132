import { GraphQLError } from 'graphql';
import { ArgumentValidationError, type MiddlewareFn } from 'type-graphql';
import { ErrorCode, isClientError } from './errors.js';
import type { RequestContext } from './context.js';

/**
 * Wraps every resolver: errors raised for the client pass; anything unexpected is logged with the
 * request id and replaced by INTERNAL_SERVER_ERROR carrying that id. Runs inside the schema, so the
 * HTTP and WebSocket paths behave alike.
 */
export const maskUnexpectedErrors: MiddlewareFn<RequestContext> = async ({ context, info }, next) => {
  try {
    return await next();
  } catch (error) {
    if (isClientError(error) || error instanceof ArgumentValidationError) throw error;
    context.log.error({ err: error, field: `${info.parentType.name}.${info.fieldName}` }, 'unexpected error');
    throw new GraphQLError('Internal server error', {
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId: context.requestId },
    });
  }
};
