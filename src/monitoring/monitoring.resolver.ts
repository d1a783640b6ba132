import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../platform/context.js';
import { Opvangtype, ProvinceCode } from '../reference/enums.js';
import { NationalOverview, TimelinePoint } from './types.js';

@Resolver()
export class MonitoringResolver {
  @Query(() => NationalOverview, {
    description: 'Opgave, plan, realised capacity, pipeline and gaps per province and opvangtype on a date, with spreiding. IPO and LRT: every province; others: the provinces their roles reach.',
  })
  nationalOverview(
    @Ctx() { services, principal }: RequestContext,
    @Arg('on', () => String, { defaultValue: '2023-01-01' }) on: string,
    @Arg('provinceCode', () => ProvinceCode, { nullable: true, description: 'One province only.' }) provinceCode?: ProvinceCode,
  ) {
    return services.monitoring.nationalOverview(principal, on, provinceCode);
  }

  @Query(() => [TimelinePoint], { description: 'Realised places at the first of every month: what a chart needs.' })
  capacityTimeline(
    @Ctx() { services, principal }: RequestContext,
    @Arg('provinceCode', () => ProvinceCode) provinceCode: ProvinceCode,
    @Arg('from', () => String) from: string,
    @Arg('to', () => String) to: string,
    @Arg('opvangtype', () => Opvangtype, { nullable: true }) opvangtype?: Opvangtype,
  ) {
    return services.monitoring.capacityTimeline(principal, provinceCode, opvangtype, from, to);
  }
}
