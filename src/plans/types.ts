import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Opvangtype, ProvinceCode } from '../reference/index.js';
import { PlanAction, PlanStatus } from './status.js';

registerEnumType(PlanStatus, {
  name: 'PlanStatus',
  description: 'CONCEPT (draft) → INGEDIEND (submitted) → VASTGESTELD (adopted by LRT) or TERUGGESTUURD (returned, with a reason) → CONCEPT.',
});
registerEnumType(PlanAction, { name: 'PlanAction', description: 'What can be done to a plan in its status.' });

export enum PlanChangeKind {
  CREATED = 'CREATED',
  EDITED = 'EDITED',
  SUBMITTED = 'SUBMITTED',
  ADOPTED = 'ADOPTED',
  RETURNED = 'RETURNED',
}
registerEnumType(PlanChangeKind, { name: 'PlanChangeKind' });

export enum LineChangeKind {
  ADDED = 'ADDED',
  REMOVED = 'REMOVED',
  CHANGED = 'CHANGED',
}
registerEnumType(LineChangeKind, { name: 'LineChangeKind' });

@ObjectType({ simpleResolvers: true, description: 'A number of places as a range; min equals max for an exact number.' })
export class PlaceRange {
  @Field(() => Int)
  min: number;

  @Field(() => Int)
  max: number;
}

@ObjectType({ simpleResolvers: true, description: 'A planning round: the programme a plan belongs to, and the period its target dates must fall in.' })
export class PlanningRound {
  @Field(() => ID)
  code: string;

  @Field(() => String)
  name: string;

  @Field(() => LocalDateResolver, { description: 'First allowed target date.' })
  targetFrom: string;

  @Field(() => LocalDateResolver, { description: 'Last allowed target date.' })
  targetUntil: string;

  @Field(() => Date, { nullable: true, description: 'Set once the round is closed: its plans can no longer be created or changed.' })
  closedAt: Date | null;
}

@ObjectType({ simpleResolvers: true, description: 'Part of a line allocated to a region: a veiligheidsregio or a group of gemeenten.' })
export class RegionShare {
  @Field(() => String)
  name: string;

  /** Resolved to Gemeente objects by the resolver. */
  gemeenteCodes: string[];

  @Field(() => Int)
  minPlaces: number;

  @Field(() => Int)
  maxPlaces: number;
}

@ObjectType({ simpleResolvers: true, description: 'One line of a plan: places of one or more opvangtypes by a target date, as a range.' })
export class CapacityLine {
  @Field(() => ID, { description: 'Stable across revisions: diffs match lines by it.' })
  id: string;

  @Field(() => [Opvangtype], { description: 'Usually one type; several for a combined line ("GVL/satelliet"); none when the places are not tied to a type.' })
  opvangtypes: Opvangtype[];

  @Field(() => LocalDateResolver, { description: 'The date by which the places are to be realised.' })
  targetDate: string;

  @Field(() => Int)
  minPlaces: number;

  @Field(() => Int)
  maxPlaces: number;

  @Field(() => [RegionShare])
  regions: RegionShare[];

  @Field(() => String, { nullable: true })
  note: string | null;

  /** The province, for comparing with the opgave (not exposed). */
  provinceCode: ProvinceCode;

  /** The plan this line was read with, for `comparison`; absent for lines shown in diffs. */
  plan?: { roundCode: string; linesKey: string };
}

@ObjectType({ simpleResolvers: true, description: 'Plan against opgave for one opvangtype (or several a line combines, or none for places of any type) by a due date.' })
export class PlanGap {
  @Field(() => [Opvangtype], { description: 'Compared together; empty for places of any type.' })
  opvangtypes: Opvangtype[];

  @Field(() => LocalDateResolver, { description: 'Due date of the opgave.' })
  dueDate: string;

  @Field(() => Int, { description: 'What the province must realise by dueDate.' })
  opgave: number;

  @Field(() => PlaceRange, { description: 'What the plan delivers by dueDate: its lines of these types due on or before it, added up.' })
  planned: PlaceRange;

  @Field(() => PlaceRange, { description: 'How far the plan falls short: at best (max planned) and at worst (min planned); 0 when covered.' })
  shortfall: PlaceRange;

  @Field(() => Int, { nullable: true, description: "Places running on dueDate of these types: agreements, and crisisnoodopvang only where CRISISNOODOPVANG is named (an untyped opgave counts every type but crisisnoodopvang, the gemeente's last resort); for those who may read all the province's agreements." })
  realised: number | null;

  @Field(() => Int, { nullable: true, description: 'Places in proposals of these types with a positive advice or a "go" decision, not yet an agreement, meant to start by dueDate; same readers as realised.' })
  pipeline: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'The free-text parts of a plan, in Markdown.' })
export class PlanSections {
  @Field(() => String, { nullable: true })
  context: string | null;

  @Field(() => String, { nullable: true })
  regionalAllocation: string | null;

  @Field(() => String, { nullable: true })
  vergunninghouders: string | null;

  @Field(() => String, { nullable: true })
  timeline: string | null;
}

export const SECTION_NAMES = ['context', 'regionalAllocation', 'vergunninghouders', 'timeline'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

/** The plan as stored in a revision (and as read now). */
export interface PlanState {
  title: string;
  roundCode: string;
  targetDate: string;
  status: PlanStatus;
  returnReason: string | null;
  sections: Record<SectionName, string | null>;
  lines: Omit<CapacityLine, 'provinceCode'>[];
}

@ObjectType({ simpleResolvers: true, description: "A province's plan for reception capacity: lines per opvangtype, sections, status and history." })
export class ProvincialPlan {
  @Field(() => ID)
  id: string;

  provinceCode: ProvinceCode;
  roundCode: string;

  @Field(() => String)
  title: string;

  @Field(() => LocalDateResolver, { description: 'The date the plan works toward, by default 2023-01-01.' })
  targetDate: string;

  @Field(() => PlanStatus)
  status: PlanStatus;

  @Field(() => String, { nullable: true, description: 'Why LRT returned it, while TERUGGESTUURD.' })
  returnReason: string | null;

  @Field(() => Int, { description: 'Increases with every change; name it as `expectedVersion` when changing the plan.' })
  version: number;

  @Field(() => PlanSections)
  sections: PlanSections;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date)
  updatedAt: Date;

  createdById: string | null;
  updatedById: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'An immutable record of one change to a plan: who, when, what, and the plan as it was after it.' })
export class PlanRevision {
  planId: string;
  provinceCode: ProvinceCode;

  @Field(() => Int)
  version: number;

  @Field(() => Date)
  createdAt: Date;

  authorId: string | null;
  /** Read with the revision, so listing revisions needs no further query for their authors. */
  authorName: string | null;

  @Field(() => PlanChangeKind)
  kind: PlanChangeKind;

  @Field(() => String)
  summary: string;

  /** The plan after this change. */
  state: PlanState;

  /** The state before (null for the first revision), for `changes`. */
  previous: PlanState | null;
}

@ObjectType({ simpleResolvers: true, description: 'How one capacity line differs between two versions.' })
export class LineChange {
  @Field(() => ID)
  lineId: string;

  @Field(() => LineChangeKind)
  kind: LineChangeKind;

  @Field(() => CapacityLine, { nullable: true })
  before: CapacityLine | null;

  @Field(() => CapacityLine, { nullable: true })
  after: CapacityLine | null;

  @Field(() => [String], { description: 'For CHANGED: the fields that differ (e.g. maxPlaces, note).' })
  fields: string[];
}

@ObjectType({ simpleResolvers: true, description: 'A change to a field of the plan itself (title, target date, status, a section).' })
export class FieldChange {
  @Field(() => String)
  field: string;

  @Field(() => String, { nullable: true })
  before: string | null;

  @Field(() => String, { nullable: true })
  after: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'What changed between two versions of a plan.' })
export class PlanDiff {
  @Field(() => Int)
  fromVersion: number;

  @Field(() => Int)
  toVersion: number;

  @Field(() => [FieldChange])
  fields: FieldChange[];

  @Field(() => [LineChange])
  lines: LineChange[];
}

@ObjectType({ simpleResolvers: true, description: 'What a province must realise: places of an opvangtype (or of any type) by a date, set by LRT.' })
export class Opgave {
  @Field(() => ID)
  id: string;

  provinceCode: ProvinceCode;

  @Field(() => Opvangtype, { nullable: true, description: 'Null when the opgave is for places of any type, or for the total.' })
  opvangtype: Opvangtype | null;

  @Field(() => Boolean, {
    description:
      "An opgave for the province's total opvang: every place of a type that counts toward it (existing AZCs included, crisisnoodopvang not; see the glossary), compared with realised capacity in the monitoring figures and never with plan lines, which add places.",
  })
  total: boolean;

  @Field(() => LocalDateResolver)
  dueDate: string;

  @Field(() => Int)
  places: number;

  @Field(() => String, { description: 'Where it comes from, e.g. "LRT 15 Dec 2020".' })
  source: string;

  @Field(() => Int, { description: 'Name it as `expectedVersion` when changing the figure.' })
  version: number;

  @Field(() => Date)
  setAt: Date;

  setById: string | null;
  setByName: string | null;
}
