import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDatabase } from '../src/platform/bootstrap.js';
import { createDataSource, MAINTENANCE_TIMEOUTS, watchingCommitsNow } from '../src/platform/database.js';
import { graphql } from 'graphql';
import { buildSchema, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { databaseUnavailability, isDatabaseDown } from '../src/platform/database-health.js';
import { maskUnexpectedErrors } from '../src/platform/error-masking.js';
import { startEmbeddedCluster, type EmbeddedCluster } from '../src/platform/embedded-postgres.js';
import { createLogger } from '../src/platform/logger.js';
import { migrateAndSeed } from '../src/demo/seed.js';
import { startTestServer, type TestServer } from './support/harness.js';

/**
 * The database misbehaving under a running server, on a PostgreSQL cluster of this file's own (frozen with SIGSTOP,
 * killed with SIGKILL), so the other test files are not disturbed.
 */
const log = createLogger({ logLevel: 'silent', prettyLogs: false });
const dir = mkdtempSync(path.join(os.tmpdir(), 'regietafel-failures-'));
chmodSync(dir, 0o755);
let cluster: EmbeddedCluster;
let server: TestServer;
let url: string;

/** The postmaster and every backend it started. */
function postgresPids(): number[] {
  const postmaster = Number(readFileSync(path.join(cluster.databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let children: number[] = [];
  try {
    children = execFileSync('pgrep', ['-P', String(postmaster)]).toString().trim().split('\n').map(Number);
  } catch {
    // none
  }
  return [postmaster, ...children];
}
const freeze = () => postgresPids().forEach((pid) => process.kill(pid, 'SIGSTOP'));
const thaw = () => postgresPids().forEach((pid) => process.kill(pid, 'SIGCONT'));

async function readyz(): Promise<{ status: number; ms: number; retryAfter: string | null }> {
  const started = Date.now();
  // A hang fails the test instead of waiting for ever.
  const response = await fetch(server.url.replace('/graphql', '/readyz'), { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, ms: Date.now() - started, retryAfter: response.headers.get('retry-after') };
}

async function until<T>(probe: () => Promise<T>, accept: (value: T) => boolean, ms = 30_000, every = 200): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch((error) => error as T);
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}

const GRANT = 'mutation($s: String!) { grantMembership(input: { personSubject: $s, personName: "Test person", role: IPO }) { id } }';
async function granted(subject: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM membership m JOIN person p ON p.id = m.person_id WHERE p.subject = $1', [subject]);
    return (rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

/** Locks the LRT membership rows that a grant re-checks, so a grant waits inside its transaction; returns the release. */
async function holdLrtMemberships(): Promise<() => Promise<void>> {
  const blocker = new pg.Client({ connectionString: url });
  await blocker.connect();
  await blocker.query('BEGIN');
  await blocker.query(`SELECT id FROM membership WHERE role = 'LRT' AND revoked_at IS NULL FOR UPDATE`);
  return async () => {
    await blocker.query('ROLLBACK');
    await blocker.end();
  };
}

beforeAll(async () => {
  cluster = await startEmbeddedCluster(path.join(dir, 'postgres'), log);
  url = cluster.url('regietafel');
  await ensureDatabase(url, log);
  const setup = await createDataSource(url, { poolSize: 2, timeouts: MAINTENANCE_TIMEOUTS }).initialize();
  await migrateAndSeed(setup, log, { seedDemo: true });
  await setup.destroy();
  server = await startTestServer({ DB_CONNECT_TIMEOUT_MS: '1000', DB_STATEMENT_TIMEOUT_MS: '1000', DB_QUERY_TIMEOUT_MS: '2000' }, { databaseUrl: url, captureLogs: true });
});

afterAll(async () => {
  try {
    thaw();
  } catch {
    // not frozen, or already gone
  }
  await server?.close();
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a frozen database (SIGSTOP)', () => {
  it('answers requests with SERVICE_UNAVAILABLE and 503 + Retry-After instead of hanging, /readyz 503 within 2 s, and recovers when it thaws', async () => {
    expect((await server.as('ipo', '{ provinces { code } }')).data.provinces).toHaveLength(12);
    expect((await readyz()).status).toBe(200);
    freeze();
    try {
      const ready = await readyz();
      expect(ready.status).toBe(503);
      expect(ready.ms).toBeLessThan(2_000 + 500); // 1.5 s of its own, and a margin for a busy machine
      const answers = await Promise.all(Array.from({ length: 5 }, () => server.as('ipo', '{ provinces { code } }')));
      const live = await fetch(server.url.replace('/graphql', '/healthz'), { signal: AbortSignal.timeout(5_000) });
      expect(live.status).toBe(200); // alive: restarting the server would not bring the database back
      expect(await live.json()).toEqual({ status: 'ok', database: 'unavailable' });
      for (const answer of answers) {
        expect(answer.status).toBe(503);
        expect(answer.headers.get('retry-after')).toBe('5');
        expect(answer.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
      }
    } finally {
      thaw();
    }
    expect((await until(readyz, (r) => r.status === 200)).status).toBe(200);
    expect((await server.as('ipo', '{ provinces { code } }')).data.provinces).toHaveLength(12);
    // One line when the outage began and one when it ended: no stack per request, no statement-timeout noise.
    const messages = server.logs.map((line) => String(line.msg));
    expect(messages.filter((message) => message.startsWith('database unavailable'))).toHaveLength(1);
    expect(messages.filter((message) => message === 'database available again')).toHaveLength(1);
    expect(messages.filter((message) => /statement was cancelled|unexpected error/.test(message))).toEqual([]);
  }, 60_000);

  it('tells a client whose change was cut off that its outcome is unknown (OUTCOME_UNKNOWN), and the change is not committed afterwards', async () => {
    // The grant waits inside its transaction (after authentication); then the database freezes.
    const release = await holdLrtMemberships();
    const pending = server.as('lrt', GRANT, { s: 'cut-off-grant' });
    // Frozen as soon as the grant waits for the lock: its 1 s statement timeout counts from then, not from here.
    const waiting = () => server.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`);
    expect((await until(waiting, (rows) => rows[0]?.n === 1, 5_000, 10))[0].n).toBe(1);
    freeze();
    let answer;
    try {
      answer = await pending;
    } finally {
      thaw();
    }
    await release();
    expect(answer.status).toBe(503);
    expect(answer.errors?.[0].extensions?.code).toBe('OUTCOME_UNKNOWN');
    // The client gave up and the connection was dropped: PostgreSQL rolled the change back when it woke up.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await granted('cut-off-grant')).toBe(false);
    expect((await until(readyz, (r) => r.status === 200)).status).toBe(200);
  }, 60_000);

  it('cancels a statement that runs too long (statement timeout): SERVICE_UNAVAILABLE, nothing written', async () => {
    const release = await holdLrtMemberships();
    const answer = await server.as('lrt', GRANT, { s: 'timed-out-grant' });
    await release();
    expect(answer.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(await granted('timed-out-grant')).toBe(false);
  }, 30_000);
});

describe('a killed database (SIGKILL)', () => {
  it('is started again on the same port; subscribers are told with close code 1013 and catch up with events(after:)', async () => {
    const portBefore = cluster.port;
    const closes: number[] = [];
    let client: Client | undefined;
    const token = await server.token('ipo');
    client = createClient({
      url: server.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => {},
      on: { closed: (event) => void closes.push((event as { code: number }).code) },
    });
    const seen: string[] = [];
    const made = server.subscriptionsMade();
    client.subscribe({ query: 'subscription { activity { id kind } }' }, { next: (value) => void seen.push((value.data as any).activity.id), error: () => {}, complete: () => {} });
    await server.untilSubscribed(made + 1);
    const first = await server.as('lrt', GRANT, { s: 'before-kill' });
    expect(first.errors).toBeUndefined();
    await until(async () => seen.length, (n) => n > 0, 10_000);
    const lastSeen = seen.at(-1)!;

    process.kill(postgresPids()[0], 'SIGKILL');
    // Its backends may answer for a moment after the postmaster died; then the server is not ready until it is back.
    const during = await until(readyz, (r) => r.status === 503, 10_000, 50);
    expect(during.status).toBe(503);
    await until(async () => closes.length, (n) => n > 0, 15_000);
    expect(closes[0]).toBe(1013);

    // Back by itself, on the same port: the server's pool and event connection find it again.
    expect((await until(readyz, (r) => r.status === 200)).status).toBe(200);
    expect(cluster.port).toBe(portBefore);
    const after = await until(() => server.as('lrt', GRANT, { s: 'after-kill' }), (r) => !r.errors);
    expect(after.errors).toBeUndefined();

    // The client reconnects and catches up on what it missed.
    const caughtUp = await server.as('ipo', 'query($after: String) { events(after: $after) { events { id kind } } }', { after: lastSeen });
    expect(caughtUp.data.events.events.map((event: { kind: string }) => event.kind)).toContain('MEMBERSHIP_GRANTED');
    await client.dispose();
  }, 90_000);
});

describe('classifying database failures', () => {
  it('tells a write that never reached the database from one whose outcome is unknown', () => {
    expect(databaseUnavailability(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe('NOT_WRITTEN');
    expect(databaseUnavailability(new Error('timeout exceeded when trying to connect'))).toBe('NOT_WRITTEN');
    expect(databaseUnavailability({ driverError: Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }) })).toBe('NOT_WRITTEN');
    expect(databaseUnavailability({ driverError: new Error('Query read timeout') })).toBe('UNKNOWN');
    expect(databaseUnavailability(new Error('Connection terminated unexpectedly'))).toBe('UNKNOWN');
    expect(databaseUnavailability(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBeUndefined();
    expect(databaseUnavailability(new Error('something else'))).toBeUndefined();
  });

  it('does not take a bug, a slow statement or a failed HTTP fetch for an outage', () => {
    // A statement timeout: nothing written, but the database is there.
    const cancelled = { driverError: Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }) };
    expect(isDatabaseDown(cancelled)).toBe(false);
    expect(isDatabaseDown(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(true);
    // A protocol violation and a client used after it was closed are bugs.
    expect(databaseUnavailability(Object.assign(new Error('protocol violation'), { code: '08P01' }))).toBeUndefined();
    expect(databaseUnavailability(new Error('Client was closed and is not queryable'))).toBeUndefined();
    // The JWKS could not be fetched: not the database.
    expect(databaseUnavailability(new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }))).toBeUndefined();
  });

  it('never says "not saved" once a change began to commit', async () => {
    const unreachable = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    @Resolver()
    class Probe {
      @Query(() => Boolean)
      ok(): boolean {
        return true;
      }

      @Mutation(() => Boolean)
      async failsBeforeCommit(): Promise<boolean> {
        throw unreachable();
      }

      @Mutation(() => Boolean)
      async failsAfterCommit(@Ctx() context: { db: DataSource }): Promise<boolean> {
        await context.db.transaction((tx) => tx.query('SELECT 1'));
        throw unreachable(); // e.g. reading the result back after the COMMIT, from a database that just went away
      }
    }
    const schema = maskUnexpectedErrors(await buildSchema({ resolvers: [Probe], validate: false }));
    const db = await createDataSource(url, { poolSize: 1 }).initialize();
    try {
      const run = async (source: string) =>
        (await graphql({ schema, source, contextValue: { db, log, requestId: 'probe' } })).errors?.[0].extensions?.code;
      expect(await run('mutation { failsBeforeCommit }')).toBe('SERVICE_UNAVAILABLE');
      expect(await run('mutation { failsAfterCommit }')).toBe('OUTCOME_UNKNOWN');
      // Concurrent mutations each keep their own note, and the watch (promise hooks) ends with the last of them.
      expect(await Promise.all([run('mutation { failsAfterCommit }'), run('mutation { failsBeforeCommit }'), run('mutation { failsAfterCommit }')])).toEqual([
        'OUTCOME_UNKNOWN',
        'SERVICE_UNAVAILABLE',
        'OUTCOME_UNKNOWN',
      ]);
      expect(watchingCommitsNow()).toBe(false);
    } finally {
      await db.destroy();
    }
  });
});
