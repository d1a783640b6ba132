import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/platform/config.js';
import { startTestServer, type TestServer } from './support/harness.js';

/** How the server hands out the web application and lets people sign in to it. */
const webRoot = mkdtempSync(path.join(os.tmpdir(), 'regietafel-web-'));
mkdirSync(path.join(webRoot, 'assets'));
writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><html lang="nl"><title>regietafel</title><script type="module" src="/assets/app-3f2a1b.js"></script></html>');
writeFileSync(path.join(webRoot, 'assets', 'app-3f2a1b.js'), 'console.log("regietafel");');
writeFileSync(path.join(webRoot, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');

const servers: TestServer[] = [];
async function serverWith(env: Record<string, string> = {}) {
  const server = await startTestServer(env, { webRoot, captureLogs: true });
  servers.push(server);
  return { server, base: server.url.replace(/\/graphql$/, '') };
}
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  rmSync(webRoot, { recursive: true, force: true });
});

describe('the web application', () => {
  let base: string;
  beforeAll(async () => {
    ({ base } = await serverWith());
  });

  it('is served at / and at every route of the application, never cached, under a policy of this origin only', async () => {
    for (const route of ['/', '/dashboard', '/provincie/UT', '/verkenner', '/auth/callback', '/auth/silent']) {
      const response = await fetch(`${base}${route}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<html lang="nl">');
      expect(response.headers.get('cache-control')).toBe('no-store');
      const policy = response.headers.get('content-security-policy')!;
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toMatch(/https?:|wss?:|\*|'unsafe-eval'/);
    }
  });

  it('caches hashed assets for good, and answers a missing one with 404 (not the application)', async () => {
    const asset = await fetch(`${base}/assets/app-3f2a1b.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);
    expect((await fetch(`${base}/assets/app-000000.js`)).status).toBe(404);
    expect((await fetch(`${base}/favicon.svg`)).headers.get('content-type')).toMatch(/svg/);
    // Nothing outside the build, however the path is written.
    for (const sneaky of ['/../package.json', '/%2e%2e/package.json', '/assets/../../package.json', '/assets/..%2f..%2fpackage.json', '/assets/']) {
      const text = await (await fetch(`${base}${sneaky}`)).text();
      expect(text).not.toContain('"name": "regietafel"');
      expect(text).not.toMatch(/    at |\/node_modules\/|<pre>/); // no stack trace, no server paths
    }
  });

  it('leaves the API alone, and sends a browser that opens /graphql to the explorer instead of a page from a CDN', async () => {
    expect((await fetch(`${base}/healthz`)).headers.get('content-type')).toMatch(/json/);
    expect((await fetch(`${base}/export/nowhere.csv`)).status).toBe(404);
    const browser = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(browser.status).toBe(302);
    expect(browser.headers.get('location')).toBe('/verkenner');
    const page = await (await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(page).not.toMatch(/apollo|cdn\./i);
  });
});

describe('a path that nothing serves', () => {
  it('is answered as the API answers: 404 with a code, never a page of the framework; and no path below /graphql is the API', async () => {
    const { base } = await serverWith();
    const asked: [string, RequestInit][] = [
      ['/graphql/x', { headers: { accept: 'application/json' } }],
      ['/graphql/x', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }],
      ['/readyz/x', {}],
      ['/healthz/x', {}],
      ['/auth/x', {}],
      ['/dashboard', { method: 'POST' }],
      ['/', { method: 'DELETE' }],
    ];
    for (const [route, init] of asked) {
      const response = await fetch(`${base}${route}`, init);
      const what = `${init.method ?? 'GET'} ${route}`;
      expect(response.status, what).toBe(404);
      expect(response.headers.get('content-type'), what).toBe('application/json; charset=utf-8');
      expect(await response.json(), what).toEqual({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
      expect(response.headers.get('x-request-id'), what).toMatch(/^[0-9a-f-]{36}$/);
    }
    // Every answer names its request: the application, the health checks; a sensible id of the client's is kept.
    for (const route of ['/', '/healthz', '/readyz', '/favicon.svg']) expect((await fetch(`${base}${route}`)).headers.get('x-request-id'), route).toMatch(/^[0-9a-f-]{36}$/);
    expect((await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'trace-12345678' } })).headers.get('x-request-id')).toBe('trace-12345678');
  });
});

describe('signing in', () => {
  it('in development: lists the demo users by role and signs in as the chosen one, and the log says so', async () => {
    const { server, base } = await serverWith();
    const config = (await (await fetch(`${base}/auth/config`)).json()) as any;
    expect(config.mode).toBe('development');
    expect(config.users).toContainEqual({ handle: 'secretariaat-ut', name: 'Secretariaat PRT Utrecht (demo)', role: 'PRT_SECRETARIAAT', scope: 'UT' });
    expect(config.users).toContainEqual(expect.objectContaining({ handle: 'gemeente-zeist', role: 'GEMEENTE', scope: 'Zeist' }));
    const signIn = await fetch(`${base}/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'ipo' }) });
    expect(signIn.status).toBe(200);
    const { token, expiresAt } = (await signIn.json()) as any;
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect((await server.gql('{ viewer { name } }', undefined, token)).data.viewer.name).toBe('IPO-monitor (demo)');
    // Only the people on the list: not any subject one cares to name.
    const stranger = await fetch(`${base}/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'anyone' }) });
    expect(stranger.status).toBe(400);
    // A body it cannot read: the API's JSON error, never Express's page with a stack trace.
    const unreadable = [
      ['{"user":', 400, 'BAD_REQUEST', 'Request body is not valid JSON'],
      [JSON.stringify({ user: 'x'.repeat(2_000) }), 413, 'PAYLOAD_TOO_LARGE', 'Request body larger than 1024 bytes'],
      [Buffer.from([...Buffer.from('{"user":"ip'), 0xff, ...Buffer.from('o"}')]), 400, 'BAD_REQUEST', 'Request body is not valid UTF-8'],
    ] as const;
    for (const [body, status, code, message] of unreadable) {
      const answer = await fetch(`${base}/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(answer.status, code).toBe(status);
      expect(answer.headers.get('content-type'), code).toBe('application/json; charset=utf-8');
      expect(await answer.json(), code).toEqual({ errors: [{ message, extensions: { code } }] });
    }
    expect(server.logs.some((line) => /development sign-in is ON/.test(String(line.msg)))).toBe(true);
  });

  it('does not exist by default in production (the Docker image), and can be turned on there for a demo', async () => {
    const production = await serverWith({ NODE_ENV: 'production' });
    expect(await (await fetch(`${production.base}/auth/config`)).json()).toEqual({ mode: 'none' });
    const refused = await fetch(`${production.base}/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'lrt' }) });
    expect(refused.status).toBe(404);
    expect(production.server.logs.some((line) => /development sign-in is ON/.test(String(line.msg)))).toBe(false);

    const demo = await serverWith({ NODE_ENV: 'production', DEV_SIGN_IN: 'true' });
    expect(((await (await fetch(`${demo.base}/auth/config`)).json()) as any).mode).toBe('development');
    expect(demo.server.logs.some((line) => /development sign-in is ON/.test(String(line.msg)))).toBe(true);
  });

  it('never exists next to an identity provider: the web application signs in with OpenID Connect there', async () => {
    expect(() => loadConfig({ AUTH_JWKS_URL: 'https://id.example/jwks', DEV_SIGN_IN: 'true' })).toThrow(/DEV_SIGN_IN cannot be on when AUTH_JWKS_URL is set/);
    expect(loadConfig({ AUTH_JWKS_URL: 'https://id.example/jwks' }).auth.devSignIn).toBe(false);
    // With the development sign-in on, only this machine can reach the server unless HOST says otherwise.
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'production' }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    const { base } = await serverWith({ AUTH_JWKS_URL: 'https://id.example/jwks', AUTH_ISSUER: 'https://id.example', AUTH_CLIENT_ID: 'regietafel-web' });
    expect(await (await fetch(`${base}/auth/config`)).json()).toEqual({ mode: 'oidc', issuer: 'https://id.example', clientId: 'regietafel-web', scope: 'openid profile' });
    // The identity provider is the one other origin the page may talk to (sign-in, renewal), and only where needed.
    const policy = (await fetch(`${base}/`)).headers.get('content-security-policy')!;
    expect(policy).toContain("connect-src 'self' https://id.example");
    expect(policy).toMatch(/script-src 'self';/);
    expect((await fetch(`${base}/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"user":"lrt"}' })).status).toBe(404);
  });
});
