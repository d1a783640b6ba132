import { CommentSubjectTypes, type CommentSubjectAdapter } from '../comments/index.js';
import { signalPolicy } from './signal.policy.js';

export const SignalCommentSubject = CommentSubjectTypes.add({ SIGNAL: 'SIGNAL' });

/** Signals as a subject of comments: whoever reads the signal comments; the raising side and the LRT resolve. */
export const signalCommentSubject: CommentSubjectAdapter = {
  load: (tx, ids) => tx.query(`SELECT id, province_code AS "provinceCode", version, status FROM signal WHERE id = ANY($1::uuid[])`, [ids]),
  canRead: (principal, subject) => signalPolicy.canRead(principal, subject),
  canModerate: (principal, provinceCode) => signalPolicy.canModerateComments(principal, provinceCode),
};
