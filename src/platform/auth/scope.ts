import { PROVINCE_CODES, Role, type ProvinceCode } from './vocabulary.js';
import type { Principal } from './principal.js';

/** Pure helpers every capability's policy builds on. */

export function hasRole(principal: Principal, role: Role): boolean {
  return principal.memberships.some((membership) => membership.role === role);
}

/** IPO and LRT act nationally: they read every province. */
export function isNational(principal: Principal): boolean {
  return hasRole(principal, Role.IPO) || hasRole(principal, Role.LRT);
}

/** Provinces the principal works in through any membership; all twelve for national roles. */
export function provincesInScope(principal: Principal): ProvinceCode[] {
  if (isNational(principal)) return [...PROVINCE_CODES];
  const codes = new Set(principal.memberships.flatMap((membership) => membership.provinceCodes));
  return PROVINCE_CODES.filter((code) => codes.has(code));
}

/**
 * Provinces whose work the principal oversees as a whole: all for IPO and LRT; otherwise the provinces of
 * their PRT secretariat memberships, their regietafel seats and their COA uitplaatsingsregio.
 */
export function overseenProvinces(principal: Principal): ProvinceCode[] | 'ALL' {
  if (isNational(principal)) return 'ALL';
  const codes = new Set<ProvinceCode>(principal.seatProvinceCodes);
  for (const m of principal.memberships) {
    if (m.role === Role.PRT_SECRETARIAAT || m.role === Role.COA_REGIO) m.provinceCodes.forEach((code) => codes.add(code));
  }
  return PROVINCE_CODES.filter((code) => codes.has(code));
}

export function oversees(principal: Principal, provinceCode: ProvinceCode): boolean {
  const provinces = overseenProvinces(principal);
  return provinces === 'ALL' || provinces.includes(provinceCode);
}

/** Gemeenten the principal acts for (GEMEENTE memberships). */
export function ownGemeenten(principal: Principal): string[] {
  return principal.memberships.filter((m) => m.role === Role.GEMEENTE && m.gemeenteCode).map((m) => m.gemeenteCode!);
}

/** Provinces where the principal is COA's regional contact. */
export function coaProvinces(principal: Principal): ProvinceCode[] {
  return [...new Set(principal.memberships.filter((m) => m.role === Role.COA_REGIO).flatMap((m) => m.provinceCodes))];
}
