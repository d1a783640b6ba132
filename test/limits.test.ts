import net from 'node:net';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, validate } from 'graphql';
import { loadConfig } from '../src/platform/config.js';
import { limitRefusal } from '../src/platform/query-cost.js';
import { armorFor } from '../src/platform/server.js';
import { buildAppSchema } from '../src/schema.js';
import { codes, startTestServer, wsExecute, type TestServer } from './support/harness.js';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = await server.token('ipo');
});
afterAll(() => server?.close());

// 12 levels: Province → Uitplaatsingsregio → provinces → ... alternating.
const DEEP = `{ province(code: UT) { uitplaatsingsregio { provinces { uitplaatsingsregio { provinces { uitplaatsingsregio { provinces { uitplaatsingsregio { provinces { uitplaatsingsregio { provinces { name } } } } } } } } } } } }`;
const ALIASES = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: provinces { code }`).join(' ')} }`;

describe('query limits (graphql-armor), the same on both paths', () => {
  it('refuses a query nested too deep, with a clear message', async () => {
    const http = await server.gql(DEEP, undefined, token);
    expect(http.status).toBe(400);
    // Said as what it is: a valid document over a limit, not a syntax error.
    expect(http.errors?.[0].message).toMatch(/^Query depth limit of 10 exceeded, found \d+\.$/);
    expect(codes(http)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(http.data).toBeUndefined();
    const ws = await wsExecute(server.wsClient({ authorization: token }), DEEP).catch((errors) => ({ errors }));
    expect((ws.errors as any[])[0].message).toBe(http.errors?.[0].message);
    expect((ws.errors as any[])[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a query with too many aliases', async () => {
    const http = await server.gql(ALIASES, undefined, token);
    expect(http.status).toBe(400);
    expect(http.errors?.[0].message).toMatch(/^Aliases limit of 15 exceeded, found \d+\.$/);
    const ws = await wsExecute(server.wsClient({ authorization: token }), ALIASES).catch((errors) => ({ errors }));
    expect((ws.errors as any[])[0].message).toBe(http.errors?.[0].message);
  });

  it('refuses a query with too many tokens', async () => {
    const huge = `{ provinces { ${'code '.repeat(3000)} } }`;
    const http = await server.gql(huge, undefined, token);
    expect(http.status).toBe(400);
    expect(http.errors?.[0].message).toMatch(/token/i);
    const ws = await wsExecute(server.wsClient({ authorization: token }), huge).catch((errors) => ({ errors }));
    expect((ws.errors as any[])[0].message).toMatch(/token/i);
  });

  it('refuses an oversized body with 413 over HTTP and closes an oversized WebSocket message (1009)', async () => {
    const padding = 'x'.repeat(200 * 1024);
    const http = await server.gql(`{ provinces { code } } # ${padding}`, undefined, token);
    expect(http.status).toBe(413);
    expect(codes(http)).toEqual(['PAYLOAD_TOO_LARGE']);

    const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: token, padding } }));
    const [code] = await new Promise<[number]>((resolve) => socket.once('close', (closeCode) => resolve([closeCode])));
    expect(code).toBe(1009);
  });

  it('counts page sizes given as variables as it counts those written in the query, on both paths', async () => {
    // Written in the query, graphql-armor's cost limit refuses it when validating; as variables it did not count them.
    const written = '{ provinces { code gemeenten(first: 400) { edges { node { name locationProposals(first: 50) { edges { node { id name } } } } } } } }';
    const asVariables = 'query($a: Int, $b: Int) { provinces { code gemeenten(first: $a) { edges { node { name locationProposals(first: $b) { edges { node { id name } } } } } } } }';
    const refusedWritten = await server.gql(written, undefined, token);
    expect(refusedWritten.status).toBe(400);
    expect(refusedWritten.errors?.[0].message).toBe('Query Cost limit of 250000 exceeded, found 1653041.');
    const refused = await server.gql(asVariables, { a: 400, b: 50 }, token);
    expect(refused.status).toBe(400);
    expect(codes(refused)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(refused.errors?.[0].message).toBe(refusedWritten.errors?.[0].message);
    expect(refused.data).toBeUndefined();
    const ws = await wsExecute(server.wsClient({ authorization: token }), asVariables, { a: 400, b: 50 }).catch((errors) => ({ errors }));
    expect((ws.errors as any[])[0].message).toBe(refusedWritten.errors?.[0].message);
    expect((ws.errors as any[])[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // Measured as graphql-armor measures them written in: through fragments too, and whatever else the operation holds.
    const fragments = 'query($a: Int, $b: Int) { provinces { ... on Province { gemeenten(first: $a) { edges { node { ... on Gemeente { locationProposals(first: $b) { edges { node { id } } } } } } } } } }';
    const writtenFragments = await server.gql(fragments.replace('$a)', '60)').replace('$b)', '50)').replace('query($a: Int, $b: Int) ', ''), undefined, token);
    expect(writtenFragments.status).toBe(400);
    const refusedFragments = await server.gql(fragments, { a: 60, b: 50 }, token);
    expect(refusedFragments.status).toBe(400);
    expect(refusedFragments.errors?.[0].message).toBe(writtenFragments.errors?.[0].message);
    const withFieldError = `query($c: String = "GM0363", $a: Int, $b: Int) { gemeente(code: $c) { name } ${asVariables.slice(asVariables.indexOf('{') + 1)}`;
    const refusedWithFieldError = await server.gql(withFieldError, { c: null, a: 400, b: 50 }, token);
    expect(refusedWithFieldError.status).toBe(400);
    expect(refusedWithFieldError.data).toBeUndefined();
    // Small pages as variables are fine, on both paths, and so are variables that page nothing.
    const fine = await server.gql(asVariables, { a: 5, b: 2 }, token);
    expect(fine.errors).toBeUndefined();
    expect(fine.data.provinces).toHaveLength(12);
    const fineWs = await wsExecute(server.wsClient({ authorization: token }), asVariables, { a: 5, b: 2 });
    expect(fineWs.errors).toBeUndefined();
    expect((await server.gql('query($c: ProvinceCode!) { province(code: $c) { name } }', { c: 'UT' }, token)).errors).toBeUndefined();
    // Variables that do not fit the operation are refused as such, not as too costly.
    const wrong = await server.gql(asVariables, { a: 'many' }, token);
    expect(codes(wrong)).toEqual(['BAD_USER_INPUT']);
  });

  it('counts a paged field asked without a page size as the page the server answers (50), on both paths', async () => {
    const aliases = (fields: string) => Array.from({ length: 5 }, (_, i) => `a${i}: ${fields}`).join(' ');
    // Each province's gemeenten, five times, for each of 500 gemeenten: asked without a page size, armor alone took
    // each inner list as one gemeente (a cost of about 210,000, let through) where the server answers 50.
    const leftOut = `{ gemeenten(first: 500) { edges { node { province { ${aliases('gemeenten { edges { node { code name } } }')} } } } } }`;
    const writtenOut = leftOut.replaceAll('gemeenten {', 'gemeenten(first: 50) {');
    const refusedWritten = await server.gql(writtenOut, undefined, token);
    expect(refusedWritten.status).toBe(400);
    expect(refusedWritten.errors?.[0].message).toMatch(/^Query Cost limit of 250000 exceeded/);
    for (const [query, variables] of [
      [leftOut, undefined],
      [leftOut.replaceAll('gemeenten {', 'gemeenten(first: null) {'), undefined],
      [leftOut.replaceAll('gemeenten {', 'gemeenten(first: $n) {').replace('{ gemeenten(first: 500)', 'query($n: Int) { gemeenten(first: 500)'), { n: null }],
    ] as const) {
      const refused = await server.gql(query, variables, token);
      expect(refused.status).toBe(400);
      expect(codes(refused)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(refused.errors?.[0].message).toBe(refusedWritten.errors?.[0].message);
      const ws = await wsExecute(server.wsClient({ authorization: token }), query, variables).catch((errors) => ({ errors }));
      expect((ws.errors as any[])[0].message).toBe(refusedWritten.errors?.[0].message);
    }
    // A default page where it costs little is fine.
    const fine = await server.gql('{ provinces { code gemeenten { nodes { name } } } }', undefined, token);
    expect(fine.errors).toBeUndefined();
    expect(fine.data.provinces[0].gemeenten.nodes.length).toBeGreaterThan(0);
  });

  it("measures a page size left out as the field's own default page (100 for events, 50 elsewhere)", async () => {
    const schema = await buildAppSchema();
    const { measureRules } = armorFor(loadConfig({ LIMIT_MAX_COST: '10' }));
    const found = (query: string, variables: Record<string, unknown> = {}) => limitRefusal(schema, parse(query), variables, undefined, measureRules)?.message;
    for (const [leftOut, written] of [
      ['{ events { events { id } } }', '{ events(first: 100) { events { id } } }'],
      ['{ events(first: null) { events { id } } }', '{ events(first: 100) { events { id } } }'],
      ['query($n: Int) { events(first: $n) { events { id } } }', '{ events(first: 100) { events { id } } }'],
      ['{ gemeenten { edges { node { code } } } }', '{ gemeenten(first: 50) { edges { node { code } } } }'],
    ]) {
      const measured = found(leftOut);
      expect(measured, leftOut).toMatch(/^Query Cost limit of 10 exceeded, found/);
      // graphql-armor measures the written query itself; a query with nothing to measure again gets null here.
      const asWritten = validate(schema, parse(written), measureRules)[0]?.message;
      expect(measured, leftOut).toBe(asWritten);
    }
  });

  it("measures a connection's nodes as its edges' nodes: the same cost and depth, the same refusal, on both paths", async () => {
    // Each: written with edges, and the same through nodes, which graphql-armor alone would let through. The first too
    // costly written out, the second too deep.
    const cases = [
      [
        '{ provinces { code gemeenten(first: 140) { edges { node { name locationProposals(first: 50) { edges { node { id name } } } } } } } }',
        '{ provinces { code gemeenten(first: 140) { nodes { name locationProposals(first: 50) { nodes { id name } } } } } }',
      ],
      [
        '{ provinces { gemeenten(first: 1) { edges { node { locationProposals(first: 1) { edges { node { gemeente { locationProposals(first: 1) { edges { node { id } } } } } } } } } } } }',
        '{ provinces { gemeenten(first: 1) { nodes { locationProposals(first: 1) { nodes { gemeente { locationProposals(first: 1) { nodes { id } } } } } } } } }',
      ],
    ];
    for (const [viaEdges, viaNodes] of cases) {
      const refusedEdges = await server.gql(viaEdges, undefined, token);
      expect(refusedEdges.status, viaEdges).toBe(400);
      const refusedNodes = await server.gql(viaNodes, undefined, token);
      expect(refusedNodes.status, viaNodes).toBe(400);
      expect(codes(refusedNodes)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(refusedNodes.errors?.[0].message).toBe(refusedEdges.errors?.[0].message);
      const ws = await wsExecute(server.wsClient({ authorization: token }), viaNodes).catch((errors) => ({ errors }));
      expect((ws.errors as any[])[0].message).toBe(refusedEdges.errors?.[0].message);
      // Again: the measure of a document is kept, and so is its refusal.
      expect((await server.gql(viaNodes, undefined, token)).status).toBe(400);
    }
    // Within the limits through nodes, with page sizes written in and as variables.
    const fine = await server.gql('query($n: Int) { provinces { gemeenten(first: $n) { nodes { code locationProposals(first: 10) { nodes { id } } } } } }', { n: 50 }, token);
    expect(fine.errors).toBeUndefined();
    expect(fine.data.provinces).toHaveLength(12);
  });

  it('accepts normal queries, and refuses batched HTTP requests', async () => {
    const ok = await server.gql('{ provinces { code regietafel { members { person { name memberships { role } } } } } }', undefined, token);
    expect(ok.errors).toBeUndefined();
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify([{ query: '{ viewer { name } }' }, { query: '{ viewer { name } }' }]),
    });
    expect(response.status).toBe(400);
  });
});

describe('error reporting', () => {
  it('answers a validation error alike on both paths: code, message and suggestion', async () => {
    const http = await server.gql('{ provinces { nmae } }', undefined, token);
    expect(http.status).toBe(400);
    expect(codes(http)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(http.errors?.[0].message).toMatch(/Did you mean "name"\?/);
    const ws = await wsExecute(server.wsClient({ authorization: token }), '{ provinces { nmae } }').catch((errors) => ({ errors }));
    expect((ws.errors as any[]).map((e) => [e.message, e.extensions.code])).toEqual([[http.errors?.[0].message, 'GRAPHQL_VALIDATION_FAILED']]);
  });

  it('answers a subscription sent over HTTP as a client error, not as a server error', async () => {
    const http = await server.gql('subscription { activity { id } }', undefined, token);
    expect(http.status).toBe(400);
    expect(codes(http)).toEqual(['BAD_REQUEST']);
    expect(http.errors?.[0].message).toMatch(/WebSocket/);
  });

  it('gives a limit violation the same code on both paths', async () => {
    const http = await server.gql(DEEP, undefined, token);
    const ws = await wsExecute(server.wsClient({ authorization: token }), DEEP).catch((errors) => ({ errors }));
    expect((ws.errors as any[])[0].extensions.code).toBe(http.errors?.[0].extensions?.code);
  });

  it('masks unexpected failures as INTERNAL_SERVER_ERROR with a request id, over HTTP and WebSocket', async () => {
    // Make the database refuse a statement the server does not expect to fail.
    await server.db.query('ALTER TABLE opvangtype RENAME TO opvangtype_moved');
    try {
      const http = await server.gql('{ opvangtypes { code } }', undefined, token);
      expect(codes(http)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(http.errors?.[0].message).toBe('Internal server error');
      expect(http.errors?.[0].extensions?.requestId).toBe(http.headers.get('x-request-id'));
      expect(JSON.stringify(http.errors)).not.toMatch(/relation|does not exist|stack/);
      const ws = await wsExecute(server.wsClient({ authorization: token }), '{ opvangtypes { code } }');
      expect(ws.errors?.[0].extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) });
      expect(JSON.stringify(ws.errors)).not.toMatch(/relation|does not exist/);
    } finally {
      await server.db.query('ALTER TABLE opvangtype_moved RENAME TO opvangtype');
    }
  });

  it('masks an unexpected failure of a field nested in a list the same way, keeping the rest of the answer', async () => {
    await server.db.query('ALTER TABLE location_proposal RENAME TO location_proposal_moved');
    try {
      const http = await server.gql('{ provinces { code locationProposals(first: 1) { totalCount } } }', undefined, token);
      expect(new Set(codes(http))).toEqual(new Set(['INTERNAL_SERVER_ERROR']));
      expect(http.errors?.[0].extensions?.requestId).toBe(http.headers.get('x-request-id'));
      expect(http.errors?.[0].path).toEqual(['provinces', expect.any(Number), 'locationProposals']);
      expect(JSON.stringify(http.errors)).not.toMatch(/relation|does not exist|stack/);
    } finally {
      await server.db.query('ALTER TABLE location_proposal_moved RENAME TO location_proposal');
    }
  });
});

describe('WebSocket upgrades that are not for /graphql', () => {
  /** Sends a raw upgrade request; resolves with what came back before the server closed the connection. */
  function rawUpgrade(target: string, options: { reset?: boolean } = {}): Promise<string> {
    const { port } = new URL(server.url);
    return new Promise((resolve) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `GET ${target} HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
            'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
        );
        if (options.reset) socket.resetAndDestroy();
      });
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk));
      socket.on('error', () => {});
      socket.on('close', () => resolve(answer));
    });
  }

  it('answers 404 and closes, and never brings the server down (odd targets, clients that reset)', async () => {
    expect(await rawUpgrade('/elsewhere')).toMatch(/^HTTP\/1\.1 404/);
    expect(await rawUpgrade('//')).toMatch(/^HTTP\/1\.1 404/);
    await Promise.all(Array.from({ length: 50 }, () => rawUpgrade('/elsewhere', { reset: true })));
    // Still serving, over HTTP and WebSocket.
    expect((await server.gql('{ provinces { code } }', undefined, token)).data.provinces).toHaveLength(12);
    expect((await wsExecute(server.wsClient({ authorization: token }), '{ provinces { code } }')).data?.provinces).toHaveLength(12);
  });
});
