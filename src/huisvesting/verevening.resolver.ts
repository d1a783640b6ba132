import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../platform/context.js';
import { ProvinceOverview } from '../monitoring/index.js';
import { huisvestingPolicy } from './huisvesting.policy.js';
import { verevening } from './rules.js';

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
  async shortTermDeduction(@Root() province: ProvinceOverview, @Ctx() { loaders, principal }: RequestContext): Promise<number | null> {
    return (await deductionOn(province, loaders, principal))?.deduction ?? null;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'shortTermTarget − shortTermDeduction, not below 0 (null where the deduction is).' })
  async shortTermTargetAfterVerevening(@Root() province: ProvinceOverview, @Ctx() { loaders, principal }: RequestContext): Promise<number | null> {
    return (await deductionOn(province, loaders, principal))?.remainingTarget ?? null;
  }
}

async function deductionOn(province: ProvinceOverview, loaders: RequestContext['loaders'], principal: RequestContext['principal']) {
  if (!huisvestingPolicy.canReadProvince(principal, province.provinceCode)) return null;
  const peildata = await loaders.peildataOfProvince.load(province.provinceCode);
  return verevening(peildata.map((p) => (p.peildatum <= province.on ? p.balance : null)), province.shortTermTarget);
}
