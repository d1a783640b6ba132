import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEvent } from '../src/events/index.js';
import { PlanEventKind, PlanEventSubject } from '../src/plans/index.js';
import { MAX_PENDING } from '../src/events/event-bus.js';
import { loadConfig } from '../src/platform/config.js';
import { startTestServer, wsExecute, type TestServer, connect, until } from './support/harness.js';

const BACKLOG = 3;
let server: TestServer;
beforeAll(async () => {
  // A small backlog so that one burst of events outruns the subscriber; the default stays as it is.
  server = await startTestServer({ LIMIT_SUBSCRIPTION_BACKLOG: String(BACKLOG) }, { captureLogs: true });
});
afterAll(() => server?.close());

const connectAs = (token: string) => connect(server.wsUrl, token);

describe('a subscriber that falls too far behind', () => {
  it('keeps a backlog of 1000 events by default', () => {
    expect(MAX_PENDING).toBe(1_000);
    expect(loadConfig({}).limits.subscriptionBacklog).toBe(1_000);
  });

  it('is cut off with SUBSCRIPTION_TOO_SLOW, logged as a warning and not as an unexpected error; the connection stays', async () => {
    const client = await connectAs(await server.token('ipo'));
    let received = 0;
    const made = server.subscriptionsMade();
    const ended = new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: 'subscription { activity(provinceCode: UT) { id kind } }' },
        { next: () => void (received += 1), error: resolve, complete: () => resolve('completed without an error') },
      );
    });
    await server.untilSubscribed(made + 1);
    // One transaction, so the server reads the whole burst at once and offers it to the subscriber in one go.
    await server.db.transaction(async (tx) => {
      for (let i = 0; i < 4 * BACKLOG; i++) {
        await recordEvent(tx, { kind: PlanEventKind.OPGAVE_SET, subjectType: PlanEventSubject.OPGAVE, subjectId: `00000000-0000-4000-8000-00000000000${i % 10}`, provinceCode: 'UT' as never, actorId: null });
      }
    });
    const errors = (await ended) as { message: string; extensions?: Record<string, unknown> }[];
    expect(errors).toEqual([
      {
        message: 'This subscription fell too far behind and was ended: subscribe again and catch up with events(after:)',
        extensions: { code: 'SUBSCRIPTION_TOO_SLOW', maxPending: BACKLOG },
      },
    ]);
    expect(received).toBeLessThanOrEqual(BACKLOG);
    expect(server.logs.filter((line) => line.level >= 50)).toEqual([]);
    expect(server.logs.filter((line) => line.level === 40 && /subscriber too slow/.test(line.msg))).toHaveLength(1);

    // Only that subscription ended: the connection serves the next operation.
    const after = await wsExecute(client, '{ viewer { name } }');
    expect(after.errors).toBeUndefined();
    await client.dispose();
  });
});
