import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MilestoneKind, SupportMeasureTheme } from './rules.js';

registerEnumType(SupportMeasureTheme, {
  name: 'SupportMeasureTheme',
  description: 'The themes of the status table of ondersteuningsmaatregelen, in its order.',
  valuesConfig: {
    HUISVESTING: { description: 'Huisvesting of vergunninghouders (Handreiking ch. 4).' },
    OPVANG_KORTE_TERMIJN: { description: 'Opvang on the short term.' },
    FLEXIBILISERING: { description: 'Flexibilisering of the asielketen.' },
    INBURGERING: { description: 'Inburgering (Handreiking ch. 7).' },
    ONDERSTEUNING_PRTS: { description: "Support of the provinciale regietafels (ONDERSTEUNING PRT'S)." },
  },
});

registerEnumType(MilestoneKind, {
  name: 'MilestoneKind',
  description: 'A mijlpaal is a moment, or the start or end of a period (a regeling open from … until …).',
});

/** What the viewer may do with a measure now (the screens show only these). */
export enum SupportMeasureAction {
  UPDATE_DETAILS = 'UPDATE_DETAILS',
  ADD_STAND_VAN_ZAKEN = 'ADD_STAND_VAN_ZAKEN',
  MANAGE_MILESTONES = 'MANAGE_MILESTONES',
  CHANGE_TREKKERS = 'CHANGE_TREKKERS',
}
registerEnumType(SupportMeasureAction, {
  name: 'SupportMeasureAction',
  description: 'Something the viewer may do with an ondersteuningsmaatregel.',
  valuesConfig: {
    UPDATE_DETAILS: { description: 'Change title, budget, contact, planning and the window in which gemeenten may apply (trekkers and the LRT).' },
    ADD_STAND_VAN_ZAKEN: { description: 'Add a dated stand van zaken (trekkers and the LRT).' },
    MANAGE_MILESTONES: { description: 'Add mijlpalen and mark them done (trekkers and the LRT).' },
    CHANGE_TREKKERS: { description: 'Change paragraph, theme and trekkers (the LRT).' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'A dated stand van zaken of a measure: never overwritten; the one in force on a date is the latest dated on or before it.' })
export class StandVanZaken {
  @Field(() => ID)
  id!: string;

  @Field(() => LocalDateResolver, { description: 'The date it describes the state on (e.g. the LRT meeting it was written for).' })
  asOf!: string;

  @Field(() => String, { description: 'Markdown.' })
  body!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => String, { nullable: true, description: 'Who wrote it; null for the record loaded with the demo data.' })
  createdByName!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'A mijlpaal of a measure: a date, and whether it was done.' })
export class Milestone {
  @Field(() => ID)
  id!: string;

  @Field(() => LocalDateResolver)
  dueOn!: string;

  @Field(() => MilestoneKind)
  kind!: MilestoneKind;

  @Field(() => String)
  description!: string;

  @Field(() => LocalDateResolver, { description: 'When it entered the table: the table as it stood before this date does not show it.' })
  recordedOn!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'When it was done; null while not done.' })
  doneOn!: string | null;

  @Field(() => Boolean, { description: 'Done on the date the measure is read on.' })
  done!: boolean;

  @Field(() => Boolean, { description: 'Dated before the date the measure is read on, and not done by then.' })
  overdue!: boolean;
}

@ObjectType({ simpleResolvers: true, description: 'An ondersteuningsmaatregel of the Integrale Handreiking in the LRT\'s status table, as it stood on the date `on`.' })
export class SupportMeasure {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Paragraph of the Handreiking (4.3.1, 7.2 …); unique.' })
  paragraph!: string;

  @Field(() => SupportMeasureTheme)
  theme!: SupportMeasureTheme;

  @Field(() => String)
  title!: string;

  @Field(() => [String], { description: "Trekkers: abbreviations of national organisations (BZK, JenV, SZW, VNG, COA, IPO), and 'LRT' when the LRT itself leads." })
  trekkers!: string[];

  @Field(() => Boolean, { description: 'The LRT itself is a trekker (it is no organisation, so a flag).' })
  lrtIsTrekker!: boolean;

  @Field(() => Int, { nullable: true, description: 'Budget in euros, where one is named.' })
  budgetEuros!: number | null;

  @Field(() => String, { nullable: true, description: "About the budget, e.g. 'waarvan € 3 miljoen voor pilots tussenvoorzieningen'." })
  budgetNote!: string | null;

  @Field(() => String, { nullable: true })
  contact!: string | null;

  @Field(() => String, { nullable: true, description: "Planning as the table words it where it has no exact date ('najaar 2021')." })
  planning!: string | null;

  @Field(() => Boolean, { description: 'A regeling gemeenten may apply for.' })
  openToGemeenten!: boolean;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Gemeenten may apply from this date.' })
  applicationsOpenFrom!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Gemeenten may apply until this date (inclusive); null when not known.' })
  applicationsOpenUntil!: string | null;

  @Field(() => Boolean, { description: 'Gemeenten may apply on the date `on`.' })
  applicationsOpen!: boolean;

  @Field(() => Int, { description: 'Name it as `expectedVersion` when changing the measure.' })
  version!: number;

  @Field(() => Date)
  updatedAt!: Date;

  @Field(() => LocalDateResolver, { description: 'The date the measure is shown as it stood on.' })
  on!: string;

  @Field(() => StandVanZaken, { nullable: true, description: 'The stand van zaken in force on `on`.' })
  standVanZaken!: StandVanZaken | null;

  @Field(() => [StandVanZaken], { description: 'Every stand van zaken dated on or before `on`, newest first.' })
  history!: StandVanZaken[];

  @Field(() => [Milestone], { description: 'Mijlpalen known on `on`, earliest first.' })
  milestones!: Milestone[];

  @Field(() => Boolean, { description: 'A mijlpaal dated before `on` was not done by then.' })
  overdue!: boolean;

  /** For the policy: the organisations leading it. */
  trekkerOrganisations!: string[];
}

/** The optional details the create and the update input share. type-graphql 2 has no `isAbstract`: an input type class it never names in an operation is copied into its subclasses and not emitted. */
@InputType()
abstract class SupportMeasureDetailsInput {
  @Field(() => Int, { nullable: true })
  budgetEuros?: number | null;

  @Field(() => String, { nullable: true })
  budgetNote?: string | null;

  @Field(() => String, { nullable: true })
  contact?: string | null;

  @Field(() => String, { nullable: true })
  planning?: string | null;

  @Field(() => Boolean, { nullable: true })
  openToGemeenten?: boolean | null;

  @Field(() => LocalDateResolver, { nullable: true })
  applicationsOpenFrom?: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  applicationsOpenUntil?: string | null;
}

@InputType()
export class CreateSupportMeasureInput extends SupportMeasureDetailsInput {
  @Field(() => String)
  paragraph!: string;

  @Field(() => SupportMeasureTheme)
  theme!: SupportMeasureTheme;

  @Field(() => String)
  title!: string;

  @Field(() => [String], { description: "Abbreviations of national organisations, and 'LRT'." })
  trekkers!: string[];
}

@InputType({ description: 'Fields left out stay as they are; null clears an optional one. Paragraph, theme and trekkers: the LRT only.' })
export class UpdateSupportMeasureInput extends SupportMeasureDetailsInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  paragraph?: string | null;

  @Field(() => SupportMeasureTheme, { nullable: true })
  theme?: SupportMeasureTheme | null;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => [String], { nullable: true })
  trekkers?: string[] | null;
}

@InputType()
export class AddStandVanZakenInput {
  @Field(() => ID)
  measureId!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => LocalDateResolver, { description: 'Not after today.' })
  asOf!: string;

  @Field(() => String, { description: 'Markdown.' })
  body!: string;
}

@InputType()
export class AddMilestoneInput {
  @Field(() => ID)
  measureId!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => LocalDateResolver)
  dueOn!: string;

  @Field(() => MilestoneKind, { nullable: true, description: 'MOMENT unless said otherwise.' })
  kind?: MilestoneKind | null;

  @Field(() => String)
  description!: string;
}

@InputType()
export class SetMilestoneDoneInput {
  @Field(() => ID)
  measureId!: string;

  @Field(() => ID)
  milestoneId!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => LocalDateResolver, { nullable: true, description: 'The day it was done (not after today); null: not done.' })
  doneOn?: string | null;
}
