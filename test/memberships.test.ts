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
    const client = server.wsClient({ authorization: `Bearer ${await server.token('ws-person')}` }, { persistent: true });
    expect((await wsExecute(client, '{ memberships(provinceCode: ZH) { totalCount } }')).errors).toBeUndefined();
    await server.as('lrt', REVOKE, { input: { membershipId: granted.data.grantMembership.id, reason: 'test' } });
    const after = await wsExecute(client, '{ memberships(provinceCode: ZH) { totalCount } }');
    expect(after.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(client.connections()).toBe(1); // the same connection throughout
  });

  it('stops a revoked LRT member from granting on a connection opened before the revocation', async () => {
    const granted = await server.as('lrt', GRANT, { input: { personSubject: 'second-lrt', personName: 'Tweede LRT (test)', role: 'LRT' } });
    const client = server.wsClient({ authorization: `Bearer ${await server.token('second-lrt')}` }, { persistent: true });
    expect((await wsExecute(client, '{ viewer { memberships { role } } }')).data).toEqual({ viewer: { memberships: [{ role: 'LRT' }] } });
    await server.as('lrt', REVOKE, { input: { membershipId: granted.data.grantMembership.id, reason: 'test' } });
    const before = await count();
    const attempt = await wsExecute(client, GRANT, { input: { personSubject: 'accomplice', personName: 'A', role: 'LRT' } });
    expect(attempt.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await count()).toBe(before);
    expect(client.connections()).toBe(1);
  });

  it('writes no person when the grant for a new person fails', async () => {
    const people = await personCount();
    const response = await server.as('lrt', GRANT, { input: { personSubject: 'never-created', personName: 'Nooit', role: 'GEMEENTE', gemeenteCode: 'GM9999' } });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.gemeenteCode' });
    expect(await personCount()).toBe(people);
  });

  it('never lets two LRT members revoke each other at the same time down to no LRT at all', async () => {
    for (let round = 0; round < 10; round++) {
      const a = await server.as('lrt', GRANT, { input: { personSubject: `race-a-${round}`, personName: 'A', role: 'LRT' } });
      const b = await server.as('lrt', GRANT, { input: { personSubject: `race-b-${round}`, personName: 'B', role: 'LRT' } });
      // Leave only a and b as LRT members, then let them revoke each other at once.
      const others: { id: string }[] = await server.db.query(`SELECT id FROM membership WHERE role = 'LRT' AND revoked_at IS NULL AND id NOT IN ($1, $2)`, [
        a.data.grantMembership.id,
        b.data.grantMembership.id,
      ]);
      await server.db.query(`UPDATE membership SET revoked_at = now() WHERE id = ANY($1)`, [others.map((o) => o.id)]);
      const results = await Promise.all([
        server.as(`race-a-${round}`, REVOKE, { input: { membershipId: b.data.grantMembership.id, reason: 'race' } }),
        server.as(`race-b-${round}`, REVOKE, { input: { membershipId: a.data.grantMembership.id, reason: 'race' } }),
      ]);
      const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM membership WHERE role = 'LRT' AND revoked_at IS NULL`);
      expect(n).toBe(1);
      expect(results.filter((r) => r.errors).length).toBe(1);
      // Restore the demo LRT member for the next round and the other tests.
      await server.db.query(`UPDATE membership SET revoked_at = NULL, revoked_by = NULL, revoke_reason = NULL WHERE id = ANY($1)`, [others.map((o) => o.id)]);
      await server.db.query(`UPDATE membership SET revoked_at = now() WHERE id IN ($1, $2) AND revoked_at IS NULL`, [a.data.grantMembership.id, b.data.grantMembership.id]);
    }
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
    [{ personSubject: '   ', personName: 'X', role: 'IPO' }, 'BAD_USER_INPUT', 'input.personSubject'],
    [{ personSubject: 'x', personName: '❤️'.repeat(101), role: 'IPO' }, 'BAD_USER_INPUT', 'input.personName'],
    [{ personSubject: 'nul\u0000byte', personName: 'X', role: 'IPO' }, 'BAD_USER_INPUT', 'input.personSubject'],
    [{ personSubject: 'x', personName: 'line\nbreak', role: 'IPO' }, 'BAD_USER_INPUT', 'input.personName'],
  ])('refuses %j with %s on %s and writes nothing', async (input, code, field) => {
    const [memberships, people] = [await count(), await personCount()];
    const response = await server.as('lrt', GRANT, { input });
    expect(response.errors?.[0].extensions).toMatchObject({ code, field });
    expect(response.data).toBeNull();
    expect([await count(), await personCount()]).toEqual([memberships, people]);
  });

  it('refuses an unknown role value as invalid input, naming the field, on both paths', async () => {
    const input = { personSubject: 'x', personName: 'X', role: 'KING' };
    const response = await server.as('lrt', GRANT, { input });
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.role' });
    const ws = await wsExecute(server.wsClient({ authorization: `Bearer ${await server.token('lrt')}` }), GRANT, { input });
    expect(ws.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.role' });
  });

  it('refuses a revocation reason with a NUL byte', async () => {
    const [{ id }] = await server.db.query(`SELECT id FROM membership WHERE role = 'IPO' AND revoked_at IS NULL LIMIT 1`);
    const response = await server.as('lrt', REVOKE, { input: { membershipId: id, reason: 'bad\u0000reason' } });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
  });

  it('shows why a membership was revoked to IPO, LRT and the person, not to others in the province', async () => {
    const granted = await server.as('lrt', GRANT, { input: { personSubject: 'ut-leaver', personName: 'Vertrekker (test)', role: 'PRT_SECRETARIAAT', provinceCode: 'UT' } });
    await server.as('lrt', REVOKE, { input: { membershipId: granted.data.grantMembership.id, reason: 'Personal reasons' } });
    const history = '{ memberships(provinceCode: UT, includeRevoked: true, role: PRT_SECRETARIAAT) { edges { node { person { name } active revokeReason revokedBy { name } } } } }';
    const leaver = (r: any) => r.data.memberships.edges.find((e: any) => e.node.person.name === 'Vertrekker (test)').node;
    expect(leaver(await server.as('ipo', history))).toMatchObject({ revokeReason: 'Personal reasons', revokedBy: { name: 'LRT-coördinator (demo)' } });
    expect(leaver(await server.as('secretariaat-ut', history))).toEqual({ person: { name: 'Vertrekker (test)' }, active: false, revokeReason: null, revokedBy: null });
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
