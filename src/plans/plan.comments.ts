import { CommentSubjectTypes, type CommentSubjectAdapter } from '../comments/index.js';
import { planPolicy } from './plan.policy.js';
import type { PlanStatus } from './status.js';

export const PlanCommentSubject = CommentSubjectTypes.add({ PROVINCIAL_PLAN: 'PROVINCIAL_PLAN' });

/** Plans as a subject of comments: the plan policy decides who reads, comments and resolves. */
export const planCommentSubject: CommentSubjectAdapter = {
  load: (tx, ids) => tx.query('SELECT id, province_code AS "provinceCode", version, status FROM provincial_plan WHERE id = ANY($1::uuid[])', [ids]),
  canRead: (principal, subject) => planPolicy.canRead(principal, subject.provinceCode, subject.status as PlanStatus),
  canModerate: (principal, provinceCode) => planPolicy.canEdit(principal, provinceCode) || planPolicy.canDecide(principal),
};
