import { CommentSubjectTypes, type CommentSubjectAdapter } from '../comments/index.js';
import { agreementPolicy } from './agreement.policy.js';

export const AgreementCommentSubject = CommentSubjectTypes.add({ AGREEMENT: 'AGREEMENT' });

/** Agreements as a subject of comments: whoever may read the agreement comments; COA resolves. */
export const agreementCommentSubject: CommentSubjectAdapter = {
  async load(tx, id) {
    const [row] = await tx.query(`SELECT province_code AS "provinceCode", gemeente_code AS "gemeenteCode", version, 'ACTIVE' AS status FROM agreement WHERE id = $1`, [id]);
    return row ?? null;
  },
  canRead: (principal, subject) => agreementPolicy.canRead(principal, { provinceCode: subject.provinceCode, gemeenteCode: subject.gemeenteCode ?? '' }),
  canModerate: (principal, provinceCode) => agreementPolicy.canManage(principal, provinceCode),
};
