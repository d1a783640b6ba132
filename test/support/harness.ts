import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { SignJWT } from 'jose';
import { createClient, type Client, type ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { inject } from 'vitest';
import type { DataSource } from 'typeorm';
import { buildAppSchema } from '../../src/schema.js';
import { devSigningKey, verificationKeys } from '../../src/platform/auth/keys.js';
import { loadConfig, type Config } from '../../src/platform/config.js';
import { createDataSource } from '../../src/platform/database.js';
import { createLogger } from '../../src/platform/logger.js';
import { startServer, type RunningServer } from '../../src/platform/server.js';
import { demoSignInUsers } from '../../src/demo/people.js';
import { modules } from '../../src/modules.js';
import { entitiesOf } from '../../src/platform/module.js';

export interface GraphQLResponse<T = any> {
  status: number;
  headers: Headers;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

/** A fresh database cloned from the migrated, demo-seeded template: one per test file. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = inject('adminUrl');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface TestServer {
  url: string;
  wsUrl: string;
  db: DataSource;
  config: Config;
  /** What the server logged, as parsed JSON lines (only with `captureLogs`; level info unless LOG_LEVEL says otherwise). */
  logs: Record<string, any>[];
  /**
   * SQL statements sent since the last reset (for batching tests), except the reads of who a token belongs to:
   * those are made only when the server's cache of them was emptied, so they are counted apart.
   */
  statements: string[];
  /** The reads of who a token belongs to (see `statements`). */
  principalReads: string[];
  token(subject: string, options?: { expires?: string | number; audience?: string; issuer?: string; name?: string }): Promise<string>;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string | null, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** gql() as the given demo user. */
  as<T = any>(subject: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /**
   * A graphql-ws client. Lazy (default): connects for an operation and closes when idle. `persistent`: one
   * connection kept open; `connections()` counts how many were made.
   */
  wsClient(connectionParams?: Record<string, unknown>, options?: { persistent?: boolean }): Client & { connections(): number };
  /** Subscriptions the server has made live since it started, ended ones included (it only grows). */
  subscriptionsMade(): number;
  /**
   * Resolves once the server has made `count` subscriptions live in all (a `subscriptionsMade()` read before
   * subscribing, plus how many were asked for). graphql-ws confirms no subscription to its client: a test that
   * subscribes waits on this, not on a sleep, before it causes the event.
   */
  untilSubscribed(count: number): Promise<void>;
  close(): Promise<void>;
}

/** The statement that reads who a token subject is (src/platform/auth/authenticate.ts). */
const PRINCIPAL_READ = /FROM person p WHERE p\.subject = \$1/;

/** A real server (HTTP + WebSocket) on a free port, backed by its own database on the real PostgreSQL. */
export async function startTestServer(env: Record<string, string> = {}, options: { captureLogs?: boolean; databaseUrl?: string; webRoot?: string } = {}): Promise<TestServer> {
  const database = options.databaseUrl ? { url: options.databaseUrl, drop: async () => {} } : await createTestDatabase();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'regietafel-keys-'));
  const logLevel = process.env.TEST_LOG_LEVEL ?? (options.captureLogs ? 'info' : 'silent');
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: database.url, REGIETAFEL_DATA_DIR: dataDir, LOG_LEVEL: logLevel, ...env });
  const logs: Record<string, any>[] = [];
  const log = options.captureLogs
    ? createLogger({ ...config, prettyLogs: false }, { write: (line: string) => void logs.push(JSON.parse(line)) })
    : createLogger(config);
  const statements: string[] = [];
  const principalReads: string[] = [];
  const onQuery = (sql: string) => void (PRINCIPAL_READ.test(sql) ? principalReads : statements).push(sql);
  const db = await createDataSource(database.url, { poolSize: 5, timeouts: config.databaseTimeouts, entities: entitiesOf(modules), onQuery }).initialize();
  const schema = await buildAppSchema();
  const keys = await verificationKeys({ jwksUrl: config.auth.jwksUrl, dataDir });
  const server: RunningServer = await startServer({ config, log, db, schema, modules, keys, webRoot: options.webRoot, signInUsers: demoSignInUsers() });
  const signing = await devSigningKey(dataDir);
  const clients: Client[] = [];

  const token: TestServer['token'] = (subject, options = {}) =>
    new SignJWT({ name: options.name ?? subject })
      .setProtectedHeader({ alg: signing.alg, kid: signing.kid })
      .setSubject(subject)
      .setIssuer(options.issuer ?? config.auth.issuer)
      .setAudience(options.audience ?? config.auth.audience)
      .setIssuedAt()
      .setExpirationTime(options.expires ?? '1h')
      .sign(signing.key);

  const gql: TestServer['gql'] = async (query, variables, bearer, headers = {}) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: any[] };
    return { status: response.status, headers: response.headers, data: body.data, errors: body.errors };
  };

  return {
    url: server.url,
    wsUrl: server.url.replace(/^http/, 'ws'),
    db,
    config,
    logs,
    statements,
    principalReads,
    token,
    gql,
    as: async (subject, query, variables) => gql(query, variables, await token(subject)),
    subscriptionsMade: () => server.subscriptionsMade(),
    untilSubscribed: (count) => until(() => server.subscriptionsMade() >= count, 10_000),
    wsClient: (connectionParams, options = {}) => {
      let connections = 0;
      const client = createClient({
        url: server.url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        connectionParams,
        retryAttempts: 0,
        lazy: !options.persistent,
        onNonLazyError: () => {},
        on: { connected: () => void (connections += 1) },
      });
      clients.push(client);
      return Object.assign(client, { connections: () => connections });
    },
    close: async () => {
      await Promise.all(clients.map((client) => client.dispose()));
      await server.close();
      await db.destroy();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs one operation over graphql-ws and resolves with its single result, or rejects with the close event / errors. */
export function wsExecute<T = any>(client: Client, query: string, variables?: Record<string, unknown>): Promise<ExecutionResult<T>> {
  return new Promise((resolve, reject) => {
    let result: ExecutionResult<T> | undefined;
    client.subscribe<T>(
      { query, variables },
      {
        next: (value) => (result = value as ExecutionResult<T>),
        error: (error) => reject(error),
        complete: () => resolve(result!),
      },
    );
  });
}

export function codes(response: { errors?: { extensions?: Record<string, any> }[] | readonly { extensions?: Record<string, any> }[] }): string[] {
  return (response.errors ?? []).map((error) => error.extensions?.code);
}

/** What a graphql-ws subscription received, as it arrives. */
export interface Subscription {
  received: any[];
  errors: unknown[];
  done: boolean;
  stop(): void;
}

export function subscribe(client: Client, query: string, variables?: Record<string, unknown>): Subscription {
  const sub: Subscription = { received: [], errors: [], done: false, stop: () => {} };
  sub.stop = client.subscribe(
    { query, variables },
    {
      next: (value) => (value.errors ? sub.errors.push(value.errors) : sub.received.push(value.data)),
      error: (error) => {
        sub.errors.push(error);
        sub.done = true;
      },
      complete: () => (sub.done = true),
    },
  );
  return sub;
}

export async function until(check: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A connected client: resolves once the server acknowledged it. */
export async function connect(url: string, token: string): Promise<Client> {
  let ready!: () => void;
  const connected = new Promise<void>((resolve) => (ready = resolve));
  const client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0, lazy: false, onNonLazyError: () => {}, on: { connected: () => ready() } });
  await connected;
  return client;
}
