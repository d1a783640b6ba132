import { createClient } from 'graphql-ws';
import { generateKeyPair, SignJWT } from 'jose';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestServer, wsExecute, type TestServer } from './support/harness.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const VIEWER = '{ viewer { subject name } }';

describe('over HTTP', () => {
  it('answers health and readiness checks without a token', async () => {
    const base = server.url.replace('/graphql', '');
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('refuses every operation without a token with 401 UNAUTHENTICATED', async () => {
    for (const query of [VIEWER, '{ provinces { code } }', '{ __schema { queryType { name } } }', 'mutation { revokeMembership(input: { membershipId: "x", reason: "y" }) { id } }']) {
      const response = await server.gql(query);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(codes(response)).toEqual(['UNAUTHENTICATED']);
      expect(response.data).toBeUndefined();
    }
  });

  it('refuses garbage, expired, wrongly addressed and foreign-signed tokens', async () => {
    const foreignKey = (await generateKeyPair('ES256')).privateKey;
    const foreign = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('lrt')
      .setIssuer(server.config.auth.issuer)
      .setAudience(server.config.auth.audience)
      .setExpirationTime('1h')
      .sign(foreignKey);
    const tokens = {
      garbage: 'not-a-token',
      expired: await server.token('lrt', { expires: Math.floor(Date.now() / 1000) - 60 }),
      otherAudience: await server.token('lrt', { audience: 'someone-else' }),
      otherIssuer: await server.token('lrt', { issuer: 'urn:elsewhere' }),
      foreign,
    };
    for (const [kind, token] of Object.entries(tokens)) {
      const response = await server.gql(VIEWER, undefined, token);
      expect(response.status, kind).toBe(401);
      expect(codes(response), kind).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('stops accepting a token when it expires, though its signature was checked moments before', async () => {
    const token = await server.token('ipo', { expires: Math.floor(Date.now() / 1000) + 3 });
    expect((await server.gql(VIEWER, undefined, token)).status).toBe(200);
    expect((await server.gql(VIEWER, undefined, token)).status).toBe(200); // verified once, trusted until it expires
    await new Promise((resolve) => setTimeout(resolve, 3100));
    const response = await server.gql(VIEWER, undefined, token);
    expect(response.status).toBe(401);
    expect(response.errors?.[0].message).toBe('The token has expired');
  });

  it('tells a valid token who it is', async () => {
    const response = await server.as('secretariaat-ut', VIEWER);
    expect(response.status).toBe(200);
    expect(response.data.viewer).toEqual({ subject: 'secretariaat-ut', name: 'Secretariaat PRT Utrecht (demo)' });
  });

  it('wants the Bearer scheme in the Authorization header', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: await server.token('lrt') },
      body: JSON.stringify({ query: VIEWER }),
    });
    expect(response.status).toBe(401);
  });

  it('answers queries sent with GET, and refuses mutations sent with GET', async () => {
    const token = await server.token('ipo');
    const get = (query: string) =>
      fetch(`${server.url}?query=${encodeURIComponent(query)}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/graphql-response+json' } });
    const query = await get('{ viewer { subject } }');
    expect(query.status).toBe(200);
    expect(await query.json()).toEqual({ data: { viewer: { subject: 'ipo' } } });
    const mutation = await get('mutation { revokeMembership(input: { membershipId: "00000000-0000-4000-8000-000000000000", reason: "x" }) { id } }');
    expect(mutation.status).toBe(405);
  });

  it('carries a request id back, and the one the client sent when it is sane', async () => {
    const response = await server.gql(VIEWER, undefined, await server.token('ipo'), { 'x-request-id': 'trace-12345678' });
    expect(response.headers.get('x-request-id')).toBe('trace-12345678');
  });
});

describe('over WebSocket', () => {
  it('runs operations for a valid token in connectionParams', async () => {
    const client = server.wsClient({ authorization: `Bearer ${await server.token('coa-regio-3')}` });
    const result = await wsExecute(client, VIEWER);
    expect(result.data).toEqual({ viewer: { subject: 'coa-regio-3', name: 'COA-regievoerder uitplaatsingsregio 3 (demo)' } });
  });

  it('also takes the bare token in connectionParams', async () => {
    const result = await wsExecute(server.wsClient({ authorization: await server.token('ipo') }), VIEWER);
    expect(result.data?.viewer.subject).toBe('ipo');
  });

  it('runs nothing for a client that ignores the 4401 close and sends operations anyway', async () => {
    const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    const received: string[] = [];
    socket.on('message', (data) => received.push(String(data)));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer nonsense' } }));
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: VIEWER } }));
    expect(await closed).toBe(4401);
    expect(received).toEqual([]);
  });

  it('is served at /graphql/ as over HTTP, and at no path below it', async () => {
    const opened = (url: string) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(url, 'graphql-transport-ws');
        socket.once('open', () => {
          socket.close();
          resolve(101);
        });
        // ws: "Unexpected server response: 404"
        socket.once('error', (error) => resolve(Number(/\d{3}/.exec(error.message)?.[0] ?? 0)));
      });
    expect(await opened(`${server.wsUrl}/`)).toBe(101);
    expect(await opened(`${server.wsUrl}/x`)).toBe(404);
    const client = createClient({ url: `${server.wsUrl}/`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${await server.token('ipo')}` }, retryAttempts: 0 });
    try {
      expect((await wsExecute(client, VIEWER)).data?.viewer.subject).toBe('ipo');
    } finally {
      await client.dispose();
    }
  });

  it('closes the connection with 4401 UNAUTHENTICATED without a token or with a bad one', async () => {
    for (const params of [undefined, { authorization: 'Bearer nonsense' }, { authorization: await server.token('lrt', { audience: 'x' }) }]) {
      const client = server.wsClient(params);
      const failure: any = await wsExecute(client, VIEWER).then(
        () => null,
        (error) => error,
      );
      expect(failure?.code).toBe(4401);
      expect(failure?.reason).toMatch(/^UNAUTHENTICATED/);
    }
  });
});
