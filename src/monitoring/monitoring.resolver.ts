import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../platform/context.js';
import { Opvangtype, ProvinceCode } from '../reference/index.js';
import type { Event } from '../events/index.js';
import { PlanEventKind, PlanEventSubject } from '../plans/index.js';
import { ProposalEventSubject } from '../proposals/index.js';
import { AgreementEventSubject } from '../agreements/index.js';
import { addDays, today } from '../platform/dates.js';
import { monitoringPolicy } from './monitoring.policy.js';
import { ExpiringAgreementsOfProvince, NationalOverview, OverviewChange, TimelineInterval, TimelinePoint } from './types.js';

/** Events that move a figure of the overview. */
const FIGURE_SUBJECTS = new Set<string>([PlanEventSubject.PROVINCIAL_PLAN, PlanEventSubject.OPGAVE, ProposalEventSubject.LOCATION_PROPOSAL, AgreementEventSubject.AGREEMENT, AgreementEventSubject.CRISISNOODOPVANG]);
/** Events that move national realised or planned capacity, and with it every province's shares. */
const movesShares = (event: Event) =>
  event.subjectType === AgreementEventSubject.AGREEMENT ||
  event.subjectType === AgreementEventSubject.CRISISNOODOPVANG ||
  (event.subjectType === PlanEventSubject.PROVINCIAL_PLAN && ([PlanEventKind.PLAN_SUBMITTED, PlanEventKind.PLAN_ADOPTED, PlanEventKind.PLAN_RETURNED] as string[]).includes(event.kind));
export const NATIONAL_TOTALS_CHANGED = 'NATIONAL_TOTALS_CHANGED';

@Resolver()
export class MonitoringResolver {
  @Query(() => NationalOverview, {
    description: 'Opgave, plan, realised capacity, pipeline and gaps per province and opvangtype on a date, with spreiding. IPO and LRT: every province; others: the provinces their roles reach.',
  })
  nationalOverview(
    @Ctx() { services, principal }: RequestContext,
    @Arg('on', () => LocalDateResolver, { defaultValue: '2023-01-01' }) on: string,
    @Arg('provinceCode', () => ProvinceCode, { nullable: true, description: 'One province only.' }) provinceCode?: ProvinceCode,
  ) {
    return services.monitoring.nationalOverview(principal, on, provinceCode);
  }

  @Query(() => [TimelinePoint], {
    description: 'Realised places on the first day of every interval (default: every month) from `from` to `to`, at most 600 points: what a chart needs.',
  })
  capacityTimeline(
    @Ctx() { services, principal }: RequestContext,
    @Arg('provinceCode', () => ProvinceCode) provinceCode: ProvinceCode,
    @Arg('from', () => LocalDateResolver, { description: 'The first point is the start of the interval holding it.' }) from: string,
    @Arg('to', () => LocalDateResolver, { description: 'The last day a point may fall on.' }) to: string,
    @Arg('opvangtype', () => Opvangtype, { nullable: true, description: 'One type; all types when left out.' }) opvangtype?: Opvangtype,
    @Arg('interval', () => TimelineInterval, { defaultValue: TimelineInterval.MONTH }) interval?: TimelineInterval,
  ) {
    return services.monitoring.capacityTimeline(principal, provinceCode, opvangtype, from, to, interval);
  }

  @Query(() => [ExpiringAgreementsOfProvince], { description: 'Agreements ending within a number of days from a date (default: the coming year), per province, with the places at stake.' })
  expiringAgreements(
    @Ctx() { services, principal }: RequestContext,
    @Arg('within', () => Int, { defaultValue: 365, description: 'Days, 1 to 3650.' }) within: number,
    @Arg('from', () => LocalDateResolver, { nullable: true, description: 'Default today.' }) from?: string,
    @Arg('provinceCode', () => ProvinceCode, { nullable: true }) provinceCode?: ProvinceCode,
  ) {
    return services.monitoring.expiring(principal, within, from ?? today(), provinceCode);
  }

  @Subscription(() => OverviewChange, {
    description:
      'Tells a monitor that a figure it shows changed: a plan, the opgave, a proposal or an agreement in its reach, or (kind NATIONAL_TOTALS_CHANGED, no province) national realised or planned capacity, which its shares are computed from.',
    subscribe: ({ args, context }) => {
      const { services, principal } = context as RequestContext;
      const provinceCode = args.provinceCode as ProvinceCode | undefined;
      monitoringPolicy.provinces(principal, provinceCode);
      const inReach = (p: typeof principal, event: Event) => !!event.provinceCode && monitoringPolicy.scope(p).has(event.provinceCode) && (!provinceCode || event.provinceCode === provinceCode);
      // Shares are shown where all figures are (FULL): they move with every province's agreements and plans.
      const showsShares = (p: typeof principal) => [...monitoringPolicy.scope(p)].some(([code, level]) => level === 'FULL' && (!provinceCode || code === provinceCode));
      const change = (event: Event, province: ProvinceCode | null, kind: string) => Object.assign(new OverviewChange(), { eventId: event.id, at: event.at, provinceCode: province, kind });
      return services.events.subscribe(principal, {
        matches: (event) =>
          FIGURE_SUBJECTS.has(event.subjectType) && !event.kind.startsWith('COMMENT_') && (inReach(principal, event) || (movesShares(event) && showsShares(principal))),
        stillAllowed: (p) => monitoringPolicy.scope(p).size > 0 && (!provinceCode || monitoringPolicy.scope(p).has(provinceCode)),
        // One payload object per event and kind of change, shared by every subscriber it goes to (so that their
        // executions can be shared too): it says nothing that depends on who receives it.
        resolve: (event, shared) =>
          inReach(principal, event)
            ? shared.once('in reach', async () => change(event, event.provinceCode, event.kind))
            : shared.once('national totals', async () => change(event, null, NATIONAL_TOTALS_CHANGED)),
        // Outside what the subscriber may see: only that national totals moved, which refetching the shares shows anyway.
        resolveUnseen: async (event, shared) => (inReach(principal, event) ? null : shared.once('national totals', async () => change(event, null, NATIONAL_TOTALS_CHANGED))),
      });
    },
  })
  nationalOverviewChanged(@Root() change: OverviewChange, @Arg('provinceCode', () => ProvinceCode, { nullable: true }) _provinceCode?: ProvinceCode): OverviewChange {
    return change;
  }
}
