import { Arg, Ctx, Extensions, Field, ID, Int, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { defaultPageSize } from '../platform/pagination.js';
import type { RequestContext } from '../platform/context.js';
import { ProvinceCode } from '../reference/index.js';
import { Event, EventKinds, type EventKind } from './event.js';
import { EVENTS_PAGE_SIZE } from './event.service.js';
import { reach } from './subscriber-index.js';

@ObjectType({ simpleResolvers: true, description: 'Events after a cursor.' })
export class EventPage {
  @Field(() => [Event])
  events: Event[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` to continue.' })
  endCursor: string | null;

  @Field(() => Boolean)
  hasMore: boolean;
}

@Resolver(() => Event)
export class EventResolver {
  @Query(() => [Event], { description: 'Every recorded change to a plan, proposal, agreement or membership, oldest first (those you may see).' })
  auditTrail(@Arg('subjectId', () => ID) subjectId: string, @Ctx() { services, principal }: RequestContext) {
    return services.events.auditTrail(principal, subjectId);
  }

  @Query(() => EventPage, { description: 'What happened after a cursor (an event id): catch up after a reconnect.' })
  @Extensions(defaultPageSize(EVENTS_PAGE_SIZE))
  events(
    @Ctx() { services, principal }: RequestContext,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('provinceCode', () => ProvinceCode, { nullable: true }) provinceCode?: ProvinceCode,
    @Arg('kinds', () => [EventKinds.values], { nullable: true }) kinds?: EventKind[],
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
          (!provinceCode || services.events.concernsProvince(event, provinceCode)) &&
          (kinds.length === 0 || kinds.includes(event.kind)),
        stillAllowed: (p) => services.events.mayFollow(p, provinceCode),
        resolve: (event) => event,
        reach: provinceCode ? [reach.province(provinceCode)] : undefined,
      });
    },
  })
  activity(
    @Root() event: Event,
    @Arg('provinceCode', () => ProvinceCode, { nullable: true }) _provinceCode?: ProvinceCode,
    @Arg('kinds', () => [EventKinds.values], { nullable: true }) _kinds?: EventKind[],
  ): Event {
    return event;
  }
}
