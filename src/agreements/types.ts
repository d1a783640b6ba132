import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Opvangtype, ProvinceCode } from '../reference/index.js';
import { AgreementStatus, agreementStatus, today } from './status.js';

registerEnumType(AgreementStatus, {
  name: 'AgreementStatus',
  description: 'GEPLAND before its start, LOPEND while running, VERLOPEN after its end date, BEEINDIGD when ended early.',
});

/** Whether an agreement's places are new capacity: only EXTRA places count toward the short-term target. */
export enum AgreementCapacityKind {
  EXTRA = 'EXTRA',
  REPLACEMENT = 'REPLACEMENT',
  CONTINUATION = 'CONTINUATION',
}

registerEnumType(AgreementCapacityKind, {
  name: 'AgreementCapacityKind',
  description: 'Whether the places of an agreement are new capacity. Only EXTRA places count toward the short-term target; an extension (verlenging) never is a new agreement.',
  valuesConfig: {
    EXTRA: { description: 'New places.' },
    REPLACEMENT: { description: 'Places that replace a location that closes (COA says so when registering).' },
    CONTINUATION: { description: 'A location that had an agreement before (a new agreement after the old one ended): set by itself when one exists.' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'A bestuursovereenkomst: an agreement between COA and one gemeente for one location.' })
export class Agreement {
  @Field(() => ID)
  id: string;

  gemeenteCode: string;

  @Field(() => ProvinceCode)
  provinceCode: ProvinceCode;

  @Field(() => String)
  locationName: string;

  @Field(() => String, { nullable: true })
  address: string | null;

  @Field(() => Opvangtype)
  opvangtype: Opvangtype;

  @Field(() => Int)
  maxPlaces: number;

  @Field(() => Int, { nullable: true, description: 'Of which at most this many for unaccompanied minors (amv).' })
  amvPlaces: number | null;

  @Field(() => Int, { nullable: true, description: 'Places other local groups may use.' })
  otherGroupsPlaces: number | null;

  @Field(() => LocalDateResolver)
  startDate: string;

  @Field(() => LocalDateResolver, { description: 'The end date as signed, before any extension.' })
  originalEndDate: string;

  @Field(() => LocalDateResolver, { description: 'The end date now, after extensions.' })
  endDate: string;

  @Field(() => LocalDateResolver)
  signedOn: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Set when ended early.' })
  endedOn: string | null;

  @Field(() => String, { nullable: true })
  endReason: string | null;

  @Field(() => Int, { description: 'Name it as `expectedVersion` when extending or ending.' })
  version: number;

  proposalId: string | null;

  @Field(() => AgreementCapacityKind, { description: 'Whether its places are new capacity (only EXTRA counts toward the short-term target).' })
  capacityKind: AgreementCapacityKind;

  @Field(() => AgreementStatus)
  get status(): AgreementStatus {
    return agreementStatus(this, today());
  }
}

@ObjectType({ simpleResolvers: true, description: 'An extension (verlenging) of an agreement.' })
export class AgreementExtension {
  agreementId: string;

  @Field(() => Int)
  seq: number;

  @Field(() => LocalDateResolver)
  decidedOn: string;

  @Field(() => LocalDateResolver)
  previousEndDate: string;

  @Field(() => LocalDateResolver)
  newEndDate: string;

  @Field(() => Date)
  recordedAt: Date;
}

@ObjectType({ simpleResolvers: true, description: "Places running on a date, for one opvangtype: of agreements, or (CRISISNOODOPVANG) the gemeenten' crisisnoodopvang." })
export class RealisedCapacity {
  @Field(() => Opvangtype)
  opvangtype: Opvangtype;

  @Field(() => Int)
  places: number;

  @Field(() => Int, { description: 'Agreements among them (0 for crisisnoodopvang, which has none).' })
  agreements: number;
}

@ObjectType({ simpleResolvers: true, description: 'Of the agreements whose original end date falls in a period: how many were extended.' })
export class ExtensionReport {
  @Field(() => LocalDateResolver)
  from: string;

  @Field(() => LocalDateResolver)
  until: string;

  @Field(() => Int)
  expiring: number;

  @Field(() => Int)
  extended: number;

  @Field(() => [Agreement])
  agreements: Agreement[];
}

@InputType()
export class RegisterAgreementInput {
  @Field(() => String)
  gemeenteCode: string;

  @Field(() => String, { description: 'The location; with the gemeente it identifies the location for the no-overlap rule.' })
  locationName: string;

  @Field(() => String, { nullable: true })
  address?: string;

  @Field(() => Opvangtype)
  opvangtype: Opvangtype;

  @Field(() => Int)
  maxPlaces: number;

  @Field(() => Int, { nullable: true })
  amvPlaces?: number;

  @Field(() => Int, { nullable: true })
  otherGroupsPlaces?: number;

  @Field(() => LocalDateResolver)
  startDate: string;

  @Field(() => LocalDateResolver)
  endDate: string;

  @Field(() => LocalDateResolver)
  signedOn: string;

  @Field(() => ID, { nullable: true, description: 'The proposal it came from: it must be BESLOTEN with GO, and becomes OMGEZET.' })
  proposalId?: string;

  @Field(() => AgreementCapacityKind, {
    nullable: true,
    description: 'REPLACEMENT when the places replace a closing location. Left out: CONTINUATION when the location had an agreement before, EXTRA otherwise.',
  })
  capacityKind?: AgreementCapacityKind;
}

/** Names the agreement and the version the change is based on. */
@InputType()
class AgreementChangeInput {
  @Field(() => ID)
  agreementId: string;

  @Field(() => Int)
  expectedVersion: number;
}

@InputType()
export class ExtendAgreementInput extends AgreementChangeInput {
  @Field(() => LocalDateResolver, { description: 'Later than the current end date.' })
  newEndDate: string;

  @Field(() => LocalDateResolver, { description: 'When the extension was decided: on or before the current end date.' })
  decidedOn: string;
}

@InputType()
export class EndAgreementInput extends AgreementChangeInput {
  @Field(() => LocalDateResolver, { description: 'First day without places.' })
  endedOn: string;

  @Field(() => String)
  reason: string;
}
