import { LocalDateResolver } from 'graphql-scalars';
import { IsInt, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Opvangtype, ProvinceCode } from '../reference/index.js';

@InputType({ description: 'Part of a line for a region: a veiligheidsregio or a group of gemeenten of the province.' })
export class RegionShareInput {
  @Field(() => String)
  name: string;

  @Field(() => [String], { nullable: true, description: 'CBS codes (GM0000) of the gemeenten in the region, if it is a group of gemeenten.' })
  gemeenteCodes?: string[];

  @Field(() => Int)
  minPlaces: number;

  @Field(() => Int)
  maxPlaces: number;
}

@InputType({ description: 'A capacity line. Give the id of an existing line to change it; leave it out for a new line.' })
export class CapacityLineInput {
  @Field(() => ID, { nullable: true })
  id?: string;

  @Field(() => [Opvangtype], { description: 'One type, several for a combined line, or none for places of any type.' })
  opvangtypes: Opvangtype[];

  @Field(() => LocalDateResolver, { description: 'Within the planning round.' })
  targetDate: string;

  @Field(() => Int)
  minPlaces: number;

  @Field(() => Int, { description: 'Equal to minPlaces for an exact number.' })
  maxPlaces: number;

  @Field(() => [RegionShareInput], { nullable: true })
  regions?: RegionShareInput[];

  @Field(() => String, { nullable: true })
  note?: string;
}

@InputType({ description: 'Sections in Markdown, each at most 20,000 characters. A section left out stays as it is; null or "" clears it.' })
export class PlanSectionsInput {
  @Field(() => String, { nullable: true })
  context?: string | null;

  @Field(() => String, { nullable: true })
  regionalAllocation?: string | null;

  @Field(() => String, { nullable: true })
  vergunninghouders?: string | null;

  @Field(() => String, { nullable: true })
  timeline?: string | null;
}

@InputType()
export class CreateProvincialPlanInput {
  @Field(() => ProvinceCode)
  provinceCode: ProvinceCode;

  @Field(() => String, { nullable: true, description: 'Default FLEXIBILISERING_ASIELKETEN.' })
  roundCode?: string;

  @Field(() => String)
  title: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Default 2023-01-01.' })
  targetDate?: string;

  @Field(() => PlanSectionsInput, { nullable: true })
  sections?: PlanSectionsInput;

  @Field(() => [CapacityLineInput], { nullable: true })
  lines?: CapacityLineInput[];
}

@InputType({ description: 'Change a plan. Fields left out stay as they are; `lines`, when given, is the complete new list.' })
export class UpdateProvincialPlanInput {
  @Field(() => ID)
  planId: string;

  @Field(() => Int, { description: 'The version you based the change on; if the plan changed since, nothing is written and you get CONFLICT.' })
  @IsInt()
  @Min(1)
  expectedVersion: number;

  @Field(() => String, { nullable: true, description: 'What you changed, for the revision history (written for you if left out).' })
  summary?: string;

  @Field(() => String, { nullable: true })
  title?: string;

  @Field(() => LocalDateResolver, { nullable: true })
  targetDate?: string;

  @Field(() => PlanSectionsInput, { nullable: true })
  sections?: PlanSectionsInput;

  @Field(() => [CapacityLineInput], { nullable: true })
  lines?: CapacityLineInput[];
}

@InputType()
export class PlanTransitionInput {
  @Field(() => ID)
  planId: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  expectedVersion: number;
}

@InputType()
export class ReturnProvincialPlanInput extends PlanTransitionInput {
  @Field(() => String, { description: 'Why the plan goes back to the secretariat.' })
  reason: string;
}

@InputType({ description: 'What a province must realise: places of an opvangtype (or of any type) by a date.' })
export class SetOpgaveInput {
  @Field(() => ProvinceCode)
  provinceCode: ProvinceCode;

  @Field(() => Opvangtype, { nullable: true, description: 'Leave out for places of any type, or for the total.' })
  opvangtype?: Opvangtype;

  @Field(() => Boolean, { nullable: true, description: "True: an opgave for the province's total opvang (existing AZCs included), without opvangtype." })
  total?: boolean;

  @Field(() => LocalDateResolver)
  dueDate: string;

  @Field(() => Int)
  places: number;

  @Field(() => String, { description: 'Where the figure comes from, e.g. "LRT 15 Dec 2020".' })
  source: string;

  @Field(() => Int, { nullable: true, description: 'Leave out to set a new opgave; to change one, the version you based the change on.' })
  expectedVersion?: number;
}
