import type http from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import express from 'express';
import type { Logger } from './logger.js';
import { ErrorCode, errorBody, internalErrorBody } from './errors.js';
import { requireUtf8, unreadableBodyAnswer } from './request-body.js';

const METHOD_NOT_ALLOWED = JSON.stringify(errorBody('The API is used with POST (or GET for a query), not with this method', { code: ErrorCode.BAD_REQUEST }));

/** A request whose body the JSON parser has read (`body` is undefined when there was none, e.g. a GET). */
type ParsedRequest = http.IncomingMessage & { body?: unknown };

export type GraphQLHttpHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/**
 * GraphQL over HTTP at `/graphql`: express.json (the body parser, with the size limit and the UTF-8 check) and then
 * Apollo Server's `executeHTTPGraphQLRequest`, the entry point its integrations are built on. It takes Node's own
 * request and response, so the HTTP server hands `POST /graphql` to it before Express's router: routing and Express's
 * request and response objects were about a third of the server's CPU for a small query (docs/benchmarks.md). Express mounts
 * the same function for every other request to `/graphql` (GET queries, `/graphql/`), so both answer alike.
 *
 * Every answer carries the request's id (`x-request-id`, given by `requestId` before the body is read), whatever it is.
 * A body that cannot be read is answered as a GraphQL error (`unreadableBodyAnswer`); anything else that goes wrong
 * outside Apollo's own error handling is logged and answered 500 with a code and the request id, never with a stack.
 */
export function graphqlHttpHandler<Context extends BaseContext>(
  apollo: ApolloServer<Context>,
  options: {
    bodyBytes: number;
    log: Logger;
    /** The request's id, also set as the answer's `x-request-id`. */
    requestId: (req: http.IncomingMessage, res: http.ServerResponse) => string;
    context: (req: http.IncomingMessage, res: http.ServerResponse, requestId: string) => Promise<Context>;
  },
): GraphQLHttpHandler {
  apollo.assertStarted('graphqlHttpHandler()');
  const readJson = express.json({ limit: options.bodyBytes, verify: requireUtf8 });

  const answer = (res: http.ServerResponse, status: number, body: string, headers: Iterable<[string, string]> = []) => {
    for (const [key, value] of headers) res.setHeader(key, value);
    res.statusCode = status;
    if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('content-length', Buffer.byteLength(body));
    res.end(body);
  };
  const failed = (res: http.ServerResponse, error: unknown, requestId: string) => {
    options.log.error({ err: error, requestId }, 'GraphQL HTTP request failed outside GraphQL');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    answer(res, 500, JSON.stringify(internalErrorBody(requestId)));
  };

  const execute = async (req: ParsedRequest, res: http.ServerResponse, requestId: string) => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: query === -1 ? '' : url.slice(query), body: req.body },
      context: () => options.context(req, res, requestId),
    });
    if (response.body.kind === 'complete') {
      answer(res, response.status ?? 200, response.body.string, response.headers);
      return;
    }
    // Incremental delivery (not enabled in this schema, but Apollo's contract): each part as it comes.
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };

  return (req, res) => {
    const requestId = options.requestId(req, res);
    // A method the API is not used with: said before anything else (the token, the body), as the path's own answer.
    if (req.method !== 'POST' && req.method !== 'GET') {
      answer(res, 405, METHOD_NOT_ALLOWED, [['allow', 'GET, POST']]);
      return;
    }
    readJson(req as express.Request, res as express.Response, (error?: unknown) => {
      if (error) {
        const unreadable = unreadableBodyAnswer(error, options.bodyBytes);
        if (!unreadable) return failed(res, error, requestId);
        answer(res, unreadable.status, unreadable.body);
        return;
      }
      execute(req, res, requestId).catch((failure: unknown) => failed(res, failure, requestId));
    });
  };
}

/** Whether the HTTP server hands a request straight to the GraphQL handler: `POST /graphql`, with or without a query string. */
export function isGraphQLPost(req: http.IncomingMessage): boolean {
  const url = req.url;
  return req.method === 'POST' && url !== undefined && url.startsWith('/graphql') && (url.length === 8 || url[8] === '?');
}
