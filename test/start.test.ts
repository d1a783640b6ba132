import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../src/platform/paths.js';

/**
 * What a newcomer does: start the built server on a fresh data directory (embedded PostgreSQL, demo
 * data), ask for a token, query, press Ctrl-C, start again and find the data kept.
 */
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'regietafel-start-'));
chmodSync(dataDir, 0o755);
const env = { ...process.env, NODE_ENV: 'development', REGIETAFEL_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_PRETTY: 'false', LOG_LEVEL: 'info', DATABASE_URL: '' };
const node = (script: string) => path.join(packageRoot, 'dist', 'src', 'cli', script);

const started: ChildProcess[] = [];

function start(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  // detached: its own process group, so we can send SIGINT to the group as a terminal's Ctrl-C does.
  const child = spawn(process.execPath, [node('start.js')], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (match && /npm run -s token|verified against/.test(output)) resolve({ child, url: match[1], output: () => output });
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
      const kept = execFileSync(process.execPath, [node('token.js'), 'kept'], { env, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
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
    expect(output).toMatch(/EADDRINUSE/);
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
});
