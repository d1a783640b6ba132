import type { Principal } from '../platform/auth/principal.js';
import { coaProvinces, hasRole, overseenProvinces, ownGemeenten } from '../platform/auth/scope.js';
import { Role } from '../people/index.js';
import type { ProvinceCode } from '../reference/index.js';
import { HuisvestingAction } from './types.js';

/**
 * Who may do what with the huisvesting of vergunninghouders (issue 14). JenV (a PARTNER acting for it) and the LRT (on
 * its behalf) set the national taakstelling. A gemeente records its own realisation and takes part in herverdelingen. COA records koppelingen for
 * the gemeenten of its uitplaatsingsregio. The PRT secretariat and regietafel members read the gemeenten of their
 * province (the province supervises); IPO, COA, LRT and the national partners (PARTNER) read everything.
 */
export const huisvestingPolicy = {
  /** Provinces whose gemeenten the principal reads in full: 'ALL' for IPO, LRT and COA. */
  provinces(principal: Principal): ProvinceCode[] | 'ALL' {
    // Those who oversee a province (secretariat, regietafel seats); COA reads every province, not only its region's.
    return hasRole(principal, Role.COA_REGIO) || hasRole(principal, Role.PARTNER) ? 'ALL' : overseenProvinces(principal);
  },

  canReadProvince(principal: Principal, provinceCode: ProvinceCode): boolean {
    const provinces = this.provinces(principal);
    return provinces === 'ALL' || provinces.includes(provinceCode);
  },

  canReadGemeente(principal: Principal, gemeente: { gemeenteCode: string; provinceCode: ProvinceCode }): boolean {
    return ownGemeenten(principal).includes(gemeente.gemeenteCode) || this.canReadProvince(principal, gemeente.provinceCode);
  },

  canSetNational(principal: Principal): boolean {
    return principal.memberships.some((m) => m.role === Role.LRT || (m.role === Role.PARTNER && m.organisationAbbreviation === 'JenV'));
  },

  /** Realisation and herverdelingen: the gemeente itself. */
  actsFor(principal: Principal, gemeenteCode: string): boolean {
    return ownGemeenten(principal).includes(gemeenteCode);
  },

  canRecordKoppeling(principal: Principal, provinceCode: ProvinceCode): boolean {
    return coaProvinces(principal).includes(provinceCode);
  },

  /** What the principal may do with a gemeente's huisvesting now (the same checks the mutations make). */
  actionsFor(principal: Principal, gemeente: { gemeenteCode: string; provinceCode: ProvinceCode }): HuisvestingAction[] {
    const actions: HuisvestingAction[] = [];
    if (this.actsFor(principal, gemeente.gemeenteCode)) actions.push(HuisvestingAction.RECORD_REALISATION, HuisvestingAction.PROPOSE_HERVERDELING);
    if (this.canRecordKoppeling(principal, gemeente.provinceCode)) actions.push(HuisvestingAction.RECORD_KOPPELINGEN);
    return actions;
  },
};
