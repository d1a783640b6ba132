import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/harness.js';

/**
 * What the LRT's membership screens need of the API: `Person.subject` (what `grantMembership` names a person by), shown
 * only to those who may grant memberships; and the reason a role was granted, kept like the reason it was revoked.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const PEOPLE = '{ memberships(role: GEMEENTE, first: 500) { edges { node { person { id name subject } } } } }';

describe('the subject of a person', () => {
  it('is given to LRT, which grants a further role to an existing person by it', async () => {
    const listed = await server.as('lrt', PEOPLE);
    expect(listed.errors).toBeUndefined();
    const people = listed.data.memberships.edges.map((edge: { node: { person: { id: string; name: string; subject: string | null } } }) => edge.node.person);
    const [{ subject: stored }] = await server.db.query('SELECT subject FROM person WHERE id = $1', [people[0].id]);
    expect(people[0].subject).toBe(stored);
    expect(people.every((person: { subject: string | null }) => typeof person.subject === 'string' && person.subject.length > 0)).toBe(true);

    const granted = await server.as('lrt', 'mutation($input: GrantMembershipInput!) { grantMembership(input: $input) { person { id } role } }', {
      input: { personSubject: people[0].subject, role: 'IPO' },
    });
    expect(granted.errors).toBeUndefined();
    expect(granted.data.grantMembership).toEqual({ person: { id: people[0].id }, role: 'IPO' });
  });

  it('is null for everyone else, also for those who read memberships', async () => {
    for (const handle of ['ipo', 'secretariaat-ut']) {
      const listed = await server.as(handle, '{ memberships(provinceCode: UT, first: 500) { edges { node { person { subject } } } } }');
      expect(listed.errors).toBeUndefined();
      expect(listed.data.memberships.edges.length).toBeGreaterThan(0);
      expect(listed.data.memberships.edges.every((edge: { node: { person: { subject: string | null } } }) => edge.node.person.subject === null)).toBe(true);
    }
    const viewer = await server.as('ipo', '{ viewer { person { subject } } }');
    expect(viewer.data.viewer.person.subject).toBeNull();
  });
});

describe('the reason a role was granted', () => {
  const GRANT = 'mutation($input: GrantMembershipInput!) { grantMembership(input: $input) { id grantReason } }';
  const HISTORY = '{ memberships(provinceCode: UT, role: GEMEENTE, includeRevoked: true, first: 500) { edges { node { id grantReason } } } }';
  const reasonOf = (response: any, id: string) => response.data.memberships.edges.find((edge: any) => edge.node.id === id)?.node.grantReason;

  it('is kept with the membership and its event, for IPO, LRT and the person concerned only', async () => {
    const granted = await server.as('lrt', GRANT, {
      input: { personSubject: 'reason-person', personName: 'Met reden (test)', role: 'GEMEENTE', gemeenteCode: 'GM0355', reason: '  Nieuwe beleidsmedewerker opvang  ' },
    });
    expect(granted.errors).toBeUndefined();
    const { id, grantReason } = granted.data.grantMembership;
    expect(grantReason).toBe('Nieuwe beleidsmedewerker opvang');
    expect(reasonOf(await server.as('ipo', HISTORY), id)).toBe('Nieuwe beleidsmedewerker opvang');
    expect((await server.as('reason-person', '{ viewer { memberships { grantReason } } }')).data.viewer.memberships).toEqual([{ grantReason: 'Nieuwe beleidsmedewerker opvang' }]);
    // Someone else in the province sees the membership, not why it was granted: neither in the list nor in its audit trail.
    expect(reasonOf(await server.as('secretariaat-ut', HISTORY), id)).toBeNull();
    const trail = '{ auditTrail(subjectId: "' + id + '") { kind after } }';
    expect((await server.as('lrt', trail)).data.auditTrail[0].after.grantReason).toBe('Nieuwe beleidsmedewerker opvang');
    const redacted = await server.as('secretariaat-ut', trail);
    expect(redacted.errors).toBeUndefined();
    expect(redacted.data.auditTrail[0].after.grantReason).toBeNull();
  });

  it('may be left out, and is refused when too long, at its field', async () => {
    const without = await server.as('lrt', GRANT, { input: { personSubject: 'no-reason', personName: 'Zonder reden (test)', role: 'IPO' } });
    expect(without.errors).toBeUndefined();
    expect(without.data.grantMembership.grantReason).toBeNull();
    const tooLong = await server.as('lrt', GRANT, { input: { personSubject: 'long-reason', personName: 'Lang (test)', role: 'IPO', reason: 'x'.repeat(501) } });
    expect(tooLong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
  });
});
