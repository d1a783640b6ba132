import { CommentSubjectTypes, type CommentSubjectAdapter } from '../comments/index.js';
import { signalPolicy } from './signal.policy.js';

export const SignalCommentSubject = CommentSubjectTypes.add({ SIGNAL: 'SIGNAL' });

/** Signals as a subject of comments: whoever reads the signal comments; the raising side and the LRT resolve. */
export const signalCommentSubject: CommentSubjectAdapter = {
  load: (tx, ids) => tx.query(`SELECT id, province_code AS "provinceCode", version, status, source FROM signal WHERE id = ANY($1::uuid[])`, [ids]),
  canRead: (principal, subject) => signalPolicy.canRead(principal, subject),
  // The raising side (by its source, as for the signal's own steps) and the LRT; not everyone who may raise in the province.
  canModerate: (principal, provinceCode, subject) => signalPolicy.canModerateComments(principal, { provinceCode, source: (subject as { source?: string }).source ?? '' }),
};
