import { LocalDateResolver } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ProvinceCode } from '../reference/index.js';

@ObjectType({ simpleResolvers: true, description: 'The national taakstelling of a half-year: how many vergunninghouders the gemeenten together must house (set by JenV).' })
export class NationalTaakstelling {
  @Field(() => String, { description: 'Half-year, e.g. 2021-I (January–June) or 2021-II.' })
  halfYear!: string;

  @Field(() => Int)
  vergunninghouders!: number;

  @Field(() => String, { description: 'Where the figure was published.' })
  source!: string;

  @Field(() => LocalDateResolver, { description: 'Date of publication (at least 13 weeks before the half-year, art. 29(1)).' })
  publishedOn!: string;

  @Field(() => Int, { description: 'Raised at every revision.' })
  version!: number;

  @Field(() => LocalDateResolver, { description: 'The populations used for the gemeenten: 1 January of the previous year.' })
  populationDate!: string;

  @Field(() => Int, { nullable: true, description: 'Inhabitants of the Netherlands on `populationDate` (sum over gemeenten); null when none are known.' })
  inhabitantsNL!: number | null;

  @Field(() => Int, { nullable: true, description: 'Sum of the gemeenten\' computed taakstellingen: above the national number by the rounding up. Null unless you read every gemeente.' })
  gemeentenSum!: number | null;
}

@ObjectType({ simpleResolvers: true, description: "COA's koppelingen in a period, summed over gemeenten: aggregates, never persons." })
export class KoppelingFigures {
  @Field(() => Int)
  linked!: number;

  @Field(() => Int, { description: 'Housed within 14 weeks after koppeling.' })
  housedWithinNorm!: number;

  @Field(() => Int)
  housedLate!: number;

  @Field(() => Int, { description: 'Large families (8 or more persons).' })
  largeFamilies!: number;

  @Field(() => Int)
  adaptedHomeNeeded!: number;

  @Field(() => Float, { nullable: true, description: 'Average weeks from koppeling to housing (norm: 14), weighted by those housed; null when none was reported.' })
  averageWeeksFromKoppeling!: number | null;

  @Field(() => Float, { nullable: true, description: 'Average weeks from vergunningverlening to housing (the Handreiking also counts 14 weeks from there), weighted by those housed.' })
  averageWeeksFromPermit!: number | null;
}

/** What the viewer may do with a gemeente's huisvesting now (the screens show only these). */
export enum HuisvestingAction {
  RECORD_REALISATION = 'RECORD_REALISATION',
  PROPOSE_HERVERDELING = 'PROPOSE_HERVERDELING',
  RECORD_KOPPELINGEN = 'RECORD_KOPPELINGEN',
}
registerEnumType(HuisvestingAction, {
  name: 'HuisvestingAction',
  description: "Something the viewer may do with a gemeente's huisvesting.",
  valuesConfig: {
    RECORD_REALISATION: { description: 'Record what it housed (the gemeente itself).' },
    PROPOSE_HERVERDELING: { description: 'Propose a herverdeling with other gemeenten (the gemeente itself).' },
    RECORD_KOPPELINGEN: { description: "Record COA's koppelingen (COA of its uitplaatsingsregio)." },
  },
});

@ObjectType({ simpleResolvers: true, description: "A gemeente's taakstelling, realisation and balance in a half-year (Huisvestingswet 2014 art. 28–29)." })
export class GemeenteTaakstelling {
  gemeenteCode!: string;

  @Field(() => ProvinceCode)
  provinceCode!: ProvinceCode;

  @Field(() => String)
  halfYear!: string;

  @Field(() => Int, { nullable: true, description: 'Inhabitants on 1 January of the previous year (CBS).' })
  inhabitants!: number | null;

  @Field(() => Boolean, { description: 'The population is a fictitious demo figure, not CBS.' })
  populationFictitious!: boolean;

  @Field(() => Int, { description: '⌈ national × inhabitants ÷ inhabitants NL ⌉ (art. 29(1)).' })
  computed!: number;

  @Field(() => Int, { description: 'Taken over (+) or handed over (−) by confirmed herverdelingen (art. 29(2)).' })
  transferred!: number;

  @Field(() => Int, { description: 'computed + transferred.' })
  taakstelling!: number;

  @Field(() => Int, { description: 'Vergunninghouders housed in the half-year, tussenvoorziening and doorstroomwoningen included.' })
  housed!: number;

  @Field(() => Int, { description: 'Of `housed`: in a tussenvoorziening.' })
  inTussenvoorziening!: number;

  @Field(() => Int, { description: 'Of `housed`: in doorstroomwoningen.' })
  inDoorstroomwoning!: number;

  @Field(() => Int, { description: 'Carried in from earlier half-years: positive a voorsprong, negative an achterstand.' })
  carriedIn!: number;

  @Field(() => Int, { description: 'Taakstelling plus achterstand carried in, less voorsprong carried in.' })
  opgave!: number;

  @Field(() => Int, { description: 'At the end of the half-year: positive a voorsprong, negative an achterstand.' })
  balance!: number;

  @Field(() => Int)
  achterstand!: number;

  @Field(() => Int)
  voorsprong!: number;

  @Field(() => Int, { description: 'Version of the realisation record (0 when none was recorded): send it back as expectedVersion.' })
  realisationVersion!: number;

  @Field(() => KoppelingFigures, { description: "COA's koppelingen to the gemeente in the months of the half-year." })
  koppeling!: KoppelingFigures;
}

@ObjectType({ simpleResolvers: true, description: "A province's voorsprong at one peildatum of the verevening (Handreiking 4.2.6)." })
export class VereveningPeildatum {
  @Field(() => LocalDateResolver)
  peildatum!: string;

  @Field(() => Int, { nullable: true, description: "Sum of the gemeenten' balances after the half-year ending the day before; null when that half-year has no taakstelling." })
  balance!: number | null;

  @Field(() => Int, { nullable: true })
  voorsprong!: number | null;
}

@ObjectType({ simpleResolvers: true, description: "Verevening (Handreiking 4.2.6): the province's voorsprong on 1 Jan 2021, 1 Jul 2021 and 1 Jan 2022, deducted from its short-term reception target." })
export class Verevening {
  @Field(() => [VereveningPeildatum])
  peildata!: VereveningPeildatum[];

  @Field(() => Int, { description: 'Sum of the voorsprong at the peildata.' })
  deduction!: number;

  @Field(() => Int, { description: 'Extra short-term reception places asked of the province (417, LRT November 2019).' })
  shortTermTarget!: number;

  @Field(() => Int, { description: 'shortTermTarget − deduction, not below 0.' })
  remainingShortTermTarget!: number;
}

@ObjectType({ simpleResolvers: true, description: "COA's koppelingen to one gemeente in one month: counts and averages only, never a person (AVG)." })
export class KoppelingMonth {
  @Field(() => String)
  gemeenteCode!: string;

  @Field(() => ProvinceCode)
  provinceCode!: ProvinceCode;

  @Field(() => String, { description: 'YYYY-MM.' })
  month!: string;

  @Field(() => Int, { description: 'Vergunninghouders gekoppeld to the gemeente in the month.' })
  linked!: number;

  @Field(() => Int, { description: 'Housed in the month within 14 weeks after koppeling.' })
  housedWithinNorm!: number;

  @Field(() => Int, { description: 'Housed in the month later than 14 weeks after koppeling.' })
  housedLate!: number;

  @Field(() => Float, { nullable: true })
  averageWeeksFromKoppeling!: number | null;

  @Field(() => Float, { nullable: true })
  averageWeeksFromPermit!: number | null;

  @Field(() => Int, { description: 'Of `linked`: large families (8 or more persons).' })
  largeFamilies!: number;

  @Field(() => Int, { description: 'Of `linked`: needing an adapted home.' })
  adaptedHomeNeeded!: number;

  @Field(() => Int, { description: 'Send it back as expectedVersion to revise the month.' })
  version!: number;
}

@ObjectType({ simpleResolvers: true, description: "An uitplaatsingsregio's koppelingen against its provinces' opgave in a half-year (Handreiking 4.2.4)." })
export class UitplaatsingsregioKoppeling {
  @Field(() => Int)
  number!: number;

  @Field(() => String)
  name!: string;

  @Field(() => [ProvinceCode])
  provinceCodes!: ProvinceCode[];

  @Field(() => Int, { description: "Sum of its provinces' opgave." })
  opgave!: number;

  @Field(() => KoppelingFigures)
  koppeling!: KoppelingFigures;

  @Field(() => Int, { description: 'opgave − linked, not below 0.' })
  koppelingShortfall!: number;

  @Field(() => Boolean, { description: 'Fewer koppelingen than its opgave needs: COA then assigns reception locations to the region (Handreiking 4.2.4).' })
  fewerKoppelingenThanNeeded!: boolean;
}

@ObjectType({ simpleResolvers: true, description: "A province's huisvesting in a half-year: its gemeenten' taakstelling, realisation and balance, summed." })
export class ProvinceHuisvesting {
  @Field(() => ProvinceCode)
  provinceCode!: ProvinceCode;

  @Field(() => String)
  halfYear!: string;

  @Field(() => Int)
  taakstelling!: number;

  @Field(() => Int)
  opgave!: number;

  @Field(() => Int)
  housed!: number;

  @Field(() => Int)
  inTussenvoorziening!: number;

  @Field(() => Int)
  inDoorstroomwoning!: number;

  @Field(() => Int, { description: "Sum of its gemeenten' achterstand at the end of the half-year." })
  achterstand!: number;

  @Field(() => Int, { description: "Sum of its gemeenten' voorsprong at the end of the half-year." })
  voorsprong!: number;

  @Field(() => Int, { description: 'achterstand and voorsprong netted (positive: the province relieves reception).' })
  balance!: number;

  @Field(() => Int, { description: 'Gemeenten with an achterstand at the end of the half-year.' })
  gemeentenWithAchterstand!: number;

  @Field(() => Verevening)
  verevening!: Verevening;

  @Field(() => KoppelingFigures, { description: 'Koppelingen by COA in the months of the half-year.' })
  koppeling!: KoppelingFigures;

  @Field(() => Boolean, { description: 'Fewer koppelingen than its opgave needs: signalled to COA and IPO (Handreiking 4.2.4).' })
  fewerKoppelingenThanNeeded!: boolean;

  @Field(() => Int, { description: 'opgave − koppelingen in the half-year, not below 0.' })
  koppelingShortfall!: number;

  @Field(() => [GemeenteTaakstelling], { description: 'Its gemeenten, largest achterstand first.' })
  gemeenten!: GemeenteTaakstelling[];
}

@ObjectType({ simpleResolvers: true, description: 'Huisvesting of vergunninghouders in a half-year, per province, with the national figures.' })
export class HuisvestingOverview {
  @Field(() => String)
  halfYear!: string;

  @Field(() => NationalTaakstelling, { nullable: true })
  national!: NationalTaakstelling | null;

  @Field(() => [ProvinceHuisvesting])
  provinces!: ProvinceHuisvesting[];

  @Field(() => [UitplaatsingsregioKoppeling], { description: "Koppeling per uitplaatsingsregio, with the signal: for COA, IPO and LRT (empty for others and when one province is asked)." })
  uitplaatsingsregios!: UitplaatsingsregioKoppeling[];
}

export enum HerverdelingReason {
  JOINT_DECISION = 'JOINT_DECISION',
  RECEPTION_LOCATION = 'RECEPTION_LOCATION',
}
registerEnumType(HerverdelingReason, {
  name: 'HerverdelingReason',
  description: 'Why taakstelling is shifted.',
  valuesConfig: {
    JOINT_DECISION: { description: 'A joint decision of the colleges under art. 29(2) Huisvestingswet 2014.' },
    RECEPTION_LOCATION: { description: 'Hosting or extending a reception location: never lowers a taakstelling, always refused.' },
  },
});

@ObjectType({ simpleResolvers: true, description: "One gemeente's part in a herverdeling." })
export class HerverdelingPart {
  @Field(() => String)
  gemeenteCode!: string;

  @Field(() => ProvinceCode)
  provinceCode!: ProvinceCode;

  @Field(() => Int, { description: 'Positive: takes over; negative: hands over.' })
  change!: number;

  @Field(() => Date, { nullable: true, description: 'When its college confirmed; null while waiting.' })
  confirmedAt!: Date | null;
}

@ObjectType({ simpleResolvers: true, description: 'A herverdeling under art. 29(2): taakstelling shifted among gemeenten, the sum unchanged. It counts once every party confirmed.' })
export class Herverdeling {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  halfYear!: string;

  @Field(() => LocalDateResolver, { description: 'Date of the joint decision of the colleges.' })
  decidedOn!: string;

  @Field(() => String, { description: 'Reference of the decision.' })
  reference!: string;

  @Field(() => Boolean, { description: 'Every party confirmed: it counts.' })
  confirmed!: boolean;

  @Field(() => [HerverdelingPart])
  parts!: HerverdelingPart[];
}

@InputType()
export class SetNationalTaakstellingInput {
  @Field(() => String, { description: 'e.g. 2021-II' })
  halfYear!: string;

  @Field(() => Int)
  vergunninghouders!: number;

  @Field(() => String)
  source!: string;

  @Field(() => LocalDateResolver)
  publishedOn!: string;

  @Field(() => Int, { nullable: true, description: 'The version seen, when revising an existing figure.' })
  expectedVersion?: number | null;
}

@InputType()
export class RecordRealisationInput {
  @Field(() => String)
  gemeenteCode!: string;

  @Field(() => String)
  halfYear!: string;

  @Field(() => Int)
  housed!: number;

  @Field(() => Int, { defaultValue: 0 })
  inTussenvoorziening!: number;

  @Field(() => Int, { defaultValue: 0 })
  inDoorstroomwoning!: number;

  @Field(() => Int, { description: 'realisationVersion as seen (0 for a first record).' })
  expectedVersion!: number;
}

@InputType()
export class HerverdelingPartInput {
  @Field(() => String)
  gemeenteCode!: string;

  @Field(() => Int)
  change!: number;
}

@InputType()
export class ProposeHerverdelingInput {
  @Field(() => String)
  halfYear!: string;

  @Field(() => HerverdelingReason)
  reason!: HerverdelingReason;

  @Field(() => LocalDateResolver)
  decidedOn!: string;

  @Field(() => String)
  reference!: string;

  @Field(() => [HerverdelingPartInput])
  parts!: HerverdelingPartInput[];
}

@InputType({ description: "COA: one gemeente's koppelingen in one month, as counts (never persons). A revision replaces the whole month: send every figure (read them with koppelingMonths), since one left out is stored as empty (averages) or 0 (counts with a default)." })
export class RecordKoppelingenInput {
  @Field(() => String)
  gemeenteCode!: string;

  @Field(() => String, { description: 'YYYY-MM' })
  month!: string;

  @Field(() => Int)
  linked!: number;

  @Field(() => Int)
  housedWithinNorm!: number;

  @Field(() => Int)
  housedLate!: number;

  @Field(() => Float, { nullable: true, description: 'Average weeks from koppeling to housing, one decimal.' })
  averageWeeksFromKoppeling?: number | null;

  @Field(() => Float, { nullable: true, description: 'Average weeks from vergunningverlening to housing, one decimal.' })
  averageWeeksFromPermit?: number | null;

  @Field(() => Int, { defaultValue: 0 })
  largeFamilies!: number;

  @Field(() => Int, { defaultValue: 0 })
  adaptedHomeNeeded!: number;

  @Field(() => Int, { description: 'The version seen (0 for a month not yet recorded).' })
  expectedVersion!: number;
}
