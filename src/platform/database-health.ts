import { GraphQLError } from 'graphql';
import type { Logger } from './logger.js';

/** Seconds a client is asked to wait before retrying when the database is unavailable (HTTP Retry-After). */
export const RETRY_AFTER_SECONDS = 5;

/**
 * What a database failure means for a change that was being made:
 * - NOT_WRITTEN: the statement never reached the database, or the database refused or cancelled it, so the
 *   transaction rolled back (connect failures, statement timeout, a session ended while idle in a transaction);
 * - UNKNOWN: the connection went silent or broke after statements were sent: if the COMMIT had been sent, the change
 *   may be saved.
 */
export type WriteOutcome = 'NOT_WRITTEN' | 'UNKNOWN';

/** Node's network errors when the database cannot be reached. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/**
 * SQLSTATEs of an unavailable database: connection exceptions (08000, 08001, 08003, 08004, 08006; not 08P01, a
 * protocol violation, which is a bug), shutdown and crash (57P01–57P03), too many connections (53300).
 */
const DOWN_SQLSTATE = /^(0800[01346]|57P0[1-3]|53300)$/;
/**
 * SQLSTATEs of a healthy database that gave up on a statement: statement timeout (57014, also a lock waited for too
 * long) and a session ended idle in its transaction (25P03). Both roll the transaction back.
 */
const CANCELLED_SQLSTATE = /^(57014|25P03)$/;
const ROLLED_BACK_SQLSTATE = /^(57P03|53300|57014|25P03)$/;
/** pg's own messages for a connection that could not be made (nothing sent) or that went away (maybe sent). */
const NEVER_SENT_MESSAGES = [/^timeout exceeded when trying to connect$/i, /^Connection terminated due to connection timeout$/i];
const LOST_MESSAGES = [/^Connection terminated/i, /^Query read timeout$/i, /^Client has encountered a connection error and is not queryable$/i];

/**
 * The error and what it wraps, as the database layers wrap it: TypeORM's `driverError`, a GraphQL error's
 * `originalError`, and the attempts of an AggregateError (a connect to several addresses). Not `cause`: an HTTP
 * fetch (the JWKS) that failed is not the database.
 */
function causes(error: unknown): unknown[] {
  const found: unknown[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    found.push(current);
    const aggregate = (current as { errors?: unknown[] }).errors;
    if (current instanceof AggregateError && Array.isArray(aggregate)) found.push(...aggregate);
    current = (current as { driverError?: unknown }).driverError ?? (current as { originalError?: unknown }).originalError;
  }
  return found;
}

function classify(error: unknown): { outcome: WriteOutcome; down: boolean } | undefined {
  let found: { outcome: WriteOutcome; down: boolean } | undefined;
  for (const cause of causes(error)) {
    const code = String((cause as { code?: unknown }).code ?? '');
    const message = String((cause as { message?: unknown }).message ?? '');
    if (CANCELLED_SQLSTATE.test(code)) return { outcome: 'NOT_WRITTEN', down: false };
    if (NEVER_SENT_CODES.has(code) || NEVER_SENT_MESSAGES.some((pattern) => pattern.test(message)) || ROLLED_BACK_SQLSTATE.test(code)) {
      return { outcome: 'NOT_WRITTEN', down: true };
    }
    if (NETWORK_CODES.has(code) || DOWN_SQLSTATE.test(code) || LOST_MESSAGES.some((pattern) => pattern.test(message))) found = { outcome: 'UNKNOWN', down: true };
  }
  return found;
}

/**
 * Whether `error` says the database is unreachable, shutting down, not answering, or gave up on a statement (a
 * statement timeout); and what that means for a write.
 */
export function databaseUnavailability(error: unknown): WriteOutcome | undefined {
  return classify(error)?.outcome;
}

/** Whether `error` says the database itself is unreachable or not answering (not merely a statement cancelled). */
export function isDatabaseDown(error: unknown): boolean {
  return classify(error)?.down ?? false;
}

/**
 * The client-facing error for an unavailable database. SERVICE_UNAVAILABLE: nothing was written, retry after
 * `retryAfterSeconds`. OUTCOME_UNKNOWN (changes only): the database stopped answering while the change was being
 * saved; read it again (or `events(after:)`) before retrying: a retry with the old `expectedVersion` gets CONFLICT
 * if the first attempt was saved after all.
 */
export function serviceUnavailable(outcome: WriteOutcome, writing: boolean, cause?: unknown): GraphQLError {
  const originalError = cause instanceof Error ? cause : undefined;
  if (writing && outcome === 'UNKNOWN') {
    return new GraphQLError('The database stopped answering while this change was being saved: it may or may not have been saved. Read it again before retrying.', {
      originalError,
      extensions: { code: 'OUTCOME_UNKNOWN', retryAfterSeconds: RETRY_AFTER_SECONDS },
    });
  }
  const message = writing
    ? 'The database is unavailable or did not answer in time; this change was not saved. Try again shortly.'
    : 'The database is unavailable or did not answer in time. Try again shortly.';
  return new GraphQLError(message, {
    originalError,
    extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: RETRY_AFTER_SECONDS },
  });
}

export const UNAVAILABLE_CODES: ReadonlySet<unknown> = new Set(['SERVICE_UNAVAILABLE', 'OUTCOME_UNKNOWN']);

/**
 * Tracks whether the database is reachable, for the log: one line when an outage starts and one when it ends,
 * instead of a stack trace per request. While it is down, it checks every second with `probe`.
 */
export class DatabaseHealth {
  private downSince: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;

  constructor(
    private readonly probe: () => Promise<unknown>,
    private readonly log: Logger,
  ) {}

  get available(): boolean {
    return this.downSince === null;
  }

  /** A request met an unavailable database, or one that cancelled a statement that ran too long. */
  failed(error: unknown): void {
    if (!isDatabaseDown(error)) {
      // The database is there: a statement ran (or waited for a lock) longer than DB_STATEMENT_TIMEOUT_MS.
      this.log.warn({ code: (causes(error).at(-1) as { code?: string } | undefined)?.code }, 'a statement was cancelled after DB_STATEMENT_TIMEOUT_MS (slow, or waiting for a lock)');
      return;
    }
    this.failures += 1;
    if (this.downSince !== null) return;
    this.downSince = Date.now();
    const cause = causes(error).at(-1) as { code?: string; message?: string } | undefined;
    this.log.error({ cause: { code: cause?.code, message: cause?.message } }, 'database unavailable: requests answer SERVICE_UNAVAILABLE until it is back');
    this.timer = setInterval(() => void this.check(), 1_000);
    this.timer.unref();
  }

  /** A request or probe reached the database. */
  succeeded(): void {
    if (this.downSince === null) return;
    this.log.warn({ downForMs: Date.now() - this.downSince, failedRequests: this.failures }, 'database available again');
    this.downSince = null;
    this.failures = 0;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private checking = false;
  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      await this.probe();
      this.succeeded();
    } catch {
      // still down
    } finally {
      this.checking = false;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
