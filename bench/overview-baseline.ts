/**
 * The baseline of the nationalOverview benchmark, in a process of its own: a bare Node HTTP server that answers
 * every request with one hand-written SQL statement through `pg`. The statement computes the same figures as
 * the GraphQL query of the benchmark, for every province, and PostgreSQL assembles the JSON document, so the
 * server only passes it on. A prepared statement, so PostgreSQL plans it once per connection. No authentication
 * and no authorization.
 *
 *   node dist/bench/overview-baseline.js DATABASE_URL      (prints {"url": …} when it listens)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { Opvangtype } from '../src/reference/enums.js';

/** $1: the date; $2: the opvangtypes in the order the API lists them. Shares are rounded to 0.1 as the API does. */
const BASELINE_SQL = `
WITH types AS (SELECT key, ord FROM unnest($2::text[]) WITH ORDINALITY AS u(key, ord)),
latest AS (SELECT DISTINCT ON (province_code) id, province_code, status FROM provincial_plan ORDER BY province_code, updated_at DESC, id),
published AS (SELECT DISTINCT ON (province_code) id, province_code, status, updated_at FROM provincial_plan
  WHERE status IN ('INGEDIEND', 'VASTGESTELD') ORDER BY province_code, updated_at DESC, id),
concept AS (SELECT id, province_code FROM latest WHERE status IN ('CONCEPT', 'TERUGGESTUURD')),
lines AS (
  SELECT p.which, p.province_code, array_to_string(ARRAY(SELECT t FROM unnest(l.opvangtypes) t ORDER BY t COLLATE "C"), '/') AS key,
    sum(l.min_places) AS min, sum(l.max_places) AS max
  FROM (SELECT 'published' AS which, id, province_code FROM published UNION ALL SELECT 'concept', id, province_code FROM concept) p
  JOIN capacity_line l ON l.plan_id = p.id AND l.target_date <= $1
  GROUP BY 1, 2, 3
),
keys AS (
  SELECT p.code AS province_code, t.key, t.ord FROM province p CROSS JOIN types t
  UNION ALL SELECT code, '', 100 FROM province
  UNION SELECT province_code, key, 101 FROM lines WHERE key LIKE '%/%'
),
opgave AS (SELECT province_code, coalesce(opvangtype, '') AS key, sum(places) AS places FROM opgave WHERE due_date <= $1 GROUP BY 1, 2),
realised AS (SELECT province_code, opvangtype AS key, sum(max_places) AS places FROM agreement
  WHERE start_date <= $1 AND end_date >= $1 AND (ended_on IS NULL OR ended_on > $1) GROUP BY 1, 2),
pipeline AS (
  SELECT province_code, opvangtype AS key, sum(places) AS places, json_agg(json_build_object('status', status, 'places', places) ORDER BY status) AS statuses
  FROM (SELECT province_code, opvangtype, status, sum(places) AS places FROM location_proposal
        WHERE submitted AND (status IN ('INGEDIEND', 'IN_VERKENNING', 'POSITIEF_ADVIES') OR (status = 'BESLOTEN' AND decision = 'GO')) GROUP BY 1, 2, 3) s
  GROUP BY 1, 2
),
rows AS (
  SELECT k.province_code, k.key, k.ord, k.key <> '' AND k.key NOT LIKE '%/%' AS single, coalesce(o.places, 0) AS opgave,
    coalesce(pl.min, 0) AS planned_min, coalesce(pl.max, 0) AS planned_max, c.id IS NOT NULL AS has_concept,
    coalesce(cl.min, 0) AS concept_min, coalesce(cl.max, 0) AS concept_max, coalesce(r.places, 0) AS realised, pi.statuses, coalesce(pi.places, 0) AS pipeline
  FROM keys k
  LEFT JOIN opgave o ON o.province_code = k.province_code AND o.key = k.key
  LEFT JOIN lines pl ON pl.which = 'published' AND pl.province_code = k.province_code AND pl.key = k.key
  LEFT JOIN concept c ON c.province_code = k.province_code
  LEFT JOIN lines cl ON cl.which = 'concept' AND cl.province_code = k.province_code AND cl.key = k.key
  LEFT JOIN realised r ON r.province_code = k.province_code AND r.key = k.key
  LEFT JOIN pipeline pi ON pi.province_code = k.province_code AND pi.key = k.key
),
totals AS (
  SELECT province_code, sum(opgave) AS opgave, sum(planned_min) AS planned_min, sum(planned_max) AS planned_max,
    sum(realised) FILTER (WHERE single) AS realised, sum(pipeline) FILTER (WHERE single) AS pipeline
  FROM rows GROUP BY 1
),
national AS (SELECT (SELECT sum(population)::float8 FROM province) AS population, sum(realised)::float8 AS realised, sum(planned_max)::float8 AS planned FROM totals),
shares AS (
  SELECT t.*, p.cbs_code, pub.status AS plan_status, pub.updated_at AS plan_changed_at,
    floor(p.population / n.population * 100 * 10 + 0.5) / 10 AS population_share,
    CASE WHEN n.realised > 0 THEN floor(t.realised / n.realised * 100 * 10 + 0.5) / 10 END AS realised_share,
    CASE WHEN n.planned > 0 THEN floor(t.planned_max / n.planned * 100 * 10 + 0.5) / 10 END AS planned_share,
    (SELECT coalesce(sum(max_places), 0) FROM agreement a WHERE a.province_code = t.province_code AND a.start_date BETWEEN '2019-11-01' AND '2020-12-31') AS short_term
  FROM totals t JOIN province p ON p.code = t.province_code CROSS JOIN national n LEFT JOIN published pub ON pub.province_code = t.province_code
)
SELECT json_build_object('nationalOverview', json_build_object(
  'totalOpgave', (SELECT sum(opgave) FROM totals),
  'totalPlanned', (SELECT json_build_object('min', sum(planned_min), 'max', sum(planned_max)) FROM totals),
  'totalRealised', (SELECT sum(realised) FROM totals),
  'rows', (SELECT json_agg(json_build_object(
      'provinceCode', r.province_code,
      'opvangtypes', CASE WHEN r.key = '' THEN '{}'::text[] ELSE string_to_array(r.key, '/') END,
      'opgave', r.opgave,
      'planned', json_build_object('min', r.planned_min, 'max', r.planned_max),
      'conceptPlanned', CASE WHEN r.has_concept THEN json_build_object('min', r.concept_min, 'max', r.concept_max) END,
      'realised', CASE WHEN r.single THEN r.realised END,
      'pipeline', CASE WHEN r.single THEN coalesce(r.statuses, '[]') END,
      'plannedGap', json_build_object('min', greatest(0, r.opgave - r.planned_max), 'max', greatest(0, r.opgave - r.planned_min)),
      'realisedGap', CASE WHEN r.single THEN greatest(0, r.opgave - r.realised) END
    ) ORDER BY p.cbs_code, r.ord, r.key COLLATE "C") FROM rows r JOIN province p ON p.code = r.province_code),
  'provinces', (SELECT json_agg(json_build_object(
      'provinceCode', s.province_code,
      'planStatus', s.plan_status,
      'planChangedAt', to_char(s.plan_changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'opgave', s.opgave,
      'planned', json_build_object('min', s.planned_min, 'max', s.planned_max),
      'realised', s.realised,
      'pipeline', s.pipeline,
      'populationShare', s.population_share,
      'realisedShare', s.realised_share,
      'realisedShareDifference', floor((s.realised_share - s.population_share) * 10 + 0.5) / 10,
      'plannedShare', s.planned_share,
      'plannedShareDifference', floor((s.planned_share - s.population_share) * 10 + 0.5) / 10,
      'shortTermTarget', 417,
      'shortTermRealised', s.short_term
    ) ORDER BY s.cbs_code) FROM shares s)
))::text AS document`;

const TYPES = Object.values(Opvangtype);

async function main() {
  const on = process.argv[3] ?? '2023-01-01';
  const pool = new pg.Pool({ connectionString: process.argv[2], max: 10 });
  pool.on('error', () => {}); // idle clients see the database stop at the end
  const server = http.createServer((_req, res) => {
    // A named statement: each connection plans it once.
    pool.query({ name: 'national-overview', text: BASELINE_SQL, values: [on, TYPES] }).then(
      ({ rows }) => {
        res.setHeader('content-type', 'application/json');
        res.end(`{"data":${rows[0].document}}`);
      },
      (error: Error) => {
        res.statusCode = 500;
        res.end(JSON.stringify({ errors: [{ message: error.message }] }));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  console.log(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` }));
  process.on('SIGINT', () => {
    server.close();
    void pool.end().then(() => process.exit(0));
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
