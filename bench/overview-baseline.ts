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
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { Opvangtype } from '../src/reference/enums.js';

/**
 * $1: the date; $2: the opvangtypes in the order the API lists them. Shares are rounded to 0.1 as the API does.
 * Types that the plan's lines combine are grouped (transitively, by a recursive walk over the pairs a line links)
 * and compared with their opgave together, as the API does.
 */
export const BASELINE_SQL = `
WITH RECURSIVE types AS (SELECT key, ord FROM unnest($2::text[]) WITH ORDINALITY AS u(key, ord)),
latest AS (SELECT DISTINCT ON (province_code) id, province_code, status, updated_at FROM provincial_plan ORDER BY province_code, created_at DESC, id),
published AS (SELECT DISTINCT ON (province_code) id, province_code, status, updated_at FROM provincial_plan
  WHERE status IN ('INGEDIEND', 'VASTGESTELD') ORDER BY province_code, created_at DESC, id),
concept AS (SELECT id, province_code, status, updated_at FROM latest WHERE status IN ('CONCEPT', 'TERUGGESTUURD')),
plan_lines AS (
  SELECT p.which, p.province_code, ARRAY(SELECT t FROM unnest(l.opvangtypes) t ORDER BY t COLLATE "C") AS types, l.target_date <= $1 AS due, l.min_places, l.max_places
  FROM (SELECT 'published' AS which, id, province_code FROM published UNION ALL SELECT 'concept', id, province_code FROM concept) p
  JOIN capacity_line l ON l.plan_id = p.id
),
edges AS (SELECT DISTINCT province_code, x, y FROM plan_lines, unnest(types) x, unnest(types) y WHERE which = 'published' AND cardinality(types) > 1),
reach AS (SELECT province_code, x, y FROM edges UNION SELECT r.province_code, r.x, e.y FROM reach r JOIN edges e ON e.province_code = r.province_code AND e.x = r.y),
grp AS (SELECT province_code, x AS type, string_agg(y, '/' ORDER BY y COLLATE "C") AS grp FROM reach GROUP BY 1, 2),
groups AS (SELECT DISTINCT province_code, grp FROM grp),
due_lines AS (SELECT which, province_code, array_to_string(types, '/') AS key, types, min_places, max_places FROM plan_lines WHERE due),
single_lines AS (SELECT which, province_code, key, sum(min_places) AS min, sum(max_places) AS max FROM due_lines GROUP BY 1, 2, 3),
-- A group's lines: every due line whose types all fall within the group (all of the plan's lines of its types; the draft's that fit).
group_lines AS (
  SELECT l.which, l.province_code, g.grp AS key, sum(l.min_places) AS min, sum(l.max_places) AS max
  FROM due_lines l JOIN groups g ON g.province_code = l.province_code AND cardinality(l.types) > 0 AND l.types <@ string_to_array(g.grp, '/')
  GROUP BY 1, 2, 3
),
all_lines AS (SELECT which, province_code, sum(min_places) AS min, sum(max_places) AS max FROM due_lines GROUP BY 1, 2),
keys AS (
  SELECT p.code AS province_code, t.key, t.ord, 'type' AS kind, g.grp AS combined_in
  FROM province p CROSS JOIN types t LEFT JOIN grp g ON g.province_code = p.code AND g.type = t.key
  UNION ALL SELECT code, '', 100, 'any', NULL FROM province
  UNION ALL SELECT province_code, grp, 101, 'group', NULL FROM groups
),
in_force AS (SELECT DISTINCT ON (province_code, opvangtype) province_code, coalesce(opvangtype, '') AS key, places FROM opgave
  WHERE due_date <= $1 AND NOT total ORDER BY province_code, opvangtype, due_date DESC),
group_opgave AS (SELECT g.province_code, g.grp AS key, sum(o.places) AS places FROM grp g JOIN in_force o ON o.province_code = g.province_code AND o.key = g.type GROUP BY 1, 2),
realised AS (SELECT province_code, key, sum(places) AS places FROM (
  SELECT province_code, opvangtype AS key, max_places AS places FROM agreement WHERE start_date <= $1 AND end_date >= $1 AND (ended_on IS NULL OR ended_on > $1)
  UNION ALL SELECT province_code, 'CRISISNOODOPVANG', places FROM crisisnoodopvang WHERE from_date <= $1 AND until_date >= $1) x GROUP BY 1, 2),
group_realised AS (SELECT g.province_code, g.grp AS key, sum(r.places) AS places FROM grp g JOIN realised r ON r.province_code = g.province_code AND r.key = g.type GROUP BY 1, 2),
pipeline_status AS (
  SELECT province_code, opvangtype AS key, status, sum(places) AS places FROM location_proposal
  WHERE submitted AND (status IN ('INGEDIEND', 'IN_VERKENNING', 'POSITIEF_ADVIES') OR (status = 'BESLOTEN' AND decision = 'GO')) GROUP BY 1, 2, 3
),
pipeline AS (
  SELECT province_code, key, sum(places) AS places, json_agg(json_build_object('status', status, 'places', places) ORDER BY status COLLATE "C") AS statuses
  FROM (SELECT province_code, key, status, places FROM pipeline_status
        UNION ALL
        SELECT g.province_code, g.grp, s.status, sum(s.places) FROM grp g JOIN pipeline_status s ON s.province_code = g.province_code AND s.key = g.type GROUP BY 1, 2, 3) s
  GROUP BY 1, 2
),
rows AS (
  SELECT k.province_code, k.key, k.ord, k.kind, k.combined_in,
    CASE k.kind WHEN 'group' THEN coalesce(go.places, 0) ELSE coalesce(o.places, 0) END AS opgave,
    coalesce(CASE k.kind WHEN 'group' THEN gl.min ELSE sl.min END, 0) AS planned_min,
    coalesce(CASE k.kind WHEN 'group' THEN gl.max ELSE sl.max END, 0) AS planned_max,
    c.id IS NOT NULL AS has_concept,
    coalesce(CASE k.kind WHEN 'group' THEN gcl.min ELSE scl.min END, 0) AS concept_min,
    coalesce(CASE k.kind WHEN 'group' THEN gcl.max ELSE scl.max END, 0) AS concept_max,
    CASE k.kind WHEN 'group' THEN coalesce(gr.places, 0) WHEN 'type' THEN coalesce(r.places, 0) END AS realised,
    CASE WHEN k.kind <> 'any' THEN coalesce(pi.statuses, '[]') END AS statuses,
    CASE WHEN k.kind <> 'any' THEN coalesce(pi.places, 0) END AS pipeline
  FROM keys k
  LEFT JOIN in_force o ON o.province_code = k.province_code AND o.key = k.key
  LEFT JOIN group_opgave go ON go.province_code = k.province_code AND go.key = k.key
  LEFT JOIN single_lines sl ON sl.which = 'published' AND sl.province_code = k.province_code AND sl.key = k.key
  LEFT JOIN group_lines gl ON gl.which = 'published' AND gl.province_code = k.province_code AND gl.key = k.key
  LEFT JOIN concept c ON c.province_code = k.province_code
  LEFT JOIN single_lines scl ON scl.which = 'concept' AND scl.province_code = k.province_code AND scl.key = k.key
  LEFT JOIN group_lines gcl ON gcl.which = 'concept' AND gcl.province_code = k.province_code AND gcl.key = k.key
  LEFT JOIN realised r ON r.province_code = k.province_code AND r.key = k.key
  LEFT JOIN group_realised gr ON gr.province_code = k.province_code AND gr.key = k.key
  LEFT JOIN pipeline pi ON pi.province_code = k.province_code AND pi.key = k.key
),
gaps AS (
  SELECT r.*, r.kind <> 'type' OR r.combined_in IS NULL AS has_planned_gap,
    greatest(0, r.opgave - r.planned_max) AS gap_min, greatest(0, r.opgave - r.planned_min) AS gap_max, CASE WHEN r.realised IS NOT NULL THEN greatest(0, r.opgave - r.realised) END AS realised_gap
  FROM rows r
),
totals AS (
  SELECT g.province_code, sum(g.opgave) FILTER (WHERE g.kind <> 'group') AS opgave,
    sum(g.realised) FILTER (WHERE g.kind = 'type') AS realised, sum(g.pipeline) FILTER (WHERE g.kind = 'type') AS pipeline,
    sum(g.gap_min) FILTER (WHERE g.has_planned_gap) AS gap_min, sum(g.gap_max) FILTER (WHERE g.has_planned_gap) AS gap_max,
    sum(g.realised_gap) FILTER (WHERE g.kind = 'type') AS realised_gap,
    coalesce(max(a.min), 0) AS planned_min, coalesce(max(a.max), 0) AS planned_max
  FROM gaps g LEFT JOIN all_lines a ON a.which = 'published' AND a.province_code = g.province_code GROUP BY 1
),
national AS (SELECT (SELECT sum(population)::float8 FROM province) AS population, sum(realised)::float8 AS realised, sum(planned_max)::float8 AS planned FROM totals),
shares AS (
  SELECT t.*, p.cbs_code, pub.status AS plan_status, pub.updated_at AS plan_changed_at, c.status AS concept_status, c.updated_at AS concept_changed_at,
    CASE WHEN c.id IS NOT NULL THEN json_build_object('min', coalesce(ca.min, 0), 'max', coalesce(ca.max, 0)) END AS concept_planned,
    floor(p.population / n.population * 100 * 10 + 0.5) / 10 AS population_share,
    CASE WHEN n.realised > 0 THEN floor(t.realised / n.realised * 100 * 10 + 0.5) / 10 END AS realised_share,
    CASE WHEN n.planned > 0 THEN floor(t.planned_max / n.planned * 100 * 10 + 0.5) / 10 END AS planned_share,
    tg.places AS short_term_target,
    (SELECT coalesce(sum(max_places), 0) FROM agreement a WHERE a.province_code = t.province_code AND a.capacity_kind = 'EXTRA'
       AND a.opvangtype NOT IN ('NOODOPVANG', 'CRISISNOODOPVANG') AND a.start_date BETWEEN tg.period_from AND least(tg.period_until, $1::date)) AS short_term
  FROM totals t JOIN province p ON p.code = t.province_code CROSS JOIN national n
  -- The province's short-term target in force on the date: the last decided on or before it (before any, the first).
  LEFT JOIN LATERAL (SELECT st.places, st.period_from, st.period_until FROM short_term_target st WHERE st.province_code = t.province_code
    ORDER BY (st.decided_on <= $1::date) DESC, CASE WHEN st.decided_on <= $1::date THEN st.decided_on END DESC NULLS LAST, st.decided_on, st.set_at DESC, st.id LIMIT 1) tg ON true
  LEFT JOIN published pub ON pub.province_code = t.province_code LEFT JOIN concept c ON c.province_code = t.province_code
  LEFT JOIN all_lines ca ON ca.which = 'concept' AND ca.province_code = t.province_code
)
SELECT json_build_object('nationalOverview', json_build_object(
  'totalOpgave', (SELECT sum(opgave) FROM totals),
  'totalPlanned', (SELECT json_build_object('min', sum(planned_min), 'max', sum(planned_max)) FROM totals),
  'totalRealised', (SELECT sum(realised) FROM totals),
  'totalPipeline', (SELECT sum(pipeline) FROM totals),
  'totalPlannedGap', (SELECT json_build_object('min', sum(gap_min), 'max', sum(gap_max)) FROM totals),
  'totalRealisedGap', (SELECT sum(realised_gap) FROM totals),
  'shortTermTarget', (SELECT st.places FROM short_term_target st WHERE st.province_code IS NULL
    ORDER BY (st.decided_on <= $1::date) DESC, CASE WHEN st.decided_on <= $1::date THEN st.decided_on END DESC NULLS LAST, st.decided_on, st.set_at DESC, st.id LIMIT 1),
  'totalShortTermRealised', (SELECT sum(short_term) FROM shares),
  'opvangtypes', (SELECT json_agg(json_build_object(
      'opvangtype', key, 'opgave', opgave, 'planned', json_build_object('min', planned_min, 'max', planned_max),
      'realised', realised, 'pipeline', pipeline, 'realisedGap', realised_gap) ORDER BY ord)
    FROM (SELECT key, ord, sum(opgave) AS opgave, sum(planned_min) AS planned_min, sum(planned_max) AS planned_max, sum(realised) AS realised,
            sum(pipeline) AS pipeline, sum(realised_gap) AS realised_gap FROM gaps WHERE kind = 'type' GROUP BY 1, 2) t),
  'rows', (SELECT json_agg(json_build_object(
      'provinceCode', g.province_code,
      'opvangtypes', CASE WHEN g.key = '' THEN '{}'::text[] ELSE string_to_array(g.key, '/') END,
      'combinedIn', string_to_array(g.combined_in, '/'),
      'opgave', g.opgave,
      'planned', json_build_object('min', g.planned_min, 'max', g.planned_max),
      'conceptPlanned', CASE WHEN g.has_concept THEN json_build_object('min', g.concept_min, 'max', g.concept_max) END,
      'realised', g.realised,
      'pipeline', g.statuses,
      'plannedGap', CASE WHEN g.has_planned_gap THEN json_build_object('min', g.gap_min, 'max', g.gap_max) END,
      'realisedGap', g.realised_gap
    ) ORDER BY p.cbs_code, g.ord, g.key COLLATE "C") FROM gaps g JOIN province p ON p.code = g.province_code),
  'provinces', (SELECT json_agg(json_build_object(
      'provinceCode', s.province_code,
      'planStatus', s.plan_status,
      'planChangedAt', to_char(s.plan_changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'conceptStatus', s.concept_status,
      'conceptChangedAt', to_char(s.concept_changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'conceptPlanned', s.concept_planned,
      'opgave', s.opgave,
      'planned', json_build_object('min', s.planned_min, 'max', s.planned_max),
      'realised', s.realised,
      'pipeline', s.pipeline,
      'plannedGap', json_build_object('min', s.gap_min, 'max', s.gap_max),
      'realisedGap', s.realised_gap,
      'populationShare', s.population_share,
      'realisedShare', s.realised_share,
      'realisedShareDifference', floor((s.realised_share - s.population_share) * 10 + 0.5) / 10,
      'plannedShare', s.planned_share,
      'plannedShareDifference', floor((s.planned_share - s.population_share) * 10 + 0.5) / 10,
      'shortTermTarget', s.short_term_target,
      'shortTermRealised', s.short_term
    ) ORDER BY s.cbs_code) FROM shares s)
))::text AS document`;

export const TYPES = Object.values(Opvangtype);

async function main() {
  const on = process.argv[3] ?? '2023-01-01';
  // One plan for the statement, made once per connection: its shape does not depend on the date.
  const pool = new pg.Pool({ connectionString: process.argv[2], max: 10, options: '-c plan_cache_mode=force_generic_plan' });
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

// Only when run as a program: the comparison benchmark imports the statement.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
