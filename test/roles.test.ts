import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestServer, wsExecute, type TestServer } from './support/harness.js';
import { DEMO_PEOPLE } from '../src/demo/people.js';

/**
 * What each role may and may not read. Reference data is open to every authenticated person;
 * memberships (who works where) are visible within the provinces a role reaches.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const REFERENCE = '{ provinces { code } gemeente(code: "GM0014") { name } regietafel(provinceCode: ZH) { chair { name } } opvangtypes { code } }';
const MEMBERSHIPS_OF = 'query($p: ProvinceCode) { memberships(provinceCode: $p, first: 500) { totalCount edges { node { role person { name } provinceCodes } } } }';
const ABILITIES = '{ viewer { person { name } memberships { role } abilities { action national provinceCodes } } }';

const cases: { subject: string; role: string; mayRead: string[]; mayNotRead: string[] }[] = [
  { subject: 'lrt', role: 'LRT', mayRead: ['UT', 'ZH', 'GR', 'LI'], mayNotRead: [] },
  { subject: 'ipo', role: 'IPO', mayRead: ['UT', 'ZH', 'GR', 'LI'], mayNotRead: [] },
  { subject: 'secretariaat-ut', role: 'PRT_SECRETARIAAT', mayRead: ['UT'], mayNotRead: ['ZH', 'NH', 'GR'] },
  { subject: 'gemeente-zeist', role: 'GEMEENTE', mayRead: ['UT'], mayNotRead: ['FL', 'ZH'] },
  { subject: 'coa-regio-3', role: 'COA_REGIO', mayRead: ['FL', 'NH', 'UT'], mayNotRead: ['ZH', 'GR', 'NB'] },
];

describe.each(cases)('$role ($subject)', ({ subject, role, mayRead, mayNotRead }) => {
  it('reads all reference data', async () => {
    const { data, errors } = await server.as(subject, REFERENCE);
    expect(errors).toBeUndefined();
    expect(data.provinces).toHaveLength(12);
    expect(data.gemeente.name).toBe('Groningen');
    expect(data.regietafel.chair.name).toBe('Voorzitter PRT Zuid-Holland (demo)');
  });

  it('knows its own role and abilities', async () => {
    const { data } = await server.as(subject, ABILITIES);
    expect(data.viewer.memberships.map((m: any) => m.role)).toEqual([role]);
    const readMemberships = data.viewer.abilities.find((a: any) => a.action === 'READ_MEMBERSHIPS');
    expect(readMemberships.provinceCodes.filter((code: string) => mayRead.includes(code))).toEqual([...mayRead].sort());
    for (const province of mayNotRead) expect(readMemberships.provinceCodes).not.toContain(province);
    expect(readMemberships.national).toBe(role === 'LRT' || role === 'IPO');
    const manage = data.viewer.abilities.some((a: any) => a.action === 'MANAGE_MEMBERSHIPS');
    expect(manage).toBe(role === 'LRT');
  });

  it.each(mayRead)('reads the memberships of %s', async (province) => {
    const { data, errors } = await server.as(subject, MEMBERSHIPS_OF, { p: province });
    expect(errors).toBeUndefined();
    expect(data.memberships.totalCount).toBeGreaterThan(0);
    expect(data.memberships.edges.every((e: any) => e.node.provinceCodes.includes(province))).toBe(true);
  });

  it.skipIf(mayNotRead.length === 0).each(mayNotRead)('may not read the memberships of %s, over HTTP or WebSocket', async (province) => {
    const http = await server.as(subject, MEMBERSHIPS_OF, { p: province });
    expect(codes(http)).toEqual(['FORBIDDEN']);
    expect(http.data).toBeNull();
    const ws = await wsExecute(server.wsClient({ authorization: `Bearer ${await server.token(subject)}` }), MEMBERSHIPS_OF, { p: province });
    expect(ws.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('sees, without a province filter, only memberships within its reach (and its own)', async () => {
    const { data } = await server.as(subject, MEMBERSHIPS_OF, {});
    for (const { node } of role === 'LRT' || role === 'IPO' ? [] : data.memberships.edges) {
      expect(node.provinceCodes.some((code: string) => mayRead.includes(code)) || node.provinceCodes.length === 0).toBe(true);
    }
    if (role !== 'LRT' && role !== 'IPO') {
      // National memberships reach no province: only national roles see them (one's own aside).
      expect(data.memberships.edges.filter((e: any) => ['LRT', 'IPO'].includes(e.node.role))).toEqual([]);
    }
    // Every demo person with a membership holds one.
    if (role === 'LRT' || role === 'IPO') expect(data.memberships.totalCount).toBe(DEMO_PEOPLE.filter((person) => person.membership).length);
  });

  if (role !== 'LRT') it('may not grant memberships, and nothing is written', async () => {
    const before = await server.db.query('SELECT count(*)::int AS n FROM membership');
    const response = await server.as(subject, 'mutation { grantMembership(input: { personSubject: "new", personName: "New", role: IPO }) { id } }');
    expect(codes(response)).toEqual(['FORBIDDEN']);
    expect(await server.db.query('SELECT count(*)::int AS n FROM membership')).toEqual(before);
  });
});

describe('an authenticated subject without memberships', () => {
  it('reads reference data, sees itself, and nothing else', async () => {
    const reference = await server.as('stranger', REFERENCE);
    expect(reference.errors).toBeUndefined();
    const viewer = await server.as('stranger', ABILITIES);
    expect(viewer.data.viewer).toEqual({ person: null, memberships: [], abilities: [{ action: 'READ_REFERENCE_DATA', national: true, provinceCodes: expect.any(Array) }] });
    expect(codes(await server.as('stranger', MEMBERSHIPS_OF, { p: 'UT' }))).toEqual(['FORBIDDEN']);
    expect((await server.as('stranger', MEMBERSHIPS_OF, {})).data.memberships.totalCount).toBe(0);
  });
});
