import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import 'reflect-metadata';
import type { TestProject } from 'vitest/node';
import { createDataSource, MAINTENANCE_TIMEOUTS, migrate } from '../../src/platform/database.js';
import { ensureDatabase } from '../../src/platform/bootstrap.js';
import { runningCluster, startEmbeddedCluster } from '../../src/platform/embedded-postgres.js';
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
 * and their directories removed, so they do not pile up. Only a cluster whose run is known and gone is stopped, and
 * only when its postmaster is still that cluster's (`runningCluster` checks the process). A directory without a
 * readable owner is removed only when no cluster runs in it and it is over an hour old (not one being made right now).
 */
async function stopAbandonedClusters(): Promise<void> {
  for (const name of readdirSync(os.tmpdir()).filter((entry) => entry.startsWith(CLUSTER_PREFIX))) {
    const dir = path.join(os.tmpdir(), name);
    try {
      let owner = Number.NaN;
      try {
        owner = Number(readFileSync(path.join(dir, OWNER_FILE), 'utf8').trim());
      } catch {
        // no owner file: made by an older checkout, or being made right now
      }
      const known = Number.isInteger(owner) && owner > 1;
      if (known && alive(owner)) continue;
      const cluster = runningCluster(path.join(dir, 'postgres'));
      if (cluster) {
        if (!known) continue;
        process.kill(cluster.pid, 'SIGQUIT'); // a throwaway cluster: immediate shutdown
        for (let waited = 0; waited < 5_000 && alive(cluster.pid); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      } else if (!known && Date.now() - statSync(dir).mtimeMs < 3_600_000) {
        continue;
      }
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // another run's, or not ours to remove: left as it is
    }
  }
}

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
