import pg from 'pg';
import { DataSource } from 'typeorm';
import { Foundation1700000000001 } from '../../migrations/1700000000001-Foundation.js';
import { Gemeenten20231700000000002 } from '../../migrations/1700000000002-Gemeenten2023.js';
import { ProvincialPlans1700000000003 } from '../../migrations/1700000000003-ProvincialPlans.js';
import { ProposalsAndAgreements1700000000004 } from '../../migrations/1700000000004-ProposalsAndAgreements.js';
import { Events1700000000005 } from '../../migrations/1700000000005-Events.js';
import { Gemeente, GemeenteImport, OpvangtypeRecord, Province, Uitplaatsingsregio } from '../reference/entities.js';
import { Membership, Organisation, Person, RegietafelSeat } from '../people/entities.js';
import type { Logger } from './logger.js';

export const entities = [Uitplaatsingsregio, Province, Gemeente, GemeenteImport, OpvangtypeRecord, Organisation, Person, Membership, RegietafelSeat];

/** Listed explicitly, in order: every migration is hand-reviewed and committed under migrations/. */
export const migrations = [Foundation1700000000001, Gemeenten20231700000000002, ProvincialPlans1700000000003, ProposalsAndAgreements1700000000004, Events1700000000005];

/** Arbitrary but fixed: every regietafel instance takes this advisory lock to migrate. */
const MIGRATION_LOCK_KEY = 7_351_020_230_101;

export interface DataSourceOptions {
  poolSize?: number;
  applicationName?: string;
  /** Called with every SQL statement sent (tests count statements per operation). */
  onQuery?: (sql: string) => void;
}

export function createDataSource(url: string, options: DataSourceOptions = {}): DataSource {
  const onQuery = options.onQuery;
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: onQuery ? ['query'] : false,
    logger: onQuery
      ? { logQuery: (sql) => onQuery(sql), logQueryError: () => {}, logQuerySlow: () => {}, logSchemaBuild: () => {}, logMigration: () => {}, log: () => {} }
      : undefined,
    extra: { max: options.poolSize ?? 10, application_name: options.applicationName ?? 'regietafel' },
  });
}

/**
 * Runs a fixed, hot statement as a named prepared statement: PostgreSQL parses it once per connection, and once it
 * has seen a few calls, plans it once too, unless a plan for the actual parameters looks cheaper. Only for
 * read-only statements outside any transaction: it takes its own connection from the pool, so it would not see a
 * transaction's uncommitted writes. One name, one text, forever: a connection that prepared a name keeps it.
 * Needs session-level connections (no pooler in transaction mode in between).
 */
export async function queryPrepared<T>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  if (dataSource.logger) dataSource.logger.logQuery(text, values);
  const pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
  const { rows } = await pool.query({ name, text, values });
  return rows as T[];
}

/** Creates the database named in `url` if it does not exist (first start on a new cluster). */
export async function ensureDatabase(url: string, log: Logger): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      log.info({ database: name }, 'database created');
    }
  } catch (error) {
    // Two instances may race to create it; the loser finds it exists.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await client.end();
  }
}

/**
 * Applies pending migrations while holding a Postgres advisory lock, so two instances starting together
 * migrate one after the other instead of racing. Returns the names of the migrations applied.
 */
export async function migrate(dataSource: DataSource, log: Logger): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      for (const migration of applied) log.info({ migration: migration.name }, 'migration applied');
      return applied.map((migration) => migration.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
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
