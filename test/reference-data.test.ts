import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestServer, type TestServer } from './support/harness.js';

let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  token = await server.token('gemeente-zeist');
});
afterAll(() => server?.close());

const q = (query: string, variables?: Record<string, unknown>) => server.gql(query, variables, token);

describe('provinces', () => {
  it('lists the twelve provinces with CBS codes, ISO codes and populations of 1 January 2022', async () => {
    const { data, errors } = await q('{ provinces { code cbsCode isoCode name population populationDate uitplaatsingsregio { number } } }');
    expect(errors).toBeUndefined();
    expect(data.provinces).toHaveLength(12);
    expect(data.provinces.map((p: any) => p.cbsCode)).toEqual(Array.from({ length: 12 }, (_, i) => `PV${20 + i}`));
    expect(data.provinces.reduce((sum: number, p: any) => sum + p.population, 0)).toBe(17_590_672);
    expect(data.provinces.find((p: any) => p.code === 'UT')).toEqual({
      code: 'UT',
      cbsCode: 'PV26',
      isoCode: 'NL-UT',
      name: 'Utrecht',
      population: 1_369_873,
      populationDate: '2022-01-01',
      uitplaatsingsregio: { number: 3 },
    });
  });

  it('rejects an unknown province code as bad input', async () => {
    const response = await q('{ province(code: XX) { name } }');
    expect(response.status).toBe(400);
    expect(codes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});

describe('gemeenten', () => {
  it('knows the 342 gemeenten of 2023 and how many each province has', async () => {
    const { data } = await q('{ gemeenten(first: 0) { totalCount } provinces { code gemeenten(first: 0) { totalCount } } }');
    expect(data.gemeenten.totalCount).toBe(342);
    const perProvince = Object.fromEntries(data.provinces.map((p: any) => [p.code, p.gemeenten.totalCount]));
    expect(perProvince).toEqual({ GR: 10, FR: 18, DR: 12, OV: 25, FL: 6, GE: 51, UT: 26, NH: 44, ZH: 50, ZE: 13, NB: 56, LI: 31 });
  });

  it('finds one gemeente by CBS code, null for an unknown code, bad input for a malformed one', async () => {
    const found = await q('{ gemeente(code: "gm0355") { code cbsNumber name province { code } } }');
    expect(found.data.gemeente).toEqual({ code: 'GM0355', cbsNumber: '0355', name: 'Zeist', province: { code: 'UT' } });
    expect((await q('{ gemeente(code: "GM9999") { name } }')).data.gemeente).toBeNull();
    const bad = await q('{ gemeente(code: "Zeist") { name } }');
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
  });

  it('pages through a province in name order without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const { data, errors }: any = await q(
        'query($after: String) { gemeenten(provinceCode: UT, first: 10, after: $after) { totalCount edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      expect(errors).toBeUndefined();
      expect(data.gemeenten.totalCount).toBe(26);
      seen.push(...data.gemeenten.edges.map((edge: any) => edge.node.name));
      after = data.gemeenten.pageInfo.hasNextPage ? data.gemeenten.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(26);
    expect(new Set(seen).size).toBe(26);
    expect(seen).toContain('Zeist');
    expect([...seen].sort((a, b) => (a < b ? -1 : 1))).toEqual(seen);
  });

  it('searches names ignoring case and accents, and treats wildcards literally', async () => {
    const { data } = await q('{ gemeenten(search: "FRYSLAN") { edges { node { name } } } none: gemeenten(search: "%") { totalCount } }');
    expect(data.gemeenten.edges.map((e: any) => e.node.name)).toEqual(['Noardeast-Fryslân', 'Súdwest-Fryslân']);
    expect(data.none.totalCount).toBe(0);
  });

  it('rejects a page size out of range and a cursor it did not make, naming the argument', async () => {
    const big = await q('{ gemeenten(first: 501) { totalCount } }');
    expect(big.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const cursor = await q('{ gemeenten(after: "bm9wZQ") { totalCount } }');
    expect(cursor.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('refuses control characters in a search or a cursor as bad input, not as a server error', async () => {
    const search = await q('query($s: String) { gemeenten(search: $s) { totalCount } }', { s: 'Ze\u0000ist' });
    expect(search.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
    const cursor = Buffer.from(JSON.stringify(['Ze\u0000ist', 'GM0355'])).toString('base64url');
    const paged = await q('query($a: String) { gemeenten(after: $a) { totalCount } }', { a: cursor });
    expect(paged.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const badDate = Buffer.from(JSON.stringify(['2024-13-45T25:61:61.000000', '00000000-0000-4000-8000-000000000000'])).toString('base64url');
    const memberships = await server.gql('query($a: String) { memberships(after: $a) { totalCount } }', { a: badDate }, await server.token('lrt'));
    expect(memberships.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('reads the gemeenten of all twelve provinces in the same number of SQL statements as of one', async () => {
    server.statements.length = 0;
    await q('{ province(code: UT) { gemeenten(first: 5) { totalCount edges { node { name province { name } } } } } }');
    const one = server.statements.length;
    server.statements.length = 0;
    const { data } = await q('{ provinces { gemeenten(first: 5) { totalCount edges { node { name province { name } } } } } }');
    const twelve = server.statements.length;
    expect(data.provinces.every((p: any) => p.gemeenten.edges.length === 5)).toBe(true);
    expect(one).toBeGreaterThan(0);
    expect(twelve).toBeLessThanOrEqual(one + 1); // `provinces` itself is one statement
  });
});

describe('uitplaatsingsregio’s and opvangtypes', () => {
  it("has COA's five regions with their provinces", async () => {
    const { data } = await q('{ uitplaatsingsregios { number provinces { code } } }');
    expect(data.uitplaatsingsregios.map((r: any) => [r.number, r.provinces.map((p: any) => p.code).sort()])).toEqual([
      [1, ['DR', 'FR', 'GR']],
      [2, ['GE', 'OV']],
      [3, ['FL', 'NH', 'UT']],
      [4, ['ZE', 'ZH']],
      [5, ['LI', 'NB']],
    ]);
  });

  it('describes every opvangtype and marks GVL, SATELLIET and ROL as the flexible system', async () => {
    const { data } = await q('{ opvangtypes { code name description flexibleSystem operatedBy } }');
    expect(data.opvangtypes).toHaveLength(11);
    expect(data.opvangtypes.filter((t: any) => t.flexibleSystem).map((t: any) => t.code)).toEqual(['GVL', 'SATELLIET', 'ROL']);
    expect(data.opvangtypes.every((t: any) => t.description.length > 20)).toBe(true);
    expect(data.opvangtypes.find((t: any) => t.code === 'CRISISNOODOPVANG').operatedBy).toBe('GEMEENTE');
  });
});

describe('regietafels', () => {
  it("shows a province's chair, secretariat and members", async () => {
    const { data } = await q(
      '{ province(code: UT) { regietafel { chair { name } secretariat { name } members { function capacity person { name } organisation { kind name } } } } }',
    );
    const regietafel = data.province.regietafel;
    expect(regietafel.chair.name).toBe('Voorzitter PRT Utrecht (demo)');
    expect(regietafel.secretariat.map((p: any) => p.name)).toEqual(['Secretariaat PRT Utrecht (demo)', 'Tweede medewerker secretariaat PRT Utrecht (demo)']);
    expect(regietafel.members[0].function).toBe('VOORZITTER');
    expect(new Set(regietafel.members.map((m: any) => m.organisation.kind))).toEqual(new Set(['PROVINCIE', 'GEMEENTE', 'COA', 'MINISTERIE']));
  });
});
