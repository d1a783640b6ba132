/**
 * regietafel side by side with PostGraphile v5 on the same embedded PostgreSQL and data: both answer alike (checked
 * first, per workload), then interleaved rounds; the ratios go into docs/benchmarks.md.
 *
 *   npm run bench:compare
 *   ROUNDS=1 REQUESTS=50 WORKLOADS=typename,list npm run bench:compare     (a quick run; default 5 rounds of 1,000)
 *
 * Four processes (five when this one runs itself again, below): regietafel (the built `dist/`, NODE_ENV=production) with its embedded PostgreSQL; PostGraphile
 * (compare-postgraphile.ts); the load generator (compare-load.ts), which does not parse answers; and this one, which
 * checks the answers, reads the CPU each process used from /proc, and writes the section.
 *
 * Both servers run on one Node: PostGraphile needs Node 22, so this benchmark runs itself again on the Node 22 of
 * bench/node22/ (installed here when missing), and regietafel's server and the load generator, started from it, run
 * on it too. The README asks for Node 22 or 24 for a server (Node 20 no longer gets security fixes).
 * REGIETAFEL_NODE=current keeps this process, regietafel and the load generator on the Node that started it, as the
 * benchmark measured until its seventh session (2026-12-03; PostGraphile still on Node 22).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, execute, parse } from 'graphql';
import pg from 'pg';
import { packageRoot } from '../src/platform/paths.js';
import type { Load, LoadResult } from './compare-load.js';
import { assertSameAnswers, WORKLOADS, type Operation, type Workload } from './compare-workloads.js';
import { BASELINE_SQL, TYPES } from './overview-baseline.js';
import {
  addBenchData,
  benchNode,
  cpuSeconds,
  databaseOf,
  endIfStopped,
  listenForStop,
  nodeVersion,
  percentile,
  serverNode,
  serverNodeFlags,
  startBuiltServer,
  STOP_SIGNALS,
  untilStopped,
  urlOf,
  writeSection,
  type BenchDataSize,
  type BuiltServer,
} from './support.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const REQUESTS = Number(process.env.REQUESTS ?? 1000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
const WARMUP = Number(process.env.WARMUP ?? 20);
const ONLY = process.env.WORKLOADS?.split(',').map((key) => key.trim()).filter(Boolean);
const SCHEMA = 'bench_compare';

/** The nationalOverview statement of the overview bench's baseline as a function PostGraphile exposes (bench database only). */
async function defineOverviewFunction(pool: pg.Pool): Promise<void> {
  const types = `ARRAY[${TYPES.map((type) => `'${type}'`).join(', ')}]::text[]`;
  const body = BASELINE_SQL.replaceAll('$2::text[]', types);
  if (body.includes('$2')) throw new Error('the baseline statement takes a parameter the function does not supply');
  await pool.query(`CREATE SCHEMA ${SCHEMA}`);
  await pool.query(
    `CREATE FUNCTION ${SCHEMA}.national_overview(on_date date) RETURNS json LANGUAGE sql STABLE AS $fn$
       SELECT (q.document::json) -> 'nationalOverview' FROM (${body}) q
     $fn$`,
  );
}

/**
 * Runs this benchmark again on `serverNode()` when it is not running on it already, so that regietafel's server, the
 * load generator and the "graphql-js alone" measurement run on one Node, and both servers on the same one unless
 * REGIETAFEL_NODE=current. Resolves true when it did, with this process's exit code set to the run's; the signals that
 * stop a run (SIGINT, SIGTERM, SIGHUP) are passed on to it, and a run ended by one ends this process by the same one.
 */
async function ranOnServerNode(): Promise<boolean> {
  const binary = serverNode();
  if (realpathSync(process.execPath) === realpathSync(binary)) return false;
  // Started from a run on that Node already, yet not on it: a second start would go round for ever.
  if (process.env.REGIETAFEL_COMPARE_AGAIN) throw new Error(`bench:compare was started again on ${binary}, but runs on ${process.execPath}`);
  console.log(`running the comparison on ${binary} (${nodeVersion(binary)}), as PostGraphile; REGIETAFEL_NODE=current keeps regietafel on ${process.version}`);
  const again = spawn(binary, [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, REGIETAFEL_COMPARE_AGAIN: '1' },
  });
  const pass = (signal: NodeJS.Signals) => again.kill(signal);
  for (const signal of STOP_SIGNALS) process.on(signal, pass);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    again.once('error', reject);
    again.once('exit', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
  });
  for (const name of STOP_SIGNALS) process.off(name, pass);
  if (signal) {
    console.error(`the comparison on ${binary} was ended by ${signal}`);
    process.kill(process.pid, signal);
  }
  process.exitCode = code ?? 1;
  return true;
}

interface Server {
  name: string;
  url: string;
  pid: number;
  headers: Record<string, string>;
  operation(workload: Workload): Operation;
}

async function startPostGraphile(databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(benchNode(), [path.join(here, 'compare-postgraphile.js'), databaseUrl, 'public', SCHEMA], {
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return { child, url: await urlOf(child, 'PostGraphile') };
}

/** One answer, parsed (here, not in the load generator), with its size in bytes as sent. */
async function ask(server: Server, workload: Workload): Promise<{ answer: { data?: unknown; errors?: unknown }; bytes: number }> {
  const response = await fetch(server.url, { method: 'POST', headers: { ...server.headers, 'content-type': 'application/json' }, body: JSON.stringify(server.operation(workload)) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${workload.key}: ${server.name} answered ${response.status}: ${text.slice(0, 500)}`);
  return { answer: JSON.parse(text), bytes: Buffer.byteLength(text) };
}

/**
 * What graphql-js alone spends on a workload: regietafel's document executed over its own answer held in memory,
 * with the schema's SDL (`schema/schema.graphql`) and no resolvers (each field reads the property of its name), then
 * turned into JSON as Apollo Server does. No database, no HTTP, no authorization: the floor of field-by-field execution
 * for that answer. Milliseconds of this process's CPU per execution, over at least a second after a warm-up.
 */
function executionFloor(operation: Operation, data: unknown): number {
  const schema = buildSchema(readFileSync(path.join(packageRoot, 'schema', 'schema.graphql'), 'utf8'));
  const document = parse(operation.query);
  const run = () => {
    const result = execute({ schema, document, rootValue: data, variableValues: operation.variables });
    if (result instanceof Promise || result.errors) throw new Error(`executing over the answer: ${JSON.stringify((result as { errors?: unknown }).errors)}`);
    return JSON.stringify(result);
  };
  for (let i = 0; i < 50; i++) run();
  const start = process.cpuUsage();
  let runs = 0;
  let used = 0;
  while (used < 1_000_000) {
    run();
    runs += 1;
    const { user, system } = process.cpuUsage(start);
    used = user + system;
  }
  return used / 1000 / runs;
}

interface Round {
  result: LoadResult;
  serverCpu: number;
  databaseCpu: number;
}

/** One round through the load generator; the CPU is read between its warm-up and its measured requests. */
function loadRound(generator: ChildProcess, load: Load, serverPid: number, postmasterPid: number): Promise<Round> {
  return new Promise((resolve, reject) => {
    let before: [number, number] | undefined;
    const onMessage = (message: { warm?: boolean } & LoadResult) => {
      if (message.warm) {
        before = [cpuSeconds([serverPid]), cpuSeconds([postmasterPid], [postmasterPid])];
        generator.send({ go: true });
        return;
      }
      generator.off('message', onMessage);
      generator.off('exit', onExit);
      resolve({ result: message, serverCpu: cpuSeconds([serverPid]) - before![0], databaseCpu: cpuSeconds([postmasterPid], [postmasterPid]) - before![1] });
    };
    const onExit = (code: number) => reject(new Error(`the load generator exited with ${code}`));
    generator.on('message', onMessage);
    generator.once('exit', onExit);
    generator.send(load);
  });
}

interface Figures {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  serverCpu: number;
  databaseCpu: number;
}

function figures(rounds: Round[], requests: number): Figures {
  const rates = rounds.map((r) => requests / r.result.seconds).sort((a, b) => a - b);
  const latencies = rounds.flatMap((r) => r.result.latencies).sort((a, b) => a - b);
  const perRequest = (cpu: number) => (cpu * 1000) / (requests * rounds.length);
  return {
    requests,
    perSecond: rates[Math.floor(rates.length / 2)],
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    serverCpu: perRequest(rounds.reduce((sum, r) => sum + r.serverCpu, 0)),
    databaseCpu: perRequest(rounds.reduce((sum, r) => sum + r.databaseCpu, 0)),
  };
}

async function main() {
  if (await ranOnServerNode()) return;
  const workloads = ONLY ? WORKLOADS.filter((w) => ONLY.includes(w.key)) : WORKLOADS;
  if (!workloads.length) throw new Error(`WORKLOADS names none of ${WORKLOADS.map((w) => w.key).join(', ')}`);
  listenForStop();
  benchNode(); // PostGraphile's, before the servers start: with REGIETAFEL_NODE=current an install takes a while here
  const built = await startBuiltServer({ node: process.execPath });
  const running: Running = {};
  // A signal stops the rounds; the finally below still stops both servers and the load generator, then this process
  // ends by that signal.
  try {
    await untilStopped(compareOn(built, workloads, running));
  } finally {
    running.generator?.kill();
    const { postgraphile } = running;
    if (postgraphile) {
      postgraphile.kill('SIGINT');
      await new Promise((resolve) => postgraphile.once('exit', resolve));
    }
    await built.stop();
    await endIfStopped('bench:compare');
  }
}

/** What a comparison started beside regietafel's server, for `main` to stop. */
interface Running {
  postgraphile?: ChildProcess;
  generator?: ChildProcess;
}

/** The comparison on a started regietafel: the bench data, PostGraphile, the load generator, the rounds, the section. */
async function compareOn(built: BuiltServer, workloads: Workload[], running: Running): Promise<void> {
  const { postmasterPid, databaseUrl } = databaseOf(built);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on('error', () => {}); // idle clients see the database stop at the end
  const size = await addBenchData(pool);
  await defineOverviewFunction(pool);
  await pool.query('ANALYZE');
  await pool.end();

  const started = await startPostGraphile(databaseUrl);
  const postgraphile = (running.postgraphile = started.child);
  const servers: Server[] = [
    { name: 'regietafel', url: built.url, pid: built.process.pid!, headers: { authorization: `Bearer ${await built.token('ipo')}` }, operation: (w) => w.regietafel },
    { name: 'PostGraphile', url: started.url, pid: postgraphile.pid!, headers: {}, operation: (w) => w.postgraphile },
  ];
  const generator = (running.generator = fork(path.join(here, 'compare-load.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));

  const results: Result[] = [];
  for (const workload of workloads) {
    // Alike first, or the comparison means nothing.
    const [ours, theirs] = await Promise.all(servers.map((server) => ask(server, workload)));
    assertSameAnswers(workload, ours.answer, theirs.answer);
    console.log(`${workload.key}: both answer alike (${ours.bytes} and ${theirs.bytes} bytes)`);
    const floor = executionFloor(workload.regietafel, ours.answer.data);

    const requests = Math.max(CONCURRENCY, Math.round(REQUESTS * workload.share));
    const rounds: Round[][] = [[], []];
    for (let i = 0; i < ROUNDS; i++) {
      // Interleaved: each server goes first every other round.
      for (const index of i % 2 === 0 ? [0, 1] : [1, 0]) {
        const server = servers[index];
        const { query, variables } = server.operation(workload);
        const round = await loadRound(
          generator,
          { url: server.url, headers: server.headers, body: JSON.stringify({ query, variables }), requests, concurrency: CONCURRENCY, warmup: WARMUP },
          server.pid,
          postmasterPid,
        );
        // Not parsed, but not blind either: every answer a 200 of the size of the one checked.
        const expected = [ours, theirs][index].bytes;
        const { statuses, minBytes, maxBytes } = round.result;
        if (Object.keys(statuses).some((status) => status !== '200') || minBytes !== expected || maxBytes !== expected) {
          throw new Error(`${workload.key}: ${server.name} answered ${JSON.stringify(statuses)} with ${minBytes}–${maxBytes} bytes (checked answer: ${expected})`);
        }
        rounds[index].push(round);
      }
    }
    const entry = { workload, ours: figures(rounds[0], requests), theirs: figures(rounds[1], requests), bytes: [ours.bytes, theirs.bytes] as [number, number], floor };
    console.log(
      `${workload.key}: regietafel ${entry.ours.perSecond.toFixed(0)} req/s, PostGraphile ${entry.theirs.perSecond.toFixed(0)} req/s: ${(entry.ours.perSecond / entry.theirs.perSecond).toFixed(2)}×`,
    );
    results.push(entry);
  }
  writeSection('Comparison with PostGraphile', section(size, results));
}

interface Result {
  workload: Workload;
  ours: Figures;
  theirs: Figures;
  bytes: [number, number];
  /** graphql-js alone on regietafel's answer (`executionFloor`), ms of CPU. */
  floor: number;
}

function section(size: BenchDataSize, results: Result[]): string {
  const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
  const rows = results.map(({ workload, ours, theirs, floor }) =>
    `| ${workload.label} | **${(ours.perSecond / theirs.perSecond).toFixed(2)}×** | ${ours.perSecond.toFixed(0)} / ${theirs.perSecond.toFixed(0)} req/s | ${ms(ours.p50)} / ${ms(theirs.p50)} ms | ${ms(ours.p99)} / ${ms(theirs.p99)} ms | ${ms(ours.serverCpu)} / ${ms(theirs.serverCpu)} ms | ${ms(ours.databaseCpu)} / ${ms(theirs.databaseCpu)} ms | ${ms(floor)} ms | ${ours.requests} |`,
  );
  const postgraphileNode = nodeVersion(benchNode());
  const oneRuntime = postgraphileNode === process.version;
  return [
    `## Comparison with PostGraphile (${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, ${oneRuntime ? `both on Node ${process.version}` : `regietafel on Node ${process.version}, PostGraphile on Node ${postgraphileNode}`})`,
    '',
    'Written by `npm run bench:compare` (bench/compare.ts), which replaces this section on every run.',
    '',
    `Data: ${size.gemeenten} gemeenten, ${size.agreements} agreements, ${size.proposals} proposals, ${size.comments} comments: the demo data plus the rows`,
    'the overview bench generates, in one embedded PostgreSQL that both servers use.',
    `${ROUNDS === 1 ? 'One round' : `${ROUNDS} rounds`} per workload and server, ${CONCURRENCY} requests at a time, after ${WARMUP} warm-up requests; the servers take turns, each going`,
    'first every other round. Throughput is the median round; latency is over all measured requests. Each cell: regietafel / PostGraphile.',
    '',
    '| workload | ratio (regietafel ÷ PostGraphile) | throughput | p50 | p99 | server CPU per request | PostgreSQL CPU per request | graphql-js alone | requests per round |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    '- **Both answer alike**: before measuring a workload, the benchmark asks each server once and compares the answers after',
    '  mapping PostGraphile\'s names onto regietafel\'s (`rowId` → `id`, `gemeenteByGemeenteCode` → `gemeente`, …): the same',
    '  ids, names and figures in the same order. During the rounds every answer must be a 200 of exactly the size checked.',
    '- **The same shape on both sides**: every list is asked for as its connection\'s `nodes` on both servers (PostGraphile\'s',
    '  usual form, and regietafel\'s since its connections have `nodes`), except in the row "the same through `edges { node }`",',
    '  which asks both for edges.',
    '- **In PostGraphile\'s favour**: it connects as the database superuser, so it checks no token and applies no authorization',
    '  at all; regietafel verifies the token (its signature at most once a minute), checks who its subject is on every request',
    '  (kept between requests while the database notifies every change) and applies each policy (as IPO, who may see every',
    '  province). PostGraphile has none of regietafel\'s',
    '  limits (depth, aliases, tokens, cost) and no error masking. It compiles a whole',
    '  query into one SQL statement; regietafel resolves field by field, with batched loaders.',
    ...(oneRuntime
      ? [
          `- **The same runtime**: both servers, the load generator and the "graphql-js alone" measurement run on Node ${process.version}:`,
          '  PostGraphile needs Node 22, and the README asks for 22 or 24 for a server. `REGIETAFEL_NODE=current`',
          '  runs regietafel on the Node that starts the benchmark instead.',
        ]
      : [
          `- **Two runtimes** (\`REGIETAFEL_NODE=current\`): regietafel, the load generator and the "graphql-js alone" measurement run on`,
          `  Node ${process.version}, PostGraphile on Node ${postgraphileNode}.`,
        ]),
    `- **In regietafel\'s favour**: it runs with the Node flags it is deployed with (\`${serverNodeFlags().join(' ')}\`, a larger young`,
    '  generation: package.json `config.serverNodeFlags`); PostGraphile with Node\'s defaults. The overview is the same SQL for both only on PostGraphile\'s side',
    '  (`bench_compare.national_overview`, the overview bench\'s baseline statement as a SQL function, defined in the bench',
    '  database only); regietafel computes it its own way. PostgreSQL spends more CPU per call on the function than on the',
    '  same statement prepared once per connection (the overview bench\'s baseline): a SQL function\'s statement is planned',
    '  anew more often; to be looked into before reading much into that row.',
    '- **How PostGraphile is set up**: the amber preset (its default) over the schemas `public` and `bench_compare`, with the',
    '  relations it derives from the foreign keys, 10 connections (as regietafel), NODE_ENV=production, no GraphiQL, no',
    '  explain. Its plugin that allows ordering and filtering only by indexed columns is off, so that it can ask',
    '  `condition: { submitted: true }`: the proposals IPO may see, which in this data are exactly the submitted ones.',
    '- Each server runs in its own process, and so does the load generator (Node\'s `http` with keep-alive, counting',
    '  statuses and bytes, parsing nothing); all share the same cores with PostgreSQL.',
    '- CPU per request is read from /proc (user + system) over the measured requests: the server process, and PostgreSQL',
    '  (postmaster and backends).',
    '- **graphql-js alone**: regietafel\'s document executed by graphql-js over regietafel\'s own answer held in memory, with',
    '  the schema\'s SDL and no resolvers (each field reads its property), then turned into JSON: no database, no HTTP, no',
    '  authorization, measured in the benchmark\'s own process with nothing else running. It is the floor of executing that',
    '  answer field by field, the way regietafel\'s stack (graphql-js under Apollo Server and type-graphql) executes every',
    '  request; PostGraphile plans a query once and does not execute it field by field.',
    '',
  ].join('\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

