import { existsSync } from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { type ErrorRequestHandler, type Express } from 'express';
import { SignJWT } from 'jose';
import { devSigningKey } from './auth/keys.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { packageRoot } from './paths.js';
import { requireUtf8 } from './request-body.js';

/** A person the development sign-in page offers. */
export interface SignInUser {
  handle: string;
  name: string;
  /** Their role, or null for a seat holder without a membership. */
  role: string | null;
  /** Province code, gemeente name or regio number the role applies to, if any. */
  scope: string | null;
}

/** The web application is built here (`npm run build`). */
export const DEFAULT_WEB_ROOT = path.join(packageRoot, 'dist', 'web');

/**
 * Only this server's own origin: no script, style, font or connection from anywhere else, no inline script, not
 * framed by others. Inline styles are allowed (the design system's and the charts' own style attributes). With
 * OpenID Connect, the identity provider's origin too, where the sign-in needs it: its endpoints are called
 * (connect), and silent renewal opens it in a hidden frame of our own page.
 */
export function contentSecurityPolicy(identityProvider?: string): string {
  const provider = identityProvider ? ` ${identityProvider}` : '';
  return [
    "default-src 'self'",
    // 'self' covers the page's own ws:/wss: origin (the live updates); no other host.
    `connect-src 'self'${provider}`,
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    "script-src 'self'",
    "worker-src 'self' blob:",
    "font-src 'self' data:",
    `frame-src 'self'${provider}`,
    "frame-ancestors 'self'",
    "base-uri 'self'",
    `form-action 'self'${provider}`,
  ].join('; ');
}

/** Paths the web application never answers: the API and the operator's endpoints. */
const NOT_THE_APPLICATION = ['/graphql', '/export', '/auth', '/healthz', '/readyz', '/assets'];
/** Under /auth, the pages the identity provider sends the browser back to are the application's own. */
const APPLICATION_UNDER_AUTH = ['/auth/callback', '/auth/silent'];

const TOKEN_LIFETIME = '8h';

/**
 * `GET /auth/config` tells the web application how people sign in: through the organisation's OpenID Connect
 * provider, as a demo user (development only), or not at all. `POST /auth/dev-token` exists only for the second.
 */
export function mountSignIn(app: Express, options: { config: Config; log: Logger; users: SignInUser[] }): void {
  const { config, log, users } = options;
  const auth = config.auth;
  app.get('/auth/config', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    if (auth.jwksUrl && auth.clientId) {
      res.json({ mode: 'oidc', issuer: auth.issuer, clientId: auth.clientId, scope: auth.scope });
    } else if (auth.devSignIn) {
      res.json({ mode: 'development', users });
    } else {
      res.json({ mode: 'none' });
    }
  });
  if (!auth.devSignIn) return;
  log.warn(
    { setting: 'DEV_SIGN_IN' },
    'development sign-in is ON: anyone who can reach this server can sign in as any demo user (POST /auth/dev-token). Never on a server with real data',
  );
  app.post('/auth/dev-token', express.json({ limit: 1024, verify: requireUtf8 }), async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const handle = (req.body as { user?: unknown } | undefined)?.user;
    const user = users.find((candidate) => candidate.handle === handle);
    if (!user) {
      res.status(400).json({ errors: [{ message: 'Unknown demo user', extensions: { code: 'BAD_USER_INPUT', field: 'user' } }] });
      return;
    }
    const { key, kid, alg } = await devSigningKey(config.dataDir);
    const token = await new SignJWT({ name: user.name })
      .setProtectedHeader({ alg, kid, typ: 'JWT' })
      .setSubject(user.handle)
      .setIssuer(auth.issuer)
      .setAudience(auth.audience)
      .setIssuedAt()
      .setExpirationTime(TOKEN_LIFETIME)
      .sign(key);
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number };
    log.info({ user: user.handle }, 'development sign-in');
    res.json({ token, expiresAt: new Date(exp * 1000).toISOString() });
  });
}

/**
 * Serves the built web application: hashed assets cached for good, every other path of the application answered
 * with index.html (the application routes itself), never cached, under a Content-Security-Policy of this origin.
 */
export function mountWebApplication(app: Express, options: { webRoot?: string; log: Logger; config: Config }): void {
  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
  const auth = options.config.auth;
  const policy = contentSecurityPolicy(auth.jwksUrl && auth.clientId ? new URL(auth.issuer).origin : undefined);
  const index = path.join(webRoot, 'index.html');
  if (!existsSync(index)) options.log.warn({ webRoot }, 'the web application is not built (npm run build): / answers 503');
  // The application's files go out compressed (about a quarter of their size); the API's answers are left alone.
  const compress = compression();
  app.use(
    '/assets',
    compress,
    express.static(path.join(webRoot, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false, dotfiles: 'ignore' }),
  );
  // A missing or refused asset: a plain answer, never Express's page with a stack trace and the server's paths.
  const assetErrors: ErrorRequestHandler = (error, _req, res, _next) => {
    const status = (error as { status?: number }).status === 403 ? 403 : 404;
    res.status(status).type('text/plain; charset=utf-8').send(status === 403 ? 'Niet toegestaan\n' : 'Niet gevonden\n');
  };
  app.use('/assets', assetErrors);
  app.use((req, res, next) => {
    const api = NOT_THE_APPLICATION.some((prefix) => req.path === prefix || req.path.startsWith(`${prefix}/`)) && !APPLICATION_UNDER_AUTH.includes(req.path);
    if ((req.method !== 'GET' && req.method !== 'HEAD') || api) {
      next();
      return;
    }
    res.setHeader('Content-Security-Policy', policy);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    if (!existsSync(index)) {
      res.status(503).type('text/plain; charset=utf-8').send('De webapplicatie is niet gebouwd. The web application is not built: run npm run build.\n');
      return;
    }
    // A file of the build other than the application's routes (e.g. favicon.svg), else the application itself.
    const file = path.join(webRoot, path.normalize(req.path));
    const own = file.startsWith(webRoot + path.sep) && path.extname(file) !== '' && existsSync(file);
    compress(req, res, () => res.sendFile(own ? file : index));
  });
}
