import type { Principal } from '../platform/auth/principal.js';
import { coaProvinces, overseenProvinces, oversees, ownGemeenten } from '../platform/auth/scope.js';
import type { ProvinceCode } from '../reference/index.js';
import { ACTOR, ProposalAction, ProposalStatus, proposalActions } from './status.js';

type ProposalRef = { provinceCode: ProvinceCode; gemeenteCode: string; status: ProposalStatus | string; submitted: boolean; decision?: string | null };

/**
 * Who may see and move a location proposal.
 * - The proposing gemeente sees its proposals in every status, drafts included, and edits (while CONCEPT or
 *   INGEDIEND), submits, decides and withdraws them.
 * - Once submitted, a proposal is seen by those who oversee its province: the PRT secretariat and the
 *   regietafel's members, COA_REGIO of the uitplaatsingsregio, IPO and LRT. A draft is the gemeente's own,
 *   also when it is withdrawn without ever having been submitted.
 * - COA_REGIO of the region takes it into verkenning, advises, and converts it into an agreement.
 * - Whoever may see a proposal may comment on it.
 */
export const proposalPolicy = {
  canRead(principal: Principal, proposal: ProposalRef): boolean {
    if (ownGemeenten(principal).includes(proposal.gemeenteCode)) return true;
    return proposal.submitted && proposal.status !== ProposalStatus.CONCEPT && oversees(principal, proposal.provinceCode);
  },

  /** The same rule as SQL parameters for listings: own gemeenten (any status) and overseen provinces (not CONCEPT). */
  listingScope(principal: Principal): { gemeenten: string[]; provinces: ProvinceCode[] | null } {
    const provinces = overseenProvinces(principal);
    return { gemeenten: ownGemeenten(principal), provinces: provinces === 'ALL' ? null : provinces };
  },

  mayAct(principal: Principal, proposal: Pick<ProposalRef, 'provinceCode' | 'gemeenteCode'>, action: ProposalAction): boolean {
    return ACTOR[action] === 'GEMEENTE' ? ownGemeenten(principal).includes(proposal.gemeenteCode) : coaProvinces(principal).includes(proposal.provinceCode);
  },

  canCreate(principal: Principal, gemeenteCode: string): boolean {
    return ownGemeenten(principal).includes(gemeenteCode);
  },

  canModerateComments(principal: Principal, proposal: { provinceCode: ProvinceCode; gemeenteCode?: string }): boolean {
    return (proposal.gemeenteCode !== undefined && ownGemeenten(principal).includes(proposal.gemeenteCode)) || coaProvinces(principal).includes(proposal.provinceCode);
  },

  actionsFor(principal: Principal, proposal: ProposalRef): ProposalAction[] {
    // Converting is registering the agreement, which only a decision to go ahead allows (DECISION_NOT_GO otherwise).
    return proposalActions(proposal.status as ProposalStatus).filter((action) => (action !== ProposalAction.CONVERT || proposal.decision === 'GO') && this.mayAct(principal, proposal, action));
  },
};
