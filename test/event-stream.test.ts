import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIVERY_BATCH, EventBus } from '../src/events/event-bus.js';
import { recordEvent, type Event } from '../src/events/index.js';
import { PlanEventKind, PlanEventSubject } from '../src/plans/index.js';
import { createLogger } from '../src/platform/logger.js';
import { startTestServer, until, type TestServer } from './support/harness.js';

/** One subscriber's stream of events on the event bus: order, failure, its end, and what it leaves behind. */
let server: TestServer;
let bus: EventBus;
beforeAll(async () => {
  server = await startTestServer();
  bus = new EventBus(server.config.databaseUrl!, createLogger({ logLevel: 'silent', prettyLogs: false }), { maxPending: 5 });
  await bus.start();
});
afterAll(async () => {
  await bus?.stop();
  await server?.close();
});

let sequence = 0;
/** Records `count` events in one transaction (the bus offers them to its subscribers in one go); their subjects. */
async function record(count: number): Promise<string[]> {
  const subjects: string[] = [];
  await server.db.transaction(async (tx) => {
    for (let i = 0; i < count; i++) {
      sequence += 1;
      const subjectId = `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`;
      subjects.push(subjectId);
      await recordEvent(tx, { kind: PlanEventKind.OPGAVE_SET, subjectType: PlanEventSubject.OPGAVE, subjectId, provinceCode: 'UT' as never, actorId: null });
    }
  });
  return subjects;
}

const all = () => true;
const subjectOf = async (event: Event) => event.subjectId;

describe('a subscriber\'s stream of events', () => {
  it('gives events in order, also those that came before it was first asked, and leaves nothing behind when returned', async () => {
    const before = bus.subscriberCount;
    const stream = bus.subscribe(all, subjectOf);
    expect(bus.subscriberCount).toBe(before + 1);
    const recorded = await record(3);
    // Not asked for until they have all been offered: they waited in the stream.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) seen.push((await stream.next()).value as string);
    expect(seen).toEqual(recorded);
    // A next() waiting when the subscriber goes away ends, and so does every later one.
    const waiting = stream.next();
    await stream.return!();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(bus.subscriberCount).toBe(before);
  });

  /** A stream whose accept lets the first event through, skips the second and throws at the third. */
  function failingAtThird() {
    const seen = { n: 0 };
    const stream = bus.subscribe(all, async (event) => {
      seen.n += 1;
      if (seen.n === 2) return null;
      if (seen.n === 3) throw new Error('access changed');
      return event.subjectId;
    });
    return { stream, seen };
  }

  it('skips what accept turns into nothing, and ends with what accept throws, once, to a subscriber already waiting', async () => {
    const { stream, seen } = failingAtThird();
    const first = stream.next();
    const recorded = await record(3);
    expect(await first).toEqual({ value: recorded[0], done: false });
    await expect(stream.next()).rejects.toThrow('access changed');
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(seen.n).toBe(3);
  });

  it('gives a subscriber that reads late what was accepted before the failure, then the failure, once', async () => {
    const before = bus.subscriberCount;
    const { stream, seen } = failingAtThird();
    const recorded = await record(3);
    // All three offered and judged before the subscriber asks for anything.
    await until(() => seen.n === 3);
    expect(bus.subscriberCount).toBe(before);
    expect(await stream.next()).toEqual({ value: recorded[0], done: false });
    await expect(stream.next()).rejects.toThrow('access changed');
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it('keeps the order when accept answers some events at once and others later, and ends with what it throws at once', async () => {
    let n = 0;
    let judgedBeforeFirstSettled = 0;
    const stream = bus.subscribe(all, (event): string | null | PromiseLike<string | null> => {
      n += 1;
      // The first is judged later (a read, such as reading rights again), the second and third at once: they must not
      // even be judged before it settles (they would be judged with the rights of before), and must come after it.
      if (n === 1) {
        return new Promise((resolve) =>
          setTimeout(() => {
            judgedBeforeFirstSettled = n;
            resolve(event.subjectId);
          }, 200),
        );
      }
      if (n === 4) throw new Error('access changed');
      return event.subjectId;
    });
    const recorded = await record(3);
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) seen.push((await stream.next()).value as string);
    expect(seen).toEqual(recorded);
    expect(judgedBeforeFirstSettled).toBe(1);
    // Nothing under way now: the fourth is judged at once, and what it throws ends the stream.
    await record(1);
    await expect(stream.next()).rejects.toThrow('access changed');
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it('awaits an answer that is promise-like without being a native promise, and never hands it out as the event', async () => {
    let n = 0;
    const stream = bus.subscribe(all, (event): PromiseLike<string | null> => {
      n += 1;
      const value = n === 1 ? null : event.subjectId;
      return { then: (settled) => Promise.resolve(settled?.(value)) } as PromiseLike<string | null>;
    });
    const recorded = await record(2);
    expect(await stream.next()).toEqual({ value: recorded[1], done: false });
    await stream.return!();
  });

  it('ends, with what it threw, a subscription whose answer has a `then` that cannot be read, and goes on delivering to others', async () => {
    const broken = bus.subscribe(all, (): PromiseLike<string | null> => {
      const answer = {};
      Object.defineProperty(answer, 'then', {
        get() {
          throw new Error('no then');
        },
      });
      return answer as PromiseLike<string | null>;
    });
    const other = bus.subscribe(all, subjectOf);
    const recorded = await record(2);
    await expect(broken.next()).rejects.toThrow('no then');
    expect(await broken.next()).toEqual({ value: undefined, done: true });
    expect(await other.next()).toEqual({ value: recorded[0], done: false });
    expect(await other.next()).toEqual({ value: recorded[1], done: false });
    await other.return!();
  });

  it('ends a subscriber that does not read with SUBSCRIPTION_TOO_SLOW once it holds maxPending events, and not before', async () => {
    const before = bus.subscriberCount;
    const stream = bus.subscribe(all, subjectOf);
    // maxPending at once: all kept, all read.
    const recorded = await record(5);
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) seen.push((await stream.next()).value as string);
    expect(seen).toEqual(recorded);
    // One more than it may hold, unread: once all six are offered, the bus has let it go.
    await record(6);
    await until(() => bus.subscriberCount === before);
    await expect(stream.next()).rejects.toMatchObject({ extensions: { code: 'SUBSCRIPTION_TOO_SLOW', maxPending: 5 } });
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(bus.subscriberCount).toBe(before);
  });
});

describe('one event handed to many subscribers', () => {
  const many = DELIVERY_BATCH * 2 + 100;

  it('is handed on a batch at a time: the first batch has taken it before the last batch is judged, and the order holds', async () => {
    const log: string[] = [];
    const streams = Array.from({ length: many }, (_, i) =>
      bus.subscribe(all, (event: Event) => {
        log.push(`judged ${i}`);
        return event.subjectId;
      }),
    );
    try {
      // Each subscriber takes its event as graphql-ws does: it waits in next() before the event comes.
      const taken = streams.map((stream, i) => stream.next().then((step) => (log.push(`taken ${i}`), step.value)));
      const [recorded] = await record(1);
      expect(await Promise.all(taken)).toEqual(Array(many).fill(recorded));
      // Handed to all at once, every subscriber would have been judged before the first took it.
      expect(log.indexOf('taken 0')).toBeGreaterThanOrEqual(0);
      expect(log.indexOf('taken 0')).toBeLessThan(log.indexOf(`judged ${many - 1}`));
      // The next event comes after this one, to every subscriber.
      const [next] = await record(1);
      expect((await Promise.all(streams.map((stream) => stream.next()))).map((step) => step.value)).toEqual(Array(many).fill(next));
    } finally {
      await Promise.all(streams.map((stream) => stream.return!()));
    }
  });

  it('waits only a little for a judgement that does not settle: the other batches still have the event', async () => {
    // The first to be handed the event never settles its judgement (a read that hangs).
    const hanging = bus.subscribe(all, () => new Promise<string | null>(() => {}));
    const streams = Array.from({ length: many }, () => bus.subscribe(all, (event: Event) => Promise.resolve(event.subjectId)));
    try {
      const [recorded] = await record(1);
      // The bus waits for the first batch's judgements at most BATCH_WAIT_MS, not for ever: else this never resolves.
      const values = await Promise.all(streams.map((stream) => stream.next().then((step) => step.value)));
      expect(values).toEqual(Array(many).fill(recorded));
    } finally {
      await Promise.all([...streams, hanging].map((stream) => stream.return!()));
    }
  });
});
