import { EventKinds, EventSubjectTypes, type EventSubject } from '../events/index.js';
import type { ProvinceCode } from '../reference/index.js';
import { agreementPolicy } from './agreement.policy.js';

export enum AgreementEventKind {
  AGREEMENT_REGISTERED = 'AGREEMENT_REGISTERED',
  AGREEMENT_EXTENDED = 'AGREEMENT_EXTENDED',
  AGREEMENT_ENDED = 'AGREEMENT_ENDED',
  CRISISNOODOPVANG_RECORDED = 'CRISISNOODOPVANG_RECORDED',
  CRISISNOODOPVANG_CHANGED = 'CRISISNOODOPVANG_CHANGED',
}
EventKinds.add(AgreementEventKind);

export enum AgreementEventSubject {
  AGREEMENT = 'AGREEMENT',
  CRISISNOODOPVANG = 'CRISISNOODOPVANG',
}
EventSubjectTypes.add(AgreementEventSubject);

/** An agreement's events are seen by whoever may read the agreement. */
export const agreementEvents: EventSubject = {
  canSee: (principal, event) => agreementPolicy.canRead(principal, { provinceCode: event.provinceCode as ProvinceCode, gemeenteCode: event.gemeenteCode ?? '' }),
};
