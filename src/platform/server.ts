import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin, type GraphQLRequestListener } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express, { type ErrorRequestHandler } from 'express';
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ValidationContext } from 'graphql';
import { LRUCache } from 'lru-cache';
import { useServer } from 'graphql-ws/use/ws';
import type { JWTVerifyGetKey } from 'jose';
import type { DataSource } from 'typeorm';
import { WebSocketServer } from 'ws';
import { createAuthenticator } from './auth/authenticate.js';
import { PrincipalCache } from './auth/principal-cache.js';
import type { Principal } from './auth/principal.js';
import type { Config } from './config.js';
import { pendingMigrations } from './database.js';
import { DatabaseHealth, databaseUnavailability, RETRY_AFTER_SECONDS, serviceUnavailable, UNAVAILABLE_CODES } from './database-health.js';
import { badUserInput, ErrorCode, errorBody, internalErrorBody, SettingError, formatErrorForClient, isClientError, unauthenticated } from './errors.js';
import type { Logger } from './logger.js';
import type { RequestContext } from './context.js';
import { createRequestContext, createServices, exportsOf, type AnyModule } from './module.js';
import { mountSignIn, mountWebApplication, type SignInUser } from './web.js';
import { graphqlHttpHandler, isGraphQLPost } from './graphql-http.js';
import { unreadableBodyAnswer } from './request-body.js';
import { limitRefusal } from './query-cost.js';
import { ScalarLiteralPathsRule } from './scalar-literals.js';
import { subscribeSharing } from './subscription-execution.js';

export interface RunningServer {
  url: string;
  port: number;
  /** Subscriptions this instance has made live since it started, ended ones included (see `EventBus.subscriptionsMade`). */
  subscriptionsMade(): number;
  close(): Promise<void>;
}

/** WebSocket close code 1013 (Try Again Later): the database is unavailable; graphql-ws clients retry it. */
export const WS_DATABASE_LOST = 1013;
/** /readyz answers within this time, whatever the database does. */
const READINESS_TIMEOUT_MS = 1_500;

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;
const BEARER_CHALLENGE = 'Bearer realm="regietafel"';

/** The client's x-request-id when it is a sensible one, else a new one; sent back either way (made once per request). */
function requestIdOf(req: http.IncomingMessage, res: http.ServerResponse): string {
  const given = res.getHeader('x-request-id');
  if (typeof given === 'string') return given;
  const header = req.headers['x-request-id'];
  const requestId = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
  res.setHeader('x-request-id', requestId);
  return requestId;
}

/**
 * graphql-armor labels each refusal "Syntax Error: …" (its own default reports it so); the document is well-formed, only
 * too deep or too costly: reported without that label, as the validation error it is (GRAPHQL_VALIDATION_FAILED).
 */
const refusing = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, '')))],
};

/** Query limits from graphql-armor, shared by the HTTP and the WebSocket path. */
export function armorFor(config: Config) {
  const armorConfig = {
    maxDepth: { n: config.limits.maxDepth, ignoreIntrospection: true, ...refusing },
    maxAliases: { n: config.limits.maxAliases, ...refusing },
    // Token counting is done by graphql-js's own parser option (below), on both paths.
    maxTokens: { enabled: false },
    costLimit: { maxCost: config.limits.maxCost, ...refusing },
    maxDirectives: { n: config.limits.maxDirectives, ...refusing },
    // Introspection is open to every authenticated user, so hiding "Did you mean …" protects nothing and
    // would make the HTTP path answer differently from the WebSocket path.
    blockFieldSuggestion: { enabled: false },
  };
  const protection = new ApolloArmor(armorConfig).protect();
  // The cost and depth rules alone, with the same settings: to measure again as the query would be written out (page
  // sizes given as variables written in, a connection's nodes as its edges' nodes: query-cost.ts).
  const off = { enabled: false };
  const measuring = new ApolloArmor({ costLimit: armorConfig.costLimit, maxDepth: armorConfig.maxDepth, maxAliases: off, maxTokens: off, maxDirectives: off, blockFieldSuggestion: off }).protect();
  return { ...protection, measureRules: measuring.validationRules };
}

/**
 * The GraphQL server: HTTP (Apollo Server; POST /graphql straight, the rest through Express) and graphql-ws on the
 * same /graphql path, with one authentication, one set of limits and one error policy for both.
 */
export async function startServer(options: {
  config: Config;
  log: Logger;
  db: DataSource;
  schema: GraphQLSchema;
  /** The capabilities (`src/modules.ts`): their services, loaders and HTTP exports. */
  modules: readonly AnyModule[];
  keys: JWTVerifyGetKey;
  /** The built web application (default dist/web). */
  webRoot?: string;
  /** Whom the development sign-in offers (only when it is on). */
  signInUsers?: SignInUser[];
}): Promise<RunningServer> {
  const { config, log, db, schema, modules } = options;
  const health = new DatabaseHealth(() => db.query('SELECT 1'), log);
  // When the database goes away, subscriptions cannot be served: their connections are closed with 1013 (Try Again
  // Later), which graphql-ws clients retry; once back, a client catches up with events(after: <last id seen>).
  let wsServer: WebSocketServer | undefined;
  const databaseUrl = (db.options as { url: string }).url;
  const services = createServices(modules, {
    db,
    log,
    domain: config.domain,
    live: {
      databaseUrl,
      maxPending: config.limits.subscriptionBacklog,
      onConnectionLost: () => {
        for (const socket of wsServer?.clients ?? []) socket.close(WS_DATABASE_LOST, 'SERVICE_UNAVAILABLE: database lost; reconnect, then catch up with events(after:)');
      },
    },
  });
  for (const module of modules) await module.start?.(services[module.name as keyof typeof services]);
  const stopModules = async () => {
    for (const module of [...modules].reverse()) await module.stop?.(services[module.name as keyof typeof services]);
  };
  const contextFor = (principal: Principal, requestId: string) => createRequestContext({ modules, db, services, log, principal, requestId });
  // Who each token subject is, kept while the database tells this instance of every change to it.
  const people = new PrincipalCache(databaseUrl, log);
  try {
    await people.start();
  } catch (error) {
    await stopModules();
    throw error;
  }
  const authenticator = createAuthenticator(db, options.keys, config.auth, people);
  const protection = armorFor(config);
  const validationRules = [...specifiedRules, ...protection.validationRules, ScalarLiteralPathsRule];
  // Parsed and validated documents of the WebSocket path, by their text: at most about 30 MB of query text.
  const validatedDocuments = new LRUCache<string, DocumentNode>({ maxSize: 30 * 1024 * 1024, sizeCalculation: (_document, query) => query.length * 2 + 1 });

  const app = express();
  app.disable('x-powered-by');
  // Answers are per person and never cached (see the cache-control plugin below): no hashing of every body for an ETag.
  app.disable('etag');
  // Every answer names its request, whatever answers it (the GraphQL handler gives POST /graphql its own).
  app.use((req, res, next) => {
    requestIdOf(req, res);
    next();
  });
  // Every request goes to Express until the GraphQL handler is made (below): then POST /graphql goes straight to it.
  let routeRequests: http.RequestListener = app;
  // Requests being answered: the drain at a stop says how many it waits for.
  let answering = 0;
  const httpServer = http.createServer((req, res) => {
    answering += 1;
    res.once('close', () => (answering -= 1));
    routeRequests(req, res);
  });

  // Liveness: the process works. It stays 200 while the database is away (restarting the server would not bring it
  // back; /readyz says 503 meanwhile); when the embedded PostgreSQL cannot be brought back, the process exits.
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', database: health.available ? 'available' : 'unavailable' });
  });
  mountSignIn(app, { config, log, users: options.signInUsers ?? [] });

  app.get('/readyz', async (_req, res) => {
    try {
      const pending = await withTimeout(pendingMigrations(db), READINESS_TIMEOUT_MS, 'the database did not answer within 1.5 s');
      if (pending.length > 0) {
        res.status(503).json({ status: 'migrations pending', pending });
        return;
      }
      res.json({ status: 'ready' });
    } catch (error) {
      if (databaseUnavailability(error) || error instanceof ReadinessTimeout) health.failed(error);
      else log.warn({ err: error }, 'readiness check failed');
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      res.status(503).json({ status: 'database unreachable' });
    }
  });

  // CSV exports for reports: authenticated like GraphQL, same policies, same error codes. Parameters are checked
  // strictly: a misspelt one must not quietly export every province.
  const exports: string[] = [];
  for (const route of exportsOf(modules)) {
    const { name, parameters } = route;
    exports.push(`/${name}.csv`);
    app.get(`/export/${name}.csv`, async (req, res) => {
      const requestId = requestIdOf(req, res);
      // Figures for one person's eyes: never kept by a browser or a proxy.
      res.setHeader('Cache-Control', 'no-store');
      try {
        const principal = await authenticator.authenticate(req.headers.authorization, { allowBareToken: false });
        const query: Partial<Record<string, string>> = {};
        for (const [key, value] of new URL(req.originalUrl, 'http://localhost').searchParams) {
          if (!parameters.includes(key)) throw badUserInput(`Unknown parameter ${key.slice(0, 40)}; this export takes ${parameters.join(', ')}`, key.slice(0, 40) || 'query');
          if (query[key] !== undefined) throw badUserInput(`${key} is given twice`, key);
          query[key] = value;
        }
        const body = await route.produce({ principal, services }, query);
        res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
        res.type('text/csv; charset=utf-8').send(body);
      } catch (error) {
        if (isClientError(error)) {
          const status = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 }[String(error.extensions.code)] ?? 400;
          const { http: _http, ...extensions } = error.extensions;
          if (status === 401) res.setHeader('WWW-Authenticate', BEARER_CHALLENGE);
          res.status(status).json({ errors: [{ message: error.message, extensions }] });
          return;
        }
        const outcome = databaseUnavailability(error);
        if (outcome) {
          health.failed(error);
          res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
          const unavailable = serviceUnavailable(outcome, false);
          res.status(503).json({ errors: [{ message: unavailable.message, extensions: unavailable.extensions }] });
          return;
        }
        log.error({ err: error, requestId }, 'export failed');
        res.status(500).json(internalErrorBody(requestId));
      }
    });
  }
  app.use('/export', (req, res) => {
    if (req.method !== 'GET' && exports.includes(req.path)) {
      res.setHeader('Allow', 'GET');
      res.status(405).json({ errors: [{ message: 'Exports are read with GET', extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    res.status(404).json({ errors: [{ message: `No such export: there are ${exports.map((path) => `/export${path}`).join(' and ')}`, extensions: { code: 'NOT_FOUND' } }] });
  });

  // Upgrades are handed over by hand (noServer) so that an error of the HTTP server (a port in use) stays the HTTP
  // server's, instead of being re-emitted on the WebSocket server.
  wsServer = new WebSocketServer({ noServer: true, maxPayload: config.limits.bodyBytes });
  httpServer.on('upgrade', (req, socket, head) => {
    // Node takes its own error listener off the socket before an upgrade: without one, a reset would crash us.
    socket.on('error', () => socket.destroy());
    // The same two paths as over HTTP: `/graphql` and `/graphql/`.
    const target = upgradePath(req.url);
    if (target !== '/graphql' && target !== '/graphql/') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n', () => socket.destroy());
      return;
    }
    wsServer!.handleUpgrade(req, socket, head, (ws) => wsServer!.emit('connection', ws, req));
  });
  const wsCleanup = useServer<Record<string, unknown>, { authorization?: string }>(
    {
      schema,
      // Never put internal error messages in close reasons, whatever NODE_ENV says.
      isProd: true,
      // Each event executed once per group of subscribers that see alike (subscription-execution.ts).
      subscribe: subscribeSharing,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const authorization = params.authorization ?? params.Authorization;
        let principal: Principal;
        try {
          principal = await authenticator.authenticate(typeof authorization === 'string' ? authorization : undefined, { allowBareToken: true });
        } catch (error) {
          if (isClientError(error) && UNAVAILABLE_CODES.has(error.extensions.code)) {
            health.failed(error);
            ctx.extra.socket.close(WS_DATABASE_LOST, 'SERVICE_UNAVAILABLE: the database is unavailable; try again shortly');
            return false;
          }
          if (!isClientError(error)) {
            log.error({ err: error }, 'unexpected error while authenticating a WebSocket connection');
            ctx.extra.socket.close(4500, 'Internal server error');
            return false;
          }
          // 4401 tells graphql-ws clients not to retry with the same credentials.
          ctx.extra.socket.close(4401, `${ErrorCode.UNAUTHENTICATED}: ${error.message}`.slice(0, 120));
          return false;
        }
        ctx.extra.authorization = authorization as string;
        // When the token expires the connection closes, ending its subscriptions: the client reconnects with a new one.
        let expiry: NodeJS.Timeout;
        const closeAtExpiry = () => {
          const left = principal.expiresAt - Date.now();
          // Timers run at most ~24.8 days: a longer-lived token is checked again then.
          if (left > 2 ** 31 - 1) expiry = setTimeout(closeAtExpiry, 2 ** 31 - 1);
          else expiry = setTimeout(() => ctx.extra.socket.close(4401, `${ErrorCode.UNAUTHENTICATED}: The token has expired`), Math.max(left, 0));
        };
        closeAtExpiry();
        ctx.extra.socket.once('close', () => clearTimeout(expiry));
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        // The token and the memberships are checked again for every operation: a revoked membership or an
        // expired token takes effect on open connections at once.
        let principal: Principal;
        try {
          principal = await authenticator.authenticate(ctx.extra.authorization, { allowBareToken: true });
        } catch (error) {
          if (isClientError(error)) return [error];
          throw error;
        }
        // A document seen before was parsed and validated then (as Apollo's document store does on the HTTP path).
        let document = validatedDocuments.get(payload.query);
        if (!document) {
          try {
            document = parse(payload.query, { maxTokens: config.limits.maxTokens });
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            return [new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
          }
          const errors = validate(schema, document, validationRules);
          if (errors.length > 0) {
            // As on the HTTP path (Apollo), every validation failure is GRAPHQL_VALIDATION_FAILED.
            return errors.map((error) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
          }
          validatedDocuments.set(payload.query, document);
        }
        const tooCostly = limitRefusal(schema, document, payload.variables, payload.operationName, protection.measureRules);
        if (tooCostly) return [tooCostly];
        const requestId = randomUUID();
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: contextFor(principal, requestId),
        };
      },
      onNext: (_ctx, _id, _payload, args, result) => {
        if (!result.errors) return undefined;
        const { requestId, log: requestLog } = args.contextValue as RequestContext;
        return { ...result, errors: result.errors.map((error) => formatErrorForClient(error.toJSON(), error, requestLog, requestId)) };
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => formatErrorForClient(error.toJSON(), error, log)),
    },
    wsServer,
  );

  const loggingPlugin: ApolloServerPlugin<RequestContext> = {
    async requestDidStart({ contextValue, request }) {
      const started = process.hrtime.bigint();
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === 'subscription') {
            throw new GraphQLError('Subscriptions are served over WebSocket (graphql-ws) on this same /graphql path', {
              extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
            });
          }
        },
        async didEncounterErrors({ errors }) {
          // Let formatError mask with this request's id (the one in the x-request-id header and the log).
          for (const error of errors) {
            const code = error.extensions?.code;
            if (code === undefined || code === ErrorCode.INTERNAL_SERVER_ERROR) {
              (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
            }
          }
        },
        async willSendResponse({ errors, response }) {
          // The database is unavailable: 503 with Retry-After, and one log line for the outage (not one per request).
          const unavailable = errors?.find((error) => UNAVAILABLE_CODES.has(error.extensions?.code));
          if (unavailable) {
            health.failed(unavailable);
            response.http.status = 503;
            response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
          } else if (!health.available && !errors) {
            health.succeeded();
          }
          contextValue.log.debug(
            { operation: request.operationName, ms: Number(process.hrtime.bigint() - started) / 1e6, errors: errors?.length ?? 0 },
            'graphql request',
          );
        },
      };
    },
  };

  // Page sizes given as variables and a connection's nodes count as written out (query-cost.ts); 400 like any refused query.
  // One set of hooks for every request: nothing of a request's own is kept.
  const costHooks: GraphQLRequestListener<RequestContext> = {
    async didResolveOperation({ document, request, operationName }) {
      const tooCostly = limitRefusal(schema, document, request.variables, operationName, protection.measureRules);
      if (tooCostly) throw new GraphQLError(tooCostly.message, { extensions: { ...tooCostly.extensions, http: { status: 400 } } });
    },
  };
  const costPlugin: ApolloServerPlugin<RequestContext> = { requestDidStart: async () => costHooks };

  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: true,
    allowBatchedHttpRequests: false,
    // Requests authenticate with a bearer token, which a browser never attaches by itself: a forged cross-site
    // request carries no credentials, so Apollo's CSRF guard would only block legitimate GET queries.
    csrfPrevention: false,
    includeStacktraceInErrorResponses: false,
    validationRules: [...protection.validationRules, ScalarLiteralPathsRule],
    parseOptions: { maxTokens: config.limits.maxTokens },
    formatError: (formatted, error) => formatErrorForClient(formatted, error, log, formatted.extensions?.requestId as string | undefined),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // No HTTP caching of authenticated answers, so no cache hints: and the default plugin hooks every field.
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's landing page loads from a CDN; people explore the API in the application's own explorer.
      ApolloServerPluginLandingPageDisabled(),
      { async serverWillStart() { return { async drainServer() { await wsCleanup.dispose(); await stopModules(); await people.stop(); } }; } },
      // graphql-armor's plugin types come from Apollo's CommonJS typings; the objects are the same.
      ...(protection.plugins as unknown as ApolloServerPlugin<RequestContext>[]),
      costPlugin,
      loggingPlugin,
    ],
  });
  await apollo.start();

  // A browser opening /graphql gets the explorer of the web application.
  app.get('/graphql', (req, res, next) => {
    if (req.query.query === undefined && req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html') {
      res.redirect(302, '/verkenner');
      return;
    }
    next();
  });
  const graphqlHttp = graphqlHttpHandler(apollo, {
    bodyBytes: config.limits.bodyBytes,
    log,
    requestId: requestIdOf,
    context: async (req, res, requestId) => {
      let principal: Principal;
      try {
        principal = await authenticator.authenticate(req.headers.authorization, { allowBareToken: false });
      } catch (error) {
        if (isClientError(error) && error.extensions.code === ErrorCode.UNAUTHENTICATED) {
          res.setHeader('WWW-Authenticate', BEARER_CHALLENGE);
        }
        if (isClientError(error) && UNAVAILABLE_CODES.has(error.extensions.code)) {
          health.failed(error);
          throw new GraphQLError(error.message, {
            extensions: { ...error.extensions, http: { status: 503, headers: new Map([['retry-after', String(RETRY_AFTER_SECONDS)]]) } },
          });
        }
        throw error;
      }
      return contextFor(principal, requestId);
    },
  });
  // POST /graphql, nearly every request, goes to the handler before Express (graphql-http.ts); the rest comes here.
  // `/graphql` and `/graphql/` (Express takes the mount path off); a path below it is no part of the API.
  app.use('/graphql', (req, res, next) => (req.path === '/' ? graphqlHttp(req, res) : next()));
  routeRequests = (req, res) => (isGraphQLPost(req) ? graphqlHttp(req, res) : app(req, res));

  // Body-parser failures of Express's own routes (the development sign-in) answered as the API answers them.
  const bodyErrors: ErrorRequestHandler = (error, _req, res, next) => {
    const answer = unreadableBodyAnswer(error, config.limits.bodyBytes);
    if (res.headersSent || !answer) return next(error);
    res.status(answer.status).type('application/json; charset=utf-8').send(answer.body);
  };
  app.use(bodyErrors);
  mountWebApplication(app, { webRoot: options.webRoot, log, config });
  // What no route answers (a path of the API's that does not exist, a method the application is not read with), and
  // what went wrong outside GraphQL: answered as the API answers, never with Express's HTML page or a stack.
  app.use((_req, res) => {
    res.status(404).json(errorBody('Not found', { code: ErrorCode.NOT_FOUND }));
  });
  const lastResort: ErrorRequestHandler = (error, req, res, _next) => {
    const requestId = String(res.getHeader('x-request-id') ?? '');
    // The client's fault (a path that cannot be decoded, a file gone between the check and the send): said as such.
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500 && !res.headersSent) {
      res.status(status).json(status === 404 ? errorBody('Not found', { code: ErrorCode.NOT_FOUND }) : errorBody('Bad request', { code: ErrorCode.BAD_REQUEST }));
      return;
    }
    log.error({ err: error, requestId, method: req.method, path: req.path }, 'request failed outside GraphQL');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(500).json(internalErrorBody(requestId));
  };
  app.use(lastResort);

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => resolve());
    });
  } catch (error) {
    await apollo.stop().catch(() => {});
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new SettingError(`port ${config.port} is already in use by another program: stop it, or set PORT to a free port (e.g. PORT=4001 npm start)`);
    if (code === 'EACCES') throw new SettingError(`port ${config.port} may not be used by this user: set PORT to a port above 1023`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new SettingError(`HOST ${config.host} is not an address of this machine: set HOST (e.g. 0.0.0.0 or 127.0.0.1)`);
    throw error;
  }
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `http://${host}:${port}/graphql`,
    port,
    subscriptionsMade: () => services.events.bus?.subscriptionsMade ?? 0,
    close: async () => {
      log.info({ requestsInFlight: answering }, 'draining: requests in flight are answered before the server stops');
      await apollo.stop();
      health.stop();
    },
  };
}

/** The path of an upgrade request's target, or null for a target that is not a path (e.g. `//`). */
function upgradePath(target: string | undefined): string | null {
  if (!target?.startsWith('/') || target.startsWith('//')) return null;
  try {
    return new URL(target, 'http://localhost').pathname;
  } catch {
    return null;
  }
}

/** The database did not answer /readyz in time: counted as the database being down (ETIMEDOUT). */
class ReadinessTimeout extends Error {
  readonly code = 'ETIMEDOUT';
}

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReadinessTimeout(message)), ms);
  });
  work.catch(() => {}); // settles after the timeout: nobody waits for it any more
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
