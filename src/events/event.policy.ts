import type { Principal } from '../platform/auth/principal.js';
import { isNational } from '../platform/auth/scope.js';
import { agreementPolicy } from '../agreements/agreement.policy.js';
import { membershipPolicy } from '../people/membership.policy.js';
import { planPolicy } from '../plans/plan.policy.js';
import type { PlanStatus } from '../plans/status.js';
import { proposalPolicy } from '../proposals/proposal.policy.js';
import type { ProvinceCode } from '../reference/enums.js';
import { EventKind, EventSubjectType, type Event } from './event.js';

/**
 * Whether the principal may see an event: exactly when they may see its subject as it was after the change,
 * by the policy of the subject's own capability, the same one queries use.
 */
export function canSeeEvent(principal: Principal, event: Event): boolean {
  const province = event.provinceCode as ProvinceCode;
  switch (event.subjectType) {
    case EventSubjectType.PROVINCIAL_PLAN: {
      // A comment's event also needs the status the comment was written on: a comment written on a draft stays
      // with the draft's readers, whatever the plan's status when it is edited or resolved.
      const writtenOn = (event.after as { writtenOnStatus?: string } | null)?.writtenOnStatus;
      if (writtenOn && !planPolicy.canRead(principal, province, writtenOn as PlanStatus)) return false;
      return planPolicy.canRead(principal, province, event.subjectStatus as PlanStatus);
    }
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

/**
 * The event as the principal may see it. Seeing an event does not mean seeing every state it mentions: a
 * gemeente sees a plan's submission, but not the draft it was before; only IPO, LRT and the person concerned
 * see why a membership was revoked. Such parts are left out (null).
 */
export function redactEvent(principal: Principal, event: Event): Event {
  const before = event.before as Record<string, unknown> | null;
  const after = event.after as Record<string, unknown> | null;
  const province = event.provinceCode as ProvinceCode;
  const redacted = (changes: Partial<Event>) => Object.assign(Object.create(Object.getPrototypeOf(event)) as Event, event, changes);
  switch (event.subjectType) {
    case EventSubjectType.PROVINCIAL_PLAN:
      if (before && typeof before.status === 'string' && !planPolicy.canRead(principal, province, before.status as PlanStatus)) return redacted({ before: null });
      return event;
    case EventSubjectType.LOCATION_PROPOSAL:
      if (before && before.submitted === false && !proposalPolicy.canRead(principal, { provinceCode: province, gemeenteCode: event.gemeenteCode ?? '', status: 'CONCEPT', submitted: false })) {
        return redacted({ before: null });
      }
      return event;
    case EventSubjectType.MEMBERSHIP: {
      const personId = (after ?? before)?.personId as string | undefined;
      if (membershipPolicy.canSeeRevocationDetails(principal, { personId: personId ?? '' })) return event;
      const strip = (state: Record<string, unknown> | null) => (state ? { ...state, grantReason: null, revokeReason: null } : null);
      // Who revoked it is a revocation detail too.
      const actor = event.kind === EventKind.MEMBERSHIP_REVOKED ? { actorId: null, actorName: null } : {};
      return redacted({ before: strip(before), after: strip(after), ...actor });
    }
    default:
      return event;
  }
}