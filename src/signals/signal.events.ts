import { EventKinds, EventSubjectTypes, type EventSubject } from '../events/index.js';
import type { ProvinceCode } from '../reference/index.js';
import { signalPolicy } from './signal.policy.js';

export enum SignalEventKind {
  SIGNAL_RAISED = 'SIGNAL_RAISED',
  SIGNAL_CHANGED = 'SIGNAL_CHANGED',
}
EventKinds.add(SignalEventKind);

export enum SignalEventSubject {
  SIGNAL = 'SIGNAL',
}
EventSubjectTypes.add(SignalEventSubject);

/** A signal's events are seen by whoever reads the signals of its province; its history never hides. */
export const signalEvents: EventSubject = {
  canSee: (principal, event) => !!event.provinceCode && signalPolicy.canRead(principal, { provinceCode: event.provinceCode as ProvinceCode }),
};
