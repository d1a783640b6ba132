import { GraphQLError } from 'graphql';
import { ErrorCode } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import { ListeningConnection } from '../platform/listening-connection.js';
import { EVENT_COLUMNS, toEvent, type Event } from './event.js';
import { SubscriberIndex } from './subscriber-index.js';

/** Events waiting for one slow subscriber before its subscription is ended (unless the constructor is told otherwise). */
export const MAX_PENDING = 1_000;

/**
 * Subscribers an event is handed to at a time. Between batches the bus lets the event loop run: what a batch's
 * subscriptions make of the event (their executions, their messages) is sent before the next batch is judged, and
 * from the second batch on, requests are answered in between. Handed to all at once, 5,000 subscribers were each
 * judged, executed and framed before the first message left, and nothing else ran until the last was sent (the
 * fan-out benchmark's "first" column, docs/benchmarks.md).
 */
export const DELIVERY_BATCH = 500;

/**
 * How long the bus waits at most, once per event, for the judgements that read in the first batch that has any (most
 * read the event's subject, once for all subscribers): long enough for that shared read, so that the later batches
 * find it done and are sent batch by batch rather than all at once when it comes; short enough that a slow read holds
 * the others only this long (it still delays its own subscriber).
 */
export const BATCH_WAIT_MS = 50;

export interface EventListener {
  /**
   * Called for every committed event, in id order, exactly once per listener. The promise of its judgement when that
   * reads (the bus waits for it a little, once per event: `BATCH_WAIT_MS`), else null.
   */
  deliver(event: Event): Promise<void> | null;
}

/**
 * Receives the events of every instance through Postgres LISTEN/NOTIFY on a dedicated connection (the
 * notification carries the id only; the event is read from the table), and hands them to this instance's
 * subscribers in id order. When the connection drops it reconnects with backoff and reads every event it
 * missed meanwhile, so subscribers lose nothing.
 */
export class EventBus {
  private readonly connection: ListeningConnection;
  private lastId = 0n;
  /** This instance's subscribers, by what they filter on: an event visits only those it can concern. */
  private readonly listeners = new SubscriberIndex<EventListener>();
  private reading: Promise<void> = Promise.resolve();
  /** Subscriptions taken in since start, ended ones included: it only grows (see `subscriptionsMade`). */
  private made = 0;
  private stopped = false;
  private started = false;

  constructor(
    connectionString: string,
    private readonly log: Logger,
    /**
     * `onConnectionLost`: the LISTEN connection dropped and could not be made again at once (the database went away,
     * rather than one connection). It keeps trying; subscribers will have to catch up with events(after:).
     * `maxPending`: events waiting for one slow subscriber before its subscription is ended.
     * `keysOf`: what an event can concern (`eventKeys`), matched against the keys a subscription is filed under;
     * without it every subscriber is offered every event.
     */
    private readonly options: { onConnectionLost?: () => void; maxPending?: number; keysOf?: (event: Event) => readonly string[] } = {},
  ) {
    const maxPending = options.maxPending ?? MAX_PENDING;
    if (!Number.isInteger(maxPending) || maxPending < 1) throw new Error(`maxPending must be a whole number of events, at least 1, got ${maxPending}`);
    this.connection = new ListeningConnection(connectionString, log, {
      name: 'event',
      applicationName: 'regietafel-events',
      channels: ['regietafel_events'],
      prepare: async (client) => {
        if (this.started) return;
        // Deliver from now on; after a reconnect, from the last event delivered.
        const { rows } = await client.query('SELECT coalesce(max(id), 0)::text AS id FROM event');
        this.lastId = BigInt(rows[0].id);
        this.started = true;
      },
      // Anything committed while we were not listening.
      listening: () => this.catchUp(),
      notified: () => this.catchUp(),
      lost: () => this.options.onConnectionLost?.(),
    });
  }

  async start(): Promise<void> {
    await this.connection.start();
  }

  /** Reads every event after the last one delivered, one read at a time so order and uniqueness hold. */
  private catchUp(): void {
    this.reading = this.reading.then(async () => {
      const client = this.connection.current;
      if (!client || this.stopped) return;
      try {
        const { rows } = await client.query(`SELECT ${EVENT_COLUMNS} FROM event e WHERE e.id > $1 ORDER BY e.id LIMIT 1000`, [this.lastId.toString()]);
        for (const row of rows) {
          if (this.stopped) return;
          const event = toEvent(row);
          this.lastId = BigInt(event.id);
          await this.deliver(event);
        }
        if (rows.length === 1000) this.catchUp();
      } catch (error) {
        this.log.warn({ reason: (error as Error).message }, 'reading events failed; the next notification or reconnect reads them');
        // A read that got no answer leaves the connection stuck: drop it, which reconnects and reads again.
        if (/timeout/i.test((error as Error).message)) this.connection.drop(client);
      }
    });
  }

  /**
   * Hands one event to the subscribers it can concern, `DELIVERY_BATCH` at a time (see there): those subscribed when
   * its delivery begins. The next event is handed on only after this one has been handed to all, so each subscriber has
   * them in order. A stopped bus hands on nothing more.
   */
  private async deliver(event: Event): Promise<void> {
    const keys = this.options.keysOf?.(event);
    const listeners = [...(keys ? this.listeners.concerned(keys) : this.listeners.everyone())];
    let judgements: Promise<void>[] | null = [];
    for (let i = 0; i < listeners.length; i++) {
      if (i > 0 && i % DELIVERY_BATCH === 0) {
        if (judgements?.length) {
          await settledOrAfter(judgements, BATCH_WAIT_MS);
          judgements = null;
        }
        // Lets what the batch set going (promise reactions: executions, sending) finish first, and the event loop turn.
        await new Promise((resolve) => setImmediate(resolve));
        if (this.stopped) return;
      }
      const judging = listeners[i].deliver(event);
      if (judging && judgements) judgements.push(judging);
    }
  }

  /**
   * An async iterator of the events that pass `accept`, from now on. `accept` may end the iteration by
   * throwing (e.g. when the subscriber lost access). `reach`: the keys the subscription is filed under (see
   * `eventKeys`), or null for every event; `matches` still decides among the events offered.
   */
  subscribe<T>(matches: (event: Event) => boolean, accept: (event: Event) => T | null | PromiseLike<T | null>, reach: readonly string[] | null = null): AsyncIterableIterator<T> {
    const maxPending = this.options.maxPending ?? MAX_PENDING;
    const stream = new EventStream<T>(() => this.listeners.delete(listener));
    const settle = (value: T | null) => {
      if (value === null) stream.pending -= 1;
      else stream.offer(value);
    };
    // Events accepted before this one were the subscriber's to see: it still gets them, then the failure.
    const failed = (error: unknown) => stream.fail(error, { dropUntaken: false });
    // Events whose judgement is under way or waiting for its turn, and the last of them: a later event waits for it, so
    // order holds.
    let judging = 0;
    let queue: Promise<void> = Promise.resolve();
    /**
     * Judges one event: at once when `accept` answers at once, else the promise of its judgement, which counts itself
     * in `judging` until it is settled (one promise per subscriber for an event whose judgement reads: this runs once
     * per subscriber per event).
     */
    const judge = (event: Event): Promise<void> | null => {
      if (stream.ended) return null;
      let value: T | null | PromiseLike<T | null>;
      let later: boolean;
      try {
        value = accept(event);
        // Any promise-like answer (not only a native Promise) is awaited, never taken for the payload itself; one whose
        // `then` cannot even be read ends the subscription like an answer that throws.
        later = typeof (value as PromiseLike<T | null> | null)?.then === 'function';
      } catch (error) {
        failed(error);
        return null;
      }
      if (!later) {
        settle(value as T | null);
        return null;
      }
      judging += 1;
      return Promise.resolve(value).then(
        (payload) => {
          judging -= 1;
          settle(payload);
        },
        (error: unknown) => {
          judging -= 1;
          failed(error);
        },
      );
    };
    const listener: EventListener = {
      deliver: (event) => {
        if (stream.ended || !matches(event)) return null;
        // A subscriber that stops reading must not make the server hold every later event for it. An expected
        // outcome with a code of its own (documented), not a failure of the server.
        if (stream.pending >= maxPending) {
          this.log.warn({ maxPending, eventId: event.id }, 'subscriber too slow: subscription ended (SUBSCRIPTION_TOO_SLOW)');
          // What it has not taken is dropped: it catches up with events(after:) anyway, and sooner without them.
          stream.fail(
            new GraphQLError('This subscription fell too far behind and was ended: subscribe again and catch up with events(after:)', {
              extensions: { code: ErrorCode.SUBSCRIPTION_TOO_SLOW, maxPending },
            }),
            { dropUntaken: true },
          );
          return null;
        }
        stream.pending += 1;
        // Nothing before it still being judged: judged now, without a promise when `accept` needs none (most events, for
        // most subscribers: this runs once per subscriber per event).
        if (judging === 0) {
          const later = judge(event);
          if (later !== null) queue = later;
          return later;
        }
        // Counted while it waits; its own judgement counts itself again if it reads.
        judging += 1;
        queue = queue.then(() => {
          judging -= 1;
          return judge(event) ?? undefined;
        });
        return queue;
      },
    };
    this.listeners.add(listener, reach);
    this.made += 1;
    return stream;
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  /**
   * How many subscriptions this bus has taken in since it started, ended ones included. From the moment it counts a
   * subscription, every later event is offered to it. graphql-ws confirms no subscription to its client, so this is
   * how a test knows a subscription is live before it causes the event.
   */
  get subscriptionsMade(): number {
    return this.made;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    // No reconnect from now on; the read under way finishes first (never waiting long: the server is stopping).
    await this.connection.stop(() => Promise.race([this.reading.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]));
  }
}

/** Once every promise has settled, or after `ms`, whichever comes first. Judgements never reject (`judge` settles its own). */
async function settledOrAfter(promises: Promise<void>[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(promises), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/**
 * One subscriber's events, in order, as an async iterator: what `accept` made of each event waits here until the
 * subscriber takes it. It ends when the subscriber returns it (graphql-ws does when the client completes the
 * operation or goes away) or fails, with the failure thrown to the subscriber once: after the events it had not yet
 * taken, unless the failure drops them. Deliberately small: it runs once per subscriber per event, and a
 * general-purpose push iterator made eight promises and a promise-backed object for each (a seventh of a fan-out's
 * CPU, docs/benchmarks.md).
 */
class EventStream<T> implements AsyncIterableIterator<T> {
  /** Events offered and not yet taken: being accepted, or waiting in `values`. */
  pending = 0;
  private readonly values: T[] = [];
  private waiting: { resolve: (step: IteratorResult<T>) => void; reject: (error: unknown) => void } | null = null;
  private failure: { error: unknown } | null = null;
  private done = false;

  constructor(private readonly onEnd: () => void) {}

  /** Whether it takes no more events (failed or returned). */
  get ended(): boolean {
    return this.done || this.failure !== null;
  }

  offer(value: T): void {
    if (this.ended) return;
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = null;
      this.pending -= 1;
      resolve({ value, done: false });
    } else {
      this.values.push(value);
    }
  }

  /** Takes no more events; the subscriber gets `error` once, after what it had not taken unless `dropUntaken`. */
  fail(error: unknown, { dropUntaken }: { dropUntaken: boolean }): void {
    if (this.ended) return;
    this.failure = { error };
    if (dropUntaken) {
      this.pending -= this.values.length;
      this.values.length = 0;
    }
    this.onEnd();
    // A subscriber waiting has taken everything: nothing is queued before the failure.
    if (this.waiting) {
      const { reject } = this.waiting;
      this.waiting = null;
      this.done = true;
      reject(error);
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.values.length > 0) {
      this.pending -= 1;
      return Promise.resolve({ value: this.values.shift()!, done: false });
    }
    if (this.failure && !this.done) {
      this.done = true;
      return Promise.reject(this.failure.error);
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    if (this.waiting) return Promise.reject(new Error('next() called again before the last one settled'));
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.done) {
      this.done = true;
      this.values.length = 0;
      if (!this.failure) this.onEnd();
      this.waiting?.resolve({ value: undefined, done: true });
      this.waiting = null;
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

