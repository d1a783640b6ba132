import { IsEmail, IsInt, IsOptional, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsText } from '../platform/validation.js';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ProvinceCode } from '../reference/index.js';
import { Role } from './enums.js';

@InputType({ description: 'Give a person a role. The scope field the role needs is required; the others must be left out.' })
export class GrantMembershipInput {
  @Field(() => String, { description: 'The `sub` claim of the person\'s tokens at the identity provider.' })
  @IsText({ max: 255 })
  personSubject: string;

  @Field(() => String, { nullable: true, description: 'Required when regietafel does not know this person yet.' })
  @IsOptional()
  @IsText({ max: 200 })
  personName?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(254)
  @IsEmail()
  personEmail?: string;

  @Field(() => Role)
  role: Role;

  @Field(() => ProvinceCode, { nullable: true, description: 'For PRT_SECRETARIAAT.' })
  provinceCode?: ProvinceCode;

  @Field(() => String, { nullable: true, description: 'For GEMEENTE: CBS code such as GM0355.' })
  gemeenteCode?: string;

  @Field(() => Int, { nullable: true, description: 'For COA_REGIO: uitplaatsingsregio 1 to 5.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  uitplaatsingsregio?: number;

  @Field(() => ID, { nullable: true, description: 'For LRT: the national organisation the person acts for (default: the ministry of JenV). For PARTNER (required): the ministry or VNG.' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field(() => String, { nullable: true, description: 'Why, for the record. Shown to IPO, LRT and the person concerned.' })
  @IsOptional()
  @IsText({ max: 500, multiline: true })
  reason?: string;
}

@InputType()
export class RevokeMembershipInput {
  @Field(() => ID)
  @IsUUID(undefined, { message: 'membershipId must be a membership id' })
  membershipId: string;

  @Field(() => String, { description: 'Why, for the record.' })
  @IsText({ max: 500, multiline: true })
  reason: string;
}
