import http from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { freePort } from '../../src/platform/embedded-postgres.js';

/**
 * A real OpenID Connect provider for the browser tests: authorization code with PKCE for the web application (a
 * public client), JWT access tokens for the regietafel API (audience `regietafel`), short-lived so that renewal
 * happens within a test. Its development login form accepts any login: the login is the token's subject.
 */
export interface IdentityProvider {
  issuer: string;
  jwksUrl: string;
  clientId: string;
  close(): Promise<void>;
}

export async function startIdentityProvider(options: { appOrigin: string; accessTokenSeconds?: number }): Promise<IdentityProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'regietafel-web';
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const signing = { ...(await exportJWK(privateKey)), kid: 'test-idp', alg: 'ES256', use: 'sig' };
  const ttl = options.accessTokenSeconds ?? 3600;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        token_endpoint_auth_method: 'none',
        id_token_signed_response_alg: 'ES256',
        application_type: 'web',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [`${options.appOrigin}/auth/callback`, `${options.appOrigin}/auth/silent`],
        post_logout_redirect_uris: [`${options.appOrigin}/aanmelden`, `${options.appOrigin}/`],
      },
    ],
    pkce: { required: () => true },
    // The web application is a public client in the browser: its token requests are cross-origin.
    clientBasedCORS: () => true,
    jwks: { keys: [signing as never] },
    cookies: { keys: ['regietafel-test-only'] },
    claims: { openid: ['sub'], profile: ['name'] },
    findAccount: async (_ctx: unknown, id: string) => ({ accountId: id, claims: async () => ({ sub: id, name: id }) }),
    ttl: { AccessToken: ttl, IdToken: ttl, Session: 3600, Grant: 3600, Interaction: 600, AuthorizationCode: 60 },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => 'urn:regietafel:api',
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: 'api', audience: 'regietafel', accessTokenTTL: ttl, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'ES256' } } }),
      },
    },
  } as never);
  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    clientId,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
