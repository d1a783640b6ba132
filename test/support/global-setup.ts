import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

const CLUSTER_PREFIX = 'regietafel-test-';
/** The pid of the run a test cluster belongs to, beside it: a cluster whose run is gone was abandoned. */
const OWNER_FILE = 'owner.pid';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * The clusters of earlier runs that never got to their teardown (a run killed with SIGKILL, a closed terminal): stopped,
 * and their directories removed, so they do not pile up. A cluster of a run still going (another checkout's) is left
 * alone; so is a directory without an owner younger than an hour (one being made right now).
 */
async function stopAbandonedClusters(): Promise<void> {
  for (const name of readdirSync(os.tmpdir()).filter((entry) => entry.startsWith(CLUSTER_PREFIX))) {
    const dir = path.join(os.tmpdir(), name);
    try {
      let owner: number | null = null;
      try {
        owner = Number(readFileSync(path.join(dir, OWNER_FILE), 'utf8'));
      } catch {
        if (Date.now() - statSync(dir).mtimeMs < 3_600_000) continue;
      }
      if (owner !== null && alive(owner)) continue;
      let postmaster = 0;
      try {
        postmaster = Number(readFileSync(path.join(dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
      } catch {
        // never started, or stopped
      }
      if (postmaster > 0 && alive(postmaster)) {
        process.kill(postmaster, 'SIGQUIT'); // a throwaway cluster: immediate shutdown
        for (let waited = 0; waited < 5_000 && alive(postmaster); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // another run's, or not ours to remove: left as it is
    }
  }
}

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
    await stopAbandonedClusters();
    const dir = mkdtempSync(path.join(os.tmpdir(), CLUSTER_PREFIX));
    writeFileSync(path.join(dir, OWNER_FILE), String(process.pid));
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
