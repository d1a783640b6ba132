import type { UserManager } from 'oidc-client-ts';

/** What GET /auth/config says about sign-in. */
export type DemoUser = { handle: string; name: string; role: string | null; scope: string | null };
export type AuthConfig =
  | { mode: 'development'; users: DemoUser[] }
  | { mode: 'oidc'; issuer: string; clientId: string; scope?: string }
  | { mode: 'none' };

const TOKEN_KEY = 'regietafel.token';
const EXPIRES_KEY = 'regietafel.expiresAt';
const MODE_KEY = 'regietafel.mode';
const RETURN_KEY = 'regietafel.returnTo';

type Listener = () => void;
const listeners = new Set<Listener>();
const notify = () => listeners.forEach((listener) => listener());

export function onTokenChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The bearer token of the person signed in, or null (none, or expired). */
export function getToken(): string | null {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const expiresAt = sessionStorage.getItem(EXPIRES_KEY);
  if (!token) return null;
  if (expiresAt && Date.parse(expiresAt) <= Date.now()) return null;
  return token;
}

export function setToken(token: string, expiresAt: string | null, mode: AuthConfig['mode']): void {
  signingOut = false;
  sessionStorage.setItem(TOKEN_KEY, token);
  if (expiresAt) sessionStorage.setItem(EXPIRES_KEY, expiresAt);
  else sessionStorage.removeItem(EXPIRES_KEY);
  sessionStorage.setItem(MODE_KEY, mode);
  notify();
}

export function clearToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(EXPIRES_KEY);
  notify();
}

export function signedInMode(): string | null {
  return sessionStorage.getItem(MODE_KEY);
}

/** Set while signing out: the page left behind is not one to come back to (the next person would land there). */
let signingOut = false;

/** Remembers the page someone wanted, to return there after signing in. */
export function rememberReturnTo(path: string): void {
  if (signingOut) return;
  if (!path.startsWith('/aanmelden') && !path.startsWith('/auth/')) sessionStorage.setItem(RETURN_KEY, path);
}

export function takeReturnTo(): string {
  const path = sessionStorage.getItem(RETURN_KEY) ?? '/';
  sessionStorage.removeItem(RETURN_KEY);
  return path.startsWith('/') && !path.startsWith('//') ? path : '/';
}

let configPromise: Promise<AuthConfig> | undefined;

export function loadAuthConfig(): Promise<AuthConfig> {
  configPromise ??= fetch('/auth/config', { headers: { accept: 'application/json' } }).then(async (response) => {
    if (!response.ok) throw new Error(`auth config ${response.status}`);
    return (await response.json()) as AuthConfig;
  });
  configPromise.catch(() => (configPromise = undefined));
  return configPromise;
}

export async function requestDevToken(handle: string): Promise<{ token: string; expiresAt: string }> {
  const response = await fetch('/auth/dev-token', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ user: handle }),
  });
  if (!response.ok) throw new Error(`dev-token ${response.status}`);
  return (await response.json()) as { token: string; expiresAt: string };
}

let userManager: Promise<UserManager> | undefined;

/** The OIDC client (authorization code with PKCE), loaded only when the server uses OIDC. */
export function getUserManager(config: Extract<AuthConfig, { mode: 'oidc' }>): Promise<UserManager> {
  userManager ??= import('oidc-client-ts').then(({ UserManager, WebStorageStateStore }) => {
    const origin = window.location.origin;
    const manager = new UserManager({
      authority: config.issuer,
      client_id: config.clientId,
      scope: config.scope ?? 'openid profile',
      redirect_uri: `${origin}/auth/callback`,
      silent_redirect_uri: `${origin}/auth/silent`,
      post_logout_redirect_uri: `${origin}/aanmelden`,
      response_type: 'code',
      automaticSilentRenew: true,
      userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    });
    const keep = (user: { access_token: string; expires_at?: number } | null) => {
      if (!user) return;
      setToken(user.access_token, user.expires_at ? new Date(user.expires_at * 1000).toISOString() : null, 'oidc');
    };
    manager.events.addUserLoaded(keep);
    manager.events.addUserSignedOut(() => clearToken());
    manager.events.addAccessTokenExpired(() => clearToken());
    return manager;
  });
  return userManager;
}

/** Forgets what belongs to the person signing out: where to return to, and the explorer's query history and tabs. */
function forgetPersonalState(): void {
  sessionStorage.removeItem(RETURN_KEY);
  for (const storage of [localStorage, sessionStorage]) {
    for (const key of Object.keys(storage)) if (key.startsWith('graphiql')) storage.removeItem(key);
  }
}

/** Signs out: at the OIDC provider when signed in there, else just forgets the token. */
export async function signOut(): Promise<boolean> {
  const mode = signedInMode();
  signingOut = true;
  forgetPersonalState();
  clearToken();
  sessionStorage.removeItem(MODE_KEY);
  // The pages still on screen react to the token's end; once they have, a later visit may be remembered again.
  window.setTimeout(() => {
    signingOut = false;
    sessionStorage.removeItem(RETURN_KEY);
  }, 1_000);
  if (mode !== 'oidc') return false;
  const config = await loadAuthConfig().catch(() => undefined);
  if (config?.mode !== 'oidc') return false;
  const manager = await getUserManager(config);
  await manager.signoutRedirect();
  return true;
}
