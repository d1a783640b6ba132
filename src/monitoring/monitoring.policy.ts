import type { Principal } from '../platform/auth/principal.js';
import { coaProvinces, isNational } from '../platform/auth/scope.js';
import { forbidden } from '../platform/errors.js';
import { Role } from '../people/index.js';
import { PROVINCE_CODES, type ProvinceCode } from '../reference/index.js';

/** FULL: all figures, drafts included. ADOPTED: opgave and adopted plans only (a gemeente's view of its province). */
export type MonitoringLevel = 'FULL' | 'ADOPTED';

/**
 * Who sees which monitoring figures. IPO and LRT: every province. The national partners (PARTNER: a ministry, VNG):
 * every province's adopted figures. The PRT secretariat and regietafel
 * members: their province. COA_REGIO: the provinces of its uitplaatsingsregio. A gemeente: its province's
 * adopted figures (opgave and adopted plans), not realised capacity or the pipeline, which would reveal other
 * gemeenten's agreements and proposals.
 */
export const monitoringPolicy = {
  scope(principal: Principal): Map<ProvinceCode, MonitoringLevel> {
    const scope = new Map<ProvinceCode, MonitoringLevel>();
    if (isNational(principal)) {
      for (const code of PROVINCE_CODES) scope.set(code, 'FULL');
      return scope;
    }
    for (const m of principal.memberships) {
      if (m.role === Role.PARTNER) for (const code of PROVINCE_CODES) scope.set(code, 'ADOPTED');
      if (m.role === Role.GEMEENTE) for (const code of m.provinceCodes) if (!scope.has(code)) scope.set(code, 'ADOPTED');
    }
    const full = [...principal.seatProvinceCodes, ...coaProvinces(principal), ...principal.memberships.filter((m) => m.role === Role.PRT_SECRETARIAAT).flatMap((m) => m.provinceCodes)];
    for (const code of full) scope.set(code, 'FULL');
    return scope;
  },

  /** The provinces asked for, or all in scope; FORBIDDEN when asking for one outside it, or having none. */
  provinces(principal: Principal, provinceCode: ProvinceCode | null | undefined, field = 'provinceCode'): Map<ProvinceCode, MonitoringLevel> {
    const scope = this.scope(principal);
    if (provinceCode) {
      const level = scope.get(provinceCode);
      if (!level) throw forbidden(`You may not see the figures of province ${provinceCode}`, field);
      return new Map([[provinceCode, level]]);
    }
    if (scope.size === 0) throw forbidden('Your roles give you no monitoring figures');
    return scope;
  },
};
