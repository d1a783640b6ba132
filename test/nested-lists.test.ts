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
    // Provinces, gemeenten and their counts, proposals and their counts (who is asking is counted apart).
    expect(twelve.count).toBeLessThanOrEqual(8);
    // `nodes` instead of `edges { node }`: the same statements and the same nodes.
    const viaNodes = await statements('ipo', `{ provinces { code gemeenten(first: 50) { nodes { code locationProposals(first: 10) { totalCount nodes { id name status } } } } } }`);
    expect(viaNodes.count).toBe(twelve.count);
    const gemeentenOf = (data: any, via: 'nodes' | 'edges') =>
      data.provinces.flatMap((p: any) => (via === 'nodes' ? p.gemeenten.nodes : p.gemeenten.edges.map((e: any) => e.node)));
    expect(gemeentenOf(viaNodes.data, 'nodes').map((g: any) => [g.code, g.locationProposals.totalCount, g.locationProposals.nodes])).toEqual(
      gemeentenOf(twelve.data, 'edges').map((g: any) => [g.code, g.locationProposals.totalCount, g.locationProposals.edges.map((e: any) => e.node)]),
    );
    // Without totalCount the counts are not run.
    const uncounted = await statements('ipo', `{ provinces { code ${deep(50, 'locationProposals(first: 10) { edges { node { id } } }')} } }`);
    expect(uncounted.count).toBe(twelve.count - 1);
  });

  it("reads the gemeente and province of a list's proposals in one statement each, however many rows, and each row gets its own", async () => {
    const names = 'edges { node { id gemeente { code name province { code } } province { code name } } }';
    const few = await statements('ipo', `{ locationProposals(first: 2) { ${names} } }`);
    const many = await statements('ipo', `{ locationProposals(first: 100) { ${names} } }`);
    const nested = await statements('ipo', `{ provinces { code locationProposals(first: 20) { ${names} } } }`);
    expect(many.count).toBe(few.count);
    // The proposals, their gemeenten, their provinces (who is asking is counted apart).
    expect(many.count).toBeLessThanOrEqual(4);
    // Under the provinces too: the gemeenten and provinces of all the pages' rows in one statement each.
    expect(nested.count).toBeLessThanOrEqual(many.count + 1);
    const nodes = [...many.data.locationProposals.edges, ...nested.data.provinces.flatMap((p: any) => p.locationProposals.edges)].map((edge: any) => edge.node);
    expect(nodes.length).toBeGreaterThan(10);
    for (const node of nodes) expect(node.province.code, node.id).toBe(node.gemeente.province.code);
    // As the proposal read on its own gives them.
    for (const node of nodes.filter((_: unknown, index: number) => index % 9 === 0)) {
      const alone = await server.as('ipo', 'query($id: ID!) { locationProposal(id: $id) { id gemeente { code name province { code } } province { code name } } }', { id: node.id });
      expect(alone.data.locationProposal).toEqual(node);
    }
  });

  it("gives the agreements' and signals' rows the gemeente and province each gets read alone", async () => {
    const agreements = await statements('ipo', '{ agreements(first: 100) { edges { node { id gemeente { code name province { code } } } } } }');
    const signals = await statements('lrt', '{ signals(first: 100) { edges { node { id province { code name } } } } }');
    const agreementNodes = agreements.data.agreements.edges.map((edge: any) => edge.node);
    const signalNodes = signals.data.signals.edges.map((edge: any) => edge.node);
    expect(agreementNodes.length).toBeGreaterThan(3);
    expect(signalNodes.length).toBeGreaterThan(0);
    for (const node of agreementNodes.filter((_: unknown, index: number) => index % 5 === 0)) {
      const alone = await server.as('ipo', 'query($id: ID!) { agreement(id: $id) { id gemeente { code name province { code } } } }', { id: node.id });
      expect(alone.data.agreement).toEqual(node);
    }
    for (const node of signalNodes) {
      const alone = await server.as('lrt', 'query($id: ID!) { signal(id: $id) { id province { code name } } }', { id: node.id });
      expect(alone.data.signal).toEqual(node);
    }
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

/** Each field of a proposal, with what to ask of it when it is an object or a list of objects. */
const PROPOSAL_FIELDS: Record<string, string> = {
  id: '', gemeente: '{ code }', province: '{ code }', provinceCode: '', name: '', address: '', opvangtype: '', places: '', amvPlaces: '',
  intendedStart: '', intendedDurationMonths: '', flexibleUse: '', description: '', status: '', advice: '', decision: '', version: '',
  createdAt: '', updatedAt: '', smallScale: '', reviewer: '{ id name }', transitions: '{ version toStatus at }', comments: '{ id }',
  commentsCount: '', agreement: '{ id }', viewerActions: '',
};

describe('the columns a list reads', () => {
  it('gives the fields that policies decide, for those who may act, as reading the proposal alone does', async () => {
    // IPO may do nothing to a proposal: its viewerActions are empty whatever a list reads. A gemeente and COA may.
    for (const handle of ['gemeente-utrecht', 'gemeente-lelystad', 'coa-regio-1', 'coa-regio-3']) {
      const listed = await server.as(handle, '{ locationProposals(first: 100) { nodes { id viewerActions decision status } } }');
      expect(listed.errors, handle).toBeUndefined();
      const nodes = listed.data.locationProposals.nodes;
      expect(nodes.some((node: any) => node.viewerActions.length > 0), handle).toBe(true);
      for (const node of nodes) {
        const alone = await server.as(handle, 'query($id: ID!) { locationProposal(id: $id) { id viewerActions decision status } }', { id: node.id });
        expect(node, handle).toEqual(alone.data.locationProposal);
      }
    }
  });

  it('leaves out what no asked field reads, and answers every field of a proposal as reading it alone does', async () => {
    const introspected = await server.as('ipo', '{ __type(name: "LocationProposal") { fields { name } } }');
    // A field added to proposals must be added here, so that it is checked against the columns a list leaves out.
    expect(introspected.data.__type.fields.map((f: { name: string }) => f.name).sort()).toEqual(Object.keys(PROPOSAL_FIELDS).sort());

    server.statements.length = 0;
    const summary = await server.as('ipo', '{ provinces { gemeenten(first: 50) { edges { node { locationProposals(first: 10) { edges { node { id name } } } } } } } }');
    expect(summary.errors).toBeUndefined();
    const proposalReads = server.statements.filter((sql) => /FROM location_proposal p\b/.test(sql) && /row_number\(\)/.test(sql));
    expect(proposalReads.length).toBeGreaterThan(0);
    for (const sql of proposalReads) expect(sql).not.toMatch(/p\.description|p\.created_at AS/);
    // `id` and `name` only: neither the columns policies and references read, nor the sort keys no cursor needs.
    for (const sql of proposalReads) expect(sql).not.toMatch(/p\.reviewer_id|p\.version|to_char/);
    // Nor the columns of what a proposal is that no asked field reads.
    for (const sql of proposalReads) expect(sql.slice(0, sql.indexOf('FROM'))).not.toMatch(/p\.opvangtype|p\.places|p\.status/);
    const readsFor = async (query: string) => {
      server.statements.length = 0;
      const response = await server.as('ipo', query);
      expect(response.errors).toBeUndefined();
      return server.statements.filter((sql) => /FROM location_proposal p\b/.test(sql) && /row_number\(\)/.test(sql));
    };
    for (const cursor of ['edges { cursor }', 'pageInfo { endCursor }', 'pageInfo { startCursor }', 'edges { ...c }']) {
      const [sql] = await readsFor(`{ locationProposals(first: 5) { nodes { id } ${cursor} } } fragment c on LocationProposalEdge { cursor }`.replace(/ fragment.*/, cursor.includes('...c') ? '$&' : ''));
      expect(sql, cursor).toMatch(/to_char/);
    }
    const [viewer] = await readsFor('{ locationProposals(first: 5) { nodes { id viewerActions } } }');
    expect(viewer).toMatch(/p\.reviewer_id/);

    const single = (id: string, field: string) => server.as('ipo', `query($id: ID!) { locationProposal(id: $id) { id ${field} ${PROPOSAL_FIELDS[field]} } }`, { id });
    const decided = await server.as('ipo', '{ locationProposals(status: BESLOTEN, first: 1) { edges { node { decision } } } }');
    expect(decided.data.locationProposals.edges[0].node.decision).not.toBeNull(); // the data shows every kind of value
    for (const field of Object.keys(PROPOSAL_FIELDS)) {
      // Top level, nested under gemeenten, and through an aliased fragment; each compared with the same list asking for a
      // detail as well (so reading every column), and its first nodes with the proposal read alone.
      const selection = `id ${field} ${PROPOSAL_FIELDS[field]}`;
      const queries = [
        (extra: string) => `{ locationProposals(first: 100) { edges { node { ${selection} ${extra} } } } }`,
        (extra: string) => `{ provinces { gemeenten(first: 50) { edges { node { locationProposals(first: 10) { edges { node { ${selection} ${extra} } } } } } } } }`,
        (extra: string) => `{ locationProposals(first: 100) { edges { node { ...f } } } } fragment f on LocationProposal { id alias: ${field} ${PROPOSAL_FIELDS[field]} ${extra} }`,
        // The connections' `nodes`, without edges, at both levels.
        (extra: string) => `{ provinces { gemeenten(first: 50) { nodes { locationProposals(first: 10) { nodes { ${selection} ${extra} } } } } } }`,
      ];
      const nodesOf = (index: number, data: any): any[] =>
        index === 1
          ? data.provinces.flatMap((p: any) => p.gemeenten.edges.flatMap((g: any) => g.node.locationProposals.edges.map((e: any) => e.node)))
          : index === 3
            ? data.provinces.flatMap((p: any) => p.gemeenten.nodes.flatMap((g: any) => g.locationProposals.nodes))
            : data.locationProposals.edges.map((e: any) => e.node);
      for (const [index, query] of queries.entries()) {
        const listed = await server.as('ipo', query(''));
        const full = await server.as('ipo', query('fullRead: description'));
        expect(listed.errors ?? full.errors, `${field} ${index}`).toBeUndefined();
        const nodes = nodesOf(index, listed.data);
        expect(nodes.length, field).toBeGreaterThan(20);
        expect(nodes, `${field} ${index}`).toEqual(nodesOf(index, full.data).map(({ fullRead: _, ...node }) => node));
        for (const node of nodes.slice(0, 2)) {
          const alone = (await single(node.id, field)).data.locationProposal;
          expect(index === 2 ? { id: node.id, [field]: node.alias } : node, `${field} ${index}`).toEqual(alone);
        }
      }
    }
  });
});
