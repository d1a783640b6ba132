import { LRUCache } from 'lru-cache';
import { afterEachCommit } from '../database.js';
import { ListeningConnection } from '../listening-connection.js';
import type { Logger } from '../logger.js';
import type { ActiveMembership } from './principal.js';
import type { ProvinceCode } from './vocabulary.js';

/** The channel the database notifies when anything a principal is made of changes (migration 13). */
const PRINCIPALS_CHANGED = 'regietafel_principals';

/** How long a record is kept at most, notifications or not. */
const KEPT_FOR_MS = 30_000;

/** What the database says of a token subject: who they are, their active memberships and their seats. */
export interface PersonRecord {
  id: string;
  name: string;
  memberships: readonly ActiveMembership[];
  seats: readonly ProvinceCode[];
}

/**
 * Who each token subject is, kept between requests while the database tells this instance of every change.
 *
 * Triggers on the tables a principal is read from (person, membership, regietafel_seat, organisation, gemeente,
 * province) notify `regietafel_principals` on every change, from any instance or any other client of the database;
 * each notification empties the cache. A transaction this process commits empties it too, before the mutation
 * answers, so a person revoked through this instance has lost the access by the next request (every write of the
 * API to those tables is a TypeORM transaction). While the listening connection is down (and until it listens),
 * nothing is kept: every request reads the database, as without a cache. Nothing is kept longer than 30 s.
 *
 * A read that was under way when the cache was emptied is used for its own request but not kept: it may have been
 * made before the change.
 */
export class PrincipalCache {
  /**
   * At most `KEPT_FOR_MS` each: a bound for what no notification can tell, a connection that died without a word
   * (until TCP keep-alive or the 10 s health check notices) or triggers disabled by hand (`session_replication_role`,
   * a restore without triggers).
   */
  private readonly records = new LRUCache<string, PersonRecord | { none: true }>({ max: 10_000, ttl: KEPT_FOR_MS });
  private generation = 0;
  private listening = false;
  private readonly connection: ListeningConnection;
  private stopCommits: (() => void) | null = null;

  constructor(connectionString: string, log: Logger) {
    this.connection = new ListeningConnection(connectionString, log, {
      name: 'principal',
      applicationName: 'regietafel-principals',
      channels: [PRINCIPALS_CHANGED],
      listening: () => {
        this.forget();
        this.listening = true;
      },
      notified: () => this.forget(),
      dropped: () => {
        this.listening = false;
        this.forget();
      },
    });
  }

  async start(): Promise<void> {
    await this.connection.start();
    this.stopCommits = afterEachCommit(() => this.forget());
  }

  async stop(): Promise<void> {
    this.stopCommits?.();
    await this.connection.stop();
  }

  /** The subject's record (null: no such person), from the cache or from `read`. */
  async get(subject: string, read: () => Promise<PersonRecord | null>): Promise<PersonRecord | null> {
    if (this.listening) {
      const kept = this.records.get(subject);
      if (kept) return 'none' in kept ? null : kept;
    }
    const generation = this.generation;
    const record = await read();
    if (this.listening && generation === this.generation) this.records.set(subject, record ? deepFreeze(record) : { none: true });
    return record;
  }

  private forget(): void {
    this.generation += 1;
    this.records.clear();
  }
}

/** A kept record is shared by every request of its person: nothing may change it. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
