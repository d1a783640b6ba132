import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEPT_CONNECTIONS } from '../src/platform/database.js';
import { startTestServer, until, type TestServer } from './support/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/** The backends of the server's own pool (its LISTEN connections have names of their own). */
const backends = async (): Promise<number[]> =>
  (await server.db.query(`SELECT pid FROM pg_stat_activity WHERE application_name = 'regietafel' AND datname = current_database() ORDER BY pid`)).map((row: { pid: number }) => row.pid);

const pool = () => (server.db.driver as unknown as { master: pg.Pool & { options: { idleTimeoutMillis: number } } }).master;
const ask = async () => expect((await server.as('ipo', '{ provinces { code } }')).errors).toBeUndefined();

describe('connections to PostgreSQL', () => {
  it('keeps two through a quiet spell, so the first request after it does not wait for a new one; the others close', async () => {
    // Several requests at once: more connections than are kept.
    const answers = await Promise.all(Array.from({ length: 5 }, () => server.as('ipo', '{ provinces { code gemeenten(first: 1) { totalCount } } }')));
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const before = await backends();
    expect(before.length).toBeGreaterThan(KEPT_CONNECTIONS);
    // Longer than the pool lets an idle connection be, when it may close idle ones.
    await new Promise((resolve) => setTimeout(resolve, pool().options.idleTimeoutMillis + 1_000));
    await ask();
    const after = await backends();
    expect(after).toHaveLength(KEPT_CONNECTIONS);
    for (const pid of after) expect(before).toContain(pid);
  }, 30_000);

  it('drops a kept connection that PostgreSQL ends, and serves the next requests on a new one', async () => {
    const kept = pool().totalCount;
    // Another of the pool's connections than the one that asks.
    const [{ pid: ended }] = await server.db.query(
      `SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'regietafel' AND datname = current_database() AND pid <> pg_backend_pid() LIMIT 1`,
    );
    // PostgreSQL says why it ends the connection: the pool drops it at once, before anyone draws it.
    await until(() => pool().totalCount === kept - 1);
    for (let i = 0; i < 3; i++) await ask();
    expect(await backends()).not.toContain(ended);
  }, 30_000);
});
