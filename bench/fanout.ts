/**
 * Fan-out benchmark: one change delivered to N subscribers of one subscription on one server instance; the time until
 * every subscriber has it, and the server's memory. For each subscription and each size, a fresh server (the built
 * server as its own process, on a fresh embedded PostgreSQL with the demo data); the subscribers run in a process of
 * their own (fanout-clients.ts), not in the server's. The server runs on Node 22 (`serverNode()` in support.ts), the
 * subscribers on the Node that runs this benchmark; REGIETAFEL_NODE=current runs the server on that Node too.
 *
 *   npm run bench:fanout                                   # 100, 1,000 and 5,000 subscribers, all three subscriptions
 *   npm run bench:fanout -- 100 500                        # other sizes
 *   SUBSCRIPTIONS=activity npm run bench:fanout -- 100     # one subscription (activity, planChanged, nationalOverviewChanged)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Subscribers } from './fanout-clients.js';
import { endIfStopped, listenForStop, nodeVersion, percentile, serverNode, serverNodeFlags, startBuiltServer, untilStopped, writeSection, type BuiltServer } from './support.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const SIZES = sizes.length ? sizes : [100, 1_000, 5_000];
const ONLY = process.env.SUBSCRIPTIONS?.split(',').map((name) => name.trim()).filter(Boolean);
/** The quiet spell before the second measured change (FANOUT_QUIET_SECONDS). */
const QUIET_SECONDS = Number(process.env.FANOUT_QUIET_SECONDS ?? 30);

function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

/** CPU a process has used so far, in ms, and of it in the kernel (system): /proc/PID/stat counts ticks of 1/100 s. */
function cpuMsOf(pid: number): { all: number; system: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return { all: (Number(fields[11]) + Number(fields[12])) * 10, system: Number(fields[12]) * 10 };
}

async function graphql<T>(built: BuiltServer, subject: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return post<T>(built, await built.token(subject), query, variables);
}

/** One GraphQL request with a token signed beforehand (signing is not part of what a caller times). */
async function post<T>(built: BuiltServer, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(built.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data || body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/**
 * How long the benchmark waits after every subscriber has had a change before the subscribers check that nothing more
 * came (at `reset` and `close`): a second message of the change, or anything else it caused, would have come by then.
 */
const SETTLE_MS = 500;

/** How long after a change is sent the benchmark sends another request (`{ __typename }`): the delivery is under way then. */
const MEANWHILE_AFTER_MS = 40;

/** The time a request sent `MEANWHILE_AFTER_MS` after the change takes, while the server is delivering the change. */
async function requestMeanwhile(built: BuiltServer, token: string): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, MEANWHILE_AFTER_MS));
  const sent = performance.now();
  await post(built, token, '{ __typename }');
  return performance.now() - sent;
}

interface Scenario {
  name: string;
  /** What the docs say is measured. */
  description: string;
  /** Prepares the server (once, before the subscribers connect): the subscription, as whom, and the change to make. */
  prepare(built: BuiltServer): Promise<{ subscriber: string; query: string; variables?: Record<string, unknown>; change: () => Promise<void> }>;
}

/** The opgave of Utrecht (LRT): an event in the national feed, and a changed figure for a national monitor. */
function opgaveChange(built: BuiltServer): () => Promise<void> {
  let version: number | undefined;
  return async () => {
    const data = await graphql<{ setOpgave: { version: number } }>(
      built,
      'lrt',
      'mutation($v: Int) { setOpgave(input: { provinceCode: UT, opvangtype: AZC, dueDate: "2022-06-30", places: 1, source: "bench", expectedVersion: $v }) { version } }',
      { v: version },
    );
    version = data.setOpgave.version;
  };
}

const SCENARIOS: Scenario[] = [
  {
    name: 'activity',
    description: '`activity` without a province, as IPO (every province); the change: LRT sets an opgave of Utrecht (`setOpgave`)',
    prepare: async (built) => ({ subscriber: 'ipo', query: 'subscription { activity { id kind } }', change: opgaveChange(built) }),
  },
  {
    name: 'planChanged',
    description: "`planChanged` of Utrecht's draft plan, as its PRT secretariat (who may read it); the change: a second member of the secretariat edits the plan's title (`updateProvincialPlan`)",
    prepare: async (built) => {
      const { province } = await graphql<{ province: { plans: { id: string; status: string; version: number }[] } }>(
        built,
        'secretariaat-ut',
        '{ province(code: UT) { plans { id status version } } }',
      );
      const plan = province.plans.find((p) => p.status === 'CONCEPT' || p.status === 'TERUGGESTUURD');
      if (!plan) throw new Error("the demo data has no draft plan of Utrecht to change");
      let version = plan.version;
      let edits = 0;
      return {
        subscriber: 'secretariaat-ut',
        query: 'subscription($id: ID!) { planChanged(planId: $id) { id version title status } }',
        variables: { id: plan.id },
        change: async () => {
          const data = await graphql<{ updateProvincialPlan: { version: number } }>(
            built,
            'secretariaat-ut-2',
            'mutation($id: ID!, $v: Int!, $title: String!) { updateProvincialPlan(input: { planId: $id, expectedVersion: $v, title: $title }) { version } }',
            { id: plan.id, v: version, title: `Provinciaal plan Utrecht (bench ${++edits})` },
          );
          version = data.updateProvincialPlan.version;
        },
      };
    },
  },
  {
    name: 'nationalOverviewChanged',
    description: '`nationalOverviewChanged` without a province, as IPO; the change: LRT sets an opgave of Utrecht (`setOpgave`)',
    prepare: async (built) => ({ subscriber: 'ipo', query: 'subscription { nationalOverviewChanged { eventId kind provinceCode } }', change: opgaveChange(built) }),
  },
];

/** Asks the clients' process something and waits for its answer; refuses it when the subscribers have seen errors. */
function ask<T>(clients: ChildProcess, message: object): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`the subscribers' process exited with ${code}`));
    clients.once('exit', onExit);
    clients.once('message', (answer: T & { errors: number }) => {
      clients.off('exit', onExit);
      if (answer.errors) reject(new Error(`the subscribers saw ${answer.errors} errors (a message that was not the event, one more than the change's one, a connection error, or a connection the server closed)`));
      else resolve(answer);
    });
    clients.send(message);
  });
}

/** One size of one subscription on a fresh server: a table row. */
async function measure(scenario: Scenario, n: number): Promise<string> {
  const built = await startBuiltServer({ node: serverNode() });
  const clients = fork(path.join(here, 'fanout-clients.js'), [], { execArgv: serverNodeFlags(), stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  // A stop signal ends the measuring; the finally still stops the server and the subscribers, then this process ends by it.
  try {
    return await untilStopped(measureOn(built, clients, scenario, n));
  } finally {
    clients.kill();
    await built.stop();
    await endIfStopped('bench:fanout');
  }
}

/** The measuring itself, on a started server with its subscribers' process: a table row. */
async function measureOn(built: BuiltServer, clients: ChildProcess, scenario: Scenario, n: number): Promise<string> {
  const server = built.process.pid!;
  const { subscriber, query, variables, change } = await scenario.prepare(built);
  const idle = rssMiB(server); // before the subscribers connect (garbage collection can make the difference negative)
  const subscribers: Subscribers = { url: built.url.replace(/^http/, 'ws'), token: await built.token(subscriber), count: n, query, variables };
  await ask(clients, { connect: subscribers });
  // Warm-up change: once every subscriber has it, every subscription is surely live.
  const warm = ask<{ received: number[] }>(clients, { await: true });
  warm.catch(() => {}); // refused before it is awaited: the await below still throws, and the finally stops everything
  await change();
  if ((await warm).received.some((r) => r === 0)) throw new Error(`${scenario.name}: not every subscriber had the warm-up change within 60 s`);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  await ask(clients, { reset: true });
  const memory = rssMiB(server);

  const meanwhileToken = await built.token('ipo');
  /** One change, timed until every subscriber has it: sorted latencies, the CPU used, and a request's time meanwhile. */
  const timed = async (): Promise<{ latencies: number[]; cpuMs: number; serverCpu: { all: number; system: number }; meanwhileMs: number }> => {
    const measured = ask<{ received: number[]; cpuMs: number }>(clients, { await: true });
    measured.catch(() => {}); // as `warm`
    const serverCpuBefore = cpuMsOf(server);
    const start = performance.timeOrigin + performance.now();
    const [meanwhileMs] = await Promise.all([requestMeanwhile(built, meanwhileToken), change()]);
    const { received, cpuMs } = await measured;
    const serverCpuAfter = cpuMsOf(server);
    const serverCpu = { all: serverCpuAfter.all - serverCpuBefore.all, system: serverCpuAfter.system - serverCpuBefore.system };
    const missing = received.filter((r) => r === 0).length;
    if (missing) throw new Error(`${scenario.name}: ${missing} of ${n} subscribers did not have the change within 60 s`);
    if (received.some((r) => r < start)) throw new Error(`${scenario.name}: a subscriber had a message before the change was sent`);
    return { latencies: received.map((r) => r - start).sort((a, b) => a - b), cpuMs, serverCpu, meanwhileMs };
  };
  const busy = await timed();
  // The same after a quiet spell, as a change usually comes: the server has meanwhile given memory back.
  await new Promise((resolve) => setTimeout(resolve, QUIET_SECONDS * 1000));
  await ask(clients, { reset: true });
  const quiet = await timed();
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const row =
    `| \`${scenario.name}\` | ${n.toLocaleString('en')} | ${ms(busy.latencies[0])} | ${ms(percentile(busy.latencies, 50))} | ${ms(percentile(busy.latencies, 99))} | ${ms(busy.latencies.at(-1)!)} ` +
    `| ${ms(quiet.latencies[0])} | ${ms(percentile(quiet.latencies, 50))} | ${ms(percentile(quiet.latencies, 99))} | ${ms(quiet.latencies.at(-1)!)} ` +
    `| ${memory} MiB (${memory - idle >= 0 ? '+' : ''}${memory - idle} MiB) | ${ms(busy.serverCpu.all)} (${ms(busy.serverCpu.system)}), ${ms(quiet.serverCpu.all)} (${ms(quiet.serverCpu.system)}) | ${ms(busy.cpuMs)}, ${ms(quiet.cpuMs)} | ${ms(busy.meanwhileMs)}, ${ms(quiet.meanwhileMs)} |`;
  console.log(row);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  await ask(clients, { close: true });
  return row;
}

async function main() {
  const scenarios = ONLY ? SCENARIOS.filter((s) => ONLY.includes(s.name)) : SCENARIOS;
  if (!scenarios.length) throw new Error(`SUBSCRIPTIONS names none of ${SCENARIOS.map((s) => s.name).join(', ')}`);
  listenForStop();
  const serverOn = nodeVersion(serverNode());
  const rows: string[] = [];
  for (const scenario of scenarios) for (const n of SIZES) rows.push(await measure(scenario, n));

  const section = [
    `## Fan-out (${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, the server on Node ${serverOn}, the subscribers on Node ${process.version})`,
    '',
    'Written by `npm run bench:fanout` (bench/fanout.ts), which replaces this section on every run.',
    '',
    'One change delivered to N subscribers of one subscription on one server instance: the time from sending the mutation',
    'until each subscriber has its message (the first one, p50, p99, the last one). Each row is a fresh server (the built `dist/`,',
    'NODE_ENV=production, on a fresh embedded PostgreSQL with the demo data); the subscribers run in a process of their own,',
    `on the same ${os.cpus().length} cores. Each speaks graphql-ws\'s protocol over its own WebSocket connection; while a change is`,
    'delivered it only notes when its message came (its reading of the WebSocket frames is in the times), and the messages are',
    'checked afterwards (one `next` of the subscription each, with data and without errors; bench/fanout-clients.ts says why).',
    'After a warm-up change, two changes are',
    `measured: half a second after the warm-up ("busy"), and after ${QUIET_SECONDS} s without events ("after a quiet spell"), when the`,
    'server has given memory back and a change comes as it usually does. Server memory: RSS with every subscriber connected',
    '(and against before they connected). Server CPU and subscribers\' CPU: CPU the server (in brackets: of it in the kernel, mostly',
    'sending) and the subscribers\' process used for each measured change, busy and after a quiet spell: the server\'s read from /proc',
    `in steps of 10 ms, the subscribers\' by their process itself (process.cpuUsage), without their checking of the messages afterwards. "A request meanwhile": how long a \`{ __typename }\` sent ${MEANWHILE_AFTER_MS} ms after the change (the delivery`,
    'is then under way with many subscribers) took, busy and after a quiet spell.',
    ...(serverNode() === process.execPath
      ? ['The server runs on the Node that runs the benchmark (`REGIETAFEL_NODE=current`), as the subscribers\' process does.']
      : [
          `The server runs on Node ${serverOn} (bench/node22/, as the comparison\'s servers): the README asks for 22 or 24 for a server;`,
          '`REGIETAFEL_NODE=current` runs it on the Node that runs the benchmark, as until the seventh session (2026-12-03).',
          'The subscribers\' process runs on the Node that runs the benchmark.',
        ]),
    `The server runs with the Node flags \`npm start\` and the Dockerfile give it (package.json \`config.serverNodeFlags\`: \`${serverNodeFlags().join(' ')}\`),`,
    'and so does the subscribers\' process, as it has since the fourth session (with the full graphql-ws clients it had until the tenth,',
    'a young generation shrunk after a quiet spell put its own garbage collection in the times), so that its figures stay comparable.',
    '',
    ...scenarios.map((s) => `- ${s.description}.`),
    '',
    '| subscription | subscribers | busy: first | p50 | p99 | last | after a quiet spell: first | p50 | p99 | last | server memory | server CPU | subscribers\' CPU | a request meanwhile |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
  writeSection('Fan-out', section);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
