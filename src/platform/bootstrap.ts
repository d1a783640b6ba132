import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { Config } from './config.js';
import { createDataSource, ensureDatabase, type DataSourceOptions } from './database.js';
import { startEmbeddedCluster } from './embedded-postgres.js';
import type { Logger } from './logger.js';

export interface OpenDatabase {
  dataSource: DataSource;
  embedded: boolean;
  close(): Promise<void>;
}

/** Connects to DATABASE_URL, or starts the embedded PostgreSQL in `<dataDir>/postgres` and uses its `regietafel` database. */
export async function openDatabase(
  config: Config,
  log: Logger,
  options: DataSourceOptions & { takeOverOrphan?: boolean } = {},
): Promise<OpenDatabase> {
  let url = config.databaseUrl;
  let stopCluster = async () => {};
  if (!url) {
    const cluster = await startEmbeddedCluster(path.join(config.dataDir, 'postgres'), log, { takeOverOrphan: options.takeOverOrphan ?? false });
    url = cluster.url('regietafel');
    stopCluster = cluster.stop;
  }
  try {
    await ensureDatabase(url, log);
    const dataSource = await createDataSource(url, options).initialize();
    return {
      dataSource,
      embedded: !config.databaseUrl,
      close: async () => {
        await dataSource.destroy();
        await stopCluster();
      },
    };
  } catch (error) {
    await stopCluster();
    throw error;
  }
}
