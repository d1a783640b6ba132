import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../platform/context.js';
import { asksTotalCount, Connection } from '../platform/pagination.js';
import { Gemeente, OpvangtypeRecord, Province, Uitplaatsingsregio } from './entities.js';
import { ProvinceCode } from './enums.js';
import { normaliseGemeenteCode } from './reference.service.js';

export const GemeenteConnection = Connection(Gemeente, 'Gemeente');

/** Reference data is readable by every authenticated person; the server refuses anyone else before resolvers run. */
@Resolver(() => Province)
export class ProvinceResolver {
  @Query(() => [Province], { description: 'The twelve provinces, in CBS order (PV20 to PV31).' })
  provinces(@Ctx() { services }: RequestContext): Promise<Province[]> {
    return services.reference.provinces();
  }

  @Query(() => Province, { description: 'One province by its code.' })
  async province(@Arg('code', () => ProvinceCode) code: ProvinceCode, @Ctx() { loaders }: RequestContext): Promise<Province> {
    return (await loaders.province.load(code))!;
  }

  @FieldResolver(() => Uitplaatsingsregio, { description: "The COA uitplaatsingsregio this province belongs to." })
  async uitplaatsingsregio(@Root() province: Province, @Ctx() { loaders }: RequestContext): Promise<Uitplaatsingsregio> {
    return (await loaders.uitplaatsingsregio.load(province.uitplaatsingsregioNumber))!;
  }

  @FieldResolver(() => GemeenteConnection, { description: 'Gemeenten of this province, by name.' })
  gemeenten(
    @Root() province: Province,
    @Ctx() { loaders }: RequestContext,
    @Arg('search', () => String, { nullable: true, description: 'Part of the name; case and accents are ignored.' }) search?: string,
    @Arg('includeEnded', () => Boolean, { defaultValue: false, description: 'Also gemeenten that merged or dissolved.' }) includeEnded?: boolean,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 0 to 500; default 50.' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return loaders.gemeentenOfProvince.load({
      provinceCode: province.code,
      filter: { search: search ?? null, includeEnded: includeEnded ?? false },
      first: first ?? null,
      after: after ?? null,
      withCount: info ? asksTotalCount(info) : true,
    });
  }
}

@Resolver(() => Gemeente)
export class GemeenteResolver {
  @Query(() => Gemeente, { nullable: true, description: 'One gemeente by CBS code (GM0344); null if there is none with that code.' })
  gemeente(@Arg('code', () => String) code: string, @Ctx() { loaders }: RequestContext) {
    return loaders.gemeente.load(normaliseGemeenteCode(code));
  }

  @Query(() => GemeenteConnection, { description: 'Gemeenten by name, optionally within one province or matching a search.' })
  gemeenten(
    @Ctx() { services }: RequestContext,
    @Arg('provinceCode', () => ProvinceCode, { nullable: true }) provinceCode?: ProvinceCode,
    @Arg('search', () => String, { nullable: true, description: 'Part of the name; case and accents are ignored.' }) search?: string,
    @Arg('includeEnded', () => Boolean, { defaultValue: false, description: 'Also gemeenten that merged or dissolved.' }) includeEnded?: boolean,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 0 to 500; default 50.' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return services.reference.gemeenten({ provinceCode, search, includeEnded }, first, after, info ? asksTotalCount(info) : true);
  }

  @FieldResolver(() => Province)
  async province(@Root() gemeente: Gemeente, @Ctx() { loaders }: RequestContext): Promise<Province> {
    return (await loaders.province.load(gemeente.provinceCode))!;
  }

  @FieldResolver(() => String, { description: 'CBS number without prefix, e.g. 0344.' })
  cbsNumber(@Root() gemeente: Gemeente): string {
    return gemeente.code.slice(2);
  }
}

@Resolver(() => Uitplaatsingsregio)
export class UitplaatsingsregioResolver {
  @Query(() => [Uitplaatsingsregio], { description: "COA's five uitplaatsingsregio's with their provinces." })
  uitplaatsingsregios(@Ctx() { services }: RequestContext): Promise<Uitplaatsingsregio[]> {
    return services.reference.uitplaatsingsregios();
  }

  @FieldResolver(() => [Province])
  provinces(@Root() regio: Uitplaatsingsregio, @Ctx() { loaders }: RequestContext): Promise<Province[]> {
    return loaders.provincesOfRegio.load(regio.number);
  }
}

@Resolver(() => OpvangtypeRecord)
export class OpvangtypeResolver {
  @Query(() => [OpvangtypeRecord], { description: 'Every opvangtype with its description; the flexible system types first.' })
  opvangtypes(@Ctx() { services }: RequestContext): Promise<OpvangtypeRecord[]> {
    return services.reference.opvangtypes();
  }
}
