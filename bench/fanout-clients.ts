/**
 * The subscribers of the fan-out benchmark (fanout.ts), in a process of their own so that they do not share the
 * server's process. fanout.ts forks it for one table row and talks over the IPC channel; every answer also carries
 * `errors`, the number of errors seen so far (fanout.ts stops on any):
 *
 *   → { connect: Subscribers }   ← { connected: true }    N WebSocket connections, each with one subscription
 *   → { await: true }            ← { received: number[],  once every subscriber has had a message since the last
 *                                    cpuMs: number }      `await` or `reset` (or after 60 s, or at an error): when
 *                                                          each had its first one, in ms since the epoch
 *                                                          (performance.timeOrigin + now), and the CPU this process
 *                                                          used meanwhile; then checks those messages: one each, the
 *                                                          event
 *   → { reset: true }            ← { reset: true }        checks that nothing came since the last `await`, and starts
 *                                                          counting CPU again
 *   → { close: true }            ← { closed: true }       checks that nothing came since, then closes every connection
 *
 * Each subscriber speaks the graphql-transport-ws protocol with graphql-ws's own message helpers, but without its
 * client: while a change is delivered it only notes when its message came and keeps the message. The messages are
 * checked (fanout-message.ts) after the time and the CPU are read. The process stands in for thousands of browsers
 * that each read one message at the same time on machines of their own; here they share one process and the
 * server's cores, so every microsecond a subscriber spends on a message delays the time noted for all the
 * subscribers after it. Like the comparison's load generator, it does as little as it can while it is timed. With a
 * full graphql-ws client each, which parses and checks every message as it comes, that reading was in the times
 * (docs/benchmarks.md, fan-out, tenth session).
 */
import { GRAPHQL_TRANSPORT_WS_PROTOCOL, MessageType, parseMessage, stringifyMessage } from 'graphql-ws';
import WebSocket from 'ws';
import { isTheEvent, SUBSCRIPTION_ID } from './fanout-message.js';

export interface Subscribers {
  url: string;
  token: string;
  count: number;
  query: string;
  variables?: Record<string, unknown>;
}

/** How long a subscriber waits for the server to acknowledge its connection. */
const ACK_WAIT_MS = 10_000;

const now = () => performance.timeOrigin + performance.now();
let sockets: WebSocket[] = [];
/** Per subscriber: when its first message since the last check came (0: none yet). */
let received: number[] = [];
/** Per subscriber: the messages that came since the last check. */
let messages: WebSocket.RawData[][] = [];
/** How many subscribers have had no message since the last check. */
let missing = 0;
let errors = 0;
/** Wakes `everyoneReceived` when the last subscriber has had its message, or at an error. */
let wake: () => void = () => {};
/** Set once, when the row is done: this process is forked for one row and ends with it. */
let closing = false;

/** One subscriber: connects, is acknowledged, subscribes; resolves once the subscription is sent. */
function subscriber(index: number, { url, token, query, variables }: Subscribers): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, GRAPHQL_TRANSPORT_WS_PROTOCOL);
    sockets.push(socket);
    let failed = false;
    /** One error per subscriber, however its connection ends (a failed socket emits both 'error' and 'close'). */
    const fail = (why: string) => {
      clearTimeout(ackWait);
      if (failed || closing) return;
      failed = true;
      errors++;
      wake();
      socket.terminate();
      reject(new Error(`subscriber ${index}: ${why}`));
    };
    const ackWait = setTimeout(() => fail(`no connection_ack within ${ACK_WAIT_MS / 1000} s`), ACK_WAIT_MS);
    socket.once('open', () => socket.send(stringifyMessage({ type: MessageType.ConnectionInit, payload: { authorization: `Bearer ${token}` } })));
    socket.once('message', (data) => {
      clearTimeout(ackWait);
      let type: string;
      try {
        type = parseMessage(data.toString()).type;
      } catch (error) {
        return fail(`expected connection_ack, got what is not a message (${String(error)})`);
      }
      if (type !== MessageType.ConnectionAck) return fail(`expected connection_ack, got ${type}`);
      // From here on every message is timed and kept; the acknowledgement above is not one of them.
      socket.on('message', (message) => {
        messages[index].push(message);
        if (received[index] !== 0) return;
        received[index] = now();
        if (--missing === 0) wake();
      });
      socket.send(stringifyMessage({ id: SUBSCRIPTION_ID, type: MessageType.Subscribe, payload: { query, variables } }));
      resolve();
    });
    socket.once('error', (error) => fail(error.message));
    socket.once('close', (code, reason) => fail(`the server closed the connection: ${code} ${reason.toString()}`));
  });
}

async function connect(subscribers: Subscribers): Promise<void> {
  messages = Array.from({ length: subscribers.count }, () => []);
  forget(0);
  for (let i = 0; i < subscribers.count; i += 250) {
    await Promise.all(Array.from({ length: Math.min(250, subscribers.count - i) }, (_, k) => subscriber(i + k, subscribers)));
  }
  forget(0); // no change was made: nothing may have come
}

let cpuBefore = process.cpuUsage();

/**
 * Checks the messages that came since the last check, then forgets them and when they came. `allowed`: how many
 * each subscriber may have had: one after a change (the event, fanout-message.ts: one change makes one event), none
 * between changes. A message of the change that comes after the check (a second one) is counted at the next.
 */
function forget(allowed: 0 | 1): void {
  for (const list of messages) {
    if (list.length > allowed) errors += list.length - allowed;
    else for (const message of list) if (!isTheEvent(message.toString())) errors++;
  }
  messages = messages.map(() => []);
  received = new Array(messages.length).fill(0);
  missing = messages.length;
}

async function everyoneReceived(): Promise<{ received: number[]; cpuMs: number }> {
  const deadline = Date.now() + 60_000;
  while (missing > 0 && errors === 0 && Date.now() < deadline) {
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, deadline - Date.now());
    });
    clearTimeout(timer);
  }
  wake = () => {};
  const cpu = process.cpuUsage(cpuBefore);
  const result = received;
  forget(1);
  cpuBefore = process.cpuUsage();
  return { received: result, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function closeAll(): Promise<void> {
  forget(0);
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
    forget(0);
    cpuBefore = process.cpuUsage();
    void reply(Promise.resolve({ reset: true }));
  }
  else if (message.close) void reply(closeAll().then(() => ({ closed: true })));
});
