/**
 * The workloads of the comparison benchmark (compare.ts): each as a regietafel query and the PostGraphile query that
 * asks for the same data, and how each answer maps onto one shape, so that the benchmark can check, before it
 * measures anything, that both servers answer alike. No side effects: the tests import it.
 */
import { isDeepStrictEqual } from 'node:util';
import { OVERVIEW_QUERY } from './overview-query.js';

export const OVERVIEW_ON = '2023-01-01';

export interface Operation {
  query: string;
  variables?: Record<string, unknown>;
}

export interface Workload {
  /** Short name, for WORKLOADS=… */
  key: string;
  /** What the docs' table says it is. */
  label: string;
  /** Share of REQUESTS this workload sends per round: a slow workload sends fewer, a fast one more, so that a round lasts about as long. */
  share: number;
  regietafel: Operation;
  postgraphile: Operation;
  /** Each server's `data` in the one shape both are compared in. */
  fromRegietafel(data: any): unknown;
  fromPostGraphile(data: any): unknown;
  /** Why an answer is too thin to prove anything (e.g. an empty list), or null. */
  tooThin(shape: unknown): string | null;
}

/** A connection's nodes, asked for as `nodes` or as `edges { node }`. */
type Connected<T> = { nodes: T[] } | { edges: { node: T }[] };
const nodes = <T>(connection: Connected<T>) => ('nodes' in connection ? connection.nodes : connection.edges.map((edge) => edge.node));

/**
 * The proposals IPO may see are the submitted ones that are not drafts (proposal.policy.ts). PostGraphile's
 * conditions test equality only, so it asks for `submitted: true`: the same rows as long as no submitted proposal
 * is back in CONCEPT, which holds for the demo and generated data (and if it did not, the answer check would fail).
 */
const PG_PROPOSALS = 'orderBy: [CREATED_AT_DESC, ROW_ID_DESC], condition: { submitted: true }';

export const WORKLOADS: Workload[] = [
  {
    key: 'typename',
    label: '`{ __typename }`',
    // 1,000 requests took a third of a second a round, and single runs gave 0.53× to 1.06×.
    share: 10,
    regietafel: { query: '{ __typename }' },
    postgraphile: { query: '{ __typename }' },
    fromRegietafel: (data) => data,
    fromPostGraphile: (data) => data,
    tooThin: (shape) => ((shape as { __typename?: string }).__typename === 'Query' ? null : 'no __typename'),
  },
  {
    key: 'list',
    label: '100 location proposals with gemeente and province names',
    share: 1,
    regietafel: {
      query: '{ locationProposals(first: 100) { nodes { id name places status gemeente { name } province { name } } } }',
    },
    postgraphile: {
      query: `{ allLocationProposals(first: 100, ${PG_PROPOSALS}) { nodes { rowId name places status gemeenteByGemeenteCode { name } provinceByProvinceCode { name } } } }`,
    },
    fromRegietafel: (data) =>
      nodes<{ id: string; name: string; places: number; status: string; gemeente: { name: string }; province: { name: string } }>(data.locationProposals).map((p) => ({
        id: p.id, name: p.name, places: p.places, status: p.status, gemeente: p.gemeente.name, province: p.province.name,
      })),
    fromPostGraphile: (data) =>
      (data.allLocationProposals.nodes as { rowId: string; name: string; places: number; status: string; gemeenteByGemeenteCode: { name: string }; provinceByProvinceCode: { name: string } }[]).map((p) => ({
        id: p.rowId, name: p.name, places: p.places, status: p.status, gemeente: p.gemeenteByGemeenteCode.name, province: p.provinceByProvinceCode.name,
      })),
    tooThin: (shape) => ((shape as unknown[]).length === 100 ? null : `${(shape as unknown[]).length} proposals, not 100`),
  },
  deepQuery('deep', 'provinces → gemeenten (first 50) → locationProposals (first 10)', 'nodes'),
  deepQuery('deep-edges', 'the same through `edges { node }`', 'edges'),
  {
    key: 'overview',
    label: '`nationalOverview` (PostGraphile: the same SQL as a function)',
    share: 1,
    regietafel: { query: OVERVIEW_QUERY, variables: { on: OVERVIEW_ON } },
    postgraphile: { query: 'query($on: Date!) { nationalOverview: benchCompareNationalOverview(onDate: $on) }', variables: { on: OVERVIEW_ON } },
    fromRegietafel: (data) => data.nationalOverview,
    // A JSON scalar: an object, or its text where the preset keeps JSON as a string.
    fromPostGraphile: (data) => (typeof data.nationalOverview === 'string' ? JSON.parse(data.nationalOverview) : data.nationalOverview),
    tooThin: (shape) => ((shape as { provinces?: unknown[] } | null)?.provinces?.length === 12 ? null : 'not 12 provinces'),
  },
];

/** The first place where two values differ, as a path, or null when they are equal. */
export function firstDifference(a: unknown, b: unknown, at = '$'): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) {
      const difference = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}.${key}`);
      if (difference) return difference;
    }
  }
  return `${at}: ${JSON.stringify(a)?.slice(0, 200)} against ${JSON.stringify(b)?.slice(0, 200)}`;
}

/**
 * Throws unless both servers answered without errors and alike (after mapping field names), with enough data to
 * mean something. `regietafel` and `postgraphile` are the parsed HTTP answers (`{ data, errors }`).
 */
export function assertSameAnswers(workload: Workload, regietafel: { data?: unknown; errors?: unknown }, postgraphile: { data?: unknown; errors?: unknown }): void {
  for (const [server, answer] of [['regietafel', regietafel], ['PostGraphile', postgraphile]] as const) {
    if (answer.errors || !answer.data) throw new Error(`${workload.key}: ${server} answered with errors: ${JSON.stringify(answer.errors)?.slice(0, 500)}`);
  }
  const [ours, theirs] = [workload.fromRegietafel(regietafel.data), workload.fromPostGraphile(postgraphile.data)];
  const difference = firstDifference(ours, theirs);
  if (difference) throw new Error(`${workload.key}: regietafel and PostGraphile answer differently at ${difference}`);
  const thin = workload.tooThin(ours);
  if (thin) throw new Error(`${workload.key}: both answer alike, but too little to compare: ${thin}`);
}

/**
 * provinces → gemeenten (first 50) → locationProposals (first 10), asking both connections for their nodes either as
 * `nodes` or as `edges { node }`, alike on both servers.
 */
function deepQuery(key: string, label: string, via: 'nodes' | 'edges'): Workload {
  const list = (fields: string) => (via === 'nodes' ? `nodes { ${fields} }` : `edges { node { ${fields} } }`);
  type Gemeente = { code: string; name: string; locationProposals: Connected<{ id: string; name: string }> };
  type PgGemeente = { code: string; name: string; locationProposalsByGemeenteCode: Connected<{ rowId: string; name: string }> };
  return {
    key,
    label,
    share: 0.2,
    regietafel: {
      query: `{ provinces { code name gemeenten(first: 50) { ${list(`code name locationProposals(first: 10) { ${list('id name')} }`)} } } }`,
    },
    postgraphile: {
      query: `{ allProvinces(orderBy: CBS_CODE_ASC) { nodes { code name
        gemeentesByProvinceCode(first: 50, orderBy: [NAME_ASC, CODE_ASC], condition: { validUntil: null }) { ${list(`code name
          locationProposalsByGemeenteCode(first: 10, ${PG_PROPOSALS}) { ${list('rowId name')} }`)} } } } }`,
    },
    fromRegietafel: (data) =>
      (data.provinces as { code: string; name: string; gemeenten: Connected<Gemeente> }[]).map((province) => ({
        code: province.code,
        name: province.name,
        gemeenten: nodes(province.gemeenten).map((g) => ({ code: g.code, name: g.name, proposals: nodes(g.locationProposals).map((p) => ({ id: p.id, name: p.name })) })),
      })),
    fromPostGraphile: (data) =>
      (data.allProvinces.nodes as { code: string; name: string; gemeentesByProvinceCode: Connected<PgGemeente> }[]).map((province) => ({
        code: province.code,
        name: province.name,
        gemeenten: nodes(province.gemeentesByProvinceCode).map((g) => ({ code: g.code, name: g.name, proposals: nodes(g.locationProposalsByGemeenteCode).map((p) => ({ id: p.rowId, name: p.name })) })),
      })),
    tooThin: (shape) => {
      const provinces = shape as { gemeenten: { proposals: unknown[] }[] }[];
      const proposals = provinces.flatMap((p) => p.gemeenten).reduce((sum, g) => sum + g.proposals.length, 0);
      return provinces.length === 12 && proposals > 0 ? null : `${provinces.length} provinces, ${proposals} proposals`;
    },
  };
}
