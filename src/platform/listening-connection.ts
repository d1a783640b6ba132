import pg from 'pg';
import type { Logger } from './logger.js';

export interface ListeningOptions {
  /** Says whose connection it is in the log (`<name> connection lost`). */
  name: string;
  /** What PostgreSQL shows the connection as (pg_stat_activity). */
  applicationName: string;
  channels: readonly string[];
  /** Once LISTEN answered, before the connection is used: a read that must precede the first notification. */
  prepare?: (client: pg.Client) => Promise<void>;
  /** Listening, the first time or again after a drop: notifications sent before now were not received. */
  listening?: () => void;
  notified: (channel: string) => void;
  /** The connection dropped: notifications are not received until `listening` is called again. */
  dropped?: () => void;
  /** The connection dropped and could not be made again at once (the database went away). It keeps trying. */
  lost?: () => void;
}

/**
 * A dedicated PostgreSQL connection that LISTENs on some channels. When it drops it reconnects with backoff; one
 * that dies without a word (a network partition, a frozen database) is noticed by TCP keep-alive and a health check
 * every 10 s. What relies on its notifications is told when it listens and when it no longer does.
 */
export class ListeningConnection {
  private client: pg.Client | null = null;
  private stopped = false;
  private retryDelay = 100;
  private health: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  private announcedLoss = false;

  constructor(
    private readonly connectionString: string,
    private readonly log: Logger,
    private readonly options: ListeningOptions,
  ) {}

  /** The connection while it listens, for reads that belong with it (the event bus's catch-up). */
  get current(): pg.Client | null {
    return this.client;
  }

  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const { name } = this.options;
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: this.options.applicationName,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      connectionTimeoutMillis: 5_000,
      // LISTEN and the reads made here answer in milliseconds; no answer means the database is frozen or cut off.
      query_timeout: 10_000,
    });
    client.on('error', (error) => {
      // 57P01: the database is shutting down (e.g. Ctrl-C reached it first); the reconnect handles it.
      const level = (error as { code?: string }).code === '57P01' || this.stopped ? 'debug' : 'warn';
      this.log[level]({ reason: error.message }, `${name} connection error`);
    });
    client.on('end', () => {
      if (this.stopped || this.client !== client) return;
      this.client = null;
      this.options.dropped?.();
      this.log.warn({ retryInMs: this.retryDelay }, `${name} connection lost: reconnecting`);
      this.retry = setTimeout(() => void this.reconnect(), this.retryDelay);
    });
    try {
      await client.connect();
      for (const channel of this.options.channels) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      await this.options.prepare?.(client);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    // Stopped while connecting: this connection must not come to life after stop() returned.
    if (this.stopped) {
      await client.end().catch(() => {});
      return;
    }
    client.on('notification', (message) => {
      if (!this.stopped) this.options.notified(message.channel);
    });
    this.client = client;
    this.retryDelay = 100;
    if (this.health) clearInterval(this.health);
    this.health = setInterval(() => void this.checkHealth(client), 10_000);
    this.health.unref();
    this.options.listening?.();
  }

  /** A query that does not answer within 5 s means the connection is gone: end it, which reconnects. */
  private async checkHealth(client: pg.Client): Promise<void> {
    if (this.client !== client) return;
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('health check timed out')), 5_000).unref());
    try {
      await Promise.race([client.query('SELECT 1'), timeout]);
    } catch (error) {
      this.log.warn({ reason: (error as Error).message }, `${this.options.name} connection unhealthy: reconnecting`);
      this.drop(client);
    }
  }

  /** Ends a connection that no longer answers (`client`, if it is still the current one); it is made again. */
  drop(client: pg.Client): void {
    if (this.client !== client) return;
    (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    client.end().catch(() => {});
    (client as unknown as { emit(event: string): void }).emit('end');
  }

  private async reconnect(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.connect();
      if (this.stopped) return;
      this.announcedLoss = false;
      this.log.info(`${this.options.name} connection restored`);
    } catch (error) {
      if (this.stopped) return;
      if (!this.announcedLoss) {
        this.announcedLoss = true;
        this.options.lost?.();
      }
      this.retryDelay = Math.min(this.retryDelay * 2, 10_000);
      this.log.warn({ reason: (error as Error).message, retryInMs: this.retryDelay }, `${this.options.name} connection failed: retrying`);
      this.retry = setTimeout(() => void this.reconnect(), this.retryDelay);
    }
  }

  /**
   * Stops listening: from now on it neither reconnects nor tells of notifications. `finishing` (e.g. a read under way
   * on the connection) is waited for before the connection is closed. Never waits long for a database that does not
   * answer (the server is stopping).
   */
  async stop(finishing?: () => Promise<unknown>): Promise<void> {
    this.stopped = true;
    if (this.health) clearInterval(this.health);
    if (this.retry) clearTimeout(this.retry);
    this.options.dropped?.();
    await finishing?.();
    const client = this.client;
    this.client = null;
    (client as unknown as { connection?: { stream?: { destroy(): void } } } | null)?.connection?.stream?.destroy();
    const patience = new Promise((resolve) => setTimeout(resolve, 1_000).unref());
    await Promise.race([client?.end().catch(() => {}), patience]);
  }
}
