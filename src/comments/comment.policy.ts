import { badUserInput } from '../platform/errors.js';
import { codePoints, CONTROL } from '../platform/validation.js';

export const COMMENT_MAX_LENGTH = 10_000;

/**
 * Comments take their rules from their subject (see CommentSubjectAdapter): whoever may read the subject
 * may comment on it and read the comments made while it had a status they may see. Only the author edits a
 * comment; the author or the subject's moderators (for plans: the secretariat and LRT) resolve it.
 */
export function assertCommentBody(body: string): string {
  const text = body.trim();
  if (!text || codePoints(text) > COMMENT_MAX_LENGTH || CONTROL.test(text)) {
    throw badUserInput(`body must be 1 to ${COMMENT_MAX_LENGTH} characters of text, without control characters`, 'input.body');
  }
  return text;
}
