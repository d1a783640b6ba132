/**
 * nationalOverview benchmark: throughput and latency of the GraphQL query on a realistic data set (all 342
 * gemeenten, ~300 agreements, ~1,000 proposals, ~10,000 comments), next to a baseline that runs equivalent
 * hand-written SQL through `pg` behind a bare Node HTTP server. Both on the same embedded PostgreSQL.
 *
 *   npm run bench:overview [-- requests concurrency]     (default 400 requests, 8 at a time)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { packageRoot } from '../src/platform/paths.js';
import { percentile, startBuiltServer } from './support.js';

const [REQUESTS, CONCURRENCY] = [Number(process.argv[2] ?? 400), Number(process.argv[3] ?? 8)];
const ON = '2023-01-01';
const QUERY = `query($on: String!) { nationalOverview(on: $on) {
  totalOpgave totalPlanned { min max } totalRealised
  rows { provinceCode opvangtypes opgave planned { min max } conceptPlanned { min max } realised pipeline { status places } plannedGap { min max } realisedGap }
  provinces { provinceCode planStatus planChangedAt opgave planned { min max } realised pipeline populationShare realisedShare realisedShareDifference plannedShare shortTermRealised }
} }`;

/** The baseline: the same figures by hand-written SQL, assembled by PostgreSQL into JSON. */
const BASELINE_SQL = `
WITH types AS (SELECT code AS opvangtype FROM opvangtype),
opg AS (SELECT province_code, opvangtype, sum(places) AS places FROM opgave WHERE due_date <= $1 GROUP BY 1, 2),
latest AS (SELECT DISTINCT ON (province_code) id, province_code, status, updated_at FROM provincial_plan WHERE status IN ('INGEDIEND', 'VASTGESTELD') ORDER BY province_code, updated_at DESC, id),
planned AS (SELECT p.province_code, l.opvangtypes[1] AS opvangtype, sum(l.min_places) AS min, sum(l.max_places) AS max FROM latest p JOIN capacity_line l ON l.plan_id = p.id AND l.target_date <= $1 AND cardinality(l.opvangtypes) = 1 GROUP BY 1, 2),
realised AS (SELECT province_code, opvangtype, sum(max_places) AS places FROM agreement WHERE start_date <= $1 AND end_date >= $1 AND (ended_on IS NULL OR ended_on > $1) GROUP BY 1, 2),
pipeline AS (SELECT province_code, opvangtype, sum(places) AS places FROM location_proposal WHERE submitted AND (status IN ('INGEDIEND', 'IN_VERKENNING', 'POSITIEF_ADVIES') OR (status = 'BESLOTEN' AND decision = 'GO')) GROUP BY 1, 2)
SELECT json_agg(json_build_object('province', pr.code, 'opvangtype', t.opvangtype, 'opgave', coalesce(o.places, 0), 'plannedMin', coalesce(pl.min, 0), 'plannedMax', coalesce(pl.max, 0),
  'realised', coalesce(r.places, 0), 'pipeline', coalesce(pi.places, 0), 'gap', greatest(0, coalesce(o.places, 0) - coalesce(pl.max, 0))) ORDER BY pr.cbs_code, t.opvangtype) AS rows
FROM province pr CROSS JOIN types t
LEFT JOIN opg o ON o.province_code = pr.code AND o.opvangtype = t.opvangtype
LEFT JOIN planned pl ON pl.province_code = pr.code AND pl.opvangtype = t.opvangtype
LEFT JOIN realised r ON r.province_code = pr.code AND r.opvangtype = t.opvangtype
LEFT JOIN pipeline pi ON pi.province_code = pr.code AND pi.opvangtype = t.opvangtype`;


async function load(send: () => Promise<void>): Promise<{ perSecond: number; p50: number; p99: number }> {
  for (let i = 0; i < 20; i++) await send(); // warm-up
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
  latencies.sort((a, b) => a - b);
  return { perSecond: REQUESTS / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function main() {
  const built = await startBuiltServer();
  const { url, dataDir } = built;
  const port = readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3];
  const pool = new pg.Pool({ connectionString: `postgres://postgres:regietafel@127.0.0.1:${port}/regietafel`, max: 10 });
  pool.on('error', () => {}); // idle clients see the database stop at the end

  // The realistic data set, on top of the demo data.
  const [{ coa }] = (await pool.query(`SELECT id AS coa FROM person WHERE subject = 'coa-regio-1'`)).rows;
  await pool.query(
    `INSERT INTO agreement (gemeente_code, province_code, location_name, location_key, opvangtype, max_places, start_date, original_end_date, end_date, signed_on)
     SELECT g.code, g.province_code, 'Bench ' || i, 'bench ' || i, (ARRAY['AZC','ROL','GVL','SATELLIET'])[1 + i % 4], 50 + i % 400,
       DATE '2018-01-01' + (i % 1500), DATE '2024-01-01' + (i % 2000), DATE '2024-01-01' + (i % 2000), DATE '2017-12-01'
     FROM generate_series(1, 270) AS i JOIN LATERAL (SELECT code, province_code FROM gemeente ORDER BY code OFFSET (i * 7) % 342 LIMIT 1) g ON true`,
  );
  await pool.query(
    `INSERT INTO location_proposal (gemeente_code, province_code, name, address, opvangtype, places, status, submitted, decision)
     SELECT g.code, g.province_code, 'Bench ' || i, 'Weg ' || i, (ARRAY['AZC','ROL','GVL','SATELLIET'])[1 + i % 4], 20 + i % 300,
       (ARRAY['INGEDIEND','IN_VERKENNING','POSITIEF_ADVIES','NEGATIEF_ADVIES','BESLOTEN','INGETROKKEN'])[1 + i % 6], true,
       CASE WHEN i % 6 = 4 THEN 'GO' END
     FROM generate_series(1, 980) AS i JOIN LATERAL (SELECT code, province_code FROM gemeente ORDER BY code OFFSET (i * 13) % 342 LIMIT 1) g ON true`,
  );
  await pool.query(
    `INSERT INTO comment (subject_type, subject_id, subject_version, subject_status, province_code, gemeente_code, author_id, changed_by, body)
     SELECT 'LOCATION_PROPOSAL', p.id, 1, p.status, p.province_code, p.gemeente_code, $1, $1, 'Bench comment ' || n
     FROM location_proposal p CROSS JOIN generate_series(1, 10) AS n`,
    [coa],
  );
  const counts = (await pool.query(`SELECT (SELECT count(*) FROM gemeente) AS gemeenten, (SELECT count(*) FROM agreement) AS agreements,
    (SELECT count(*) FROM location_proposal) AS proposals, (SELECT count(*) FROM comment) AS comments`)).rows[0];

  const token = await built.token('ipo');

  const baseline = http.createServer(async (_req, res) => {
    const { rows } = await pool.query(BASELINE_SQL, [ON]);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ data: rows[0] }));
  });
  await new Promise<void>((resolve) => baseline.listen(0, '127.0.0.1', resolve));
  const baselineUrl = `http://127.0.0.1:${(baseline.address() as AddressInfo).port}/`;

  const body = JSON.stringify({ query: QUERY, variables: { on: ON } });
  const graphql = await load(async () => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
    const json = (await response.json()) as { errors?: unknown };
    if (json.errors) throw new Error(JSON.stringify(json.errors));
  });
  const hand = await load(async () => {
    await (await fetch(baselineUrl)).json();
  });

  baseline.close();
  await pool.end();
  await built.stop();

  const ratio = hand.perSecond / graphql.perSecond;
  const fmt = (r: { perSecond: number; p50: number; p99: number }) => `${r.perSecond.toFixed(0)} req/s | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms`;
  const section = [
    `## nationalOverview (${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, Node ${process.version})`,
    '',
    `Data: ${counts.gemeenten} gemeenten, ${counts.agreements} agreements, ${counts.proposals} proposals, ${counts.comments} comments (demo data plus generated rows).`,
    `${REQUESTS} requests, ${CONCURRENCY} at a time, as IPO (all provinces), after 20 warm-up requests.`,
    '',
    '| server | throughput | p50 | p99 |',
    '|---|---|---|---|',
    `| GraphQL \`nationalOverview\` (all figures) | ${fmt(graphql)} |`,
    `| baseline: hand-written SQL, \`pg\`, bare Node HTTP | ${fmt(hand)} |`,
    '',
    `GraphQL takes ${ratio.toFixed(2)}× the baseline's time per request (aim: within 2×). The baseline computes fewer figures (no draft plans, no pipeline by status, no shares) and no authorization.`,
    '',
  ].join('\n');
  console.log(section);
  const file = path.join(packageRoot, 'docs', 'benchmarks.md');
  writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\n\n${section}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
