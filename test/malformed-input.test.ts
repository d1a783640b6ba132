import { ArgumentValidationError } from 'type-graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatErrorForClient } from '../src/platform/errors.js';
import { createLogger } from '../src/platform/logger.js';
import { codes, startTestServer, wsExecute, type TestServer } from './support/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { captureLogs: true });
});
afterAll(() => server?.close());

const GRANT = 'mutation($i: GrantMembershipInput!) { grantMembership(input: $i) { id } }';

/** POSTs a JSON text written by hand, so escapes such as \ud800 reach the server exactly as written. */
async function postRaw(body: string | Uint8Array, token: string | null, contentType = 'application/json') {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as { data?: any; errors?: any[] } };
}

describe('half a character (a lone UTF-16 surrogate) in a text input', () => {
  it('is BAD_USER_INPUT naming the field over HTTP, whoever asks', async () => {
    const body = `{"query":${JSON.stringify(GRANT)},"variables":{"i":{"personSubject":"lone-surrogate","personName":"Half","personEmail":"\\ud800@example.org","role":"IPO"}}}`;
    expect(body).toContain('"\\ud800@'); // the escape itself travels, not a character
    for (const subject of ['lrt', 'gemeente-zeist']) {
      const response = await postRaw(body, await server.token(subject));
      expect(codes(response.body), subject).toEqual(['BAD_USER_INPUT']);
      expect(response.body.errors?.[0].extensions.field, subject).toBe('input.personEmail');
    }
    const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM person WHERE subject = 'lone-surrogate'`);
    expect(n).toBe(0);
  });

  it('is refused in any text argument, nested or not, with its path', async () => {
    const token = await server.token('lrt');
    const search = await postRaw(`{"query":"query($s: String) { gemeenten(search: $s) { totalCount } }","variables":{"s":"Zei\\udc00st"}}`, token);
    expect(codes(search.body)).toEqual(['BAD_USER_INPUT']);
    expect(search.body.errors?.[0].extensions.field).toBe('search');
    // A well-formed pair (an emoji) is text like any other.
    const pair = await postRaw(`{"query":"query($s: String) { gemeenten(search: $s) { totalCount } }","variables":{"s":"\\ud83d\\ude00"}}`, token);
    expect(pair.body.errors).toBeUndefined();
    const name = await postRaw(body('personName', 'Half \\udfff'), token);
    expect(name.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.personName' });
  });

  it('gets the same error over WebSocket, and the connection stays open', async () => {
    const client = server.wsClient({ authorization: `Bearer ${await server.token('lrt')}` }, { persistent: true });
    const refused = await wsExecute(client, GRANT, { i: { personSubject: 'lone-surrogate-ws', personName: 'Half', personEmail: '\ud800@example.org', role: 'IPO' } });
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors?.[0].extensions?.field).toBe('input.personEmail');
    const after = await wsExecute(client, '{ viewer { name } }');
    expect(after.errors).toBeUndefined();
    expect(client.connections()).toBe(1);
  });
});

function body(field: string, value: string): string {
  return `{"query":${JSON.stringify(GRANT)},"variables":{"i":{"personSubject":"lone-surrogate-2","personName":"Half","role":"IPO","${field}":"${value}"}}}`;
}

describe('the error formatter', () => {
  it('never throws: whatever it cannot format becomes INTERNAL_SERVER_ERROR with a request id, logged', () => {
    const lines: any[] = [];
    const log = createLogger({ logLevel: 'info', prettyLogs: false }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const poisoned = { message: 'x', get extensions(): never { throw new Error('poisoned'); } };
    const result = formatErrorForClient(poisoned, new Error('cause'), log, 'request-1234');
    expect(result).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'request-1234' } });
    expect(lines).toEqual([expect.objectContaining({ level: 50, requestId: 'request-1234' })]);
  });

  it('masks and logs a validator that threw instead of judging the input', () => {
    const lines: any[] = [];
    const log = createLogger({ logLevel: 'info', prettyLogs: false }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const error = new ArgumentValidationError(new URIError('URI malformed') as never);
    const result = formatErrorForClient(error.toJSON(), error, log, 'request-5678');
    expect(result.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'request-5678' });
    expect(lines).toEqual([expect.objectContaining({ level: 50, requestId: 'request-5678', msg: 'unexpected error' })]);
  });
});

describe('masked errors', () => {
  it('are logged with the request id the client got', async () => {
    await server.db.query('ALTER TABLE opvangtype RENAME TO opvangtype_gone');
    try {
      const response = await server.gql('{ opvangtypes { code } }', undefined, await server.token('ipo'));
      expect(codes(response)).toEqual(['INTERNAL_SERVER_ERROR']);
      const requestId = response.errors?.[0].extensions?.requestId;
      expect(requestId).toEqual(expect.any(String));
      expect(server.logs).toContainEqual(expect.objectContaining({ level: 50, requestId, msg: 'unexpected error' }));
    } finally {
      await server.db.query('ALTER TABLE opvangtype_gone RENAME TO opvangtype');
    }
  });
});
