/**
 * The subscribers of the fan-out benchmark (fanout.ts), in a process of their own so that they do not share the
 * server's process. fanout.ts forks it and talks over the IPC channel:
 *
 *   → { connect: Subscribers }   ← { connected: true }    N WebSocket connections, each with one subscription
 *   → { await: true }            ← { received: number[] } once every subscriber has had an event since the last
 *                                                          `await` (or after 60 s): when each had its first one,
 *                                                          in ms since the epoch (performance.timeOrigin + now)
 *                                                          and the CPU this process used meanwhile
 *   → { reset: true }            ← { reset: true }        forgets what was received so far
 *   → { close: true }            ← { closed: true }
 *
 * Each subscriber speaks the graphql-transport-ws protocol with graphql-ws's own message helpers, but without its
 * client: while a change is being delivered a subscriber only notes when its message came and keeps the message,
 * which is read and checked (a `next` of its subscription, without errors) once every subscriber has had one. The
 * process stands in for thousands of browsers that each read one message at the same time on machines of their
 * own; here they share one process and the server's cores, so every microsecond a subscriber spends on a message
 * delays the time noted for all the subscribers after it. Like the comparison's load generator, it does as little
 * as it can while it is being timed. (With a full graphql-ws client each, which parses and checks every message at
 * once, this process used 160–285 ms of CPU per change at 5,000 subscribers, and that was in the times.)
 */
import { GRAPHQL_TRANSPORT_WS_PROTOCOL, MessageType, parseMessage, stringifyMessage } from 'graphql-ws';
import WebSocket from 'ws';

export interface Subscribers {
  url: string;
  token: string;
  count: number;
  query: string;
  variables?: Record<string, unknown>;
}

/** The id of each subscriber's one subscription. */
const SUBSCRIPTION_ID = '1';

const now = () => performance.timeOrigin + performance.now();
let sockets: WebSocket[] = [];
/** Per subscriber: when its first message since the last `await` or `reset` came (0: none yet). */
let received: number[] = [];
/** The messages that came since the last `await` or `reset`, checked by `forget` once the time is noted. */
let messages: WebSocket.RawData[] = [];
let errors = 0;
let closing = false;

/** A message that is not a `next` of the subscription without errors counts as an error. */
function check(data: WebSocket.RawData): void {
  try {
    const message = parseMessage(data.toString());
    if (message.type !== MessageType.Next || message.id !== SUBSCRIPTION_ID || message.payload.errors) errors++;
  } catch {
    errors++;
  }
}

/** One subscriber: connects, is acknowledged, subscribes; resolves once the subscription is sent. */
function subscriber(index: number, { url, token, query, variables }: Subscribers): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, GRAPHQL_TRANSPORT_WS_PROTOCOL);
    sockets.push(socket);
    socket.once('open', () => socket.send(stringifyMessage({ type: MessageType.ConnectionInit, payload: { authorization: `Bearer ${token}` } })));
    socket.once('message', (data) => {
      const ack = parseMessage(data.toString());
      if (ack.type !== MessageType.ConnectionAck) return reject(new Error(`subscriber ${index}: expected connection_ack, got ${ack.type}`));
      socket.send(stringifyMessage({ id: SUBSCRIPTION_ID, type: MessageType.Subscribe, payload: { query, variables } }));
      socket.on('message', (message) => {
        if (received[index] === 0) received[index] = now();
        messages.push(message);
      });
      resolve();
    });
    socket.once('error', reject);
    socket.once('close', (code, reason) => {
      if (closing) return;
      errors++;
      reject(new Error(`subscriber ${index}: the server closed the connection: ${code} ${reason.toString()}`));
    });
  });
}

async function connect(subscribers: Subscribers): Promise<void> {
  received = new Array(subscribers.count).fill(0);
  for (let i = 0; i < subscribers.count; i += 250) {
    await Promise.all(Array.from({ length: Math.min(250, subscribers.count - i) }, (_, k) => subscriber(i + k, subscribers)));
  }
}

let cpuBefore = process.cpuUsage();

/** Checks the messages that came so far, then forgets them and when they came. */
function forget(): void {
  messages.forEach(check);
  messages = [];
  received = new Array(received.length).fill(0);
}

async function everyoneReceived(): Promise<{ received: number[]; cpuMs: number }> {
  const deadline = Date.now() + 60_000;
  while (received.some((r) => r === 0) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
  const cpu = process.cpuUsage(cpuBefore);
  const result = received;
  forget();
  cpuBefore = process.cpuUsage();
  return { received: result, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function closeAll(): Promise<void> {
  closing = true;
  const closed = sockets.map(
    (socket) =>
      new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close(1000);
      }),
  );
  return Promise.all(closed).then(() => void (sockets = []));
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
    forget();
    cpuBefore = process.cpuUsage();
    void reply(Promise.resolve({ reset: true }));
  }
  else if (message.close) void reply(closeAll().then(() => ({ closed: true })));
});
