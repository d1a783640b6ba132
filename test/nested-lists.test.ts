import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/harness.js';

/**
 * Lists nested under lists are fetched for all their parents at once (issue 16): the deep query provinces → gemeenten →
 * locationProposals takes as many statements for 2 provinces as for 12, and for 5 gemeenten as for 50, with paging,
 * filters, totalCount and authorization as the top-level list gives them.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 120_000);
afterAll(() => server?.close());

const PROPOSALS = 'locationProposals(first: 10) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name status } } }';
const deep = (gemeenten: number, proposals = PROPOSALS) => `gemeenten(first: ${gemeenten}) { edges { node { code ${proposals} } } }`;

async function statements(handle: string, query: string) {
  server.statements.length = 0;
  const response = await server.as(handle, query);
  expect(response.errors).toBeUndefined();
  return { count: server.statements.length, data: response.data };
}

describe('provinces → gemeenten → locationProposals', () => {
  it('takes the same number of statements for 2 provinces or 12, and 5 gemeenten or 50', async () => {
    const two = await statements('ipo', `{ a: province(code: UT) { ${deep(50)} } b: province(code: FL) { ${deep(50)} } }`);
    const twelve = await statements('ipo', `{ provinces { code ${deep(50)} } }`);
    const five = await statements('ipo', `{ provinces { code ${deep(5)} } }`);
    expect(twelve.count).toBe(two.count);
    expect(five.count).toBe(twelve.count);
    // The person and memberships, provinces, gemeenten and their counts, proposals and their counts.
    expect(twelve.count).toBeLessThanOrEqual(8);
    // Without totalCount the counts are not run.
    const uncounted = await statements('ipo', `{ provinces { code ${deep(50, 'locationProposals(first: 10) { edges { node { id } } }')} } }`);
    expect(uncounted.count).toBe(twelve.count - 1);
  });

  it('gives each gemeente the page, totalCount and cursor the top-level list gives it, for whoever asks', async () => {
    for (const handle of ['ipo', 'coa-regio-3', 'gemeente-zeist', 'secretariaat-ut']) {
      const nested = await server.as(handle, `{ province(code: UT) { ${deep(50)} } }`);
      expect(nested.errors).toBeUndefined();
      const gemeenten = nested.data.province.gemeenten.edges.map((edge: any) => edge.node);
      let seen = 0;
      for (const gemeente of gemeenten) {
        const top = await server.as(handle, `query($g: String) { ${PROPOSALS.replace('first: 10', 'gemeenteCode: $g, first: 10')} }`, { g: gemeente.code });
        expect(top.errors).toBeUndefined();
        expect(gemeente.locationProposals, `${handle} ${gemeente.code}`).toEqual(top.data.locationProposals);
        seen += gemeente.locationProposals.totalCount;
      }
      // A gemeente sees its own proposals only (the demo gives Zeist none); the others see the province's submitted ones.
      if (handle !== 'gemeente-zeist') expect(seen, handle).toBeGreaterThan(0);
    }
  });

  it('pages and filters per parent: the next page after a cursor, and a status filter', async () => {
    const first = await server.as('ipo', `{ provinces { code locationProposals(first: 1) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }`);
    const paged = first.data.provinces.find((p: any) => p.locationProposals.pageInfo.hasNextPage);
    expect(paged).toBeDefined();
    const after = paged.locationProposals.pageInfo.endCursor;
    const next = await server.as('ipo', `query($a: String) { provinces { code locationProposals(first: 1, after: $a) { edges { node { id } } } } }`, { a: after });
    expect(next.errors).toBeUndefined();
    const top = await server.as('ipo', `query($p: ProvinceCode, $a: String) { locationProposals(provinceCode: $p, first: 1, after: $a) { edges { node { id } } } }`, { p: paged.code, a: after });
    expect(next.data.provinces.find((p: any) => p.code === paged.code).locationProposals).toEqual(top.data.locationProposals);
    const filtered = await server.as('ipo', `{ provinces { code locationProposals(status: BESLOTEN, first: 50) { totalCount edges { node { status } } } } }`);
    for (const province of filtered.data.provinces) {
      expect(province.locationProposals.edges.every((edge: any) => edge.node.status === 'BESLOTEN')).toBe(true);
      const one = await server.as('ipo', `query($p: ProvinceCode) { locationProposals(provinceCode: $p, status: BESLOTEN, first: 50) { totalCount } }`, { p: province.code });
      expect(province.locationProposals.totalCount).toBe(one.data.locationProposals.totalCount);
    }
    const bad = await server.as('ipo', `{ provinces { locationProposals(first: 1, after: "nonsense") { totalCount } } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
