import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { DataSource } from 'typeorm';
import type { Principal } from '../platform/auth/principal.js';
import { ownGemeenten } from '../platform/auth/scope.js';
import type { RequestContext } from '../platform/context.js';
import { badUserInput, forbidden } from '../platform/errors.js';
import { assertText, isIsoDate } from '../platform/validation.js';
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
@ObjectType({ description: "Crisisnoodopvang recorded by a gemeente (or its veiligheidsregio): places with a period, not COA's and without a bestuursovereenkomst." })
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

  @Field(() => LocalDateResolver, { description: 'Last day the places are open (as expected; record it again with a new period if it changes).' })
  until: string;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => Date)
  recordedAt: Date;
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

const COLUMNS = `c.id, c.gemeente_code AS "gemeenteCode", c.province_code AS "provinceCode", c.location_name AS "locationName", c.places,
  c.from_date::text AS "from", c.until_date::text AS "until", c.note, c.recorded_at AS "recordedAt"`;
const toCrisisnoodopvang = (row: object) => Object.assign(new Crisisnoodopvang(), row);

export async function recordCrisisnoodopvang(db: DataSource, principal: Principal, input: RecordCrisisnoodopvangInput): Promise<Crisisnoodopvang> {
  const gemeenteCode = normaliseGemeenteCode(input.gemeenteCode, 'input.gemeenteCode');
  // A gemeente membership suffices: a veiligheidsregio records through a membership of one of its gemeenten.
  if (!ownGemeenten(principal).includes(gemeenteCode)) {
    throw forbidden('Crisisnoodopvang is recorded by the gemeente itself (or its veiligheidsregio through a gemeente membership)', 'input.gemeenteCode');
  }
  const locationName = assertText(input.locationName, 200, 'input.locationName', false);
  const note = input.note ? assertText(input.note, 1000, 'input.note', true) : null;
  if (!Number.isInteger(input.places) || input.places < 1 || input.places > 100_000) throw badUserInput('places must be a whole number from 1 to 100,000', 'input.places');
  for (const field of ['from', 'until'] as const) if (!isIsoDate(input[field])) throw badUserInput(`${field} is not a date (YYYY-MM-DD)`, `input.${field}`);
  if (input.until < input.from) throw badUserInput('until is before from', 'input.until');
  return db.transaction(async (tx) => {
    const [gemeente] = await tx.query('SELECT province_code FROM gemeente WHERE code = $1', [gemeenteCode]);
    if (!gemeente) throw badUserInput('No gemeente with this code', 'input.gemeenteCode');
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

  @FieldResolver(() => Gemeente, { nullable: true, description: 'The gemeente whose crisisnoodopvang it is (with its name).' })
  gemeente(@Root() record: Crisisnoodopvang, @Ctx() { loaders }: RequestContext) {
    return loaders.gemeente.load(record.gemeenteCode);
  }
}
