import { isUtf8 } from 'node:buffer';
import type http from 'node:http';
import { ErrorCode } from './errors.js';

/** An error body-parser passes on with this status and type. */
function bodyError(message: string, status: number, type: string): Error {
  return Object.assign(new Error(message), { status, type });
}

/**
 * `verify` for express.json: the body must be UTF-8, and valid UTF-8. Without this body-parser decodes whatever
 * charset the header names (UTF-16 too) and turns invalid bytes into U+FFFD, which would then be stored as if
 * the client had sent it.
 */
export function requireUtf8(_req: http.IncomingMessage, _res: http.ServerResponse, body: Buffer, encoding: string): void {
  if (!['utf-8', 'utf8'].includes(encoding.toLowerCase())) throw bodyError(`unsupported charset "${encoding}"`, 415, 'charset.unsupported');
  if (!isUtf8(body)) throw bodyError('Request body is not valid UTF-8', 400, 'encoding.invalid');
}

/**
 * What a client is told when the body cannot be read (too large, not UTF-8, not JSON), as a GraphQL-shaped error;
 * undefined for anything that is not a body-parser failure.
 */
export function bodyErrorAnswer(error: unknown, bodyBytes: number): { status: number; message: string; code: string } | undefined {
  const { status, type, limit } = error as { status?: number; type?: string; limit?: number };
  if (!status || status >= 500) return undefined;
  switch (type) {
    case 'entity.too.large':
      return { status: 413, message: `Request body larger than ${limit ?? bodyBytes} bytes`, code: ErrorCode.PAYLOAD_TOO_LARGE };
    case 'charset.unsupported':
      return { status: 415, message: 'Only UTF-8 JSON is accepted: send content-type application/json, with no charset or charset=utf-8', code: ErrorCode.UNSUPPORTED_MEDIA_TYPE };
    case 'encoding.unsupported':
      return { status: 415, message: 'This content-encoding is not supported: send the body uncompressed', code: ErrorCode.UNSUPPORTED_MEDIA_TYPE };
    case 'encoding.invalid':
      return { status: 400, message: 'Request body is not valid UTF-8', code: ErrorCode.BAD_REQUEST };
    case 'entity.parse.failed':
      return { status: 400, message: 'Request body is not valid JSON', code: ErrorCode.BAD_REQUEST };
    default:
      return { status, message: 'Request body could not be read', code: status === 413 ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.BAD_REQUEST };
  }
}

/** A body-parser failure as the answer the API gives it (status and JSON text); undefined for any other error. */
export function unreadableBodyAnswer(error: unknown, bodyBytes: number): { status: number; body: string } | undefined {
  const answer = bodyErrorAnswer(error, bodyBytes);
  return answer && { status: answer.status, body: JSON.stringify({ errors: [{ message: answer.message, extensions: { code: answer.code } }] }) };
}
