import { Arg, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../platform/context.js';
import { isClientError, notFound } from '../platform/errors.js';
import { normaliseId } from '../platform/validation.js';
import { Person, personRef } from '../people/entities.js';
import { ProvinceCode } from '../reference/enums.js';
import { ProvincialPlan } from '../plans/types.js';
import { LocationProposal } from '../proposals/types.js';
import { proposalPolicy } from '../proposals/proposal.policy.js';
import { Comment } from '../comments/comment.js';
import { Event, EventKind, EventSubjectType } from './event.js';

@ObjectType({ description: 'Events after a cursor.' })
export class EventPage {
  @Field(() => [Event])
  events: Event[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` to continue.' })
  endCursor: string | null;

  @Field(() => Boolean)
  hasMore: boolean;
}

/** Fresh data for every delivery: the subscription's loaders would otherwise serve what they cached before. */
function fresh(context: RequestContext): void {
  for (const loader of Object.values(context.loaders)) loader.clearAll();
}

async function unlessForbidden<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    if (isClientError(error)) return null;
    throw error;
  }
}

const PLAN_KINDS = new Set([EventKind.PLAN_CREATED, EventKind.PLAN_EDITED, EventKind.PLAN_SUBMITTED, EventKind.PLAN_ADOPTED, EventKind.PLAN_RETURNED]);

@Resolver(() => Event)
export class EventResolver {
  @Query(() => [Event], { description: 'Every recorded change to a plan, proposal, agreement or membership, oldest first (those you may see).' })
  auditTrail(@Arg('subjectId', () => ID) subjectId: string, @Ctx() { services, principal }: RequestContext) {
    return services.events.auditTrail(principal, subjectId);
  }

  @Query(() => EventPage, { description: 'What happened after a cursor (an event id): catch up after a reconnect.' })
  events(
    @Ctx() { services, principal }: RequestContext,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('provinceCode', () => ProvinceCode, { nullable: true }) provinceCode?: ProvinceCode,
    @Arg('kinds', () => [EventKind], { nullable: true }) kinds?: EventKind[],
    @Arg('first', () => Int, { nullable: true, description: '1 to 500, default 100.' }) first?: number,
  ) {
    return services.events.after(principal, { after, provinceCode, kinds, first });
  }

  @Query(() => EventPage, { description: 'The newest events you may see, newest first: an activity feed. Pass `endCursor` as `before` for older ones. Without provinceCodes: every province (IPO and LRT).' })
  recentEvents(
    @Ctx() { services, principal }: RequestContext,
    @Arg('provinceCodes', () => [ProvinceCode], { nullable: true }) provinceCodes?: ProvinceCode[],
    @Arg('before', () => String, { nullable: true }) before?: string,
    @Arg('first', () => Int, { nullable: true, description: '1 to 500, default 50.' }) first?: number,
  ) {
    return services.events.recent(principal, { before, provinceCodes, first });
  }

  @Subscription(() => Event, {
    description: 'Every event in a province (all provinces for IPO and LRT without provinceCode), in order, that you may see.',
    subscribe: ({ args, context }) => {
      const { services, principal } = context as RequestContext;
      const provinceCode = args.provinceCode as ProvinceCode | undefined;
      const kinds = (args.kinds as EventKind[] | undefined) ?? [];
      services.events.assertMayFollow(principal, provinceCode, 'provinceCode');
      return services.events.subscribe(principal, {
        matches: (event) =>
          (!provinceCode ||
            event.provinceCode === provinceCode ||
            (event.subjectType === EventSubjectType.MEMBERSHIP && ((event.after as { provinceCodes?: string[] } | null)?.provinceCodes ?? []).includes(provinceCode))) &&
          (kinds.length === 0 || kinds.includes(event.kind)),
        stillAllowed: (p) => services.events.mayFollow(p, provinceCode),
        resolve: async (event) => event,
      });
    },
  })
  activity(
    @Root() event: Event,
    @Arg('provinceCode', () => ProvinceCode, { nullable: true }) _provinceCode?: ProvinceCode,
    @Arg('kinds', () => [EventKind], { nullable: true }) _kinds?: EventKind[],
  ): Event {
    return event;
  }

  @Subscription(() => ProvincialPlan, {
    description: 'The plan as it is now, every time it changes.',
    subscribe: async ({ args, context }) => {
      const ctx = context as RequestContext;
      // Events carry ids as the database writes them; queries accept any case, so must subscriptions.
      const planId = normaliseId(args.planId as string);
      const plan = await ctx.services.plans.plan(ctx.principal, planId, 'planId');
      if (!plan) throw notFound('No such plan', 'planId');
      return ctx.services.events.subscribe(ctx.principal, {
        matches: (event) => event.subjectId === planId && PLAN_KINDS.has(event.kind),
        stillAllowed: async (p) => (await unlessForbidden(() => ctx.services.plans.plan(p, planId))) !== null,
        resolve: (event) => {
          fresh(ctx);
          return unlessForbidden(() => ctx.services.plans.plan(ctx.principal, event.subjectId));
        },
      });
    },
  })
  planChanged(@Root() plan: ProvincialPlan, @Arg('planId', () => ID) _planId: string): ProvincialPlan {
    return plan;
  }

  @Subscription(() => LocationProposal, {
    description: 'A proposal of the province as it is now, every time one is created or moves.',
    subscribe: ({ args, context }) => {
      const ctx = context as RequestContext;
      const provinceCode = args.provinceCode as ProvinceCode;
      ctx.services.events.assertMayFollow(ctx.principal, provinceCode, 'provinceCode');
      return ctx.services.events.subscribe(ctx.principal, {
        matches: (event) => event.subjectType === EventSubjectType.LOCATION_PROPOSAL && event.provinceCode === provinceCode && event.kind.startsWith('PROPOSAL_'),
        stillAllowed: (p) => ctx.services.events.mayFollow(p, provinceCode),
        resolve: async (event) => {
          fresh(ctx);
          const proposal = await ctx.loaders.proposal.load(event.subjectId);
          return proposal && proposalPolicy.canRead(ctx.principal, proposal) ? proposal : null;
        },
      });
    },
  })
  proposalChanged(@Root() proposal: LocationProposal, @Arg('provinceCode', () => ProvinceCode) _provinceCode: ProvinceCode): LocationProposal {
    return proposal;
  }

  @Subscription(() => Comment, {
    description: 'Every new comment on a plan, proposal or agreement that you may see.',
    subscribe: async ({ args, context }) => {
      const ctx = context as RequestContext;
      const subjectId = normaliseId(args.subjectId as string);
      await ctx.services.events.auditTrail(ctx.principal, subjectId); // the subject must exist and be visible now
      return ctx.services.events.subscribe(ctx.principal, {
        matches: (event) => event.subjectId === subjectId && event.kind === EventKind.COMMENT_ADDED,
        stillAllowed: async (p) => (await unlessForbidden(() => ctx.services.events.auditTrail(p, subjectId))) !== null,
        resolve: async (event) => {
          fresh(ctx);
          const commentId = (event.after as { commentId: string }).commentId;
          const comments = await ctx.loaders.commentsOfSubject.load(`${event.subjectType}:${event.subjectId}`);
          return ctx.services.comments.visible(ctx.principal, comments).find((comment) => comment.id === commentId) ?? null;
        },
      });
    },
  })
  commentAdded(@Root() comment: Comment, @Arg('subjectId', () => ID) _subjectId: string): Comment {
    return comment;
  }

  @FieldResolver(() => Person, { nullable: true })
  actor(@Root() event: Event) {
    return event.actorId ? personRef(event.actorId, event.actorName) : null;
  }
}
