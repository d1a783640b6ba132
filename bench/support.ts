import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
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

/** The built server as its own process (its memory is its own) on a fresh embedded PostgreSQL with demo data. */
export async function startBuiltServer(): Promise<BuiltServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'regietafel-bench-'));
  chmodSync(dataDir, 0o755);
  // BENCH_PROFILE=DIR writes a CPU profile of the server to DIR when it stops (open it in any .cpuprofile viewer).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`] : [];
  const child = spawn(process.execPath, [...profile, path.join(packageRoot, 'dist', 'src', 'cli', 'start.js')], {
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
