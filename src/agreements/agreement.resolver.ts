import { LocalDateResolver } from 'graphql-scalars';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../platform/context.js';
import { badUserInput } from '../platform/errors.js';
import { connectionAsks, Connection } from '../platform/pagination.js';
import { Gemeente, Opvangtype, Province, ProvinceCode, readingPlacesAhead } from '../reference/index.js';
import { Comment } from '../comments/index.js';
import { AgreementCommentSubject } from './agreement.comments.js';
import { isIsoDate } from '../platform/validation.js';
import { LocationProposal, proposalPolicy } from '../proposals/index.js';
import { oversees } from '../platform/auth/scope.js';
import { AgreementStatus } from './status.js';
import { Agreement, AgreementExtension, EndAgreementInput, ExtendAgreementInput, ExtensionReport, RealisedCapacity, RegisterAgreementInput } from './types.js';

export const AgreementConnection = Connection(Agreement, 'Agreement');

@Resolver(() => Agreement)
export class AgreementResolver {
  @Query(() => Agreement, { nullable: true })
  agreement(@Arg('id', () => ID) id: string, @Ctx() { services, principal }: RequestContext) {
    return services.agreements.agreement(principal, id);
  }

  @Query(() => AgreementConnection, { description: 'Agreements you may see, soonest end date first.' })
  agreements(
    @Ctx() { services, principal, loaders }: RequestContext,
    @Arg('provinceCode', () => ProvinceCode, { nullable: true }) provinceCode?: ProvinceCode,
    @Arg('gemeenteCode', () => String, { nullable: true }) gemeenteCode?: string,
    @Arg('opvangtype', () => Opvangtype, { nullable: true }) opvangtype?: Opvangtype,
    @Arg('status', () => AgreementStatus, { nullable: true }) status?: AgreementStatus,
    @Arg('expiringBefore', () => LocalDateResolver, { nullable: true, description: 'Only agreements whose end date is before this date, not ended early.' }) expiringBefore?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Info() info?: GraphQLResolveInfo,
  ) {
    const page = services.agreements.list(principal, { provinceCode, gemeenteCode, opvangtype, status, expiringBefore }, first, after);
    return info ? readingPlacesAhead(page, connectionAsks(info).nodeFields, loaders) : page;
  }

  @Query(() => ExtensionReport, { description: 'Of the agreements whose original end date lies in [from, until], how many were extended.' })
  extensionReport(
    @Arg('from', () => LocalDateResolver) from: string,
    @Arg('until', () => LocalDateResolver) until: string,
    @Ctx() { services, principal }: RequestContext,
    @Arg('provinceCode', () => ProvinceCode, { nullable: true }) provinceCode?: ProvinceCode,
    @Arg('gemeenteCode', () => String, { nullable: true }) gemeenteCode?: string,
  ) {
    return services.agreements.extensionReport(principal, from, until, { provinceCode, gemeenteCode });
  }

  @Mutation(() => Agreement, { description: 'COA_REGIO: register an agreement (from a proposal decided GO, which becomes OMGEZET).' })
  registerAgreement(@Arg('input', () => RegisterAgreementInput) input: RegisterAgreementInput, @Ctx() { services, principal }: RequestContext) {
    return services.agreements.register(principal, input);
  }

  @Mutation(() => Agreement, { description: 'COA_REGIO: extend (verlengen) to a later end date.' })
  extendAgreement(@Arg('input', () => ExtendAgreementInput) input: ExtendAgreementInput, @Ctx() { services, principal }: RequestContext) {
    return services.agreements.extend(principal, input);
  }

  @Mutation(() => Agreement, { description: 'COA_REGIO: end early (BEEINDIGD).' })
  endAgreement(@Arg('input', () => EndAgreementInput) input: EndAgreementInput, @Ctx() { services, principal }: RequestContext) {
    return services.agreements.end(principal, input);
  }

  @FieldResolver(() => Gemeente)
  gemeente(@Root() agreement: Agreement, @Ctx() { loaders }: RequestContext) {
    return loaders.gemeente.load(agreement.gemeenteCode);
  }

  @FieldResolver(() => [AgreementExtension])
  extensions(@Root() agreement: Agreement, @Ctx() { loaders }: RequestContext) {
    return loaders.extensionsOfAgreement.load(agreement.id);
  }

  @FieldResolver(() => LocationProposal, { nullable: true, description: 'The proposal it came from, if you may see it.' })
  async proposal(@Root() agreement: Agreement, @Ctx() { loaders, principal }: RequestContext) {
    if (!agreement.proposalId) return null;
    const proposal = await loaders.proposal.load(agreement.proposalId);
    return proposal && proposalPolicy.canRead(principal, proposal) ? proposal : null;
  }

  @FieldResolver(() => [Comment])
  async comments(@Root() agreement: Agreement, @Ctx() { loaders, principal, services }: RequestContext) {
    return services.comments.visible(principal, await loaders.commentsOfSubject.load(`${AgreementCommentSubject.AGREEMENT}:${agreement.id}`));
  }
}

@Resolver(() => Province)
export class ProvinceCapacityResolver {
  @FieldResolver(() => [RealisedCapacity], { description: "Places running on a date, per opvangtype: agreements, and the gemeenten' crisisnoodopvang as CRISISNOODOPVANG, as in the monitoring figures (for those who may read all the province's agreements)." })
  async realisedCapacity(@Root() province: Province, @Arg('date', () => LocalDateResolver) date: string, @Ctx() { loaders, principal }: RequestContext) {
    if (!isIsoDate(date)) throw badUserInput('date is not a date (YYYY-MM-DD)', 'date');
    // Totals reveal single agreements: only those who may read all of the province's agreements see them.
    if (!oversees(principal, province.code)) return [];
    return loaders.realisedCapacity.load(`${province.code}@${date}`);
  }
}

/** The agreement registered from a proposal: agreements know proposals, so they add the field to them. */
@Resolver(() => LocationProposal)
export class ProposalAgreementResolver {
  @FieldResolver(() => Agreement, { nullable: true, description: 'The agreement registered from it (OMGEZET).' })
  agreement(@Root() proposal: LocationProposal, @Ctx() { loaders }: RequestContext) {
    return proposal.agreementId ? loaders.agreement.load(proposal.agreementId) : null;
  }
}
