/**
 * Start-up benchmark: how long a developer waits, measured as they would run the commands. In a copy of this
 * working tree (what a fresh clone holds, in a temporary directory), after `npm install`:
 *   - first start: `npm start` until `GET /readyz` answers 200, with no dist/ and no .data/ (build, initdb,
 *     migrations, demo data);
 *   - unchanged: `npm start` again, nothing changed;
 *   - after an edit: one source file changed (a comment added), so the start rebuilds first;
 *   - `npm run -s token -- lrt`, with the server running and without it;
 *   - `node scripts/build-if-stale.mjs` on an unchanged tree (the check every npm script makes).
 * Each figure is the median and range over N runs (default 5); the runs of one kind follow each other.
 *
 *   npm run bench:startup [-- runs]
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../src/platform/paths.js';
import { writeSection } from './support.js';

const RUNS = Math.max(1, Number(process.argv[2] ?? 5));
const EDITED = 'src/plans/plan.service.ts';

/** The environment of a developer's shell: without what `npm run` adds, and without a configured database. */
function shellEnv(port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_|^INIT_CWD$|^NODE_ENV$|^REGIETAFEL_|^DATABASE_URL$|^PORT$/i.test(key)) env[key] = value;
  env.PATH = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => !dir.includes(`node_modules${path.sep}.bin`)).join(path.delimiter);
  return { ...env, PORT: String(port), HOST: '127.0.0.1' };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A copy of the working tree as a clone of it would hold (tracked and new files, nothing ignored). */
function copyTree(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'regietafel-startup-'));
  chmodSync(dir, 0o755); // the embedded PostgreSQL runs as another user when we are root
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: packageRoot }).toString().split('\0').filter(Boolean);
  for (const file of files) {
    if (!existsSync(path.join(packageRoot, file))) continue; // deleted, not yet committed
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(packageRoot, file), path.join(dir, file));
  }
  return dir;
}

interface Started {
  child: ChildProcess;
  seconds: number;
}

/** The server started last, stopped on the way out if a run fails. */
let running: Started | undefined;

/** `npm start` in `cwd` until GET /readyz answers 200; the time is from the spawn. */
async function startUntilReady(cwd: string, env: NodeJS.ProcessEnv): Promise<Started> {
  const begin = performance.now();
  const child = spawn('npm', ['start'], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running = { child, seconds: NaN };
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited = false;
  child.once('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`npm start exited before it was ready:\n${output}`);
    try {
      const response = await fetch(`http://127.0.0.1:${env.PORT}/readyz`, { signal: AbortSignal.timeout(1000) });
      if (response.status === 200) return (running = { child, seconds: (performance.now() - begin) / 1000 });
    } catch {
      // not listening yet
    }
    await sleep(25);
  }
}

/** Ctrl-C as a terminal sends it (to the whole process group), then waits until the database has stopped too. */
async function stop(started: Started, cwd: string): Promise<void> {
  const { child } = started;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGINT');
    await exited;
  }
  running = undefined;
  const pidFile = path.join(cwd, '.data', 'postgres', 'postmaster.pid');
  for (let waited = 0; existsSync(pidFile) && waited < 15_000; waited += 100) await sleep(100);
}

function timed(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): { seconds: number; stdout: string } {
  const begin = performance.now();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  const seconds = (performance.now() - begin) / 1000;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}${result.stderr}`);
  return { seconds, stdout: result.stdout };
}

function token(cwd: string, env: NodeJS.ProcessEnv): number {
  const { seconds, stdout } = timed('npm', ['run', '-s', 'token', '--', 'lrt'], cwd, env);
  if (!/^[\w-]+\.[\w-]+\.[\w-]+\n$/.test(stdout)) throw new Error(`npm run -s token printed more than a token: ${JSON.stringify(stdout)}`);
  return seconds;
}

interface Row {
  what: string;
  runs: number[];
  aim?: string;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const seconds = (value: number) => `${value.toFixed(value < 1 ? 2 : 1)} s`;

async function main() {
  const dir = copyTree();
  const env = shellEnv(await freePort());
  const rows: Row[] = [];
  const record = (row: Row) => {
    rows.push(row);
    console.log(`${row.what}: median ${seconds(median(row.runs))} (${row.runs.map(seconds).join(', ')})`);
  };
  try {
    console.log(`copy of the working tree in ${dir}; npm install …`);
    const install = timed('npm', ['install', '--no-audit', '--no-fund'], dir, env).seconds;
    console.log(`npm install: ${seconds(install)}`);

    // A fresh clone after `npm install`: no dist/, no .data/. Removing both between runs brings that state back
    // (the file system cache stays warm, as it is after an install).
    const first: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      rmSync(path.join(dir, 'dist'), { recursive: true, force: true });
      rmSync(path.join(dir, '.data'), { recursive: true, force: true });
      const started = await startUntilReady(dir, env);
      first.push(started.seconds);
      await stop(started, dir);
    }
    record({ what: 'first start: `npm start` → `/readyz` 200, fresh clone after `npm install` (builds, creates the database, demo data)', runs: first, aim: '≤ 15 s' });

    const unchanged: number[] = [];
    const withServer: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = await startUntilReady(dir, env);
      unchanged.push(started.seconds);
      withServer.push(token(dir, env));
      await stop(started, dir);
    }
    record({ what: '`npm start` → `/readyz` 200, nothing changed', runs: unchanged, aim: '≤ 5 s' });

    const edited: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      appendFileSync(path.join(dir, EDITED), `// edited for the start-up benchmark (${i + 1})\n`);
      const started = await startUntilReady(dir, env);
      edited.push(started.seconds);
      await stop(started, dir);
    }
    record({ what: `\`npm start\` → \`/readyz\` 200, after editing one source file (a comment in \`${EDITED}\`: rebuilds)`, runs: edited });

    record({ what: '`npm run -s token -- lrt`, server running', runs: withServer, aim: '≤ 1.5 s' });
    const withoutServer: number[] = [];
    for (let i = 0; i < RUNS; i++) withoutServer.push(token(dir, env));
    record({ what: '`npm run -s token -- lrt`, no server running', runs: withoutServer, aim: '≤ 1.5 s' });

    const check: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const result = timed(process.execPath, ['scripts/build-if-stale.mjs'], dir, env);
      check.push(result.seconds);
    }
    record({ what: '`node scripts/build-if-stale.mjs`, nothing changed (the check every npm script makes)', runs: check });

    const section = [
      `## Start-up (${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, Node ${process.version})`,
      '',
      'What a developer waits for, from the command until the answer: in a copy of the working tree (what a fresh clone',
      `holds) after \`npm install\` (${seconds(install)}, not counted), with the embedded PostgreSQL. ${RUNS} runs of each, one after the other;`,
      'the median and the range (fastest–slowest). A first start is repeated by removing `dist/` and `.data/` (the file',
      'system cache stays warm, as it is right after an install).',
      '',
      '| command | median | range | aim |',
      '|---|---|---|---|',
      ...rows.map((row) => `| ${row.what} | ${seconds(median(row.runs))} | ${seconds(Math.min(...row.runs))}–${seconds(Math.max(...row.runs))} | ${row.aim ?? ''} |`),
      '',
      '- Every npm script runs `scripts/build-if-stale.mjs` before the compiled code: it runs `tsc` only when a file it',
      '  compiles from (src/, migrations/, bench/, tsconfig*.json, package-lock.json) was added, removed or changed, or',
      '  a compiled file is missing, and otherwise costs the time in the last row. `npm start` is then one npm process and',
      '  two node processes (the check, the server).',
      '- The time to `/readyz` includes starting the embedded PostgreSQL and checking the migrations; the first start',
      '  also runs a full `tsc`, initdb, the migrations and the demo data.',
      '',
    ].join('\n');
    console.log(section);
    writeSection('Start-up', section);
  } finally {
    if (running) await stop(running, dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
