import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ProvinceCode } from '../reference/index.js';
import { OrganisationKind, RegietafelFunction, Role } from './enums.js';

@ObjectType({ simpleResolvers: true, description: 'An organisation people act for: a provincie, a gemeente, or a national partner (COA, IPO, VNG, a ministry).' })
@Entity({ name: 'organisation' })
export class Organisation {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => OrganisationKind)
  @Column({ type: 'text' })
  kind: OrganisationKind;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true, description: 'How a national organisation is known (COA, IPO, JenV, BZK, SZW, VNG); null for a provincie or gemeente.' })
  @Column({ type: 'text', nullable: true })
  abbreviation: string | null;

  @Column({ name: 'province_code', type: 'text', nullable: true })
  provinceCode: ProvinceCode | null;

  @Column({ name: 'gemeente_code', type: 'text', nullable: true })
  gemeenteCode: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'A person known to regietafel, identified by the subject of their token.' })
@Entity({ name: 'person' })
export class Person {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /**
   * The `sub` claim of this person's tokens: an identifier of the identity provider, exposed only to those who grant
   * roles by it (see `PersonResolver.subject`).
   */
  @Column({ type: 'text', unique: true })
  subject: string;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}

/** A Person known by id and name, read together with whatever refers to it. */
export function personRef(id: string, name: string | null): Person {
  return Object.assign(new Person(), { id, name: name ?? '' });
}

@ObjectType({ simpleResolvers: true, description: 'That a person acts for an organisation in a role, within a scope. Revoked memberships are kept as history.' })
@Entity({ name: 'membership' })
export class Membership {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Field(() => Role)
  @Column({ type: 'text' })
  role: Role;

  /** Scope of a PRT_SECRETARIAAT membership. */
  @Column({ name: 'province_code', type: 'text', nullable: true })
  provinceCode: ProvinceCode | null;

  /** Scope of a GEMEENTE membership. */
  @Column({ name: 'gemeente_code', type: 'text', nullable: true })
  gemeenteCode: string | null;

  /** Scope of a COA_REGIO membership. */
  @Field(() => Int, { nullable: true, description: 'For COA_REGIO: the uitplaatsingsregio number.' })
  @Column({ name: 'uitplaatsingsregio_number', type: 'smallint', nullable: true })
  uitplaatsingsregioNumber: number | null;

  @Field(() => Date)
  @Column({ name: 'granted_at', type: 'timestamptz', default: () => 'now()' })
  grantedAt: Date;

  @Column({ name: 'granted_by', type: 'uuid', nullable: true })
  grantedById: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_by', type: 'uuid', nullable: true })
  revokedById: string | null;

  @Column({ name: 'revoke_reason', type: 'text', nullable: true })
  revokeReason: string | null;

  /** Why it was granted (null for grants from before reasons were kept, and for operators' grants without one). */
  @Column({ name: 'grant_reason', type: 'text', nullable: true })
  grantReason: string | null;

  @Field(() => Boolean, { description: 'False once revoked.' })
  get active(): boolean {
    return this.revokedAt === null;
  }
}

@ObjectType({ simpleResolvers: true, description: 'A seat at a regietafel: who sits there, for which organisation, in what capacity.' })
@Entity({ name: 'regietafel_seat' })
export class RegietafelSeat {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'province_code', type: 'text' })
  provinceCode: ProvinceCode;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Field(() => RegietafelFunction)
  @Column({ type: 'text' })
  function: RegietafelFunction;

  @Field(() => String, { description: 'Capacity in which the person sits, e.g. "burgemeester, veiligheidsregio Utrecht".' })
  @Column({ type: 'text' })
  capacity: string;
}
