import { EventKinds, EventSubjectTypes, type EventSubject } from '../events/index.js';
import { CommentSubjectTypes, type CommentSubjectAdapter } from '../comments/index.js';
import { measuresPolicy } from './measures.policy.js';

export enum MeasureEventKind {
  SUPPORT_MEASURE_CREATED = 'SUPPORT_MEASURE_CREATED',
  SUPPORT_MEASURE_UPDATED = 'SUPPORT_MEASURE_UPDATED',
  STAND_VAN_ZAKEN_ADDED = 'STAND_VAN_ZAKEN_ADDED',
  MILESTONE_ADDED = 'MILESTONE_ADDED',
  MILESTONE_DONE_CHANGED = 'MILESTONE_DONE_CHANGED',
}
EventKinds.add(MeasureEventKind, {
  SUPPORT_MEASURE_CREATED: 'An ondersteuningsmaatregel was added to the status table (LRT).',
  SUPPORT_MEASURE_UPDATED: 'Details of an ondersteuningsmaatregel changed.',
  STAND_VAN_ZAKEN_ADDED: 'A dated stand van zaken was added to an ondersteuningsmaatregel.',
  MILESTONE_ADDED: 'A mijlpaal was added to an ondersteuningsmaatregel.',
  MILESTONE_DONE_CHANGED: 'A mijlpaal was marked done, or not done.',
});

export enum MeasureEventSubject {
  SUPPORT_MEASURE = 'SUPPORT_MEASURE',
}
EventSubjectTypes.add(MeasureEventSubject);

export const MeasureCommentSubject = CommentSubjectTypes.add({ SUPPORT_MEASURE: 'SUPPORT_MEASURE' });

/** The table is national and read by everyone with a role: so are its events (comments on a measure included). */
export const measureEvents: Record<string, EventSubject> = {
  [MeasureEventSubject.SUPPORT_MEASURE]: { canSee: (principal) => measuresPolicy.canRead(principal) },
};

/** Measures as a subject of comments: everyone with a role reads and comments; the LRT resolves (and each author). */
export const measureCommentSubject: CommentSubjectAdapter = {
  load: (tx, ids) => tx.query(`SELECT id, NULL AS "provinceCode", version, 'ACTIVE' AS status FROM support_measure WHERE id = ANY($1::uuid[])`, [ids]),
  canRead: (principal) => measuresPolicy.canRead(principal),
  canModerate: (principal) => measuresPolicy.isLrt(principal),
};
