import { GraphQLError } from 'graphql';
import { errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { LRUCache } from 'lru-cache';
import type { DataSource } from 'typeorm';
import { queryPrepared } from '../database.js';
import { unauthenticated } from '../errors.js';
import { databaseUnavailability, serviceUnavailable } from '../database-health.js';
import type { Principal, ActiveMembership } from './principal.js';
import type { PersonRecord, PrincipalCache } from './principal-cache.js';
import type { ProvinceCode } from './vocabulary.js';

export interface Authenticator {
  /** Verifies a bearer token and loads who it belongs to. Throws UNAUTHENTICATED. */
  authenticate(authorization: string | undefined, options: { allowBareToken: boolean }): Promise<Principal>;
}

/** `Bearer xyz` → `xyz`. WebSocket connectionParams may also carry the bare token. */
export function tokenFrom(authorization: unknown, allowBareToken: boolean): string | undefined {
  if (typeof authorization !== 'string') return undefined;
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (match) return match[1];
  return allowBareToken && /^[\w-]+\.[\w-]+\.[\w-]+$/.test(authorization) ? authorization : undefined;
}

/** How long a verified token is trusted without checking its signature again (never past its expiry). */
export const VERIFIED_TOKEN_TTL_MS = 60_000;

export function createAuthenticator(
  dataSource: DataSource,
  keys: JWTVerifyGetKey,
  options: { issuer: string; audience: string },
  people?: PrincipalCache,
): Authenticator {
  // Clients send the same token with every request and every WebSocket operation. Its signature is checked at most
  // once a minute (issuer, audience and not-before were checked with it, and its expiry is checked every time).
  // Who it belongs to and their memberships come from `people`, which the database tells of every change (a
  // revocation applies from the next request on), or without it from the database every time. A key withdrawn from
  // the JWKS is refused once the key set is fetched again and cached tokens signed with it have aged out: up to a
  // minute after the key set's own cache (10 minutes by default) expires.
  const verified = new LRUCache<string, JWTPayload>({ max: 10_000 });
  return {
    async authenticate(authorization, { allowBareToken }) {
      const token = tokenFrom(authorization, allowBareToken);
      if (!token) throw unauthenticated('A bearer token is required (Authorization: Bearer <token>)');
      const cached = verified.get(token);
      if (cached && cached.exp! * 1000 > Date.now()) return principalOf(dataSource, cached, people);
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: ['ES256', 'RS256', 'PS256', 'EdDSA'],
          requiredClaims: ['sub', 'exp'],
        }));
        if (!/^[^\u0000-\u001f]{1,255}$/u.test(payload.sub ?? '')) throw unauthenticated('The token has no usable subject');
      } catch (error) {
        if (error instanceof GraphQLError) throw error;
        if (error instanceof joseErrors.JWTExpired) throw unauthenticated('The token has expired');
        if (error instanceof joseErrors.JWKSNoMatchingKey) {
          throw unauthenticated('The token was signed with a key this server does not know (e.g. its data directory was recreated): get a new token');
        }
        if (error instanceof joseErrors.JOSEError) throw unauthenticated(`The token is not valid (${error.code})`);
        throw error;
      }
      verified.set(token, payload, { ttl: Math.max(1, Math.min(VERIFIED_TOKEN_TTL_MS, payload.exp! * 1000 - Date.now())) });
      return principalOf(dataSource, payload, people);
    },
  };
}

/** The principal for a request: an unavailable database is SERVICE_UNAVAILABLE (nothing was done yet), not a crash. */
async function principalOf(dataSource: DataSource, payload: JWTPayload, people: PrincipalCache | undefined): Promise<Principal> {
  try {
    const subject = payload.sub!;
    const record = people ? await people.get(subject, () => readPerson(dataSource, subject)) : await readPerson(dataSource, subject);
    return principalFrom(record, payload);
  } catch (error) {
    if (databaseUnavailability(error)) throw serviceUnavailable('NOT_WRITTEN', false, error);
    throw error;
  }
}

/** Who a token subject is, with their active memberships and seats, read now (also used to act as a demo user). */
export async function loadPrincipal(dataSource: DataSource, payload: { sub?: string; exp?: number; name?: unknown }): Promise<Principal> {
  return principalFrom(await readPerson(dataSource, payload.sub!), payload);
}

/** The person a token subject names, with their active memberships and seats; null when there is none. */
async function readPerson(dataSource: DataSource, subject: string): Promise<PersonRecord | null> {
  const rows = await queryPrepared<{ id: string; name: string; memberships: ActiveMembership[] | null; seats: ProvinceCode[] }>(
    dataSource,
    'principal',
    `SELECT p.id, p.name,
       (SELECT json_agg(json_build_object(
           'id', m.id, 'role', m.role, 'organisationId', m.organisation_id, 'organisationAbbreviation', m.organisation_abbreviation,
           'provinceCode', m.province_code, 'gemeenteCode', m.gemeente_code,
           'uitplaatsingsregioNumber', m.uitplaatsingsregio_number,
           'provinceCodes', m.province_codes
         ) ORDER BY m.granted_at)
        FROM membership_scope m WHERE m.person_id = p.id AND m.revoked_at IS NULL) AS memberships,
       ARRAY(SELECT DISTINCT s.province_code FROM regietafel_seat s WHERE s.person_id = p.id ORDER BY 1) AS seats
     FROM person p WHERE p.subject = $1`,
    [subject],
  );
  const person = rows[0];
  return person ? { id: person.id, name: person.name, memberships: person.memberships ?? [], seats: person.seats } : null;
}

/** A principal of its own for each request (subscriptions update theirs), sharing the record's frozen, read-only lists. */
function principalFrom(person: PersonRecord | null, payload: { sub?: string; exp?: number; name?: unknown }): Principal {
  const subject = payload.sub!;
  return {
    subject,
    personId: person?.id ?? null,
    name: person?.name ?? (typeof payload.name === 'string' ? payload.name : subject),
    memberships: person?.memberships ?? [],
    seatProvinceCodes: person?.seats ?? [],
    expiresAt: payload.exp! * 1000,
  };
}
