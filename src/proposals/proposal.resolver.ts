import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../platform/context.js';
import { connectionAsks, Connection, type ConnectionAsks } from '../platform/pagination.js';
import { Person, personRef } from '../people/index.js';
import { Gemeente, Province, readingPlacesAhead } from '../reference/index.js';
import { Opvangtype, ProvinceCode } from '../reference/index.js';
import { Comment } from '../comments/index.js';
import { reach } from '../events/index.js';
import { contextForExecution } from '../platform/module.js';
import { ProposalCommentSubject } from './proposal.comments.js';
import { proposalColumns, type ListReading, type ProposalPageKey } from './proposal.service.js';
import { ProposalEventSubject } from './proposal.events.js';
import { proposalPolicy } from './proposal.policy.js';
import { ProposalAction, ProposalStatus } from './status.js';
import {
  AdviseLocationProposalInput,
  CreateLocationProposalInput,
  DecideLocationProposalInput,
  LocationProposal,
  ProposalTransition,
  ProposalTransitionInput,
  StartExplorationInput,
  UpdateLocationProposalInput,
} from './types.js';

export const LocationProposalConnection = Connection(LocationProposal, 'LocationProposal');

const filterArgs = (provinceCode?: ProvinceCode, gemeenteCode?: string, status?: ProposalStatus, opvangtype?: Opvangtype, smallScale?: boolean) => ({
  provinceCode,
  gemeenteCode,
  status,
  opvangtype,
  smallScale,
});

@Resolver(() => LocationProposal)
export class LocationProposalResolver {
  @FieldResolver(() => Boolean, {
    description:
      'At most SMALL_SCALE_MAX_PLACES places (configuration, default 150): kleinschalige opvang. The Integrale Handreiking gives no number; the default follows COA\'s later practice (see the glossary).',
  })
  smallScale(@Root() proposal: LocationProposal, @Ctx() { services }: RequestContext): boolean {
    return proposal.places <= services.proposals.smallScaleMaxPlaces;
  }

  @Query(() => LocationProposal, { nullable: true, description: 'A proposal by id; null if there is none, FORBIDDEN if you may not see it.' })
  locationProposal(@Arg('id', () => ID) id: string, @Ctx() { services, principal }: RequestContext) {
    return services.proposals.proposal(principal, id);
  }

  @Query(() => LocationProposalConnection, { description: 'Proposals you may see, newest first.' })
  locationProposals(
    @Ctx() { services, principal, loaders }: RequestContext,
    @Arg('provinceCode', () => ProvinceCode, { nullable: true }) provinceCode?: ProvinceCode,
    @Arg('gemeenteCode', () => String, { nullable: true }) gemeenteCode?: string,
    @Arg('status', () => ProposalStatus, { nullable: true }) status?: ProposalStatus,
    @Arg('opvangtype', () => Opvangtype, { nullable: true }) opvangtype?: Opvangtype,
    @Arg('smallScale', () => Boolean, { nullable: true }) smallScale?: boolean,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Info() info?: GraphQLResolveInfo,
  ) {
    const asks = info ? connectionAsks(info) : null;
    const page = services.proposals.list(principal, filterArgs(provinceCode, gemeenteCode, status, opvangtype, smallScale), first, after, asks ? readingFor(asks) : undefined);
    return asks ? readingPlacesAhead(page, asks.nodeFields, loaders) : page;
  }

  @Mutation(() => LocationProposal, { description: 'GEMEENTE: propose a location for your gemeente (starts as CONCEPT).' })
  createLocationProposal(@Arg('input', () => CreateLocationProposalInput) input: CreateLocationProposalInput, @Ctx() { services, principal }: RequestContext) {
    return services.proposals.create(principal, input);
  }

  @Mutation(() => LocationProposal, { description: 'GEMEENTE, while CONCEPT or INGEDIEND.' })
  updateLocationProposal(@Arg('input', () => UpdateLocationProposalInput) input: UpdateLocationProposalInput, @Ctx() { services, principal }: RequestContext) {
    return services.proposals.update(principal, input);
  }

  @Mutation(() => LocationProposal, { description: 'GEMEENTE: CONCEPT → INGEDIEND.' })
  submitLocationProposal(@Arg('input', () => ProposalTransitionInput) input: ProposalTransitionInput, @Ctx() { services, principal }: RequestContext) {
    return services.proposals.submit(principal, input.proposalId, input.expectedVersion, input.reason);
  }

  @Mutation(() => LocationProposal, { description: 'COA_REGIO: INGEDIEND → IN_VERKENNING, assigning a COA contact.' })
  startExploration(@Arg('input', () => StartExplorationInput) input: StartExplorationInput, @Ctx() { services, principal }: RequestContext) {
    return services.proposals.startExploration(principal, input.proposalId, input.expectedVersion, input.reviewerId, input.reason);
  }

  @Mutation(() => LocationProposal, { description: 'COA_REGIO: IN_VERKENNING → POSITIEF_ADVIES or NEGATIEF_ADVIES, with reasoning.' })
  adviseLocationProposal(@Arg('input', () => AdviseLocationProposalInput) input: AdviseLocationProposalInput, @Ctx() { services, principal }: RequestContext) {
    return services.proposals.advise(principal, input.proposalId, input.expectedVersion, input.positive, input.reasoning);
  }

  @Mutation(() => LocationProposal, { description: "GEMEENTE: record your own decision (GO or NO_GO) after COA's advice → BESLOTEN." })
  decideLocationProposal(@Arg('input', () => DecideLocationProposalInput) input: DecideLocationProposalInput, @Ctx() { services, principal }: RequestContext) {
    return services.proposals.decide(principal, input.proposalId, input.expectedVersion, input.decision, input.reason);
  }

  @Mutation(() => LocationProposal, { description: 'GEMEENTE: withdraw, at any point before OMGEZET.' })
  withdrawLocationProposal(@Arg('input', () => ProposalTransitionInput) input: ProposalTransitionInput, @Ctx() { services, principal }: RequestContext) {
    return services.proposals.withdraw(principal, input.proposalId, input.expectedVersion, input.reason);
  }

  @FieldResolver(() => Gemeente)
  gemeente(@Root() proposal: LocationProposal, @Ctx() { loaders }: RequestContext) {
    return loaders.gemeente.load(proposal.gemeenteCode);
  }

  @FieldResolver(() => Province)
  province(@Root() proposal: LocationProposal, @Ctx() { loaders }: RequestContext) {
    return loaders.province.load(proposal.provinceCode);
  }

  @FieldResolver(() => Person, { nullable: true, description: 'The COA contact exploring it.' })
  reviewer(@Root() proposal: LocationProposal, @Ctx() { loaders }: RequestContext) {
    return proposal.reviewerId ? loaders.person.load(proposal.reviewerId) : null;
  }

  @FieldResolver(() => [ProposalTransition], { description: 'Every status change, oldest first.' })
  transitions(@Root() proposal: LocationProposal, @Ctx() { loaders }: RequestContext) {
    return loaders.transitionsOfProposal.load(proposal.id);
  }

  @FieldResolver(() => [Comment])
  async comments(@Root() proposal: LocationProposal, @Ctx() { loaders, principal, services }: RequestContext) {
    return services.comments.visible(principal, await loaders.commentsOfSubject.load(`${ProposalCommentSubject.LOCATION_PROPOSAL}:${proposal.id}`));
  }

  @FieldResolver(() => Int, { description: 'Comments you may see.' })
  async commentsCount(@Root() proposal: LocationProposal, @Ctx() { loaders, principal, services }: RequestContext) {
    return services.comments.visible(principal, await loaders.commentsOfSubject.load(`${ProposalCommentSubject.LOCATION_PROPOSAL}:${proposal.id}`)).length;
  }

  @Subscription(() => LocationProposal, {
    description: 'A proposal of the province as it is now, every time one is created or moves.',
    subscribe: ({ args, context }) => {
      const ctx = context as RequestContext;
      const provinceCode = args.provinceCode as ProvinceCode;
      ctx.services.events.assertMayFollow(ctx.principal, provinceCode, 'provinceCode');
      return ctx.services.events.subscribe(ctx.principal, {
        matches: (event) => event.subjectType === ProposalEventSubject.LOCATION_PROPOSAL && event.provinceCode === provinceCode && event.kind.startsWith('PROPOSAL_'),
        stillAllowed: (p) => ctx.services.events.mayFollow(p, provinceCode),
        // Read once per change for all its subscribers (the loader reads it as stored); the policy is each one's own.
        resolve: (event, shared) =>
          shared
            .once('proposal', () => contextForExecution(ctx).loaders.proposal.load(event.subjectId))
            .then((proposal) => (proposal && proposalPolicy.canRead(ctx.principal, proposal) ? proposal : null)),
        reach: [reach.province(provinceCode)],
      });
    },
  })
  proposalChanged(@Root() proposal: LocationProposal, @Arg('provinceCode', () => ProvinceCode) _provinceCode: ProvinceCode): LocationProposal {
    return proposal;
  }

  @FieldResolver(() => [ProposalAction], { description: 'What you may do to it now. CONVERT: register its agreement (registerAgreement), offered once the gemeente decided GO.' })
  viewerActions(@Root() proposal: LocationProposal, @Ctx() { principal }: RequestContext) {
    return proposalPolicy.actionsFor(principal, proposal);
  }
}

@Resolver(() => ProposalTransition)
export class ProposalTransitionResolver {
  @FieldResolver(() => Person, { nullable: true })
  by(@Root() transition: ProposalTransition) {
    return transition.byId ? personRef(transition.byId, transition.byName) : null;
  }
}

/**
 * The filters and paging every list of proposals takes. It has no class-validator constraints (the service checks
 * each value), so the lists nested under provinces and gemeenten take it with `validate: false`: no validation pass
 * for each of hundreds of parents.
 */
@ArgsType()
class ProposalListArgs {
  @Field(() => ProposalStatus, { nullable: true })
  status?: ProposalStatus;

  @Field(() => Opvangtype, { nullable: true })
  opvangtype?: Opvangtype;

  @Field(() => Boolean, { nullable: true })
  smallScale?: boolean;

  @Field(() => Int, { nullable: true })
  first?: number;

  @Field(() => String, { nullable: true })
  after?: string;
}

/** The key of one parent's page in `proposalsOfParent`. */
function parentPage(of: ProposalPageKey['of'], code: string, args: ProposalListArgs, info: GraphQLResolveInfo): ProposalPageKey {
  const asks = connectionAsks(info);
  return {
    of,
    code,
    filter: { status: args.status ?? null, opvangtype: args.opvangtype ?? null, smallScale: args.smallScale ?? null },
    first: args.first ?? null,
    after: args.after ?? null,
    reading: readingFor(asks),
  };
}

const readings = new WeakMap<ConnectionAsks, ListReading>();

/** What a proposal list reads for what its connection field asks: once per field, not once per parent under a list. */
function readingFor(asks: ConnectionAsks): ListReading {
  let reading = readings.get(asks);
  if (!reading) readings.set(asks, (reading = { withCount: asks.totalCount, columns: proposalColumns(asks.nodeFields), cursors: asks.cursors }));
  return reading;
}

@Resolver(() => Province)
export class ProvinceProposalsResolver {
  @FieldResolver(() => LocationProposalConnection, { description: "The province's proposals you may see, newest first." })
  locationProposals(@Root() province: Province, @Ctx() { loaders }: RequestContext, @Args(() => ProposalListArgs, { validate: false }) args: ProposalListArgs, @Info() info: GraphQLResolveInfo) {
    return readingPlacesAhead(loaders.proposalsOfParent.load(parentPage('PROVINCE', province.code, args, info)), connectionAsks(info).nodeFields, loaders);
  }
}

@Resolver(() => Gemeente)
export class GemeenteProposalsResolver {
  @FieldResolver(() => LocationProposalConnection, { description: "The gemeente's proposals you may see, newest first." })
  locationProposals(@Root() gemeente: Gemeente, @Ctx() { loaders }: RequestContext, @Args(() => ProposalListArgs, { validate: false }) args: ProposalListArgs, @Info() info: GraphQLResolveInfo) {
    return readingPlacesAhead(loaders.proposalsOfParent.load(parentPage('GEMEENTE', gemeente.code, args, info)), connectionAsks(info).nodeFields, loaders);
  }
}
