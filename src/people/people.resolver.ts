import { Arg, Ctx, Extensions, Field, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../platform/context.js';
import { PERSONAL_FIELD } from '../platform/subscription-execution.js';
import { Connection } from '../platform/pagination.js';
import { Gemeente, Province, ProvinceCode, Uitplaatsingsregio } from '../reference/index.js';
import { Ability } from './abilities.js';
import { Event } from '../events/index.js';
import { Membership, Organisation, Person, personRef, RegietafelSeat } from './entities.js';
import { RegietafelFunction, Role } from './enums.js';
import { GrantMembershipInput, RevokeMembershipInput } from './inputs.js';
import { membershipPolicy } from './membership.policy.js';
import type { ScopedMembership } from './people.service.js';

export const MembershipConnection = Connection(Membership, 'Membership');

@ObjectType({ simpleResolvers: true, description: 'Who is asking: the person behind the token, their memberships and what they may do.' })
export class Viewer {
  @Field(() => String, { description: 'The `sub` claim of the token.' })
  subject: string;

  @Field(() => String)
  name: string;

  @Field(() => Person, { nullable: true, description: 'Null when regietafel does not know this subject yet (no memberships).' })
  person: Person | null;

  @Field(() => [Membership], { description: 'Active memberships.' })
  memberships: Membership[];

  @Field(() => [Ability])
  abilities: Ability[];
}

@ObjectType({ simpleResolvers: true, description: "A province's Provinciale Regietafel: chair, secretariat and members." })
export class Regietafel {
  provinceCode: ProvinceCode;
}

@Resolver()
export class ViewerResolver {
  @Query(() => Viewer)
  async viewer(@Ctx() { principal, loaders, services }: RequestContext): Promise<Viewer> {
    return {
      subject: principal.subject,
      name: principal.name,
      person: principal.personId ? await loaders.person.load(principal.personId) : null,
      memberships: principal.personId ? await loaders.activeMembershipsOfPerson.load(principal.personId) : [],
      abilities: services.people.abilitiesOf(principal),
    };
  }

  @Query(() => [Organisation], {
    description: 'The national organisations (COA, IPO, VNG and the ministries), by kind and abbreviation: whom an LRT or PARTNER member may act for.',
  })
  nationalOrganisations(@Ctx() { services }: RequestContext): Promise<Organisation[]> {
    return services.people.nationalOrganisations();
  }
}

@Resolver(() => Membership)
export class MembershipResolver {
  @Query(() => MembershipConnection, {
    description: 'Memberships, newest first. IPO and LRT see all; others see those reaching the provinces they work in, and their own.',
  })
  memberships(
    @Ctx() { services, principal }: RequestContext,
    @Arg('provinceCode', () => ProvinceCode, { nullable: true }) provinceCode?: ProvinceCode,
    @Arg('role', () => Role, { nullable: true }) role?: Role,
    @Arg('includeRevoked', () => Boolean, { defaultValue: false }) includeRevoked?: boolean,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 0 to 500; default 50.' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return services.people.memberships(principal, { provinceCode, role, includeRevoked }, first, after);
  }

  @Mutation(() => Membership, { description: 'LRT only. Creates the person if regietafel does not know the subject yet.' })
  grantMembership(@Arg('input', () => GrantMembershipInput) input: GrantMembershipInput, @Ctx() { services, principal }: RequestContext) {
    return services.people.grantMembership(principal, input);
  }

  @Mutation(() => Membership, { description: 'LRT only. The membership is kept, marked revoked, with who, when and why.' })
  revokeMembership(@Arg('input', () => RevokeMembershipInput) input: RevokeMembershipInput, @Ctx() { services, principal }: RequestContext) {
    return services.people.revokeMembership(principal, input.membershipId, input.reason);
  }

  @FieldResolver(() => Person)
  async person(@Root() membership: Membership, @Ctx() { loaders }: RequestContext) {
    return loaders.person.load(membership.personId);
  }

  @FieldResolver(() => Organisation)
  async organisation(@Root() membership: Membership, @Ctx() { loaders }: RequestContext) {
    return loaders.organisation.load(membership.organisationId);
  }

  @FieldResolver(() => Province, { nullable: true, description: 'For PRT_SECRETARIAAT.' })
  async province(@Root() membership: Membership, @Ctx() { loaders }: RequestContext) {
    return membership.provinceCode ? loaders.province.load(membership.provinceCode) : null;
  }

  @FieldResolver(() => Gemeente, { nullable: true, description: 'For GEMEENTE.' })
  async gemeente(@Root() membership: Membership, @Ctx() { loaders }: RequestContext) {
    return membership.gemeenteCode ? loaders.gemeente.load(membership.gemeenteCode) : null;
  }

  @FieldResolver(() => Uitplaatsingsregio, { nullable: true, description: 'For COA_REGIO.' })
  async uitplaatsingsregio(@Root() membership: Membership, @Ctx() { loaders }: RequestContext) {
    return membership.uitplaatsingsregioNumber ? loaders.uitplaatsingsregio.load(membership.uitplaatsingsregioNumber) : null;
  }

  @FieldResolver(() => [ProvinceCode], { description: 'Provinces this membership reaches.' })
  provinceCodes(@Root() membership: ScopedMembership): ProvinceCode[] {
    return membership.provinceCodes;
  }

  @FieldResolver(() => Person, { nullable: true })
  async grantedBy(@Root() membership: Membership, @Ctx() { loaders }: RequestContext) {
    return membership.grantedById ? loaders.person.load(membership.grantedById) : null;
  }

  @FieldResolver(() => Person, { nullable: true, description: 'Shown to IPO, LRT and the person concerned.' })
  @Extensions(PERSONAL_FIELD)
  async revokedBy(@Root() membership: Membership, @Ctx() { loaders, principal }: RequestContext) {
    if (!membership.revokedById || !membershipPolicy.canSeeRevocationDetails(principal, membership)) return null;
    return loaders.person.load(membership.revokedById);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Why it was granted. Shown to IPO, LRT and the person concerned.' })
  @Extensions(PERSONAL_FIELD)
  grantReason(@Root() membership: Membership, @Ctx() { principal }: RequestContext): string | null {
    return membershipPolicy.canSeeRevocationDetails(principal, membership) ? membership.grantReason : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Why it was revoked. Shown to IPO, LRT and the person concerned.' })
  @Extensions(PERSONAL_FIELD)
  revokeReason(@Root() membership: Membership, @Ctx() { principal }: RequestContext): string | null {
    return membershipPolicy.canSeeRevocationDetails(principal, membership) ? membership.revokeReason : null;
  }
}

@Resolver(() => Person)
export class PersonResolver {
  @FieldResolver(() => [Membership], { description: 'Active memberships of this person that you may see.' })
  @Extensions(PERSONAL_FIELD)
  async memberships(@Root() person: Person, @Ctx() { loaders, principal }: RequestContext) {
    const memberships = await loaders.activeMembershipsOfPerson.load(person.id);
    return memberships.filter((membership) => membershipPolicy.canRead(principal, membership));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "The `sub` claim of the person's tokens, by which `grantMembership` names them. Only for those who may grant memberships (LRT); null for others.",
  })
  async subject(@Root() person: Person, @Ctx() { loaders, principal }: RequestContext): Promise<string | null> {
    if (!membershipPolicy.canManage(principal)) return null;
    return person.subject ?? (await loaders.person.load(person.id))?.subject ?? null;
  }
}

@Resolver(() => Organisation)
export class OrganisationResolver {
  @FieldResolver(() => Province, { nullable: true, description: 'For a provincie.' })
  async province(@Root() organisation: Organisation, @Ctx() { loaders }: RequestContext) {
    return organisation.provinceCode ? loaders.province.load(organisation.provinceCode) : null;
  }

  @FieldResolver(() => Gemeente, { nullable: true, description: 'For a gemeente.' })
  async gemeente(@Root() organisation: Organisation, @Ctx() { loaders }: RequestContext) {
    return organisation.gemeenteCode ? loaders.gemeente.load(organisation.gemeenteCode) : null;
  }
}

/** Regietafel composition (chair, secretariat, members) is public: see membershipPolicy. */
@Resolver(() => Regietafel)
export class RegietafelResolver {
  @Query(() => Regietafel, { description: "A province's regietafel." })
  regietafel(@Arg('provinceCode', () => ProvinceCode) provinceCode: ProvinceCode): Regietafel {
    return { provinceCode };
  }

  @FieldResolver(() => Province)
  async province(@Root() regietafel: Regietafel, @Ctx() { loaders }: RequestContext) {
    return loaders.province.load(regietafel.provinceCode);
  }

  @FieldResolver(() => Person, { nullable: true, description: 'The Commissaris van de Koning, chairing as Rijksheer.' })
  async chair(@Root() regietafel: Regietafel, @Ctx() { loaders }: RequestContext) {
    const seats = await loaders.seatsOfProvince.load(regietafel.provinceCode);
    const chair = seats.find((seat) => seat.function === RegietafelFunction.VOORZITTER);
    return chair ? loaders.person.load(chair.personId) : null;
  }

  @FieldResolver(() => [Person], { description: 'People with an active PRT_SECRETARIAAT membership for this province.' })
  secretariat(@Root() regietafel: Regietafel, @Ctx() { loaders }: RequestContext) {
    return loaders.secretariatOfProvince.load(regietafel.provinceCode);
  }

  @FieldResolver(() => [RegietafelSeat], { description: 'Everyone with a seat, the chair first.' })
  members(@Root() regietafel: Regietafel, @Ctx() { loaders }: RequestContext) {
    return loaders.seatsOfProvince.load(regietafel.provinceCode);
  }
}

@Resolver(() => RegietafelSeat)
export class RegietafelSeatResolver {
  @FieldResolver(() => Person)
  person(@Root() seat: RegietafelSeat, @Ctx() { loaders }: RequestContext) {
    return loaders.person.load(seat.personId);
  }

  @FieldResolver(() => Organisation)
  organisation(@Root() seat: RegietafelSeat, @Ctx() { loaders }: RequestContext) {
    return loaders.organisation.load(seat.organisationId);
  }
}

@Resolver(() => Province)
export class ProvinceRegietafelResolver {
  @FieldResolver(() => Regietafel, { description: "This province's regietafel." })
  regietafel(@Root() province: Province): Regietafel {
    return { provinceCode: province.code };
  }
}

/** Who made a change: people are this capability's, so it adds the field to events. */
@Resolver(() => Event)
export class EventActorResolver {
  @FieldResolver(() => Person, { nullable: true })
  actor(@Root() event: Event) {
    return event.actorId ? personRef(event.actorId, event.actorName) : null;
  }
}
