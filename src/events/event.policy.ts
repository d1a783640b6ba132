import type { Principal } from '../platform/auth/principal.js';
import type { Event } from './event.js';

/**
 * Who may see the events about one kind of subject, registered by the capability that owns the subject (as comment
 * subjects are): the same policy its queries use.
 */
export interface EventSubject {
  /** Whether the principal may see the event: exactly when they may see its subject as it was after the change. */
  canSee(principal: Principal, event: Event): boolean;
  /**
   * The event as the principal may see it. Seeing an event does not mean seeing every state it mentions (a gemeente
   * sees a plan's submission, not the draft it was before): such parts are left out (null). Default: all of it.
   */
  redact?(principal: Principal, event: Event): Event;
  /**
   * For subjects whose history hides with them (a plan that went back to draft): SQL giving the subject's status now,
   * for the event aliased `e`. Its events are shown only to those who may see the subject in that status too.
   */
  statusNowSql?: string;
  /** Its events concern several provinces, named in `after.provinceCodes` (a membership of a COA region). */
  provincesInState?: boolean;
  /** The person whose rights the event changes, if any: their subscriptions check again whether they may go on. */
  rightsChangedOf?(event: Event): string | null;
}

export type EventSubjects = Readonly<Record<string, EventSubject>>;

/**
 * Events about a subject no capability registered are seen by no one. A comment's event (edit, resolution) names the
 * subject's status when the comment was written (`after.writtenOnStatus`) besides its status now: its reader must be
 * able to see the subject in both, as a reader of the comment must, whatever the kind of subject.
 */
export function canSeeEvent(subjects: EventSubjects, principal: Principal, event: Event): boolean {
  const subject = subjects[event.subjectType];
  if (!subject) return false;
  const after = event.after as { writtenOnStatus?: string } | null;
  if (after?.writtenOnStatus && !subject.canSee(principal, redacted(event, { subjectStatus: after.writtenOnStatus, after: { ...after, writtenOnStatus: undefined } }))) return false;
  return subject.canSee(principal, event);
}

export function redactEvent(subjects: EventSubjects, principal: Principal, event: Event): Event {
  return subjects[event.subjectType]?.redact?.(principal, event) ?? event;
}

/** A copy of the event with some parts changed (left out), keeping its class. */
export function redacted(event: Event, changes: Partial<Event>): Event {
  return Object.assign(Object.create(Object.getPrototypeOf(event)) as Event, event, changes);
}

/** Whether an event concerns a province: its own, or one its state names (`provincesInState`). */
export function concernsProvince(subjects: EventSubjects, event: Event, provinceCode: string): boolean {
  if (event.provinceCode === provinceCode) return true;
  return !!subjects[event.subjectType]?.provincesInState && (((event.after as { provinceCodes?: string[] } | null)?.provinceCodes) ?? []).includes(provinceCode);
}
