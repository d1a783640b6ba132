/**
 * Fan-out benchmark: N subscribers (national `activity`, as IPO) on one server instance, one change, and
 * the time until every subscriber has it, with the server's memory. Runs the built server as a separate
 * process on a fresh embedded PostgreSQL, so the server's memory is its own.
 *
 *   npm run bench:fanout              # 100, 1,000 and 5,000 subscribers
 *   npm run bench:fanout -- 100 500   # other sizes
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { devSigningKey } from '../src/platform/auth/keys.js';
import { loadConfig } from '../src/platform/config.js';
import { packageRoot } from '../src/platform/paths.js';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const SIZES = sizes.length ? sizes : [100, 1_000, 5_000];

function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'regietafel-bench-'));
  chmodSync(dataDir, 0o755);
  const server = spawn(process.execPath, [path.join(packageRoot, 'dist', 'src', 'cli', 'start.js')], {
    env: { ...process.env, REGIETAFEL_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', LOG_PRETTY: 'false', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (match) resolve(match[1]);
    });
    server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const config = loadConfig({ REGIETAFEL_DATA_DIR: dataDir });
  const key = await devSigningKey(dataDir);
  const token = (sub: string) =>
    new SignJWT({}).setProtectedHeader({ alg: key.alg, kid: key.kid }).setSubject(sub).setIssuer(config.auth.issuer).setAudience(config.auth.audience).setExpirationTime('2h').sign(key.key);
  const [ipo, lrt] = [await token('ipo'), await token('lrt')];
  let version: number | undefined;
  const change = async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${lrt}` },
      body: JSON.stringify({
        query: 'mutation($v: Int) { setOpgave(input: { provinceCode: UT, opvangtype: AZC, dueDate: "2022-06-30", places: 1, source: "bench", expectedVersion: $v }) { version } }',
        variables: { v: version },
      }),
    });
    const body = (await response.json()) as { data?: { setOpgave: { version: number } }; errors?: unknown };
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    version = body.data.setOpgave.version;
  };

  const results: string[] = [];
  const baseline = rssMiB(server.pid!);
  for (const n of SIZES) {
    const clients: Client[] = [];
    const received: number[] = new Array(n).fill(0);
    let generation = 0;
    for (let i = 0; i < n; i += 250) {
      await Promise.all(
        Array.from({ length: Math.min(250, n - i) }, async (_, k) => {
          const index = i + k;
          let ready!: () => void;
          const connected = new Promise<void>((resolve) => (ready = resolve));
          const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${ipo}` }, lazy: false, retryAttempts: 0, on: { connected: () => ready() } });
          clients.push(client);
          await connected;
          client.subscribe({ query: 'subscription { activity { id } }' }, { next: () => (received[index] = generation === 0 ? -1 : performance.now()), error: () => {}, complete: () => {} });
        }),
      );
    }
    // Warm-up change: every subscriber has it once it is surely subscribed.
    await change();
    const deadline = Date.now() + 60_000;
    while (received.some((r) => r === 0) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    generation = 1;
    received.fill(0);
    const memory = rssMiB(server.pid!);
    const start = performance.now();
    await change();
    while (received.some((r) => r === 0) && Date.now() < deadline + 60_000) await new Promise((resolve) => setTimeout(resolve, 5));
    const latencies = received.map((r) => r - start).sort((a, b) => a - b);
    const line = `| ${n.toLocaleString('en')} | ${percentile(latencies, 50).toFixed(0)} ms | ${percentile(latencies, 99).toFixed(0)} ms | ${latencies.at(-1)!.toFixed(0)} ms | ${memory} MiB (${memory - baseline} MiB above idle) |`;
    console.log(line);
    results.push(line);
    await Promise.all(clients.map((client) => client.dispose()));
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  process.kill(-server.pid!, 'SIGINT');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });

  const file = path.join(packageRoot, 'docs', 'benchmarks.md');
  const section = [
    `## Fan-out (${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, Node ${process.version})`,
    '',
    'One change (`setOpgave`) delivered to N national `activity` subscribers (IPO) on one server instance; time from',
    'sending the mutation until each subscriber has the event; server memory (RSS) with all subscribers connected.',
    '',
    '| subscribers | p50 | p99 | last | server memory |',
    '|---|---|---|---|---|',
    ...results,
    '',
  ].join('\n');
  const previous = (() => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return '# Benchmarks\n\nFigures from `bench/`, written by the benchmarks themselves. Shared, noisy machines: compare orders of magnitude, not single runs.\n\n';
    }
  })();
  writeFileSync(file, `${previous.trimEnd()}\n\n${section}`);
  console.log(`written to ${path.relative(process.cwd(), file)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
