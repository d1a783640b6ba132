import { CommentSubjectTypes, type CommentSubjectAdapter } from '../comments/index.js';
import { agreementPolicy } from './agreement.policy.js';

export const AgreementCommentSubject = CommentSubjectTypes.add({ AGREEMENT: 'AGREEMENT' });

/** Agreements as a subject of comments: whoever may read the agreement comments; COA resolves. */
export const agreementCommentSubject: CommentSubjectAdapter = {
  load: (tx, ids) => tx.query(`SELECT id, province_code AS "provinceCode", gemeente_code AS "gemeenteCode", version, 'ACTIVE' AS status FROM agreement WHERE id = ANY($1::uuid[])`, [ids]),
  canRead: (principal, subject) => agreementPolicy.canRead(principal, { provinceCode: subject.provinceCode, gemeenteCode: subject.gemeenteCode ?? '' }),
  canModerate: (principal, provinceCode) => agreementPolicy.canManage(principal, provinceCode),
};
