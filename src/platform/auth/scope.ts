import { PROVINCE_CODES, type ProvinceCode } from '../../reference/enums.js';
import { Role } from '../../people/enums.js';
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
