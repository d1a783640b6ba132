import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { EntityManager } from 'typeorm';
import { ProvinceCode } from '../reference/index.js';
import { OpenEnum } from '../platform/open-enum.js';

/**
 * What happened (PLAN_SUBMITTED, COMMENT_ADDED, …). Each capability adds the kinds of its own events (`EventKinds.add`),
 * next to the code that records them.
 */
export const EventKinds = new OpenEnum('EventKind');
export type EventKind = string;

/** What an event is about. Each capability adds its subjects, and registers who may see their events (`EventSubject`). */
export const EventSubjectTypes = new OpenEnum('EventSubjectType');
export type EventSubjectType = string;

@ObjectType({ simpleResolvers: true, description: 'A change, as recorded in the same transaction as the change itself: the audit trail and what subscriptions deliver.' })
export class Event {
  @Field(() => ID, { description: 'Increasing: the cursor for `events(after:)`.' })
  id: string;

  @Field(() => Date)
  at: Date;

  actorId: string | null;
  actorName: string | null;

  @Field(() => EventKinds.values)
  kind: EventKind;

  @Field(() => EventSubjectTypes.values)
  subjectType: EventSubjectType;

  @Field(() => ID)
  subjectId: string;

  @Field(() => ProvinceCode, { nullable: true })
  provinceCode: ProvinceCode | null;

  gemeenteCode: string | null;

  @Field(() => String, { nullable: true, description: "The subject's status after the change." })
  subjectStatus: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The subject before the change (null when it was created).' })
  before: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The subject after the change.' })
  after: unknown;
}

export interface EventInput {
  kind: EventKind;
  subjectType: EventSubjectType;
  subjectId: string;
  provinceCode: ProvinceCode | null;
  gemeenteCode?: string | null;
  subjectStatus?: string | null;
  actorId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Arbitrary but fixed: held by whoever writes an event, until their transaction ends. */
const EVENT_WRITE_LOCK = 7_351_020_230_102;

/**
 * Writes an event in the caller's transaction: call it last, after the change. Event writers take turns
 * (a transaction-scoped advisory lock), so events commit in the order of their ids and a reader of "events
 * after N" never misses one that commits later with a smaller id.
 */
export async function recordEvent(tx: EntityManager, event: EventInput): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [EVENT_WRITE_LOCK]);
  await tx.query(
    `INSERT INTO event (actor_id, kind, subject_type, subject_id, province_code, gemeente_code, subject_status, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      event.actorId,
      event.kind,
      event.subjectType,
      event.subjectId,
      event.provinceCode,
      event.gemeenteCode ?? null,
      event.subjectStatus ?? null,
      event.before === undefined ? null : JSON.stringify(event.before),
      event.after === undefined ? null : JSON.stringify(event.after),
    ],
  );
}

export const EVENT_COLUMNS = `e.id::text AS id, e.at, e.actor_id AS "actorId", (SELECT p.name FROM person p WHERE p.id = e.actor_id) AS "actorName",
  e.kind, e.subject_type AS "subjectType", e.subject_id AS "subjectId", e.province_code AS "provinceCode", e.gemeente_code AS "gemeenteCode",
  e.subject_status AS "subjectStatus", e.before, e.after`;

export const toEvent = (row: object) => Object.assign(new Event(), row);
