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

describe('request bodies that are not UTF-8 JSON', () => {
  const CREATE = 'mutation($i: CreateLocationProposalInput!) { createLocationProposal(input: $i) { id name } }';
  const proposal = (name: string) => `{"query":${JSON.stringify(CREATE)},"variables":{"i":{"gemeenteCode":"GM0355","name":"${name}","address":"Weg 1","opvangtype":"ROL","places":10}}}`;

  it('refuses invalid UTF-8 with 400 BAD_REQUEST instead of storing U+FFFD', async () => {
    const [before, after] = proposal('Bytes @ here').split('@');
    const bytes = Buffer.concat([Buffer.from(before, 'utf8'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(after, 'utf8')]);
    const response = await postRaw(bytes, await server.token('gemeente-zeist'));
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: [{ message: 'Request body is not valid UTF-8', extensions: { code: 'BAD_REQUEST' } }] });
    const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM location_proposal WHERE name LIKE 'Bytes %'`);
    expect(n).toBe(0);
    // Well-formed UTF-8 beyond ASCII is of course fine.
    const fine = await postRaw(Buffer.from(proposal('Bytes één 😀'), 'utf8'), await server.token('gemeente-zeist'));
    expect(fine.body.errors).toBeUndefined();
    expect(fine.body.data.createLocationProposal.name).toBe('Bytes één 😀');
  });

  it('answers 415 UNSUPPORTED_MEDIA_TYPE, saying only UTF-8 JSON is accepted, to another charset', async () => {
    const token = await server.token('ipo');
    for (const charset of ['latin1', 'utf-16']) {
      const response = await postRaw('{"query":"{ viewer { name } }"}', token, `application/json; charset=${charset}`);
      expect(response.status, charset).toBe(415);
      expect(codes(response.body), charset).toEqual(['UNSUPPORTED_MEDIA_TYPE']);
      expect(response.body.errors?.[0].message, charset).toMatch(/Only UTF-8 JSON is accepted/);
    }
    for (const charset of ['utf-8', 'UTF-8']) {
      const response = await postRaw('{"query":"{ viewer { name } }"}', token, `application/json; charset=${charset}`);
      expect(response.status, charset).toBe(200);
    }
    const malformed = await postRaw('{"query":', token);
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }]);
  });
});

describe('connection cursors', () => {
  const cursor = (key: unknown[]) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
  const ID = '00000000-0000-4000-8000-000000000000';

  it('holding an impossible date are BAD_USER_INPUT on `after`, for every paged list', async () => {
    const token = await server.token('lrt');
    const lists = [
      ['{ locationProposals(after: $after) { totalCount } }', cursor(['2023-02-30T10:00:00.000000Z', ID])],
      ['{ province(code: UT) { locationProposals(after: $after) { totalCount } } }', cursor(['2023-02-30T10:00:00.000000Z', ID])],
      ['{ locationProposals(after: $after) { totalCount } }', cursor(['2023-04-31T25:00:00.000000Z', ID])],
      ['{ memberships(after: $after) { totalCount } }', cursor(['2023-02-30T10:00:00.000000', ID])],
      ['{ agreements(after: $after) { totalCount } }', cursor(['2023-02-30', ID])],
      ['{ gemeenten(after: $after) { totalCount } }', cursor(['Zeist', '\u0000'])],
    ];
    for (const [selection, after] of lists) {
      const response = await server.gql(`query($after: String) ${selection}`, { after }, token);
      expect(response.errors?.map((error) => [error.extensions?.code, error.extensions?.field]), selection).toEqual([['BAD_USER_INPUT', 'after']]);
    }
  });

  it('that the server wrote still work', async () => {
    const token = await server.token('lrt');
    const first = await server.gql('{ locationProposals(first: 1) { pageInfo { endCursor } } memberships(first: 1) { pageInfo { endCursor } } agreements(first: 1) { pageInfo { endCursor } } }', undefined, token);
    const next = await server.gql(
      'query($p: String, $m: String, $a: String) { locationProposals(first: 1, after: $p) { edges { cursor } } memberships(first: 1, after: $m) { edges { cursor } } agreements(first: 1, after: $a) { edges { cursor } } }',
      { p: first.data.locationProposals.pageInfo.endCursor, m: first.data.memberships.pageInfo.endCursor, a: first.data.agreements.pageInfo.endCursor },
      token,
    );
    expect(next.errors).toBeUndefined();
    expect(next.data.locationProposals.edges).toHaveLength(1);
    expect(next.data.memberships.edges).toHaveLength(1);
    expect(next.data.agreements.edges).toHaveLength(1);
  });
});

describe('POST /graphql (straight to the GraphQL handler) and the paths Express routes to it', () => {
  // POST /graphql, with or without a query string, skips Express's router (platform/graphql-http.ts); `/graphql/`
  // goes through Express to the same handler. Whatever the request, both must answer alike.
  const doors = () => [server.url, `${server.url}?via=query-string`, `${server.url}/`];
  const asked = async (url: string, init: RequestInit) => {
    const response = await fetch(url, init);
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      challenge: response.headers.get('www-authenticate'),
      requestId: response.headers.get('x-request-id') !== null,
      allow: response.headers.get('allow'),
      body: text,
    };
  };

  it('answers every kind of request the same way through either door', async () => {
    const token = await server.token('ipo');
    const json = (body: string | Uint8Array, headers: Record<string, string> = {}): RequestInit => ({
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body,
    });
    // What each is answered: status and error code (none: data).
    const requests: [string, RequestInit, number, string | null][] = [
      ['a query', json('{"query":"{ viewer { name } }"}'), 200, null],
      ['no token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }, 401, 'UNAUTHENTICATED'],
      ['a body over the limit', json(`{"query":"{ __typename }","variables":{"x":"${'a'.repeat(120_000)}"}}`), 413, 'PAYLOAD_TOO_LARGE'],
      ['not JSON', json('{"query":'), 400, 'BAD_REQUEST'],
      ['not UTF-8', json(Buffer.from([0x7b, 0xff, 0x7d])), 400, 'BAD_REQUEST'],
      ['another charset', json('{"query":"{ __typename }"}', { 'content-type': 'application/json; charset=latin1' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['not a JSON content type', json('{ __typename }', { 'content-type': 'text/plain' }), 400, 'BAD_REQUEST'],
      ['a syntax error', json('{"query":"{ viewer { "}'), 400, 'GRAPHQL_PARSE_FAILED'],
      ['no query', json('{"variables":{}}'), 400, 'BAD_REQUEST'],
      // The method is the first thing said of a request, before its token and its body.
      ['another method', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }, 405, 'BAD_REQUEST'],
      ['another method, with a token', { ...json('{"query":"{ __typename }"}'), method: 'DELETE' }, 405, 'BAD_REQUEST'],
      ['OPTIONS', { method: 'OPTIONS' }, 405, 'BAD_REQUEST'],
    ];
    for (const [what, init, status, code] of requests) {
      const answers = [];
      for (const url of doors()) answers.push(await asked(url, init));
      const [first] = answers;
      expect(first.status, what).toBe(status);
      expect(first.contentType, what).toBe('application/json; charset=utf-8');
      expect(first.challenge, what).toBe(status === 401 ? 'Bearer realm="regietafel"' : null);
      // Whatever the answer, a request id to find it by in the log (a body that could not be read too).
      expect(first.requestId, what).toBe(true);
      expect(first.allow, what).toBe(status === 405 ? 'GET, POST' : null);
      const body = JSON.parse(first.body) as { data?: unknown; errors?: { extensions: { code: string } }[] };
      if (code) expect(body.errors?.map((error) => error.extensions.code), what).toEqual([code]);
      else expect(body.errors, what).toBeUndefined();
      for (const answer of answers.slice(1)) expect(answer, what).toEqual(first);
    }
    const straight = await asked(server.url, json('{"query":"{ viewer { name } }"}'));
    expect(straight.status).toBe(200);
    expect(straight.requestId).toBe(true);
    expect(JSON.parse(straight.body)).toEqual({ data: { viewer: { name: expect.any(String) } } });
    // A GET query goes through Express too, to the same handler.
    const get = await fetch(`${server.url}?query=${encodeURIComponent('{ viewer { name } }')}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    expect(await get.text()).toBe(straight.body);
  });
});
