/**
 * nationalOverview benchmark: throughput and latency of the GraphQL query on a realistic data set (all 342
 * gemeenten, ~300 agreements, ~1,000 proposals, ~10,000 comments), next to a baseline that runs equivalent
 * hand-written SQL through `pg` behind a bare Node HTTP server. Both on the same embedded PostgreSQL.
 *
 *   npm run bench:overview [-- requests concurrency rounds]     (default 1,000 requests, 8 at a time, 3 rounds)
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { OVERVIEW_QUERY as QUERY } from './overview-query.js';
import { addBenchData, cpuSeconds, databaseOf, percentile, startBuiltServer, urlOf, writeSection, type BuiltServer } from './support.js';

const [REQUESTS, CONCURRENCY, ROUNDS] = [Number(process.argv[2] ?? 1000), Number(process.argv[3] ?? 8), Number(process.argv[4] ?? 3)];
const ON = '2023-01-01';
interface Round {
  seconds: number;
  latencies: number[];
  serverCpu: number;
  databaseCpu: number;
}

interface Figures {
  /** The median of the rounds. */
  perSecond: number;
  p50: number;
  p99: number;
  /** CPU milliseconds per request: the server process and PostgreSQL. */
  serverCpu: number;
  databaseCpu: number;
}

async function round(send: () => Promise<unknown>, serverPid: number, postmasterPid: number): Promise<Round> {
  for (let i = 0; i < 20; i++) await send(); // warm-up
  const cpuBefore = [cpuSeconds([serverPid]), cpuSeconds([postmasterPid], [postmasterPid])];
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < REQUESTS) {
        const t = performance.now();
        await send();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { seconds, latencies, serverCpu: cpuSeconds([serverPid]) - cpuBefore[0], databaseCpu: cpuSeconds([postmasterPid], [postmasterPid]) - cpuBefore[1] };
}

function figures(rounds: Round[]): Figures {
  const rates = rounds.map((r) => REQUESTS / r.seconds).sort((a, b) => a - b);
  const latencies = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const perRequest = (cpu: number) => (cpu * 1000) / (REQUESTS * rounds.length);
  return {
    perSecond: rates[Math.floor(rates.length / 2)],
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    serverCpu: perRequest(rounds.reduce((sum, r) => sum + r.serverCpu, 0)),
    databaseCpu: perRequest(rounds.reduce((sum, r) => sum + r.databaseCpu, 0)),
  };
}

/** The baseline server (overview-baseline.ts) in a process of its own, like the GraphQL server. */
async function startBaseline(databaseUrl: string): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [path.join(path.dirname(fileURLToPath(import.meta.url)), 'overview-baseline.js'), databaseUrl, ON], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await urlOf(child, 'baseline');
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGINT');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

async function main() {
  const built = await startBuiltServer();
  let baseline: Awaited<ReturnType<typeof startBaseline>> | undefined;
  try {
    await measure(built, (started) => (baseline = started));
  } finally {
    await baseline?.stop();
    await built.stop();
  }
}

async function measure(built: BuiltServer, started: (baseline: Awaited<ReturnType<typeof startBaseline>>) => void) {
  const { url } = built;
  const { postmasterPid, databaseUrl } = databaseOf(built);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on('error', () => {}); // idle clients see the database stop at the end

  // The realistic data set, on top of the demo data.
  const counts = await addBenchData(pool);

  const token = await built.token('ipo');

  const baseline = await startBaseline(databaseUrl);
  started(baseline);

  const body = JSON.stringify({ query: QUERY, variables: { on: ON } });
  const askGraphQL = async () => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
    const json = (await response.json()) as { data?: unknown; errors?: unknown };
    if (json.errors) throw new Error(JSON.stringify(json.errors));
    return json.data;
  };
  const askBaseline = async () => {
    const response = await fetch(baseline.url);
    const json = (await response.json()) as { data?: unknown; errors?: unknown };
    if (!response.ok || json.errors) throw new Error(`baseline: ${response.status} ${JSON.stringify(json.errors)}`);
    return json.data;
  };
  // Both answer with the same figures, or the comparison means nothing.
  assert.deepStrictEqual(await askBaseline(), await askGraphQL(), 'the baseline and GraphQL disagree');

  // Taking turns, so a busy spell on a shared machine does not fall on one server only.
  const graphqlRounds: Round[] = [];
  const baselineRounds: Round[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const graphqlRound = () => round(askGraphQL, built.process.pid!, postmasterPid);
    const baselineRound = () => round(askBaseline, baseline.pid, postmasterPid);
    if (i % 2 === 0) {
      graphqlRounds.push(await graphqlRound());
      baselineRounds.push(await baselineRound());
    } else {
      baselineRounds.push(await baselineRound());
      graphqlRounds.push(await graphqlRound());
    }
  }
  const [graphql, hand] = [figures(graphqlRounds), figures(baselineRounds)];

  await pool.end();

  const ratio = hand.perSecond / graphql.perSecond;
  const fmt = (r: Figures) =>
    `${r.perSecond.toFixed(0)} req/s | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${r.serverCpu.toFixed(1)} ms | ${r.databaseCpu.toFixed(1)} ms`;
  const section = [
    `## nationalOverview (${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, Node ${process.version})`,
    '',
    `Data: ${counts.gemeenten} gemeenten, ${counts.agreements} agreements, ${counts.proposals} proposals, ${counts.comments} comments (demo data plus generated rows;`,
    'every submitted or adopted plan has lines combining GVL with SATELLIET and, due later, AZC with NOODOPVANG; every draft one',
    'combining ROL and SATELLIET).',
    `${ROUNDS === 1 ? 'One round' : `${ROUNDS} rounds each`} of ${REQUESTS} requests, ${CONCURRENCY} at a time, as IPO (all provinces), after 20 warm-up requests`
      + (ROUNDS > 1 ? '; the servers take turns, each going first every other round.' : '.'),
    'Throughput is the median round; latency is over all requests.',
    '',
    '| server | throughput | p50 | p99 | server CPU per request | PostgreSQL CPU per request |',
    '|---|---|---|---|---|---|',
    `| GraphQL \`nationalOverview\` (all figures) | ${fmt(graphql)} |`,
    `| baseline: hand-written SQL, \`pg\`, bare Node HTTP | ${fmt(hand)} |`,
    '',
    `**The baseline serves ${ratio.toFixed(2)}× as many requests per second as GraphQL** (aim: within 2×): with both saturating the`,
    `same ${os.cpus().length} cores, that is how much more machine time GraphQL spends on each request.`,
    '',
    '- Both answer with the same figures: before measuring, the benchmark checks that the two answers are equal, field by field.',
    '  The baseline is one prepared statement, planned once per connection (a generic plan), in which PostgreSQL computes',
    '  every figure and builds the JSON; its server only passes the text on. It checks no token and knows no roles; the',
    '  GraphQL server checks the token (its signature at most once a minute, see `authenticate.ts`), loads the person and',
    '  their memberships (a second statement) and applies the monitoring policy. The check covers what this data set holds',
    "  (IPO, one date); the service's own tests cover the rest.",
    `- Each server runs in its own process with 10 database connections, on the same embedded PostgreSQL and the same`,
    `  ${os.cpus().length} cores as the load generator. The GraphQL server runs as deployed: the built \`dist/\`, NODE_ENV=production.`,
    '- CPU per request is read from /proc (user + system) over the measured requests: the server process, and PostgreSQL',
    '  (postmaster and backends).',
    '',
  ].join('\n');
  console.log(section);
  writeSection('nationalOverview', section);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
