import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createLocalJWKSet, createRemoteJWKSet, exportJWK, generateKeyPair, importJWK, type JWK, type JWTVerifyGetKey } from 'jose';

const ALGORITHM = 'ES256';

interface DevKeyFile {
  privateJwk: JWK;
  publicJwk: JWK;
}

function devKeyPath(dataDir: string): string {
  return path.join(dataDir, 'dev-signing-key.json');
}

/**
 * The development signing key: created on first use and kept in the data directory so that tokens
 * printed by `npm run token` stay valid across restarts. Never used when AUTH_JWKS_URL is set.
 */
export async function loadOrCreateDevKey(dataDir: string): Promise<DevKeyFile> {
  const file = devKeyPath(dataDir);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DevKeyFile;
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const kid = `dev-${Date.now().toString(36)}`;
  const keys: DevKeyFile = {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: ALGORITHM, use: 'sig' },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: ALGORITHM, use: 'sig' },
  };
  mkdirSync(dataDir, { recursive: true });
  // wx: if another process created it meanwhile, keep theirs.
  try {
    writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return JSON.parse(readFileSync(file, 'utf8')) as DevKeyFile;
    throw error;
  }
  return keys;
}

export async function devSigningKey(dataDir: string) {
  const { privateJwk } = await loadOrCreateDevKey(dataDir);
  return { key: await importJWK(privateJwk, ALGORITHM), kid: privateJwk.kid!, alg: ALGORITHM };
}

/** The key set tokens are verified against: the OIDC provider's JWKS, or the development key. */
export async function verificationKeys(options: { jwksUrl?: string; dataDir: string }): Promise<JWTVerifyGetKey> {
  if (options.jwksUrl) return createRemoteJWKSet(new URL(options.jwksUrl));
  const { publicJwk } = await loadOrCreateDevKey(options.dataDir);
  return createLocalJWKSet({ keys: [publicJwk] });
}
