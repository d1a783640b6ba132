import { forbidden } from '../platform/errors.js';
import type { Principal } from '../platform/auth/principal.js';
import { hasRole, isNational, provincesInScope } from '../platform/auth/scope.js';
import type { ProvinceCode } from '../reference/index.js';
import { Role } from './enums.js';

/**
 * Who may see and change memberships. Memberships say who works where, so they are visible within the
 * provinces someone works in; IPO and LRT see all of them; only LRT grants and revokes. Why a membership
 * was revoked, and by whom, is for IPO, LRT and the person concerned.
 *
 * Deliberately public to every authenticated person: the composition of each regietafel (its chair, its
 * members and who forms its secretariat), as the provinces publish it themselves. That is the
 * `Regietafel` type; it shows names and seats, not memberships, their history or their scope.
 */
export const membershipPolicy = {
  /** Provinces whose memberships the principal may list; 'ALL' for national roles (including national memberships). */
  readableProvinces(principal: Principal): ProvinceCode[] | 'ALL' {
    return isNational(principal) ? 'ALL' : provincesInScope(principal);
  },

  assertCanListProvince(principal: Principal, provinceCode: ProvinceCode): void {
    const readable = this.readableProvinces(principal);
    if (readable !== 'ALL' && !readable.includes(provinceCode)) {
      throw forbidden(`You may not read the memberships of province ${provinceCode}: your roles reach ${readable.join(', ') || 'no province'}`);
    }
  },

  /** A person may always see their own memberships; others by province as above. */
  canRead(principal: Principal, membership: { personId: string; provinceCodes: ProvinceCode[] }): boolean {
    if (membership.personId === principal.personId) return true;
    const readable = this.readableProvinces(principal);
    if (readable === 'ALL') return true;
    return membership.provinceCodes.some((code) => readable.includes(code));
  },

  canSeeRevocationDetails(principal: Principal, membership: { personId: string }): boolean {
    return isNational(principal) || membership.personId === principal.personId;
  },

  canManage(principal: Principal): boolean {
    return hasRole(principal, Role.LRT);
  },

  assertCanManage(principal: Principal): void {
    if (!this.canManage(principal)) throw forbidden('Only an LRT member may grant or revoke memberships');
  },
};
