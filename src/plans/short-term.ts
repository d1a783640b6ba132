import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../platform/auth/principal.js';
import type { RequestContext } from '../platform/context.js';
import { today } from '../platform/dates.js';
import { badUserInput, conflict, forbidden } from '../platform/errors.js';
import { assertText, isIsoDate } from '../platform/validation.js';
import { recordEvent } from '../events/index.js';
import { Person, personRef } from '../people/index.js';
import { PROVINCE_CODES, ProvinceCode } from '../reference/index.js';
import { PlanEventKind, PlanEventSubject } from './plan.events.js';
import { planPolicy } from './plan.policy.js';
import { LIMITS } from './validation.js';

/**
 * The short-term target of November 2019 (5,000 extra places, 417 per province, "kan worden herzien"), as data: a
 * national row and one per province, each revision a new row in force from the day it was decided. Only extra
 * places count toward it: agreements whose capacity kind is EXTRA, starting within the target's period.
 */
@ObjectType({ simpleResolvers: true, description: 'The short-term target for extra reception places (LRT, November 2019), nationally or for one province, as decided on a date.' })
export class ShortTermTarget {
  @Field(() => ID)
  id: string;

  @Field(() => ProvinceCode, { nullable: true, description: 'Null for the national target.' })
  provinceCode: ProvinceCode | null;

  @Field(() => Int, { description: 'Extra places asked (not extensions, not replacements of closing locations).' })
  places: number;

  @Field(() => LocalDateResolver, { description: 'Agreements for extra places starting from this day count.' })
  periodFrom: string;

  @Field(() => LocalDateResolver, { description: 'The last day on which an agreement may start and count (31 January 2021 for the target of 2019: places realised in January 2021 count).' })
  periodUntil: string;

  @Field(() => LocalDateResolver, { description: 'In force from this day until a later revision of the same province (or of the national target).' })
  decidedOn: string;

  @Field(() => String, { description: 'Where it comes from.' })
  source: string;

  @Field(() => Date)
  setAt: Date;

  setById: string | null;
  setByName: string | null;
}

@InputType({ description: 'A revision of the short-term target; the earlier figures stay in its history.' })
export class ReviseShortTermTargetInput {
  @Field(() => ProvinceCode, { nullable: true, description: 'Leave out to revise the national target.' })
  provinceCode?: ProvinceCode;

  @Field(() => Int)
  places: number;

  @Field(() => LocalDateResolver)
  periodFrom: string;

  @Field(() => LocalDateResolver)
  periodUntil: string;

  @Field(() => LocalDateResolver, { description: 'The day the LRT decided it: in force from then.' })
  decidedOn: string;

  @Field(() => String, { description: 'Where the revision comes from (an LRT decision, a letter).' })
  source: string;

  @Field(() => ID, {
    nullable: true,
    description: "The id of the scope's latest revision you saw (the last of shortTermTargets): another revision made since is a CONFLICT. Leave out only when you mean to add to whatever is there.",
  })
  basedOn?: string | null;
}

const COLUMNS = `t.id, t.province_code AS "provinceCode", t.places, t.period_from::text AS "periodFrom", t.period_until::text AS "periodUntil",
  t.decided_on::text AS "decidedOn", t.source, t.set_at AS "setAt", t.set_by AS "setById", (SELECT p.name FROM person p WHERE p.id = t.set_by) AS "setByName"`;

/**
 * The target in force on a date for every scope (national: key ''), as SQL: of the revisions decided on or before the
 * date the latest; before the first decision, the first one. `$n` is the date's parameter.
 */
export const shortTermTargetsInForceSql = (dateParam: string) => `SELECT DISTINCT ON (coalesce(t.province_code, '')) ${COLUMNS}
  FROM short_term_target t
  ORDER BY coalesce(t.province_code, ''), (t.decided_on <= ${dateParam}::date) DESC,
    CASE WHEN t.decided_on <= ${dateParam}::date THEN t.decided_on END DESC NULLS LAST, t.decided_on, t.set_at DESC, t.id`;

export const toShortTermTarget = (row: object) => Object.assign(new ShortTermTarget(), row);

/** The targets in force on a date: national (null key) and per province. */
export async function shortTermTargetsInForce(db: DataSource | EntityManager, on: string): Promise<Map<ProvinceCode | null, ShortTermTarget>> {
  const rows: ShortTermTarget[] = await db.query(shortTermTargetsInForceSql('$1'), [on]);
  return new Map(rows.map((row) => [row.provinceCode, toShortTermTarget(row)]));
}

export async function shortTermTargetHistory(db: DataSource, provinceCode: ProvinceCode | null | undefined): Promise<ShortTermTarget[]> {
  const rows = await db.query(
    `SELECT ${COLUMNS} FROM short_term_target t WHERE ($1::text IS NULL AND t.province_code IS NULL) OR t.province_code = $1 ORDER BY t.decided_on, t.set_at, t.id`,
    [provinceCode ?? null],
  );
  return rows.map(toShortTermTarget);
}

export async function reviseShortTermTarget(db: DataSource, principal: Principal, input: ReviseShortTermTargetInput): Promise<ShortTermTarget> {
  if (!planPolicy.canDecide(principal)) throw forbidden('Only LRT may revise the short-term target');
  if (!Number.isInteger(input.places) || input.places < 0 || input.places > LIMITS.places) {
    throw badUserInput(`places must be a whole number from 0 to ${LIMITS.places}`, 'input.places');
  }
  for (const field of ['periodFrom', 'periodUntil', 'decidedOn'] as const) {
    if (!isIsoDate(input[field])) throw badUserInput(`${field} is not a date (YYYY-MM-DD)`, `input.${field}`);
  }
  if (input.periodUntil < input.periodFrom) throw badUserInput('periodUntil is before periodFrom', 'input.periodUntil');
  if (input.decidedOn > today()) throw badUserInput('decidedOn lies in the future: record a revision once it is decided', 'input.decidedOn');
  const source = assertText(input.source, LIMITS.source, 'input.source', false);
  return db.transaction(async (tx) => {
    // One revision of a scope at a time: a revision made on an older one than the one in force is a CONFLICT.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('short-term-target:' || $1))`, [input.provinceCode ?? '']);
    if (input.basedOn !== undefined && input.basedOn !== null) {
      const [latest] = await tx.query(
        `SELECT t.id, (SELECT p.name FROM person p WHERE p.id = t.set_by) AS "changedBy", t.set_at AS "changedAt"
         FROM short_term_target t WHERE t.province_code IS NOT DISTINCT FROM $1 ORDER BY t.set_at DESC, t.id DESC LIMIT 1`,
        [input.provinceCode ?? null],
      );
      if (latest && latest.id !== input.basedOn) {
        throw conflict('The short-term target was revised since the one you saw: read its history again', { currentVersion: 0, changedBy: latest.changedBy, changedAt: latest.changedAt });
      }
    }
    const [row] = await tx.query(
      `INSERT INTO short_term_target (province_code, places, period_from, period_until, decided_on, source, set_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [input.provinceCode ?? null, input.places, input.periodFrom, input.periodUntil, input.decidedOn, source, principal.personId],
    );
    const [target] = await tx.query(`SELECT ${COLUMNS} FROM short_term_target t WHERE t.id = $1`, [row.id]);
    // A province's revision moves its figures (live, like an opgave); the national one is every province's news.
    await recordEvent(tx, {
      kind: PlanEventKind.SHORT_TERM_TARGET_REVISED,
      subjectType: PlanEventSubject.OPGAVE,
      subjectId: row.id,
      provinceCode: input.provinceCode ?? null,
      actorId: principal.personId,
      after: {
        places: input.places,
        periodFrom: input.periodFrom,
        periodUntil: input.periodUntil,
        decidedOn: input.decidedOn,
        source,
        ...(input.provinceCode ? {} : { provinceCodes: [...PROVINCE_CODES] }),
      },
    });
    return toShortTermTarget(target);
  });
}

@Resolver(() => ShortTermTarget)
export class ShortTermTargetResolver {
  @Query(() => [ShortTermTarget], {
    description: 'The history of the short-term target (national, or of one province), earliest decision first; the last one decided on or before a date is in force on it. Anyone signed in.',
  })
  shortTermTargets(@Ctx() { services }: RequestContext, @Arg('provinceCode', () => ProvinceCode, { nullable: true }) provinceCode?: ProvinceCode) {
    return services.plans.shortTermTargetHistory(provinceCode);
  }

  @Mutation(() => ShortTermTarget, { description: 'LRT: revise the short-term target nationally or for one province, with its source; the earlier figures stay in the history.' })
  reviseShortTermTarget(@Arg('input', () => ReviseShortTermTargetInput) input: ReviseShortTermTargetInput, @Ctx() { services, principal }: RequestContext) {
    return services.plans.reviseShortTermTarget(principal, input);
  }

  @FieldResolver(() => Person, { nullable: true, description: 'Null for the figure of November 2019 loaded with the database.' })
  setBy(@Root() target: ShortTermTarget) {
    return target.setById ? personRef(target.setById, target.setByName) : null;
  }
}
