import type { Principal } from '../platform/auth/principal.js';
import { isNational } from '../platform/auth/scope.js';
import { agreementPolicy } from '../agreements/agreement.policy.js';
import { membershipPolicy } from '../people/membership.policy.js';
import { planPolicy } from '../plans/plan.policy.js';
import type { PlanStatus } from '../plans/status.js';
import { proposalPolicy } from '../proposals/proposal.policy.js';
import type { ProvinceCode } from '../reference/enums.js';
import { EventSubjectType, type Event } from './event.js';

/**
 * Whether the principal may see an event: exactly when they may see its subject as it was after the change,
 * by the policy of the subject's own capability, the same one queries use.
 */
export function canSeeEvent(principal: Principal, event: Event): boolean {
  const province = event.provinceCode as ProvinceCode;
  switch (event.subjectType) {
    case EventSubjectType.PROVINCIAL_PLAN:
      return planPolicy.canRead(principal, province, event.subjectStatus as PlanStatus);
    case EventSubjectType.OPGAVE:
      return planPolicy.access(principal, province) !== 'NONE';
    case EventSubjectType.LOCATION_PROPOSAL: {
      // Comment events carry no proposal state: their subjectStatus is CONCEPT while the proposal was never submitted.
      const state = (event.after ?? {}) as { submitted?: boolean };
      const submitted = state.submitted ?? event.subjectStatus !== 'CONCEPT';
      return proposalPolicy.canRead(principal, { provinceCode: province, gemeenteCode: event.gemeenteCode ?? '', status: event.subjectStatus ?? '', submitted });
    }
    case EventSubjectType.AGREEMENT:
      return agreementPolicy.canRead(principal, { provinceCode: province, gemeenteCode: event.gemeenteCode ?? '' });
    case EventSubjectType.MEMBERSHIP: {
      const after = (event.after ?? event.before) as { personId?: string; provinceCodes?: ProvinceCode[] } | null;
      return membershipPolicy.canRead(principal, { personId: after?.personId ?? '', provinceCodes: after?.provinceCodes ?? [] });
    }
    default:
      return isNational(principal);
  }
}
