import { LocalDateResolver } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Opvangtype, ProvinceCode } from '../reference/index.js';
import { PlaceRange, PlanStatus, ShortTermTarget } from '../plans/index.js';
import { ProposalStatus } from '../proposals/index.js';

@ObjectType({ simpleResolvers: true, description: 'Places in proposals of one status (submitted proposals that are not yet agreements).' })
export class PipelineByStatus {
  @Field(() => ProposalStatus)
  status: ProposalStatus;

  @Field(() => Int)
  places: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'The figures for one province and opvangtype; for places of any type (no opvangtypes); or for types the plan combines (several opvangtypes), which are compared with their opgave together.',
})
export class OverviewRow {
  @Field(() => ProvinceCode)
  provinceCode: ProvinceCode;

  @Field(() => [Opvangtype], {
    description:
      'One type; none for places of any type; several for types that lines of the plan combine (such as GVL/SATELLIET), directly or through other lines: that row repeats the figures of its types together, with every line of those types.',
  })
  opvangtypes: Opvangtype[];

  @Field(() => [Opvangtype], {
    nullable: true,
    description: "On a row of one type that the plan combines with others (in any of its lines): the types of the combination, whose row has this type's plan and planned gap.",
  })
  combinedIn: Opvangtype[] | null;

  @Field(() => Int, {
    description:
      'The opgave in force on the date: of those due on or before it, the one due last (an opgave is a level to reach by its due date, so earlier ones are not added to it). A combination: the sum of its types.',
  })
  opgave: number;

  @Field(() => PlaceRange, {
    description:
      'From the latest submitted or adopted plan (adopted only, for gemeenten): lines due on or before the date. A row of one type: lines of that type alone. A combination: every line of its types.',
  })
  planned: PlaceRange;

  @Field(() => PlaceRange, {
    nullable: true,
    description:
      "From the draft, when the latest plan is a draft and you may see drafts: its lines due on or before the date whose types all fall within this row's. A draft line combining types the plan keeps apart counts only in the province's conceptPlanned.",
  })
  conceptPlanned: PlaceRange | null;

  @Field(() => Int, { nullable: true, description: 'Places of agreements running on the date (null where you may not see all agreements, and for places of any type).' })
  realised: number | null;

  @Field(() => [PipelineByStatus], {
    nullable: true,
    description:
      'Places in submitted proposals that may still become capacity (submitted, being explored, advised positively, or decided go), by status, as they stand now whatever the date (null where you may not see all proposals).',
  })
  pipeline: PipelineByStatus[] | null;

  @Field(() => PlaceRange, {
    nullable: true,
    description: 'How far the plan falls short of the opgave: min at the plan\'s maximum, max at its minimum (0 when covered). Null on a type in a combination: see the combination\'s row.',
  })
  plannedGap: PlaceRange | null;

  @Field(() => Int, { nullable: true, description: 'How far realised capacity falls short of the opgave.' })
  realisedGap: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'National totals of one opvangtype over the provinces you may see.' })
export class OpvangtypeTotal {
  @Field(() => Opvangtype)
  opvangtype: Opvangtype;

  @Field(() => Int)
  opgave: number;

  @Field(() => PlaceRange, { description: 'Lines of this type alone; lines that combine types count in no single type.' })
  planned: PlaceRange;

  @Field(() => Int, { nullable: true, description: 'Null unless you may see realised capacity in every province counted.' })
  realised: number | null;

  @Field(() => Int, { nullable: true })
  pipeline: number | null;

  @Field(() => Int, { nullable: true, description: 'The sum of the provinces\' realised gaps: a surplus in one province does not fill another\'s gap.' })
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

  @Field(() => PlanStatus, { nullable: true, description: 'Status of the draft the concept figures come from, when the latest plan is one and you may see it.' })
  conceptStatus: PlanStatus | null;

  @Field(() => Date, { nullable: true })
  conceptChangedAt: Date | null;

  @Field(() => PlaceRange, { nullable: true, description: "The draft's lines due on or before the date, all together (also those that combine types the plan keeps apart)." })
  conceptPlanned: PlaceRange | null;

  @Field(() => Int)
  opgave: number;

  @Field(() => PlaceRange)
  planned: PlaceRange;

  @Field(() => Int, { nullable: true })
  realised: number | null;

  @Field(() => Int, { nullable: true })
  pipeline: number | null;

  @Field(() => PlaceRange, { description: 'The sum of the planned gaps of its rows (types planned alone, combinations, places of any type): a surplus of one type does not fill another\'s gap.' })
  plannedGap: PlaceRange;

  @Field(() => Int, { nullable: true, description: 'The sum of the realised gaps of its opvangtypes.' })
  realisedGap: number | null;

  @Field(() => Float, { description: 'Share of the national population (1 Jan 2022), in percent.' })
  populationShare: number;

  @Field(() => Float, { nullable: true, description: 'Share of national realised capacity, in percent.' })
  realisedShare: number | null;

  @Field(() => Float, { nullable: true, description: 'realisedShare minus populationShare, in percentage points: positive means more than its share.' })
  realisedShareDifference: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of national planned capacity (the maximum of each latest submitted or adopted plan; a province without one counts 0), in percent.',
  })
  plannedShare: number | null;

  @Field(() => Float, { nullable: true })
  plannedShareDifference: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "The opgave for the province's total opvang in force on the date (setOpgave with total), where the LRT set one: compared with totalOpvangRealised.",
  })
  totalOpvangOpgave: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Places of agreements running on the date of every type that counts toward the total opvang: AZC is the umbrella (GVL, satelliet and ROL are built under it), so existing AZCs count, as do AC, POL, kleine woonvoorzieningen, VBL, gezinslocaties and noodopvang; crisisnoodopvang (the gemeente\'s) does not. Null where you may not see all agreements.',
  })
  totalOpvangRealised: number | null;

  @Field(() => Int, { nullable: true, description: 'totalOpvangOpgave − totalOpvangRealised, not below 0 (null without a total opgave or where realised is).' })
  totalOpvangGap: number | null;

  /** The date the figures are for (for fields other capabilities add). */
  on: string;

  @Field(() => Int, { description: "The province's short-term target in force on the date (417 as asked in November 2019, unless the LRT revised it): see shortTermTargetInForce." })
  shortTermTarget: number;

  @Field(() => ShortTermTarget, { nullable: true, description: "The province's short-term target in force on the date, with its period and source." })
  shortTermTargetInForce: ShortTermTarget | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "Extra places toward the short-term target: agreements whose capacityKind is EXTRA, of a type other than noodopvang and crisisnoodopvang, starting within the target's period (up to the date, if earlier). Extensions, continuations and replacements of closing locations do not count.",
  })
  shortTermRealised: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'Opgave, plans, realised capacity, pipeline and gaps per province and opvangtype on a date, with national totals and spreiding.' })
export class NationalOverview {
  @Field(() => LocalDateResolver)
  on: string;

  @Field(() => [OverviewRow])
  rows: OverviewRow[];

  @Field(() => [ProvinceOverview])
  provinces: ProvinceOverview[];

  @Field(() => Int)
  totalOpgave: number;

  @Field(() => PlaceRange)
  totalPlanned: PlaceRange;

  @Field(() => Int, { nullable: true, description: 'Null unless you may see realised capacity in every province counted.' })
  totalRealised: number | null;

  @Field(() => Int, { nullable: true })
  totalPipeline: number | null;

  @Field(() => PlaceRange)
  totalPlannedGap: PlaceRange;

  @Field(() => Int, { nullable: true })
  totalRealisedGap: number | null;

  @Field(() => Int, { description: 'The national short-term target in force on the date (5,000 extra places as asked in November 2019, unless revised).' })
  shortTermTarget: number;

  @Field(() => ShortTermTarget, { nullable: true, description: 'The national short-term target in force on the date, with its period and source.' })
  shortTermTargetInForce: ShortTermTarget | null;

  @Field(() => Int, { nullable: true, description: "The provinces' shortTermRealised added up (null unless you may see it in every province counted)." })
  totalShortTermRealised: number | null;

  @Field(() => [OpvangtypeTotal], { description: 'Every opvangtype, totalled over the provinces you may see.' })
  opvangtypes: OpvangtypeTotal[];
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
  @Field(() => LocalDateResolver)
  date: string;

  @Field(() => Int)
  places: number;
}

@ObjectType({ simpleResolvers: true, description: 'An agreement whose end date falls in the period asked about.' })
export class ExpiringAgreement {
  @Field(() => ID, { description: 'The agreement (`agreement(id:)`), to open or extend it.' })
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

  @Field(() => LocalDateResolver, { description: 'The end date that falls in the period: the last day as signed or extended, or the day it was ended early.' })
  endDate: string;

  @Field(() => Boolean, { description: 'The agreement was ended early, on endDate.' })
  endedEarly: boolean;

  @Field(() => Boolean, { description: 'An extension moved this end date.' })
  extended: boolean;

  @Field(() => Boolean, { description: 'The gemeente has a proposal of the same opvangtype in the pipeline (submitted, explored, advised positively, or decided go).' })
  replacementProposed: boolean;

  @Field(() => Int, { description: 'Places of those proposals (shared by all of the gemeente\'s expiring agreements of this type).' })
  replacementPlaces: number;
}

@ObjectType({ simpleResolvers: true, description: "One opvangtype's agreements ending in the period, in one province." })
export class ExpiringOfType {
  @Field(() => Opvangtype)
  opvangtype: Opvangtype;

  @Field(() => Int, { description: 'How many agreements end in the period.' })
  agreements: number;

  @Field(() => Int, { description: 'Their places.' })
  places: number;

  @Field(() => Int, { description: 'Places whose end an extension moved.' })
  extendedPlaces: number;

  @Field(() => Int, { description: "Places the gemeenten's proposals of this type in the pipeline can take over (each gemeente's up to its pipeline)." })
  replacedPlaces: number;

  @Field(() => Int, { description: 'Places neither extended nor covered by the pipeline.' })
  placesAtStake: number;
}

@ObjectType({ simpleResolvers: true, description: "A province's agreements ending in the period, with the places at stake." })
export class ExpiringAgreementsOfProvince {
  @Field(() => ProvinceCode)
  provinceCode: ProvinceCode;

  @Field(() => Int, { description: 'Places neither extended nor covered by proposals of the same gemeente and opvangtype in the pipeline.' })
  placesAtStake: number;

  @Field(() => [ExpiringAgreement])
  agreements: ExpiringAgreement[];

  @Field(() => [ExpiringOfType], { description: 'The same per opvangtype (every type, also those with nothing ending).' })
  opvangtypes: ExpiringOfType[];
}

@ObjectType({ simpleResolvers: true, description: 'A figure of the national overview changed: fetch it again.' })
export class OverviewChange {
  @Field(() => String, { description: 'The event that changed it (a cursor for `events(after:)`).' })
  eventId: string;

  @Field(() => Date)
  at: Date;

  @Field(() => ProvinceCode, { nullable: true, description: 'The province whose figures changed; null for NATIONAL_TOTALS_CHANGED.' })
  provinceCode: ProvinceCode | null;

  @Field(() => String, { description: 'The event kind (such as AGREEMENT_REGISTERED), or NATIONAL_TOTALS_CHANGED for a change outside your reach that moves your shares.' })
  kind: string;
}
