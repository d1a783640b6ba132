/**
 * The subscribers of the fan-out benchmark (fanout.ts), in a process of their own so that they do not share the
 * server's process. fanout.ts forks it and talks over the IPC channel:
 *
 *   → { connect: Subscribers }   ← { connected: true }    N graphql-ws clients, each with one subscription
 *   → { await: true }            ← { received: number[] } once every subscriber has had an event since the last
 *                                                          `await` (or after 60 s): when each had its first one,
 *                                                          in ms since the epoch (performance.timeOrigin + now)
 *                                                          and the CPU this process used meanwhile
 *   → { reset: true }            ← { reset: true }        forgets what was received so far
 *   → { close: true }            ← { closed: true }
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Subscribers {
  url: string;
  token: string;
  count: number;
  query: string;
  variables?: Record<string, unknown>;
}

const now = () => performance.timeOrigin + performance.now();
let clients: Client[] = [];
let received: number[] = [];
let errors = 0;

async function connect({ url, token, count, query, variables }: Subscribers): Promise<void> {
  received = new Array(count).fill(0);
  for (let i = 0; i < count; i += 250) {
    await Promise.all(
      Array.from({ length: Math.min(250, count - i) }, async (_, k) => {
        const index = i + k;
        let ready!: () => void;
        const connected = new Promise<void>((resolve) => (ready = resolve));
        const client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, lazy: false, retryAttempts: 0, on: { connected: () => ready() } });
        clients.push(client);
        await connected;
        client.subscribe(
          { query, variables },
          {
            next: (message) => {
              if (message.errors) errors++;
              if (received[index] === 0) received[index] = now();
            },
            error: () => errors++,
            complete: () => {},
          },
        );
      }),
    );
  }
}

let cpuBefore = process.cpuUsage();

async function everyoneReceived(): Promise<{ received: number[]; cpuMs: number }> {
  const deadline = Date.now() + 60_000;
  while (received.some((r) => r === 0) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
  const result = received;
  received = new Array(result.length).fill(0);
  const cpu = process.cpuUsage(cpuBefore);
  cpuBefore = process.cpuUsage();
  return { received: result, cpuMs: (cpu.user + cpu.system) / 1000 };
}

process.on('message', (message: { connect?: Subscribers; await?: boolean; reset?: boolean; close?: boolean }) => {
  const reply = (work: Promise<object>) =>
    work.then(
      (answer) => process.send!({ ...answer, errors }),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  if (message.connect) void reply(connect(message.connect).then(() => ({ connected: true })));
  else if (message.await) void reply(everyoneReceived());
  else if (message.reset) {
    received = new Array(received.length).fill(0);
    cpuBefore = process.cpuUsage();
    void reply(Promise.resolve({ reset: true }));
  }
  else if (message.close) {
    void reply(Promise.all(clients.map((client) => client.dispose())).then(() => ((clients = []), { closed: true })));
  }
});
