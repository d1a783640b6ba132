import { EventKinds, EventSubjectTypes, redacted, type EventSubject } from '../events/index.js';
import type { ProvinceCode } from '../reference/index.js';
import { proposalPolicy } from './proposal.policy.js';

export enum ProposalEventKind {
  PROPOSAL_CREATED = 'PROPOSAL_CREATED',
  PROPOSAL_CHANGED = 'PROPOSAL_CHANGED',
}
EventKinds.add(ProposalEventKind);

export enum ProposalEventSubject {
  LOCATION_PROPOSAL = 'LOCATION_PROPOSAL',
}
EventSubjectTypes.add(ProposalEventSubject);

/** A proposal's events are seen by whoever may read it as it was after the change; a draft before it stays the gemeente's. */
export const proposalEvents: EventSubject = {
  canSee(principal, event) {
    // Comment events carry no proposal state: their subjectStatus is CONCEPT while the proposal was never submitted.
    const state = (event.after ?? {}) as { submitted?: boolean };
    const submitted = state.submitted ?? event.subjectStatus !== 'CONCEPT';
    return proposalPolicy.canRead(principal, { provinceCode: event.provinceCode as ProvinceCode, gemeenteCode: event.gemeenteCode ?? '', status: event.subjectStatus ?? '', submitted });
  },
  redact(principal, event) {
    const before = event.before as Record<string, unknown> | null;
    const draft = { provinceCode: event.provinceCode as ProvinceCode, gemeenteCode: event.gemeenteCode ?? '', status: 'CONCEPT', submitted: false };
    if (before && before.submitted === false && !proposalPolicy.canRead(principal, draft)) return redacted(event, { before: null });
    return event;
  },
};
