import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PeopleService } from '../src/people/people.service.js';
import { Role } from '../src/people/enums.js';
import { codes, startTestServer, wsExecute, type TestServer } from './support/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const GRANT = 'mutation($input: GrantMembershipInput!) { grantMembership(input: $input) { id role active provinceCodes person { name } organisation { name } grantedBy { name } } }';
const REVOKE = 'mutation($input: RevokeMembershipInput!) { revokeMembership(input: $input) { id active revokedAt revokeReason revokedBy { name } } }';
const VIEWER = '{ viewer { memberships { role } abilities { action provinceCodes } } }';
const count = async () => (await server.db.query('SELECT count(*)::int AS n FROM membership'))[0].n as number;
const personCount = async () => (await server.db.query('SELECT count(*)::int AS n FROM person'))[0].n as number;

describe('granting and revoking memberships (LRT)', () => {
  it('grants a role to a person regietafel did not know, who can use it at once', async () => {
    const granted = await server.as('lrt', GRANT, {
      input: { personSubject: 'new-secretary', personName: 'Nieuwe secretaris (test)', role: 'PRT_SECRETARIAAT', provinceCode: 'ZE' },
    });
    expect(granted.errors).toBeUndefined();
    expect(granted.data.grantMembership).toMatchObject({
      role: 'PRT_SECRETARIAAT',
      active: true,
      provinceCodes: ['ZE'],
      person: { name: 'Nieuwe secretaris (test)' },
      organisation: { name: 'Provincie Zeeland' },
      grantedBy: { name: 'LRT-coördinator (demo)' },
    });
    const viewer = await server.as('new-secretary', VIEWER);
    expect(viewer.data.viewer.memberships).toEqual([{ role: 'PRT_SECRETARIAAT' }]);
    const zeeland = await server.as('new-secretary', '{ memberships(provinceCode: ZE) { totalCount } }');
    expect(zeeland.data.memberships.totalCount).toBeGreaterThan(0);
  });

  it('revokes it: the person loses the role on the next request and the history is kept', async () => {
    const [{ id }] = await server.db.query(`SELECT m.id FROM membership m JOIN person p ON p.id = m.person_id WHERE p.subject = 'new-secretary'`);
    const revoked = await server.as('lrt', REVOKE, { input: { membershipId: id, reason: 'Left the province' } });
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data.revokeMembership).toMatchObject({ id, active: false, revokeReason: 'Left the province', revokedBy: { name: 'LRT-coördinator (demo)' } });
    expect((await server.as('new-secretary', VIEWER)).data.viewer.memberships).toEqual([]);
    expect(codes(await server.as('new-secretary', '{ memberships(provinceCode: ZE) { totalCount } }'))).toEqual(['FORBIDDEN']);
    const history = await server.as('lrt', '{ memberships(provinceCode: ZE, includeRevoked: true, role: PRT_SECRETARIAAT) { edges { node { active person { name } } } } }');
    expect(history.data.memberships.edges).toContainEqual({ node: { active: false, person: { name: 'Nieuwe secretaris (test)' } } });

    const again = await server.as('lrt', REVOKE, { input: { membershipId: id, reason: 'twice' } });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'MEMBERSHIP_ALREADY_REVOKED', field: 'input.membershipId' });
  });

  it('takes effect on an open WebSocket connection too', async () => {
    const granted = await server.as('lrt', GRANT, { input: { personSubject: 'ws-person', personName: 'WS (test)', role: 'COA_REGIO', uitplaatsingsregio: 4 } });
    const client = server.wsClient({ authorization: `Bearer ${await server.token('ws-person')}` });
    expect((await wsExecute(client, '{ memberships(provinceCode: ZH) { totalCount } }')).errors).toBeUndefined();
    await server.as('lrt', REVOKE, { input: { membershipId: granted.data.grantMembership.id, reason: 'test' } });
    const after = await wsExecute(client, '{ memberships(provinceCode: ZH) { totalCount } }');
    expect(after.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it.each([
    [{ personSubject: 'x', personName: 'X', role: 'PRT_SECRETARIAAT' }, 'BAD_USER_INPUT', 'input.provinceCode'],
    [{ personSubject: 'x', personName: 'X', role: 'GEMEENTE', gemeenteCode: 'GM0355', provinceCode: 'UT' }, 'BAD_USER_INPUT', 'input.provinceCode'],
    [{ personSubject: 'x', personName: 'X', role: 'GEMEENTE', gemeenteCode: 'Zeist' }, 'BAD_USER_INPUT', 'input.gemeenteCode'],
    [{ personSubject: 'x', personName: 'X', role: 'GEMEENTE', gemeenteCode: 'GM9999' }, 'BAD_USER_INPUT', 'input.gemeenteCode'],
    [{ personSubject: 'x', personName: 'X', role: 'COA_REGIO', uitplaatsingsregio: 6 }, 'BAD_USER_INPUT', 'input.uitplaatsingsregio'],
    [{ personSubject: 'x', personName: 'X', role: 'IPO', organisationId: '00000000-0000-0000-0000-000000000000' }, 'BAD_USER_INPUT', 'input.organisationId'],
    [{ personSubject: 'x', role: 'IPO' }, 'BAD_USER_INPUT', 'input.personName'],
    [{ personSubject: '', personName: 'X', role: 'IPO' }, 'BAD_USER_INPUT', 'input.personSubject'],
    [{ personSubject: 'x', personName: 'X', personEmail: 'not-an-address', role: 'IPO' }, 'BAD_USER_INPUT', 'input.personEmail'],
    [{ personSubject: 'gemeente-zeist', role: 'GEMEENTE', gemeenteCode: 'GM0355' }, 'MEMBERSHIP_ALREADY_ACTIVE', 'input.role'],
  ])('refuses %j with %s on %s and writes nothing', async (input, code, field) => {
    const [memberships, people] = [await count(), await personCount()];
    const response = await server.as('lrt', GRANT, { input });
    expect(response.errors?.[0].extensions).toMatchObject({ code, field });
    expect(response.data).toBeNull();
    expect([await count(), await personCount()]).toEqual([memberships, people]);
  });

  it('refuses an unknown role value as invalid input', async () => {
    const response = await server.as('lrt', GRANT, { input: { personSubject: 'x', personName: 'X', role: 'KING' } });
    expect(response.status).toBe(400);
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it('says NOT_FOUND for a membership that does not exist', async () => {
    const response = await server.as('lrt', REVOKE, { input: { membershipId: '00000000-0000-4000-8000-000000000000', reason: 'r' } });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.membershipId' });
  });

  it('never revokes the last LRT membership', async () => {
    const [{ id }] = await server.db.query(`SELECT id FROM membership WHERE role = 'LRT' AND revoked_at IS NULL`);
    const response = await server.as('lrt', REVOKE, { input: { membershipId: id, reason: 'oops' } });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'LAST_LRT_MEMBERSHIP' });
    expect((await server.as('lrt', VIEWER)).data.viewer.memberships).toEqual([{ role: 'LRT' }]);
  });

  it('lists memberships newest first, page by page, unaffected by grants made meanwhile', async () => {
    const first = await server.as('lrt', '{ memberships(first: 5) { totalCount edges { node { id } } pageInfo { endCursor hasNextPage } } }');
    await server.as('lrt', GRANT, { input: { personSubject: 'late-arrival', personName: 'Late (test)', role: 'IPO' } });
    const next = await server.as('lrt', 'query($after: String) { memberships(first: 5, after: $after) { edges { node { id } } } }', {
      after: first.data.memberships.pageInfo.endCursor,
    });
    const all = await server.as('lrt', '{ memberships(first: 500) { edges { node { id } } } }');
    const ids = all.data.memberships.edges.map((e: any) => e.node.id);
    const pageIds = [...first.data.memberships.edges, ...next.data.memberships.edges].map((e: any) => e.node.id);
    expect(ids.slice(1, 11)).toEqual(pageIds); // the new grant comes first; the pages continue where they were
  });

  it('lets an operator grant the first LRT membership of a new installation, outside the API', async () => {
    await new PeopleService(server.db).grantAsOperator({ personSubject: 'first-lrt', personName: 'Eerste LRT (test)', role: Role.LRT });
    const viewer = await server.as('first-lrt', '{ viewer { memberships { role grantedBy { name } } abilities { action } } }');
    expect(viewer.data.viewer.memberships).toEqual([{ role: 'LRT', grantedBy: null }]);
    expect(viewer.data.viewer.abilities.map((a: any) => a.action)).toContain('MANAGE_MEMBERSHIPS');
  });
});
