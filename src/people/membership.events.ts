import type { Principal } from '../platform/auth/principal.js';
import { EventKinds, EventSubjectTypes, redacted, type EventSubject } from '../events/index.js';
import type { ProvinceCode } from '../reference/index.js';
import { membershipPolicy } from './membership.policy.js';

export enum MembershipEventKind {
  MEMBERSHIP_GRANTED = 'MEMBERSHIP_GRANTED',
  MEMBERSHIP_REVOKED = 'MEMBERSHIP_REVOKED',
}
EventKinds.add(MembershipEventKind);

export enum PeopleEventSubject {
  MEMBERSHIP = 'MEMBERSHIP',
}
EventSubjectTypes.add(PeopleEventSubject);

type MembershipState = { personId?: string; provinceCodes?: ProvinceCode[] } | null;

/**
 * A membership's events are seen by whoever may see the membership; only IPO, LRT and the person concerned see why
 * it was granted or revoked, and who revoked it. It reaches several provinces (a COA region), named in its state.
 */
export const membershipEvents: EventSubject = {
  canSee(principal: Principal, event) {
    const state = (event.after ?? event.before) as MembershipState;
    return membershipPolicy.canRead(principal, { personId: state?.personId ?? '', provinceCodes: state?.provinceCodes ?? [] });
  },
  redact(principal, event) {
    const before = event.before as Record<string, unknown> | null;
    const after = event.after as Record<string, unknown> | null;
    const personId = (after ?? before)?.personId as string | undefined;
    if (membershipPolicy.canSeeRevocationDetails(principal, { personId: personId ?? '' })) return event;
    const strip = (state: Record<string, unknown> | null) => (state ? { ...state, grantReason: null, revokeReason: null } : null);
    // Who revoked it is a revocation detail too.
    const actor = event.kind === MembershipEventKind.MEMBERSHIP_REVOKED ? { actorId: null, actorName: null } : {};
    return redacted(event, { before: strip(before), after: strip(after), ...actor });
  },
  provincesInState: true,
  rightsChangedOf: (event) => ((event.after ?? event.before) as MembershipState)?.personId ?? null,
};
