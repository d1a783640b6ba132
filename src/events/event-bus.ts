import { Repeater } from '@repeaterjs/repeater';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import { ListeningConnection } from '../platform/listening-connection.js';
import { EVENT_COLUMNS, toEvent, type Event } from './event.js';
import { SubscriberIndex } from './subscriber-index.js';

/** Events waiting for one slow subscriber before its subscription is ended (unless the constructor is told otherwise). */
export const MAX_PENDING = 1_000;

export interface EventListener {
  /** Called for every committed event, in id order, exactly once per listener. */
  deliver(event: Event): void;
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
          const event = toEvent(row);
          this.lastId = BigInt(event.id);
          const keys = this.options.keysOf?.(event);
          for (const listener of keys ? this.listeners.concerned(keys) : this.listeners.everyone()) listener.deliver(event);
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
   * An async iterator of the events that pass `accept`, from now on. `accept` may end the iteration by
   * throwing (e.g. when the subscriber lost access). `reach`: the keys the subscription is filed under (see
   * `eventKeys`), or null for every event; `matches` still decides among the events offered.
   */
  subscribe<T>(matches: (event: Event) => boolean, accept: (event: Event) => Promise<T | null>, reach: readonly string[] | null = null): AsyncIterableIterator<T> {
    const maxPending = this.options.maxPending ?? MAX_PENDING;
    return new Repeater<T>(async (push, stop) => {
      let queue = Promise.resolve();
      let pending = 0;
      let tooSlow = false;
      const listener: EventListener = {
        deliver: (event) => {
          if (tooSlow || !matches(event)) return;
          // A subscriber that stops reading must not make the server hold every later event for it. An expected
          // outcome with a code of its own (documented), not a failure of the server.
          if (++pending > maxPending) {
            tooSlow = true;
            this.log.warn({ maxPending, eventId: event.id }, 'subscriber too slow: subscription ended (SUBSCRIPTION_TOO_SLOW)');
            stop(
              new GraphQLError('This subscription fell too far behind and was ended: subscribe again and catch up with events(after:)', {
                extensions: { code: ErrorCode.SUBSCRIPTION_TOO_SLOW, maxPending },
              }),
            );
            return;
          }
          queue = queue.then(async () => {
            try {
              const value = await accept(event);
              if (value !== null) await push(value);
            } catch (error) {
              stop(error);
            } finally {
              pending -= 1;
            }
          });
        },
      };
      this.listeners.add(listener, reach);
      await stop;
      this.listeners.delete(listener);
    });
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    // Never wait long for a database that does not answer: the server is stopping.
    await Promise.race([this.reading.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    await this.connection.stop();
  }
}
