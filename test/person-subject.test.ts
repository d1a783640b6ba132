import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/harness.js';

/** `Person.subject`: what `grantMembership` names a person by, shown only to those who may grant memberships. */
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
