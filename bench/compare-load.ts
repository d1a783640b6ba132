/**
 * The load generator of the comparison benchmark (compare.ts), in a process of its own: it sends one request body
 * over and over through keep-alive connections and does not parse the answers, so it spends as little as it can of
 * the cores the servers share with it. It counts each answer's status and bytes.
 *
 * compare.ts forks it and talks over the IPC channel: it sends a `Load`; this process sends the warm-up requests,
 * answers `{ warm: true }`, waits for `{ go: true }` (so compare.ts reads the servers' CPU between the two), sends
 * the measured requests and answers with a `LoadResult`.
 */
import http from 'node:http';

export interface Load {
  url: string;
  headers: Record<string, string>;
  body: string;
  requests: number;
  concurrency: number;
  warmup: number;
}

export interface LoadResult {
  seconds: number;
  /** Milliseconds per request, in the order they finished. */
  latencies: number[];
  /** How many answers had each status (0: the request failed). */
  statuses: Record<string, number>;
  /** Answer sizes seen (bytes): the smallest and the largest. */
  minBytes: number;
  maxBytes: number;
}

function sender(load: Load) {
  const url = new URL(load.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: load.concurrency });
  const body = Buffer.from(load.body);
  const headers = { ...load.headers, 'content-type': 'application/json', 'content-length': String(body.length) };
  const send = () =>
    new Promise<{ status: number; bytes: number }>((resolve) => {
      const request = http.request({ agent, host: url.hostname, port: url.port, path: url.pathname + url.search, method: 'POST', headers }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, bytes }));
        response.on('error', () => resolve({ status: 0, bytes }));
      });
      request.on('error', () => resolve({ status: 0, bytes: 0 }));
      request.end(body);
    });
  return { send, agent };
}

async function run(load: Load, send: ReturnType<typeof sender>['send'], requests: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let [minBytes, maxBytes] = [Infinity, 0];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: load.concurrency }, async () => {
      while (next++ < requests) {
        const t = performance.now();
        const { status, bytes } = await send();
        latencies.push(performance.now() - t);
        statuses[status] = (statuses[status] ?? 0) + 1;
        minBytes = Math.min(minBytes, bytes);
        maxBytes = Math.max(maxBytes, bytes);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies, statuses, minBytes, maxBytes };
}

async function round(load: Load, go: Promise<unknown>): Promise<void> {
  const { send, agent } = sender(load);
  const warm = await run(load, send, load.warmup);
  process.send!({ warm: true, statuses: warm.statuses });
  await go;
  process.send!(await run(load, send, load.requests));
  agent.destroy();
}

// A `Load` starts a round; the next message is its `{ go: true }`.
let waiting: ((message: unknown) => void) | null = null;
process.on('message', (message: unknown) => {
  if (waiting) {
    const resolve = waiting;
    waiting = null;
    resolve(message);
    return;
  }
  round(message as Load, new Promise((resolve) => (waiting = resolve))).catch((error) => {
    console.error(error);
    process.exit(1);
  });
});
