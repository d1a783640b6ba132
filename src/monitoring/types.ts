import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Opvangtype, ProvinceCode } from '../reference/enums.js';
import { PlaceRange } from '../plans/types.js';
import { PlanStatus } from '../plans/status.js';
import { ProposalStatus } from '../proposals/status.js';

@ObjectType({ simpleResolvers: true, description: 'Places in proposals of one status (submitted proposals that are not yet agreements).' })
export class PipelineByStatus {
  @Field(() => ProposalStatus)
  status: ProposalStatus;

  @Field(() => Int)
  places: number;
}

@ObjectType({ simpleResolvers: true, description: 'The figures for one province and opvangtype (or several a plan combines; none for places of any type).' })
export class OverviewRow {
  @Field(() => ProvinceCode)
  provinceCode: ProvinceCode;

  @Field(() => [Opvangtype], { description: 'One type; several for a combined plan line; none for places of any type.' })
  opvangtypes: Opvangtype[];

  @Field(() => Int, { description: 'Opgave due on or before the date.' })
  opgave: number;

  @Field(() => PlaceRange, {
    description:
      'From the latest submitted or adopted plan (adopted only, for gemeenten): lines due on or before the date. A line that combines types counts in the row of that combination (whose opgave is 0), not in the rows of its types, so rows add up to the province total.',
  })
  planned: PlaceRange;

  @Field(() => PlaceRange, { nullable: true, description: 'From the draft, when the latest plan is a draft and you may see drafts.' })
  conceptPlanned: PlaceRange | null;

  @Field(() => Int, { nullable: true, description: 'Places of agreements running on the date (null where you may not see all agreements).' })
  realised: number | null;

  @Field(() => [PipelineByStatus], { nullable: true })
  pipeline: PipelineByStatus[] | null;

  @Field(() => PlaceRange, { description: 'How far the plan falls short of the opgave (0 when covered).' })
  plannedGap: PlaceRange;

  @Field(() => Int, { nullable: true, description: 'How far realised capacity falls short of the opgave.' })
  realisedGap: number | null;
}

@ObjectType({ simpleResolvers: true, description: "A province's totals, its plan, and its share of the national figures." })
export class ProvinceOverview {
  @Field(() => ProvinceCode)
  provinceCode: ProvinceCode;

  @Field(() => PlanStatus, { nullable: true, description: 'Status of the plan the figures come from.' })
  planStatus: PlanStatus | null;

  @Field(() => Date, { nullable: true })
  planChangedAt: Date | null;

  @Field(() => Int)
  opgave: number;

  @Field(() => PlaceRange)
  planned: PlaceRange;

  @Field(() => Int, { nullable: true })
  realised: number | null;

  @Field(() => Int, { nullable: true })
  pipeline: number | null;

  @Field(() => Float, { description: 'Share of the national population (1 Jan 2022), in percent.' })
  populationShare: number;

  @Field(() => Float, { nullable: true, description: 'Share of national realised capacity, in percent.' })
  realisedShare: number | null;

  @Field(() => Float, { nullable: true, description: 'realisedShare minus populationShare, in percentage points: positive means more than its share.' })
  realisedShareDifference: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of national planned capacity (max), in percent.' })
  plannedShare: number | null;

  @Field(() => Float, { nullable: true })
  plannedShareDifference: number | null;

  @Field(() => Int, { description: 'The short-term target of November 2019: 417 places per province.' })
  shortTermTarget: number;

  @Field(() => Int, { nullable: true, description: 'Places of agreements starting between 1 November 2019 and 31 December 2020.' })
  shortTermRealised: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'Opgave, plans, realised capacity, pipeline and gaps per province and opvangtype on a date, with national totals and spreiding.' })
export class NationalOverview {
  @Field(() => String)
  on: string;

  @Field(() => [OverviewRow])
  rows: OverviewRow[];

  @Field(() => [ProvinceOverview])
  provinces: ProvinceOverview[];

  @Field(() => Int)
  totalOpgave: number;

  @Field(() => PlaceRange)
  totalPlanned: PlaceRange;

  @Field(() => Int, { nullable: true })
  totalRealised: number | null;
}

/** Steps of a capacity timeline; each point is the first day of its week (Monday), month, quarter or year. */
export enum TimelineInterval {
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}

registerEnumType(TimelineInterval, {
  name: 'TimelineInterval',
  description: 'Steps of a capacity timeline: each point is the first day of its week (Monday), month, quarter or year.',
});

@ObjectType({ simpleResolvers: true, description: 'Realised places at one moment.' })
export class TimelinePoint {
  @Field(() => String)
  date: string;

  @Field(() => Int)
  places: number;
}

@ObjectType({ simpleResolvers: true, description: 'An agreement whose end date falls in the period asked about.' })
export class ExpiringAgreement {
  agreementId: string;

  @Field(() => ProvinceCode)
  provinceCode: ProvinceCode;

  @Field(() => String)
  gemeenteCode: string;

  @Field(() => String)
  locationName: string;

  @Field(() => Opvangtype)
  opvangtype: Opvangtype;

  @Field(() => Int, { description: 'Places at stake.' })
  places: number;

  @Field(() => String, { description: 'The end date that falls in the period.' })
  endDate: string;

  @Field(() => Boolean, { description: 'An extension moved this end date.' })
  extended: boolean;

  @Field(() => Boolean, { description: 'The gemeente has a proposal of the same opvangtype in the pipeline (submitted, explored, advised positively, or decided go).' })
  replacementProposed: boolean;
}

@ObjectType({ simpleResolvers: true, description: "A province's agreements ending in the period, with the places at stake." })
export class ExpiringAgreementsOfProvince {
  @Field(() => ProvinceCode)
  provinceCode: ProvinceCode;

  @Field(() => Int, { description: 'Places of the agreements that are neither extended nor replaced by a proposal.' })
  placesAtStake: number;

  @Field(() => [ExpiringAgreement])
  agreements: ExpiringAgreement[];
}

@ObjectType({ simpleResolvers: true, description: 'A figure of the national overview changed: fetch it again.' })
export class OverviewChange {
  @Field(() => String, { description: 'The event that changed it (a cursor for `events(after:)`).' })
  eventId: string;

  @Field(() => Date)
  at: Date;

  @Field(() => ProvinceCode, { nullable: true })
  provinceCode: ProvinceCode | null;

  @Field(() => String)
  kind: string;
}
