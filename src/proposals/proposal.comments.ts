import type { CommentSubjectAdapter } from '../comments/comment.js';
import { proposalPolicy } from './proposal.policy.js';

/** Proposals as a subject of comments: the proposal policy decides; the gemeente and COA resolve. */
export const proposalCommentSubject: CommentSubjectAdapter = {
  async load(tx, id) {
    const [row] = await tx.query('SELECT province_code AS "provinceCode", gemeente_code AS "gemeenteCode", version, status FROM location_proposal WHERE id = $1', [id]);
    return row ?? null;
  },
  canRead: (principal, subject) => proposalPolicy.canRead(principal, { provinceCode: subject.provinceCode, gemeenteCode: subject.gemeenteCode ?? '', status: subject.status }),
  canModerate: (principal, provinceCode, subject) => proposalPolicy.canModerateComments(principal, { provinceCode, gemeenteCode: subject.gemeenteCode }),
};
