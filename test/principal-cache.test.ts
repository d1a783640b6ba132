import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestServer, until, type TestServer } from './support/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const GRANT = 'mutation($input: GrantMembershipInput!) { grantMembership(input: $input) { id } }';
const REVOKE = 'mutation($input: RevokeMembershipInput!) { revokeMembership(input: $input) { id } }';
const ZEELAND = '{ memberships(provinceCode: ZE) { totalCount } }';

/** How many times the person behind a token was read from the database during `work`. */
async function personReads(on: TestServer, work: () => Promise<unknown>): Promise<number> {
  on.principalReads.length = 0;
  await work();
  return on.principalReads.length;
}

async function grantSecretary(subject: string): Promise<string> {
  const granted = await server.as('lrt', GRANT, { input: { personSubject: subject, personName: `${subject} (test)`, role: 'PRT_SECRETARIAAT', provinceCode: 'ZE' } });
  expect(granted.errors).toBeUndefined();
  return granted.data.grantMembership.id;
}

/** The server's database connections shown under `applicationName` (every instance on that database). */
const connections = async (on: TestServer, applicationName: string) =>
  (await on.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [applicationName]))[0].n as number;
const listening = (on: TestServer) => connections(on, 'regietafel-principals');

describe('who a token belongs to, kept between requests', () => {
  it('reads a person once and not again for their next requests', async () => {
    const token = await server.token('ipo');
    await server.gql('{ __typename }', undefined, token);
    expect(await personReads(server, () => Promise.all([1, 2, 3].map(() => server.gql(ZEELAND, undefined, token))))).toBe(0);
  });

  it('applies a revocation made outside the API (a statement of its own) from the next request on', async () => {
    const id = await grantSecretary('cache-direct');
    expect(codes(await server.as('cache-direct', ZEELAND))).toEqual([]);
    await server.db.query(`UPDATE membership SET revoked_at = now(), revoke_reason = 'by hand' WHERE id = $1`, [id]);
    // The database notifies every instance of the change; this one forgets what it kept as soon as it hears.
    await until(async () => codes(await server.as('cache-direct', ZEELAND)).join() === 'FORBIDDEN', 5_000);
    // Granted again by hand: usable again.
    await server.db.query(`UPDATE membership SET revoked_at = NULL, revoke_reason = NULL WHERE id = $1`, [id]);
    await until(async () => codes(await server.as('cache-direct', ZEELAND)).length === 0, 5_000);
  });

  it('applies a revocation through the API on the very next request of this instance, without waiting for the notification', async () => {
    const id = await grantSecretary('cache-api');
    for (let i = 0; i < 3; i++) expect(codes(await server.as('cache-api', ZEELAND))).toEqual([]);
    // No notification this time: what empties the cache is the instance's own commit.
    await server.db.query('ALTER TABLE membership DISABLE TRIGGER membership_principals_changed');
    try {
      await server.as('lrt', REVOKE, { input: { membershipId: id, reason: 'test' } });
      expect(codes(await server.as('cache-api', ZEELAND))).toEqual(['FORBIDDEN']);
    } finally {
      await server.db.query('ALTER TABLE membership ENABLE TRIGGER membership_principals_changed');
    }
  });

  it('keeps nothing while it cannot hear of changes: every request reads the database until it listens again', async () => {
    const token = await server.token('ipo');
    await server.gql('{ __typename }', undefined, token);
    expect(await listening(server)).toBe(1);
    await server.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'regietafel-principals' AND datname = current_database()`);
    // Once it knows the connection is gone (and for at least the 100 ms before it reconnects), a change made meanwhile
    // could not be heard of: each request reads the person anew.
    const twice = () => personReads(server, async () => {
      await server.gql('{ __typename }', undefined, token);
      await server.gql('{ __typename }', undefined, token);
    });
    await until(async () => (await twice()) === 2, 3_000);
    // Listening again: kept again.
    await until(async () => (await personReads(server, () => server.gql('{ __typename }', undefined, token))) === 0, 5_000);
    expect(await listening(server)).toBe(1);
  });

  it('leaves no listening connection behind when a server stops just after losing its connections', async () => {
    const other = await startTestServer({}, { databaseUrl: server.config.databaseUrl });
    await until(async () => (await listening(server)) === 2);
    const events = () => connections(server, 'regietafel-events');
    expect(await events()).toBe(2);
    // Both instances lose their connections; the other one stops before it has made them again.
    await server.db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name IN ('regietafel-principals', 'regietafel-events') AND datname = current_database()`,
    );
    await other.close();
    // This one reconnects; the stopped one does not come back.
    await until(async () => (await listening(server)) === 1 && (await events()) === 1, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await listening(server)).toBe(1);
    expect(await events()).toBe(1);
  });
});
