import type { DataSource } from 'typeorm';
import { loadPrincipal } from '../platform/auth/authenticate.js';
import type { Principal } from '../platform/auth/principal.js';
import { isNational } from '../platform/auth/scope.js';
import { Role, type ProvinceCode } from '../platform/auth/vocabulary.js';
import { badUserInput, forbidden, notFound } from '../platform/errors.js';
import { isUuid } from '../platform/validation.js';
import type { EventBus } from './event-bus.js';
import { canSeeEvent, concernsProvince, redactEvent, type EventSubjects } from './event.policy.js';
import { EVENT_COLUMNS, toEvent, type Event, type EventKind } from './event.js';
import { SharedReadsPerEvent, type SharedReads } from './shared-reads.js';
import { reach as reachOf } from './subscriber-index.js';

/** The events after a cursor, asked without a page size. */
export const EVENTS_PAGE_SIZE = 100;

export interface EventPageResult {
  events: Event[];
  /** Where to continue: the last event looked at (visible or not). */
  endCursor: string | null;
  hasMore: boolean;
}

/**
 * Whether the principal may follow the whole country at once: IPO and LRT, who read everything; the national partners
 * and COA, who read some subjects in every province (the huisvesting of all gemeenten). Each event still reaches a
 * follower only if its subject's policy lets them see it.
 */
export function followsCountry(principal: Principal): boolean {
  return isNational(principal) || principal.memberships.some((m) => m.role === Role.PARTNER || m.role === Role.COA_REGIO);
}

/** Whether the principal may follow the events of a province: country followers everywhere, others where a role or seat reaches. */
export function mayFollowProvince(principal: Principal, provinceCode: ProvinceCode): boolean {
  return followsCountry(principal) || principal.seatProvinceCodes.includes(provinceCode) || principal.memberships.some((m) => m.provinceCodes.includes(provinceCode));
}

/** The audit trail, catch-up after a reconnect, and live subscriptions, all filtered by the subject's policy. */
export class EventService {
  /** What subscribers of one event read of its subject, read once for all of them. */
  private readonly sharedReads = new SharedReadsPerEvent();

  constructor(
    private readonly db: DataSource,
    readonly bus: EventBus | null,
    private readonly subjects: EventSubjects,
  ) {}

  /** Subject types whose events name their provinces in `after.provinceCodes`. */
  private get multiProvinceSubjects(): string[] {
    return Object.entries(this.subjects).filter(([, subject]) => subject.provincesInState).map(([type]) => type);
  }

  /** SQL for the status now of subjects whose history hides with them, for the event aliased `e`. */
  private get statusNowSql(): string {
    const cases = Object.entries(this.subjects)
      .filter(([, subject]) => subject.statusNowSql)
      .map(([type, subject]) => `WHEN '${type.replace(/'/g, "''")}' THEN (${subject.statusNowSql})`);
    return cases.length ? `CASE e.subject_type ${cases.join(' ')} END` : 'NULL';
  }

  concernsProvince(event: Event, provinceCode: string): boolean {
    return concernsProvince(this.subjects, event, provinceCode);
  }

  async auditTrail(principal: Principal, subjectId: string): Promise<Event[]> {
    if (!isUuid(subjectId)) throw badUserInput('subjectId is not an id', 'subjectId');
    const rows: object[] = await this.db.query(`SELECT ${EVENT_COLUMNS}, ${this.statusNowSql} AS "statusNow" FROM event e WHERE e.subject_id = $1 ORDER BY e.id`, [subjectId]);
    const latest = rows.at(-1);
    if (!latest) throw notFound('Nothing is recorded about this subject', 'subjectId');
    // The subject as it is now decides: a plan back in draft hides its whole trail from those who may not read drafts.
    if (!this.subjectVisibleNow(principal, latest)) throw forbidden('You may not see this subject', 'subjectId');
    return rows.map((row) => this.asSeen(principal, row)).filter((event): event is Event => event !== null);
  }

  /** May the principal see the subject of the latest event as it is now (for a plan: in its status now)? */
  private subjectVisibleNow(principal: Principal, row: object): boolean {
    const event = toEvent(row);
    const statusNow = (row as { statusNow?: string | null }).statusNow;
    const after = event.after as Record<string, unknown> | null;
    // What a comment was written on is about the comment, not about the subject.
    return canSeeEvent(this.subjects, principal, Object.assign(event, { subjectStatus: statusNow ?? event.subjectStatus, after: after && { ...after, writtenOnStatus: undefined } }));
  }

  /** Events after a cursor that the principal may see, oldest first: what a client missed while away. */
  async after(principal: Principal, args: { after?: string | null; provinceCode?: ProvinceCode | null; kinds?: EventKind[] | null; first?: number | null }): Promise<EventPageResult> {
    const first = args.first ?? EVENTS_PAGE_SIZE;
    if (!Number.isInteger(first) || first < 1 || first > 500) throw badUserInput('first must be between 1 and 500', 'first');
    if (args.after != null && !/^\d{1,18}$/.test(args.after)) throw badUserInput('after is not an event cursor', 'after');
    if (args.provinceCode) this.assertMayFollow(principal, args.provinceCode, 'provinceCode');
    let cursor = args.after ?? '0';
    const events: Event[] = [];
    for (let round = 0; round < 20 && events.length < first; round++) {
      const rows = await this.db.query(
        `SELECT ${EVENT_COLUMNS}, ${this.statusNowSql} AS "statusNow"
         FROM event e WHERE e.id > $1 AND ($2::text IS NULL OR e.province_code = $2 OR (e.subject_type = ANY($5) AND e.after->'provinceCodes' ? $2))
           AND ($3::text[] IS NULL OR e.kind = ANY($3))
         ORDER BY e.id LIMIT $4`,
        [cursor, args.provinceCode ?? null, args.kinds?.length ? args.kinds : null, first * 2, this.multiProvinceSubjects],
      );
      if (rows.length === 0) return { events, endCursor: events.at(-1)?.id ?? args.after ?? null, hasMore: false };
      for (const row of rows) {
        const event = toEvent(row);
        cursor = event.id;
        const seen = this.asSeen(principal, row);
        if (seen) events.push(seen);
        if (events.length === first) break;
      }
      if (rows.length < first * 2 && events.length < first) return { events, endCursor: cursor, hasMore: false };
    }
    return { events, endCursor: cursor, hasMore: true };
  }

  /** The event of a row as the principal may see it, or null. */
  private asSeen(principal: Principal, row: object): Event | null {
    const event = toEvent(row);
    // History of a subject that hides with it (a plan that went back to draft) is hidden as its query hides it.
    const statusNow = (row as { statusNow?: string | null }).statusNow;
    const stillVisible = !statusNow || canSeeEvent(this.subjects, principal, Object.assign(toEvent(row), { subjectStatus: statusNow }));
    return stillVisible && canSeeEvent(this.subjects, principal, event) ? redactEvent(this.subjects, principal, event) : null;
  }

  /**
   * The newest events the principal may see, newest first, before a cursor (an event id): an activity feed that
   * loads more as one scrolls back. Without provinceCodes: every province (IPO and LRT only).
   */
  async recent(principal: Principal, args: { before?: string | null; provinceCodes?: ProvinceCode[] | null; first?: number | null }): Promise<EventPageResult> {
    const first = args.first ?? 50;
    if (!Number.isInteger(first) || first < 1 || first > 500) throw badUserInput('first must be between 1 and 500', 'first');
    if (args.before != null && !/^\d{1,18}$/.test(args.before)) throw badUserInput('before is not an event cursor', 'before');
    const provinceCodes = args.provinceCodes?.length ? [...new Set(args.provinceCodes)] : null;
    if (provinceCodes) for (const code of provinceCodes) this.assertMayFollow(principal, code, 'provinceCodes');
    else this.assertMayFollow(principal, null, 'provinceCodes');
    let cursor = args.before ?? null;
    const events: Event[] = [];
    for (let round = 0; round < 20 && events.length < first; round++) {
      const rows = await this.db.query(
        `SELECT ${EVENT_COLUMNS}, ${this.statusNowSql} AS "statusNow"
         FROM event e WHERE ($1::bigint IS NULL OR e.id < $1)
           AND ($2::text[] IS NULL OR e.province_code = ANY($2) OR (e.subject_type = ANY($4) AND e.after->'provinceCodes' ?| $2))
         ORDER BY e.id DESC LIMIT $3`,
        [cursor, provinceCodes, first * 2, this.multiProvinceSubjects],
      );
      if (rows.length === 0) return { events, endCursor: cursor, hasMore: false };
      for (const row of rows) {
        cursor = toEvent(row).id;
        const seen = this.asSeen(principal, row);
        if (seen) events.push(seen);
        if (events.length === first) break;
      }
      if (rows.length < first * 2 && events.length < first) return { events, endCursor: cursor, hasMore: false };
    }
    return { events, endCursor: cursor, hasMore: true };
  }

  mayFollow(principal: Principal, provinceCode: ProvinceCode | null | undefined): boolean {
    try {
      this.assertMayFollow(principal, provinceCode, 'provinceCode');
      return true;
    } catch {
      return false;
    }
  }

  /** Following a province live needs a role there; following the whole country needs a national reader (`followsCountry`). */
  assertMayFollow(principal: Principal, provinceCode: ProvinceCode | null | undefined, field: string): void {
    if (!provinceCode) {
      if (!followsCountry(principal)) throw forbidden('Only IPO, LRT, COA and the national partners follow the whole country: name a provinceCode', field);
      return;
    }
    if (!mayFollowProvince(principal, provinceCode)) throw forbidden(`You have no role in province ${provinceCode}`, field);
  }

  /**
   * A live stream of events, each delivered only if the subscriber may see it at that moment. When the
   * subscriber's own memberships change, their rights are read again; `stillAllowed` decides whether the
   * subscription may go on (it ends with FORBIDDEN otherwise). `resolve` turns an event into the payload.
   * `resolveUnseen`, if given, is asked about a matching event the subscriber may not see: it may answer with a
   * payload that says nothing of the event's contents.
   *
   * `resolve` and `resolveUnseen` get `shared` besides the event: reads of the event's subject made through it are
   * made once per event for every subscriber on this instance (see `SharedReads`), so they must not depend on who
   * asks; each subscriber's own policy check comes after, on what was read.
   */
  subscribe<T>(
    principal: Principal,
    options: {
      matches: (event: Event) => boolean;
      stillAllowed: (principal: Principal) => boolean | Promise<boolean>;
      resolve: (event: Event, shared: SharedReads) => T | null | Promise<T | null>;
      resolveUnseen?: (event: Event, shared: SharedReads) => T | null | Promise<T | null>;
      /**
       * What `matches` filters on, as keys (`reach.province(code)`, `reach.subject(id)`, `reach.subjectType(type)`): the
       * subscription is offered only events carrying one of them (and those about its subscriber's own rights).
       * Omitted: every event (a national feed). It must not be narrower than `matches`.
       */
      reach?: readonly string[];
    },
  ): AsyncIterableIterator<T> {
    if (!this.bus) throw new Error('subscriptions need the event bus');
    // Events that change the subscriber's own rights (a membership) always pass the first filter.
    const changesOwnRights = (event: Event) => !!principal.personId && this.subjects[event.subjectType]?.rightsChangedOf?.(event) === principal.personId;
    const reach = options.reach ? [...options.reach, ...(principal.personId ? [reachOf.person(principal.personId)] : [])] : null;
    // What the subscriber gets of an event, by their rights as they are: at once unless `resolve` reads.
    const payloadOf = (event: Event): T | null | Promise<T | null> => {
      if (!options.matches(event)) return null;
      const shared = this.sharedReads.of(event);
      if (!canSeeEvent(this.subjects, principal, event)) return options.resolveUnseen ? options.resolveUnseen(event, shared) : null;
      return options.resolve(redactEvent(this.subjects, principal, event), shared);
    };
    const afterOwnRightsChanged = async (event: Event): Promise<T | null> => {
      Object.assign(principal, await loadPrincipal(this.db, { sub: principal.subject, exp: Math.floor(principal.expiresAt / 1000) }));
      if (!(await options.stillAllowed(principal))) throw forbidden('Your access changed: this subscription has ended');
      return payloadOf(event);
    };
    return this.bus.subscribe((event) => changesOwnRights(event) || options.matches(event), (event) => (changesOwnRights(event) ? afterOwnRightsChanged(event) : payloadOf(event)), reach);
  }
}
