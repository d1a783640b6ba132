/**
 * Fan-out benchmark: N subscribers (national `activity`, as IPO) on one server instance, one change, and
 * the time until every subscriber has it, with the server's memory. Runs the built server as a separate
 * process on a fresh embedded PostgreSQL, so the server's memory is its own.
 *
 *   npm run bench:fanout              # 100, 1,000 and 5,000 subscribers
 *   npm run bench:fanout -- 100 500   # other sizes
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { percentile, startBuiltServer, writeSection } from './support.js';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const SIZES = sizes.length ? sizes : [100, 1_000, 5_000];

function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

async function main() {
  const built = await startBuiltServer();
  const { url } = built;
  const server = built.process;
  const [ipo, lrt] = [await built.token('ipo'), await built.token('lrt')];
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

  await built.stop();

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
  writeSection('Fan-out', section);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
