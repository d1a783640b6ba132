import path from 'node:path';
import { packageRoot } from './paths.js';

/** Bounds on how long the server waits for PostgreSQL, so a slow or frozen database never makes a request hang. */
export interface DatabaseTimeouts {
  /** Waiting for a connection, new or from the pool. */
  connectMs: number;
  /** PostgreSQL cancels a statement running longer (statement_timeout); 0: no limit. */
  statementMs: number;
  /** The client gives up on a statement that got no answer (a frozen server) and drops the connection; 0: no limit. */
  queryMs: number;
  /** PostgreSQL ends a session left idle inside a transaction, rolling it back (idle_in_transaction_session_timeout). */
  idleInTransactionMs: number;
}

/** Requests: a few seconds; the largest legitimate statement of a request (the national overview) takes tens of milliseconds. */
export const REQUEST_TIMEOUTS: DatabaseTimeouts = { connectMs: 3_000, statementMs: 5_000, queryMs: 6_000, idleInTransactionMs: 10_000 };
/** Migrations, demo data and imports may legitimately run long statements. */
export const MAINTENANCE_TIMEOUTS: DatabaseTimeouts = { connectMs: 10_000, statementMs: 0, queryMs: 0, idleInTransactionMs: 60_000 };

/**
 * All configuration comes from the environment, read once at start-up.
 * Defaults are chosen so that `npm start` on a laptop needs nothing set.
 */
export interface Config {
  /** HTTP port; 0 picks a free one (tests). */
  port: number;
  host: string;
  /** postgres://… ; when unset an embedded PostgreSQL is started with its data in `dataDir`. */
  databaseUrl: string | undefined;
  /** Local state for development: embedded database cluster and the development signing key. */
  dataDir: string;
  /** Timeouts of the server's requests to PostgreSQL (DB_*_MS). */
  databaseTimeouts: DatabaseTimeouts;
  /** How long start-up keeps trying to reach DATABASE_URL before giving up (DB_STARTUP_WAIT_MS). */
  databaseStartupWaitMs: number;
  /** Load demo data when the database is new. Default: only for the embedded database. */
  seedDemo: boolean;
  auth: {
    issuer: string;
    audience: string;
    /** JWKS of the organisation's OIDC provider. When unset the server signs with its own development key. */
    jwksUrl: string | undefined;
    /** The web application's client id at the OIDC provider (authorization code with PKCE). */
    clientId: string | undefined;
    /** Scopes the web application asks for. */
    scope: string;
    /**
     * `POST /auth/dev-token`: sign in as a demo user with the development key (DEV_SIGN_IN). On by default only in
     * development without an identity provider; never with one.
     */
    devSignIn: boolean;
  };
  limits: {
    bodyBytes: number;
    maxDepth: number;
    maxAliases: number;
    maxTokens: number;
    maxCost: number;
    maxDirectives: number;
    /** Events waiting for one subscriber before its subscription ends with SUBSCRIPTION_TOO_SLOW. */
    subscriptionBacklog: number;
  };
  /** Settings of the domain that are policy, not law. */
  domain: {
    /**
     * A location of at most this many places is kleinschalige opvang (SMALL_SCALE_MAX_PLACES, default 150). The
     * Integrale Handreiking gives no number: 150 follows COA's later practice (about 150 places or fewer, preferably
     * open for more than five years). See the glossary.
     */
    smallScaleMaxPlaces: number;
  };
  logLevel: string;
  prettyLogs: boolean;
  production: boolean;
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function positiveIntFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = intFromEnv(env, name, fallback);
  if (value < 1) throw new Error(`${name} must be a whole number of at least 1, got "${env[name]}"`);
  return value;
}

/** Kleinschalige opvang: COA's later practice, not the Handreiking (which gives no number). */
export const DEFAULT_SMALL_SCALE_MAX_PLACES = 150;

function portFromEnv(env: NodeJS.ProcessEnv): number {
  const port = intFromEnv(env, 'PORT', 4000);
  if (port > 65_535) throw new Error(`PORT must be a port number from 0 to 65535, got "${env.PORT}"`);
  return port;
}

function devSignInFromEnv(env: NodeJS.ProcessEnv, production: boolean): boolean {
  const on = boolFromEnv(env, 'DEV_SIGN_IN', !production && !env.AUTH_JWKS_URL);
  // Minting tokens over HTTP next to a real identity provider would let anyone be anyone.
  if (on && env.AUTH_JWKS_URL) throw new Error('DEV_SIGN_IN cannot be on when AUTH_JWKS_URL is set: sign-in goes through the identity provider');
  return on;
}

function boolFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const databaseUrl = env.DATABASE_URL || undefined;
  const devSignIn = devSignInFromEnv(env, production);
  return {
    port: portFromEnv(env),
    // With the development sign-in on, anyone who reaches the server can be anyone: this machine only, unless HOST says otherwise.
    host: env.HOST || (devSignIn ? '127.0.0.1' : '0.0.0.0'),
    databaseUrl,
    dataDir: path.resolve(packageRoot, env.REGIETAFEL_DATA_DIR || '.data'),
    databaseTimeouts: {
      connectMs: intFromEnv(env, 'DB_CONNECT_TIMEOUT_MS', REQUEST_TIMEOUTS.connectMs),
      statementMs: intFromEnv(env, 'DB_STATEMENT_TIMEOUT_MS', REQUEST_TIMEOUTS.statementMs),
      queryMs: intFromEnv(env, 'DB_QUERY_TIMEOUT_MS', REQUEST_TIMEOUTS.queryMs),
      idleInTransactionMs: intFromEnv(env, 'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', REQUEST_TIMEOUTS.idleInTransactionMs),
    },
    databaseStartupWaitMs: intFromEnv(env, 'DB_STARTUP_WAIT_MS', 60_000),
    seedDemo: boolFromEnv(env, 'SEED_DEMO', databaseUrl === undefined),
    auth: {
      issuer: env.AUTH_ISSUER || 'urn:regietafel:dev',
      audience: env.AUTH_AUDIENCE || 'regietafel',
      jwksUrl: env.AUTH_JWKS_URL || undefined,
      clientId: env.AUTH_CLIENT_ID || undefined,
      scope: env.AUTH_SCOPE || 'openid profile',
      devSignIn,
    },
    limits: {
      bodyBytes: intFromEnv(env, 'LIMIT_BODY_BYTES', 100 * 1024),
      maxDepth: intFromEnv(env, 'LIMIT_MAX_DEPTH', 10),
      maxAliases: intFromEnv(env, 'LIMIT_MAX_ALIASES', 15),
      maxTokens: intFromEnv(env, 'LIMIT_MAX_TOKENS', 2000),
      maxCost: intFromEnv(env, 'LIMIT_MAX_COST', 250_000),
      maxDirectives: intFromEnv(env, 'LIMIT_MAX_DIRECTIVES', 20),
      subscriptionBacklog: intFromEnv(env, 'LIMIT_SUBSCRIPTION_BACKLOG', 1_000),
    },
    domain: { smallScaleMaxPlaces: positiveIntFromEnv(env, 'SMALL_SCALE_MAX_PLACES', DEFAULT_SMALL_SCALE_MAX_PLACES) },
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'warn' : 'info'),
    prettyLogs: boolFromEnv(env, 'LOG_PRETTY', !production && Boolean(process.stdout.isTTY)),
    production,
  };
}
