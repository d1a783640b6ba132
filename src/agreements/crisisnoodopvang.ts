import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../platform/auth/principal.js';
import { ownGemeenten } from '../platform/auth/scope.js';
import type { RequestContext } from '../platform/context.js';
import { badUserInput, conflict, forbidden, notFound } from '../platform/errors.js';
import { assertText, isIsoDate, isUuid } from '../platform/validation.js';
import { recordEvent } from '../events/index.js';
import { Gemeente, normaliseGemeenteCode, ProvinceCode } from '../reference/index.js';
import { agreementPolicy } from './agreement.policy.js';
import { AgreementEventKind, AgreementEventSubject } from './agreement.events.js';

/**
 * Crisisnoodopvang: places a gemeente (or its veiligheidsregio, on its behalf) opens as a last resort ("door
 * gemeenten … uiterste redmiddel"), not COA's and so without a bestuursovereenkomst. It lives beside the agreements
 * because it is realised capacity too, read by the monitoring figures as its own type (CRISISNOODOPVANG); it does
 * not count toward the total opvang opgave nor the short-term target.
 */
@ObjectType({ simpleResolvers: true, description: "Crisisnoodopvang recorded by a gemeente (or its veiligheidsregio): places with a period, not COA's and without a bestuursovereenkomst." })
export class Crisisnoodopvang {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  gemeenteCode: string;

  @Field(() => ProvinceCode)
  provinceCode: ProvinceCode;

  @Field(() => String)
  locationName: string;

  @Field(() => Int)
  places: number;

  @Field(() => LocalDateResolver, { description: 'First day the places are open.' })
  from: string;

  @Field(() => LocalDateResolver, { description: 'Last day the places are open (as expected; change it with updateCrisisnoodopvang, e.g. when it closes early).' })
  until: string;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => Date)
  recordedAt: Date;

  @Field(() => Int, { description: 'Send it back as expectedVersion to change the record.' })
  version: number;
}

@InputType()
export class RecordCrisisnoodopvangInput {
  @Field(() => String, { description: 'The gemeente whose crisisnoodopvang it is (you must act for it).' })
  gemeenteCode: string;

  @Field(() => String)
  locationName: string;

  @Field(() => Int)
  places: number;

  @Field(() => LocalDateResolver)
  from: string;

  @Field(() => LocalDateResolver)
  until: string;

  @Field(() => String, { nullable: true, description: 'E.g. the veiligheidsregio that runs it.' })
  note?: string;
}

@InputType({ description: 'The gemeente changes its crisisnoodopvang: places, period (e.g. closed early) or note. Fields left out stay.' })
export class UpdateCrisisnoodopvangInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version you saw.' })
  expectedVersion: number;

  @Field(() => String, { nullable: true })
  locationName?: string;

  @Field(() => Int, { nullable: true })
  places?: number;

  @Field(() => LocalDateResolver, { nullable: true })
  from?: string;

  @Field(() => LocalDateResolver, { nullable: true })
  until?: string;

  @Field(() => String, { nullable: true })
  note?: string;
}

const COLUMNS = `c.id, c.gemeente_code AS "gemeenteCode", c.province_code AS "provinceCode", c.location_name AS "locationName", c.places,
  c.from_date::text AS "from", c.until_date::text AS "until", c.note, c.recorded_at AS "recordedAt", c.version`;
const toCrisisnoodopvang = (row: object) => Object.assign(new Crisisnoodopvang(), row);

/** The fields of a record, checked: the same rules for a new record and a change. */
function checkedFields(input: { locationName: string; places: number; from: string; until: string; note?: string | null }) {
  const locationName = assertText(input.locationName, 200, 'input.locationName', false);
  const note = input.note ? assertText(input.note, 1000, 'input.note', true) : null;
  if (!Number.isInteger(input.places) || input.places < 1 || input.places > 100_000) throw badUserInput('places must be a whole number from 1 to 100,000', 'input.places');
  for (const field of ['from', 'until'] as const) if (!isIsoDate(input[field])) throw badUserInput(`${field} is not a date (YYYY-MM-DD)`, `input.${field}`);
  if (input.until < input.from) throw badUserInput('until is before from', 'input.until');
  return { locationName, note, places: input.places, from: input.from, until: input.until };
}

const mayRecord = (principal: Principal, gemeenteCode: string) => ownGemeenten(principal).includes(gemeenteCode);

/**
 * One location of a gemeente is recorded once per period: the same location with an overlapping period is refused
 * (a second click, or a change that should have been an update), under a lock per gemeente.
 */
async function assertNoOverlap(tx: EntityManager, gemeenteCode: string, fields: { locationName: string; from: string; until: string }, exceptId: string | null) {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('crisisnoodopvang:' || $1))`, [gemeenteCode]);
  const [overlap] = await tx.query(
    `SELECT id FROM crisisnoodopvang WHERE gemeente_code = $1 AND lower(location_name) = lower($2) AND from_date <= $4 AND until_date >= $3 AND ($5::uuid IS NULL OR id <> $5)`,
    [gemeenteCode, fields.locationName, fields.from, fields.until, exceptId],
  );
  if (overlap) {
    throw badUserInput(`${fields.locationName} is already recorded for part of this period (record ${overlap.id}): change that record with updateCrisisnoodopvang`, 'input.locationName');
  }
}

export async function recordCrisisnoodopvang(db: DataSource, principal: Principal, input: RecordCrisisnoodopvangInput): Promise<Crisisnoodopvang> {
  const gemeenteCode = normaliseGemeenteCode(input.gemeenteCode, 'input.gemeenteCode');
  // A gemeente membership suffices: a veiligheidsregio records through a membership of one of its gemeenten.
  if (!mayRecord(principal, gemeenteCode)) {
    throw forbidden('Crisisnoodopvang is recorded by the gemeente itself (or its veiligheidsregio through a gemeente membership)', 'input.gemeenteCode');
  }
  const { locationName, note } = checkedFields(input);
  return db.transaction(async (tx) => {
    const [gemeente] = await tx.query('SELECT province_code FROM gemeente WHERE code = $1', [gemeenteCode]);
    if (!gemeente) throw badUserInput('No gemeente with this code', 'input.gemeenteCode');
    await assertNoOverlap(tx, gemeenteCode, { locationName, from: input.from, until: input.until }, null);
    const [row] = await tx.query(
      `INSERT INTO crisisnoodopvang (gemeente_code, province_code, location_name, places, from_date, until_date, note, recorded_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
      [gemeenteCode, gemeente.province_code, locationName, input.places, input.from, input.until, note, principal.personId],
    );
    const [recorded] = await tx.query(`SELECT ${COLUMNS} FROM crisisnoodopvang c WHERE c.id = $1`, [row.id]);
    await recordEvent(tx, {
      kind: AgreementEventKind.CRISISNOODOPVANG_RECORDED,
      subjectType: AgreementEventSubject.CRISISNOODOPVANG,
      subjectId: row.id,
      provinceCode: gemeente.province_code,
      gemeenteCode,
      actorId: principal.personId,
      after: { locationName, places: input.places, from: input.from, until: input.until },
    });
    return toCrisisnoodopvang(recorded);
  });
}

export async function updateCrisisnoodopvang(db: DataSource, principal: Principal, input: UpdateCrisisnoodopvangInput): Promise<Crisisnoodopvang> {
  if (!isUuid(input.id)) throw badUserInput('not a crisisnoodopvang id', 'input.id');
  return db.transaction(async (tx) => {
    const [current] = await tx.query(
      `SELECT ${COLUMNS}, (SELECT name FROM person WHERE id = c.updated_by) AS "changedBy", c.updated_at AS "changedAt" FROM crisisnoodopvang c WHERE c.id = $1 FOR UPDATE`,
      [input.id],
    );
    // Something you may not change gets the same answer as something that does not exist.
    if (!current || !mayRecord(principal, current.gemeenteCode)) throw notFound('No crisisnoodopvang of your gemeente with this id', 'input.id');
    if (current.version !== input.expectedVersion) {
      throw conflict(`This crisisnoodopvang changed since version ${input.expectedVersion}`, { currentVersion: current.version, changedBy: current.changedBy, changedAt: current.changedAt });
    }
    const fields = checkedFields({
      locationName: input.locationName ?? current.locationName,
      places: input.places ?? current.places,
      from: input.from ?? current.from,
      until: input.until ?? current.until,
      note: input.note === undefined || input.note === null ? current.note : input.note,
    });
    await assertNoOverlap(tx, current.gemeenteCode, fields, current.id);
    await tx.query(
      `UPDATE crisisnoodopvang SET location_name = $2, places = $3, from_date = $4, until_date = $5, note = $6, version = version + 1, updated_at = now(), updated_by = $7 WHERE id = $1`,
      [current.id, fields.locationName, fields.places, fields.from, fields.until, fields.note, principal.personId],
    );
    const [changed] = await tx.query(`SELECT ${COLUMNS} FROM crisisnoodopvang c WHERE c.id = $1`, [current.id]);
    await recordEvent(tx, {
      kind: AgreementEventKind.CRISISNOODOPVANG_CHANGED,
      subjectType: AgreementEventSubject.CRISISNOODOPVANG,
      subjectId: current.id,
      provinceCode: current.provinceCode,
      gemeenteCode: current.gemeenteCode,
      actorId: principal.personId,
      before: { locationName: current.locationName, places: current.places, from: current.from, until: current.until },
      after: { locationName: fields.locationName, places: fields.places, from: fields.from, until: fields.until, version: changed.version },
    });
    return toCrisisnoodopvang(changed);
  });
}

export async function listCrisisnoodopvang(db: DataSource, principal: Principal, filter: { provinceCode?: ProvinceCode | null; gemeenteCode?: string | null }): Promise<Crisisnoodopvang[]> {
  const scope = agreementPolicy.listingScope(principal);
  const gemeente = filter.gemeenteCode ? normaliseGemeenteCode(filter.gemeenteCode, 'gemeenteCode') : null;
  const rows = await db.query(
    `SELECT ${COLUMNS} FROM crisisnoodopvang c
     WHERE (c.gemeente_code = ANY($1) OR $2::text[] IS NULL OR c.province_code = ANY($2))
       AND ($3::text IS NULL OR c.province_code = $3) AND ($4::text IS NULL OR c.gemeente_code = $4)
     ORDER BY c.from_date, c.id`,
    [scope.gemeenten, scope.provinces, filter.provinceCode ?? null, gemeente],
  );
  return rows.map(toCrisisnoodopvang);
}

@Resolver(() => Crisisnoodopvang)
export class CrisisnoodopvangResolver {
  @Query(() => [Crisisnoodopvang], { description: 'Crisisnoodopvang you may see (as agreements: your gemeente, or the provinces you oversee), earliest first.' })
  crisisnoodopvang(
    @Ctx() { services, principal }: RequestContext,
    @Arg('provinceCode', () => ProvinceCode, { nullable: true }) provinceCode?: ProvinceCode,
    @Arg('gemeenteCode', () => String, { nullable: true }) gemeenteCode?: string,
  ) {
    return services.agreements.crisisnoodopvang(principal, { provinceCode, gemeenteCode });
  }

  @Mutation(() => Crisisnoodopvang, {
    description: "A gemeente (or its veiligheidsregio, through a gemeente membership): records crisisnoodopvang places with their period. They count in the monitoring figures as CRISISNOODOPVANG, not as COA's capacity.",
  })
  recordCrisisnoodopvang(@Arg('input', () => RecordCrisisnoodopvangInput) input: RecordCrisisnoodopvangInput, @Ctx() { services, principal }: RequestContext) {
    return services.agreements.recordCrisisnoodopvang(principal, input);
  }

  @Mutation(() => Crisisnoodopvang, {
    description: 'The gemeente changes its crisisnoodopvang (places, period, e.g. closed early, or note), on the version it saw. The same location cannot be recorded twice for overlapping periods.',
  })
  updateCrisisnoodopvang(@Arg('input', () => UpdateCrisisnoodopvangInput) input: UpdateCrisisnoodopvangInput, @Ctx() { services, principal }: RequestContext) {
    return services.agreements.updateCrisisnoodopvang(principal, input);
  }

  @FieldResolver(() => Gemeente, { nullable: true, description: 'The gemeente whose crisisnoodopvang it is (with its name).' })
  gemeente(@Root() record: Crisisnoodopvang, @Ctx() { loaders }: RequestContext) {
    return loaders.gemeente.load(record.gemeenteCode);
  }
}
