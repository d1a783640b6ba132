import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../platform/context.js';
import { Gemeente, Province, ProvinceCode } from '../reference/index.js';
import { halfYearArg } from './huisvesting.service.js';
import { formatHalfYear } from './rules.js';
import { huisvestingPolicy } from './huisvesting.policy.js';
import {
  GemeenteTaakstelling,
  Herverdeling,
  HerverdelingPart,
  HuisvestingAction,
  HuisvestingOverview,
  NationalTaakstelling,
  ProposeHerverdelingInput,
  ProvinceHuisvesting,
  KoppelingMonth,
  RecordKoppelingenInput,
  RecordRealisationInput,
  SetNationalTaakstellingInput,
} from './types.js';

@Resolver()
export class HuisvestingResolver {
  @Query(() => HuisvestingOverview, {
    description: 'Huisvesting of vergunninghouders per province in a half-year (e.g. 2021-I): taakstelling, housed, achterstand, voorsprong, verevening, koppeling and signal. IPO, COA and LRT: every province; PRT: its own.',
  })
  huisvestingOverview(
    @Ctx() { services, principal }: RequestContext,
    @Arg('halfYear', () => String) halfYear: string,
    @Arg('provinceCode', () => ProvinceCode, { nullable: true }) provinceCode?: ProvinceCode,
  ) {
    return services.huisvesting.overview(principal, halfYear, provinceCode);
  }

  @Query(() => [NationalTaakstelling], { description: 'The national taakstellingen per half-year, earliest first, with their source and publication date.' })
  nationalTaakstellingen(@Ctx() { services, principal }: RequestContext) {
    return services.huisvesting.nationalsWithSums(principal);
  }

  @Query(() => [KoppelingMonth], {
    description:
      "The months of a half-year for which COA recorded a gemeente's koppelingen, with their version (what a revision by recordKoppelingen sends as expectedVersion); for those who may read the gemeente.",
  })
  koppelingMonths(@Ctx() { services, principal }: RequestContext, @Arg('gemeenteCode', () => String) gemeenteCode: string, @Arg('halfYear', () => String) halfYear: string) {
    return services.huisvesting.koppelingMonths(principal, gemeenteCode, halfYear);
  }

  @Query(() => [Herverdeling], { description: 'Herverdelingen (art. 29(2)) of a half-year that involve a gemeente you may read.' })
  herverdelingen(@Ctx() { services, principal }: RequestContext, @Arg('halfYear', () => String) halfYear: string) {
    return services.huisvesting.herverdelingen(principal, halfYear);
  }

  @Mutation(() => NationalTaakstelling, { description: 'JenV (PARTNER for JenV), or the LRT on its behalf: set or revise the national taakstelling of a half-year.' })
  setNationalTaakstelling(@Arg('input', () => SetNationalTaakstellingInput) input: SetNationalTaakstellingInput, @Ctx() { services, principal }: RequestContext) {
    return services.huisvesting.setNational(principal, input);
  }

  @Mutation(() => GemeenteTaakstelling, { description: 'GEMEENTE: record what it housed in a half-year (tussenvoorziening and doorstroomwoningen included, also shown apart).' })
  recordHuisvestingRealisation(@Arg('input', () => RecordRealisationInput) input: RecordRealisationInput, @Ctx() { services, principal }: RequestContext) {
    return services.huisvesting.recordRealisation(principal, input);
  }

  @Mutation(() => Herverdeling, {
    description: 'GEMEENTE: record a herverdeling decided jointly by two or more colleges (art. 29(2)); the sum must stay equal. It counts once every party confirmed.',
  })
  proposeHerverdeling(@Arg('input', () => ProposeHerverdelingInput) input: ProposeHerverdelingInput, @Ctx() { services, principal }: RequestContext) {
    return services.huisvesting.proposeHerverdeling(principal, input);
  }

  @Mutation(() => KoppelingMonth, {
    description: "COA (of the gemeente's uitplaatsingsregio): record one gemeente's koppelingen in a month, as counts, never persons; revising a month needs the version seen.",
  })
  recordKoppelingen(@Arg('input', () => RecordKoppelingenInput) input: RecordKoppelingenInput, @Ctx() { services, principal }: RequestContext) {
    return services.huisvesting.recordKoppelingen(principal, input);
  }

  @Mutation(() => Herverdeling, { description: 'GEMEENTE: confirm a herverdeling for its college.' })
  confirmHerverdeling(@Arg('id', () => ID) id: string, @Ctx() { services, principal }: RequestContext) {
    return services.huisvesting.confirmHerverdeling(principal, id);
  }
}

@Resolver(() => Gemeente)
export class GemeenteTaakstellingResolver {
  @FieldResolver(() => GemeenteTaakstelling, { nullable: true, description: 'Its taakstelling and realisation in a half-year; null when you may not read it or it has none.' })
  taakstelling(@Root() gemeente: Gemeente, @Arg('halfYear', () => String) halfYear: string, @Ctx() { loaders, principal }: RequestContext) {
    halfYearArg(halfYear, 'halfYear');
    if (!huisvestingPolicy.canReadGemeente(principal, { gemeenteCode: gemeente.code, provinceCode: gemeente.provinceCode as ProvinceCode })) return null;
    return loaders.gemeenteTaakstelling.load(`${gemeente.code}@${halfYear}`);
  }
}

@Resolver(() => GemeenteTaakstelling)
export class GemeenteTaakstellingGemeenteResolver {
  @FieldResolver(() => Gemeente)
  gemeente(@Root() row: GemeenteTaakstelling, @Ctx() { loaders }: RequestContext) {
    return loaders.gemeente.load(row.gemeenteCode);
  }

  @FieldResolver(() => [HuisvestingAction], { description: 'What you may do with this gemeente\'s huisvesting now.' })
  viewerActions(@Root() row: GemeenteTaakstelling, @Ctx() { principal }: RequestContext): HuisvestingAction[] {
    return huisvestingPolicy.actionsFor(principal, row);
  }
}

@Resolver(() => HerverdelingPart)
export class HerverdelingPartResolver {
  @FieldResolver(() => Gemeente, { description: 'The gemeente of this part, with its name (it may lie in another province).' })
  gemeente(@Root() part: HerverdelingPart, @Ctx() { loaders }: RequestContext) {
    return loaders.gemeente.load(part.gemeenteCode);
  }

  @FieldResolver(() => Boolean, { description: 'You may confirm this part now (for its gemeente, not yet confirmed).' })
  viewerCanConfirm(@Root() part: HerverdelingPart, @Ctx() { principal }: RequestContext): boolean {
    return part.confirmedAt === null && huisvestingPolicy.actsFor(principal, part.gemeenteCode);
  }
}

@Resolver(() => Province)
export class ProvinceHuisvestingResolver {
  @FieldResolver(() => ProvinceHuisvesting, { nullable: true, description: 'Huisvesting of its gemeenten in a half-year; null when you may not read the province.' })
  huisvesting(@Root() province: Province, @Arg('halfYear', () => String) halfYear: string, @Ctx() { loaders, principal }: RequestContext) {
    const label = formatHalfYear(halfYearArg(halfYear, 'halfYear'));
    if (!huisvestingPolicy.canReadProvince(principal, province.code)) return null;
    return loaders.provinceHuisvesting.load(`${province.code}@${label}`);
  }
}
