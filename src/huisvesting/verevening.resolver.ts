import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../platform/context.js';
import { ProvinceOverview } from '../monitoring/index.js';

/**
 * The verevening in the monitoring figures (Handreiking 4.2.6, asked by issue 14): huisvesting adds to monitoring's
 * ProvinceOverview what its voorsprong deducts from the short-term target. One batch for all provinces of an overview.
 */
@Resolver(() => ProvinceOverview)
export class ProvinceOverviewVereveningResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description:
      "Verevening (Handreiking 4.2.6): the province's voorsprong in housing vergunninghouders at the peildata (1 Jan 2021, 1 Jul 2021, 1 Jan 2022) on or before the date, added up: deducted from its short-term target. Null where you may not read the province's huisvesting.",
  })
  async shortTermDeduction(@Root() province: ProvinceOverview, @Ctx() context: RequestContext): Promise<number | null> {
    return (await deductionOn(province, context))?.deduction ?? null;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'shortTermTarget − shortTermDeduction, not below 0 (null where the deduction is).' })
  async shortTermTargetAfterVerevening(@Root() province: ProvinceOverview, @Ctx() context: RequestContext): Promise<number | null> {
    return (await deductionOn(province, context))?.remainingTarget ?? null;
  }
}

function deductionOn(province: ProvinceOverview, { loaders, principal, services }: RequestContext) {
  return services.huisvesting.overviewVerevening(principal, province, loaders.peildataOfProvince);
}
