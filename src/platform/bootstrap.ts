import path from 'node:path';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { MAINTENANCE_TIMEOUTS, type Config } from './config.js';
import { createDataSource, type DataSourceOptions } from './database.js';
import { databaseUnavailability } from './database-health.js';
import { startEmbeddedCluster, type ClusterOptions } from './embedded-postgres.js';
import { SettingError } from './errors.js';
import type { Logger } from './logger.js';

export interface OpenDatabase {
  /** postgres://… of the database in use. */
  url: string;
  dataSource: DataSource;
  embedded: boolean;
  close(): Promise<void>;
  /** Ends the embedded PostgreSQL at once (immediate shutdown), for a stop that cannot wait. */
  kill(): Promise<void>;
}

/** host:port/database of a URL, without user or password, for messages and logs. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return '(not a URL)';
  }
}

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL in `<dataDir>/postgres` and uses its `regietafel`
 * database. The data source gets `options.timeouts`; by default those of maintenance work (migrations, demo data,
 * imports), which may run long statements.
 */
export async function openDatabase(
  config: Config,
  log: Logger,
  options: DataSourceOptions & ClusterOptions = {},
): Promise<OpenDatabase> {
  let url = config.databaseUrl;
  let stopCluster = async () => {};
  let killCluster = async () => {};
  if (url) {
    try {
      const parsed = new URL(url);
      if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new Error('not postgres://');
    } catch {
      throw new SettingError('DATABASE_URL is not a PostgreSQL URL: expected postgres://user:password@host:5432/database');
    }
  } else {
    const cluster = await startEmbeddedCluster(path.join(config.dataDir, 'postgres'), log, options);
    url = cluster.url('regietafel');
    stopCluster = cluster.stop;
    killCluster = cluster.kill;
  }
  try {
    await waitForDatabase(url, log, { setting: config.databaseUrl ? 'DATABASE_URL' : undefined, waitMs: config.databaseUrl ? config.databaseStartupWaitMs : 10_000 });
    const dataSource = await createDataSource(url, { timeouts: MAINTENANCE_TIMEOUTS, ...options }).initialize();
    return {
      url,
      dataSource,
      embedded: !config.databaseUrl,
      close: async () => {
        try {
          if (dataSource.isInitialized) await dataSource.destroy();
        } finally {
          await stopCluster();
        }
      },
      kill: killCluster,
    };
  } catch (error) {
    await stopCluster();
    throw error;
  }
}

/**
 * Waits for the database to accept connections, creating it when the server accepts us but the database does not
 * exist yet. A database still starting (a fresh container) is retried with backoff for up to `waitMs`; a wrong
 * password, host or database name ends at once with a message naming the setting to change.
 */
export async function waitForDatabase(url: string, log: Logger, options: { setting?: string; waitMs: number }): Promise<void> {
  const where = describeUrl(url);
  const setting = options.setting ? ` (${options.setting})` : '';
  const deadline = Date.now() + options.waitMs;
  let delay = 250;
  for (let attempt = 1; ; attempt++) {
    try {
      await ensureDatabase(url, log, options.setting);
      if (attempt > 1) log.info({ database: where, attempt }, 'database reached');
      return;
    } catch (error) {
      const code = String((error as { code?: string }).code ?? '');
      const reason = (error as Error).message;
      if (code === '28P01' || code === '28000') throw new SettingError(`the database at ${where} refused the user or password${setting}: ${reason}`);
      if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
        // A container's DNS name can appear a moment after the container: retry those too, within the budget.
        if (Date.now() + delay > deadline) throw new SettingError(`the database host in ${where} is unknown${setting}: ${reason}`);
      } else if (!databaseUnavailability(error) || Date.now() + delay > deadline) {
        throw new SettingError(`could not reach the database at ${where}${setting}: ${reason || code}`);
      }
      log.warn({ database: where, attempt, retryInMs: delay, reason: reason || code }, 'database not reachable yet: retrying');
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 5_000);
    }
  }
}

/**
 * Creates the database named in `url` if it does not exist (first start on a new cluster). Connects to the database
 * itself first, so a user without rights on the `postgres` database works when the database exists.
 */
export async function ensureDatabase(url: string, log: Logger, setting?: string): Promise<void> {
  const connectOnce = async (target: string, work: (client: pg.Client) => Promise<void>) => {
    const client = new pg.Client({ connectionString: target, connectionTimeoutMillis: 5_000 });
    client.on('error', () => {}); // reported through the failing call
    try {
      await client.connect();
      await work(client);
    } finally {
      await client.end().catch(() => {});
    }
  };
  try {
    await connectOnce(url, async (client) => void (await client.query('SELECT 1')));
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error; // 3D000: the database does not exist
  }
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  await connectOnce(admin.toString(), async (client) => {
    try {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      // Expected on a first start of the embedded database; with DATABASE_URL it may be the clue to a typo.
      if (setting) log.warn({ database: name }, `database ${name} did not exist: created it (if that name is a typo, correct ${setting})`);
      else log.info({ database: name }, 'database created');
    } catch (error) {
      // Two instances may race to create it; the loser finds it exists.
      if ((error as { code?: string }).code !== '42P04') throw error;
    }
  });
}
