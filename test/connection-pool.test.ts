import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/** The backends of the server's own pool (its LISTEN connections have names of their own). */
const backends = async (): Promise<number[]> =>
  (await server.db.query(`SELECT pid FROM pg_stat_activity WHERE application_name = 'regietafel' AND datname = current_database() ORDER BY pid`)).map((row: { pid: number }) => row.pid);

describe('connections to PostgreSQL', () => {
  it('are kept through a quiet spell: the first request after it does not wait for a new connection', async () => {
    // Several requests at once: several connections.
    const answers = await Promise.all(Array.from({ length: 5 }, () => server.as('ipo', '{ provinces { code gemeenten(first: 1) { totalCount } } }')));
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const before = await backends();
    expect(before.length).toBeGreaterThan(1);
    // Longer than the pool lets an idle connection be, when it may close idle ones.
    const pool = (server.db.driver as unknown as { master: pg.Pool & { options: { idleTimeoutMillis: number } } }).master;
    await new Promise((resolve) => setTimeout(resolve, pool.options.idleTimeoutMillis + 1_000));
    expect((await server.as('ipo', '{ provinces { code } }')).errors).toBeUndefined();
    expect(await backends()).toEqual(before);
  }, 30_000);
});
