import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Opvangtype, ProvinceCode } from '../reference/index.js';
import { ProposalAction, ProposalStatus } from './status.js';

registerEnumType(ProposalStatus, {
  name: 'ProposalStatus',
  description: 'CONCEPT → INGEDIEND → IN_VERKENNING → POSITIEF_ADVIES / NEGATIEF_ADVIES → BESLOTEN → OMGEZET; INGETROKKEN at any point before OMGEZET.',
});
registerEnumType(ProposalAction, { name: 'ProposalAction' });

export enum ProposalDecision {
  GO = 'GO',
  NO_GO = 'NO_GO',
}
registerEnumType(ProposalDecision, { name: 'ProposalDecision', description: "The gemeente's own decision on its proposal: the final say is the gemeente's." });

@ObjectType({ simpleResolvers: true, description: "A gemeente's proposal for a reception location (locatievoorstel)." })
export class LocationProposal {
  @Field(() => ID)
  id: string;

  gemeenteCode: string;

  @Field(() => ProvinceCode)
  provinceCode: ProvinceCode;

  @Field(() => String)
  name: string;

  @Field(() => String)
  address: string;

  @Field(() => Opvangtype)
  opvangtype: Opvangtype;

  @Field(() => Int)
  places: number;

  @Field(() => Int, { nullable: true, description: 'Places for unaccompanied minors (amv), if any.' })
  amvPlaces: number | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Intended opening.' })
  intendedStart: string | null;

  @Field(() => Int, { nullable: true })
  intendedDurationMonths: number | null;

  @Field(() => Boolean, { description: 'Other groups (spoedzoekers, students, labour migrants) may use it too.' })
  flexibleUse: boolean;

  @Field(() => String, { nullable: true, description: 'Markdown.' })
  description: string | null;

  @Field(() => ProposalStatus)
  status: ProposalStatus;

  /** Ever submitted: a draft withdrawn before submission stays the gemeente's own. */
  submitted: boolean;

  @Field(() => String, { nullable: true, description: "COA's reasoning with its advice." })
  advice: string | null;

  @Field(() => ProposalDecision, { nullable: true })
  decision: ProposalDecision | null;

  @Field(() => Int, { description: 'Name it as `expectedVersion` when changing the proposal.' })
  version: number;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date)
  updatedAt: Date;

  reviewerId: string | null;
  agreementId: string | null;

}

@ObjectType({ simpleResolvers: true, description: 'One status change of a proposal: who, when and why.' })
export class ProposalTransition {
  proposalId: string;

  @Field(() => Int)
  version: number;

  @Field(() => ProposalStatus, { nullable: true })
  fromStatus: ProposalStatus | null;

  @Field(() => ProposalStatus)
  toStatus: ProposalStatus;

  @Field(() => String, { nullable: true })
  reason: string | null;

  @Field(() => Date)
  at: Date;

  byId: string | null;
  byName: string | null;
}

@InputType()
export class CreateLocationProposalInput {
  @Field(() => String, { description: 'CBS code of your gemeente (GM0000).' })
  gemeenteCode: string;

  @Field(() => String)
  name: string;

  @Field(() => String)
  address: string;

  @Field(() => Opvangtype)
  opvangtype: Opvangtype;

  @Field(() => Int)
  places: number;

  @Field(() => Int, { nullable: true })
  amvPlaces?: number;

  @Field(() => LocalDateResolver, { nullable: true })
  intendedStart?: string;

  @Field(() => Int, { nullable: true })
  intendedDurationMonths?: number;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  flexibleUse?: boolean;

  @Field(() => String, { nullable: true })
  description?: string;
}

/** Names the proposal and the version the change is based on. */
@InputType()
class ProposalChangeInput {
  @Field(() => ID)
  proposalId: string;

  @Field(() => Int)
  expectedVersion: number;
}

@InputType({ description: 'Change a proposal while CONCEPT or INGEDIEND. Fields left out stay as they are.' })
export class UpdateLocationProposalInput extends ProposalChangeInput {
  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  address?: string;

  @Field(() => Opvangtype, { nullable: true })
  opvangtype?: Opvangtype;

  @Field(() => Int, { nullable: true })
  places?: number;

  @Field(() => Int, { nullable: true })
  amvPlaces?: number;

  @Field(() => LocalDateResolver, { nullable: true })
  intendedStart?: string;

  @Field(() => Int, { nullable: true })
  intendedDurationMonths?: number;

  @Field(() => Boolean, { nullable: true })
  flexibleUse?: boolean;

  @Field(() => String, { nullable: true })
  description?: string;
}

@InputType()
export class ProposalTransitionInput extends ProposalChangeInput {
  @Field(() => String, { nullable: true, description: 'Why: kept with the transition.' })
  reason?: string;
}

@InputType()
export class StartExplorationInput extends ProposalTransitionInput {
  @Field(() => ID, { nullable: true, description: 'The COA contact who explores it (default: you).' })
  reviewerId?: string;
}

@InputType()
export class AdviseLocationProposalInput extends ProposalChangeInput {
  @Field(() => Boolean)
  positive: boolean;

  @Field(() => String, { description: "COA's reasoning." })
  reasoning: string;
}

@InputType()
export class DecideLocationProposalInput extends ProposalChangeInput {
  @Field(() => ProposalDecision)
  decision: ProposalDecision;

  @Field(() => String, { nullable: true })
  reason?: string;
}
