import { EventKinds, EventSubjectTypes, redacted, type EventSubject } from '../events/index.js';
import { PROVINCE_CODES, type ProvinceCode } from '../reference/index.js';
import { planPolicy } from './plan.policy.js';
import type { PlanStatus } from './status.js';

export enum PlanEventKind {
  PLAN_CREATED = 'PLAN_CREATED',
  PLAN_EDITED = 'PLAN_EDITED',
  PLAN_SUBMITTED = 'PLAN_SUBMITTED',
  PLAN_ADOPTED = 'PLAN_ADOPTED',
  PLAN_RETURNED = 'PLAN_RETURNED',
  OPGAVE_SET = 'OPGAVE_SET',
  SHORT_TERM_TARGET_REVISED = 'SHORT_TERM_TARGET_REVISED',
}
EventKinds.add(PlanEventKind);

export enum PlanEventSubject {
  PROVINCIAL_PLAN = 'PROVINCIAL_PLAN',
  OPGAVE = 'OPGAVE',
}
EventSubjectTypes.add(PlanEventSubject);

/**
 * A plan's events are seen by whoever may read the plan in the status it had after the change, and while they may
 * read it in its status now (a plan that went back to draft hides its history, as the plan query does). A gemeente
 * sees a submission, not the draft it was before.
 */
export const planEvents: EventSubject = {
  canSee(principal, event) {
    return planPolicy.canRead(principal, event.provinceCode as ProvinceCode, event.subjectStatus as PlanStatus);
  },
  redact(principal, event) {
    const before = event.before as Record<string, unknown> | null;
    if (before && typeof before.status === 'string' && !planPolicy.canRead(principal, event.provinceCode as ProvinceCode, before.status as PlanStatus)) {
      return redacted(event, { before: null });
    }
    return event;
  },
  statusNowSql: 'SELECT pp.status FROM provincial_plan pp WHERE pp.id = e.subject_id',
};

/**
 * The opgave of a province is seen by whoever may read its plans. A national short-term target (no province; it names
 * every province in `after.provinceCodes`) by whoever may read the plans of any province.
 */
export const opgaveEvents: EventSubject = {
  provincesInState: true,
  canSee: (principal, event) =>
    event.provinceCode
      ? planPolicy.access(principal, event.provinceCode as ProvinceCode) !== 'NONE'
      : PROVINCE_CODES.some((code) => planPolicy.access(principal, code) !== 'NONE'),
};
