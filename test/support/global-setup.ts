import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import 'reflect-metadata';
import type { TestProject } from 'vitest/node';
import { createDataSource, MAINTENANCE_TIMEOUTS, migrate } from '../../src/platform/database.js';
import { ensureDatabase } from '../../src/platform/bootstrap.js';
import { startEmbeddedCluster } from '../../src/platform/embedded-postgres.js';
import { createLogger } from '../../src/platform/logger.js';
import { seedDemo } from '../../src/demo/seed.js';

export const TEMPLATE_DATABASE = 'regietafel_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres://… of the `postgres` database of the test cluster, for creating per-file databases. */
    adminUrl: string;
    templateDatabase: string;
  }
}

/**
 * One PostgreSQL for the whole run: DATABASE_URL if set (any PostgreSQL 14+), otherwise an embedded
 * cluster in a fresh temporary directory. The schema and demo data go into a template database that each
 * test file clones.
 */
export default async function setup(project: TestProject) {
  const log = createLogger({ logLevel: process.env.LOG_LEVEL ?? 'warn', prettyLogs: false });
  let adminUrl: string;
  let teardown = async () => {};
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    adminUrl = url.toString();
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'regietafel-test-'));
    chmodSync(dir, 0o755);
    const cluster = await startEmbeddedCluster(path.join(dir, 'postgres'), log);
    adminUrl = cluster.url('postgres');
    teardown = async () => {
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }

  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  const admin = createDataSource(adminUrl, { poolSize: 1 });
  await admin.initialize();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
  await admin.destroy();
  await ensureDatabase(templateUrl.toString(), log);
  const template = await createDataSource(templateUrl.toString(), { poolSize: 2, timeouts: MAINTENANCE_TIMEOUTS }).initialize();
  await migrate(template, log);
  await seedDemo(template, log);
  await template.destroy();

  project.provide('adminUrl', adminUrl);
  project.provide('templateDatabase', TEMPLATE_DATABASE);
  return teardown;
}
