import pg from 'pg';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, EventSubscriber, type EntitySubscriberInterface } from 'typeorm';
import { Foundation1700000000001 } from '../../migrations/1700000000001-Foundation.js';
import { Gemeenten20231700000000002 } from '../../migrations/1700000000002-Gemeenten2023.js';
import { ProvincialPlans1700000000003 } from '../../migrations/1700000000003-ProvincialPlans.js';
import { ProposalsAndAgreements1700000000004 } from '../../migrations/1700000000004-ProposalsAndAgreements.js';
import { Events1700000000005 } from '../../migrations/1700000000005-Events.js';
import { CommentReads1700000000006 } from '../../migrations/1700000000006-CommentReads.js';
import { MembershipGrantReason1700000000007 } from '../../migrations/1700000000007-MembershipGrantReason.js';
import { Huisvesting1700000000008 } from '../../migrations/1700000000008-Huisvesting.js';
import { Organisations1700000000009 } from '../../migrations/1700000000009-Organisations.js';
import { SupportMeasures1700000000010 } from '../../migrations/1700000000010-SupportMeasures.js';
import { Signals1700000000011 } from '../../migrations/1700000000011-Signals.js';
import { OpvangCorrections1700000000012 } from '../../migrations/1700000000012-OpvangCorrections.js';
import { PrincipalChanges1700000000013 } from '../../migrations/1700000000013-PrincipalChanges.js';
import type { Logger } from './logger.js';
import { REQUEST_TIMEOUTS, type DatabaseTimeouts } from './config.js';

export { MAINTENANCE_TIMEOUTS, REQUEST_TIMEOUTS, type DatabaseTimeouts } from './config.js';


/** Listed explicitly, in order: every migration is hand-reviewed and committed under migrations/. */
export const migrations = [Foundation1700000000001, Gemeenten20231700000000002, ProvincialPlans1700000000003, ProposalsAndAgreements1700000000004, Events1700000000005, CommentReads1700000000006, MembershipGrantReason1700000000007, Huisvesting1700000000008, Organisations1700000000009, SupportMeasures1700000000010, Signals1700000000011, OpvangCorrections1700000000012, PrincipalChanges1700000000013];

/** Arbitrary but fixed: every regietafel instance takes this advisory lock to migrate. */
const MIGRATION_LOCK_KEY = 7_351_020_230_101;

/**
 * A pg client that drops its connection when a statement got no answer in time. pg's own query timeout only stops
 * waiting: the connection would go back to the pool still stuck behind the unanswered statement, and a transaction
 * whose client gave up could still commit once the database wakes up. Dropping the connection makes PostgreSQL roll
 * back whatever was not committed.
 */
class GuardedClient extends pg.Client {
  override query(...args: unknown[]): any {
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(undefined, (error: Error) => {
        if (/Query read timeout/.test(error?.message ?? '')) (this as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      });
    }
    return result;
  }
}

/**
 * Per operation (a mutation's field): whether a transaction began to commit while it ran. On Node 20 an enabled
 * AsyncLocalStorage installs promise hooks that every promise of the process pays for (reads and subscription
 * deliveries included), so it is enabled only while a mutation runs and disabled again when the last one running
 * ends.
 */
const commits = new AsyncLocalStorage<{ committing: boolean }>();
let watching = 0;

/** Whether commits are being watched (some mutation is running); for tests. */
export function watchingCommitsNow(): boolean {
  return watching > 0;
}

/**
 * Runs `work`, telling afterwards whether any transaction it started began to commit: once a COMMIT was sent, a
 * failure no longer means that nothing was saved.
 */
export async function watchingCommits<T>(work: () => Promise<T>): Promise<{ result?: T; error?: unknown; committing: boolean }> {
  const note = { committing: false };
  watching += 1;
  try {
    return { result: await commits.run(note, work), committing: note.committing };
  } catch (error) {
    return { error, committing: note.committing };
  } finally {
    // Work a mutation left running after it answered (none should commit) sees no store once disabled: harmless.
    if (--watching === 0) commits.disable();
  }
}

/** Called after every transaction this process commits through TypeORM (any DataSource). */
const commitListeners = new Set<() => void>();

/**
 * Calls `listener` after every transaction this process commits through TypeORM (`transaction()`, savepoints
 * included), before the work that committed goes on; returns how to stop. A statement run outside a transaction, or
 * a COMMIT whose answer never came, is not seen here.
 */
export function afterEachCommit(listener: () => void): () => void {
  commitListeners.add(listener);
  return () => commitListeners.delete(listener);
}

@EventSubscriber()
export class CommitWatcher implements EntitySubscriberInterface {
  beforeTransactionCommit(): void {
    const note = commits.getStore();
    if (note) note.committing = true;
  }

  afterTransactionCommit(): void {
    for (const listener of commitListeners) listener();
  }
}

/** Connections of the pool that stay open when idle (see `poolOptions`). */
export const KEPT_CONNECTIONS = 2;

export interface DataSourceOptions {
  poolSize?: number;
  /** Default: REQUEST_TIMEOUTS. */
  timeouts?: DatabaseTimeouts;
  applicationName?: string;
  /** The TypeORM entities the capabilities read through repositories (`entitiesOf(modules)`); none for migrations alone. */
  entities?: readonly Function[];
  /** Called with every SQL statement sent (tests count statements per operation). */
  onQuery?: (sql: string) => void;
}

export function createDataSource(url: string, options: DataSourceOptions = {}): DataSource {
  const onQuery = options.onQuery;
  return new DataSource({
    type: 'postgres',
    url,
    entities: [...(options.entities ?? [])],
    migrations,
    subscribers: [CommitWatcher],
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: onQuery ? ['query'] : false,
    logger: onQuery
      ? { logQuery: (sql) => onQuery(sql), logQueryError: () => {}, logQuerySlow: () => {}, logSchemaBuild: () => {}, logMigration: () => {}, log: () => {} }
      : undefined,
    extra: poolOptions(options),
  });
}

function poolOptions(options: DataSourceOptions): pg.PoolConfig {
  const timeouts = options.timeouts ?? REQUEST_TIMEOUTS;
  const max = options.poolSize ?? 10;
  return {
    max,
    // Two connections stay open when idle; the rest close after 10 s idle (pg's default). Most of the time few people
    // work at once, and without any kept the first request after every quiet spell waited for a new connection, its
    // authentication and a backend with cold caches: about 40 ms more before a change reached its subscribers
    // (docs/benchmarks.md). Not more: a kept connection that died without a word (a network cut) is only found out
    // by the request that draws it (DB_QUERY_TIMEOUT_MS, then dropped), and idle sessions hold up DROP DATABASE.
    min: Math.min(KEPT_CONNECTIONS, max),
    application_name: options.applicationName ?? 'regietafel',
    Client: GuardedClient,
    connectionTimeoutMillis: timeouts.connectMs,
    ...(timeouts.statementMs ? { statement_timeout: timeouts.statementMs } : {}),
    ...(timeouts.queryMs ? { query_timeout: timeouts.queryMs } : {}),
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    // A connection that dies without a word (a network partition) is noticed.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
}

/**
 * Runs a fixed, hot statement as a named prepared statement: PostgreSQL parses it once per connection, and once it
 * has seen a few calls, plans it once too, unless a plan for the actual parameters looks cheaper. Only for
 * read-only statements outside any transaction: it takes its own connection from the pool, so it would not see a
 * transaction's uncommitted writes. One name, one text, forever: a connection that prepared a name keeps it.
 * Needs session-level connections (no pooler in transaction mode in between).
 */
export async function queryPrepared<T>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  // Inside one transaction (the demo data, see `inOneTransaction`), the statement must run on its connection.
  if (dataSource instanceof EntityManager) return dataSource.query(text, values);
  if (dataSource.logger) dataSource.logger.logQuery(text, values);
  const pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
  const { rows } = await pool.query({ name, text, values });
  return rows as T[];
}

const preparedNames = new Map<string, string>();

/**
 * `queryPrepared` for a hot read whose text is one of a few fixed variants (a column, a partition, a filter left out):
 * each variant is named after a hash of its text. Never for text that carries values: the names would grow without
 * end; values go in parameters.
 */
export function queryPreparedText<T>(dataSource: DataSource, text: string, values: unknown[]): Promise<T[]> {
  let name = preparedNames.get(text);
  if (!name) preparedNames.set(text, (name = `text_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`));
  return queryPrepared<T>(dataSource, name, text, values);
}

/**
 * Runs `work` while holding a Postgres advisory lock (on a connection of its own), so two instances starting together
 * migrate and load demo data one after the other instead of racing.
 */
export async function withMigrationLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await runner.release();
  }
}

/** Applies pending migrations, each in its own transaction; the caller holds the migration lock. */
export async function applyMigrations(dataSource: DataSource, log: Logger): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  for (const migration of applied) log.info({ migration: migration.name }, 'migration applied');
  return applied.map((migration) => migration.name);
}

/** Applies pending migrations under the migration lock. Returns the names of the migrations applied. */
export function migrate(dataSource: DataSource, log: Logger): Promise<string[]> {
  return withMigrationLock(dataSource, () => applyMigrations(dataSource, log));
}

/** Names of migrations in the code that the database has not applied yet. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await dataSource.query('SELECT name FROM migrations').catch((error: { code?: string }) => {
    if (error.code === '42P01' || (error as { driverError?: { code?: string } }).driverError?.code === '42P01') return []; // no migrations table yet
    throw error;
  });
  const applied = new Set(rows.map((row) => row.name));
  return migrations.map((migration) => migration.name).filter((name) => !applied.has(name));
}

/**
 * Runs `work` with a handle that services accept in place of the DataSource, whose statements all belong to one
 * transaction: the services' own transactions become savepoints in it. All of `work` is committed, or nothing.
 */
export function inOneTransaction<T>(dataSource: DataSource, work: (db: DataSource) => Promise<T>): Promise<T> {
  // An EntityManager bound to one query runner has the query, transaction and getRepository the services use.
  return dataSource.transaction((manager) => work(manager as unknown as DataSource));
}
