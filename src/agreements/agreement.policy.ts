import type { Principal } from '../platform/auth/principal.js';
import { coaProvinces, overseenProvinces, oversees, ownGemeenten } from '../platform/auth/scope.js';
import type { ProvinceCode } from '../reference/index.js';

/**
 * Who may see and manage bestuursovereenkomsten. A gemeente reads its own agreements; the PRT secretariat,
 * regietafel members and COA_REGIO read those of their province(s); IPO and LRT read all. COA_REGIO
 * registers, extends and ends agreements within its uitplaatsingsregio. Readers may comment.
 */
export const agreementPolicy = {
  canRead(principal: Principal, agreement: { provinceCode: ProvinceCode; gemeenteCode: string }): boolean {
    return ownGemeenten(principal).includes(agreement.gemeenteCode) || oversees(principal, agreement.provinceCode);
  },

  listingScope(principal: Principal): { gemeenten: string[]; provinces: ProvinceCode[] | null } {
    const provinces = overseenProvinces(principal);
    return { gemeenten: ownGemeenten(principal), provinces: provinces === 'ALL' ? null : provinces };
  },

  canManage(principal: Principal, provinceCode: ProvinceCode): boolean {
    return coaProvinces(principal).includes(provinceCode);
  },
};
