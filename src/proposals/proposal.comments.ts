import { CommentSubjectTypes, type CommentSubjectAdapter } from '../comments/index.js';
import { proposalPolicy } from './proposal.policy.js';

export const ProposalCommentSubject = CommentSubjectTypes.add({ LOCATION_PROPOSAL: 'LOCATION_PROPOSAL' });

/** Proposals as a subject of comments: the proposal policy decides; the gemeente and COA resolve. */
export const proposalCommentSubject: CommentSubjectAdapter = {
  // The status a comment records: CONCEPT stands for "not yet submitted", whatever the status.
  load: (tx, ids) =>
    tx.query(
      `SELECT id, province_code AS "provinceCode", gemeente_code AS "gemeenteCode", version, CASE WHEN submitted THEN status ELSE 'CONCEPT' END AS status
       FROM location_proposal WHERE id = ANY($1::uuid[])`,
      [ids],
    ),
  canRead: (principal, subject) =>
    proposalPolicy.canRead(principal, { provinceCode: subject.provinceCode, gemeenteCode: subject.gemeenteCode ?? '', status: subject.status, submitted: subject.status !== 'CONCEPT' }),
  canModerate: (principal, provinceCode, subject) => proposalPolicy.canModerateComments(principal, { provinceCode, gemeenteCode: subject.gemeenteCode }),
};
