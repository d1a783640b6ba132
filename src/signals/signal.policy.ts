import type { Principal } from '../platform/auth/principal.js';
import { coaProvinces, hasRole, isNational, overseenProvinces } from '../platform/auth/scope.js';
import { PROVINCE_CODES, Role, type ProvinceCode } from '../platform/auth/vocabulary.js';
import { ACTOR, SignalAction, SignalSource, SignalStatus, signalActions } from './status.js';

type SignalRef = { provinceCode: ProvinceCode; source: SignalSource | string; status: SignalStatus | string };

/**
 * Who may see and move a signal.
 * - Readers: IPO and LRT every province; the province's PRT secretariat and regietafel members; COA for the provinces
 *   of its uitplaatsingsregio; and the gemeenten of the province (they sit at its regietafel and the bottleneck is
 *   theirs too). A gemeente of another province and a COA of another region see nothing.
 * - Raising: the PRT secretariat for its province (source PRT), COA for a province of its region (COA), the LRT on
 *   behalf of the bestuurlijk aanjager (BESTUURLIJK_AANJAGER): the aanjager has no role of its own in the platform.
 * - The raising party (whoever may raise with the signal's source in its province) edits it while OPEN, closes it and
 *   reopens an answered one; the LRT puts it on the agenda, answers and may close it.
 * - Whoever reads a signal may comment on it; the raising party and the LRT resolve comments.
 */
export const signalPolicy = {
  /** Provinces whose signals the principal reads: 'ALL' for IPO and LRT. */
  readableProvinces(principal: Principal): ProvinceCode[] | 'ALL' {
    if (isNational(principal)) return 'ALL';
    const overseen = overseenProvinces(principal) as ProvinceCode[];
    const gemeenten = principal.memberships.filter((m) => m.role === Role.GEMEENTE).flatMap((m) => m.provinceCodes);
    const codes = new Set<ProvinceCode>([...overseen, ...gemeenten]);
    return PROVINCE_CODES.filter((code) => codes.has(code));
  },

  canReadProvince(principal: Principal, provinceCode: ProvinceCode): boolean {
    const provinces = this.readableProvinces(principal);
    return provinces === 'ALL' || provinces.includes(provinceCode);
  },

  /** The sources the principal may raise a signal with in a province, in order of preference. */
  sources(principal: Principal, provinceCode: ProvinceCode): SignalSource[] {
    const sources: SignalSource[] = [];
    if (principal.memberships.some((m) => m.role === Role.PRT_SECRETARIAAT && m.provinceCodes.includes(provinceCode))) sources.push(SignalSource.PRT);
    if (coaProvinces(principal).includes(provinceCode)) sources.push(SignalSource.COA);
    if (hasRole(principal, Role.LRT)) sources.push(SignalSource.BESTUURLIJK_AANJAGER);
    return sources;
  },

  raiseProvinces(principal: Principal): ProvinceCode[] | 'ALL' {
    if (hasRole(principal, Role.LRT)) return 'ALL';
    return PROVINCE_CODES.filter((code) => this.sources(principal, code).length > 0);
  },

  isLrt(principal: Principal): boolean {
    return hasRole(principal, Role.LRT);
  },

  isRaiser(principal: Principal, signal: Pick<SignalRef, 'provinceCode' | 'source'>): boolean {
    return this.sources(principal, signal.provinceCode).includes(signal.source as SignalSource);
  },

  canRead(principal: Principal, signal: Pick<SignalRef, 'provinceCode'>): boolean {
    return this.canReadProvince(principal, signal.provinceCode);
  },

  mayAct(principal: Principal, signal: SignalRef, action: SignalAction): boolean {
    const actor = ACTOR[action];
    if (actor === 'LRT') return this.isLrt(principal);
    if (actor === 'RAISER') return this.isRaiser(principal, signal);
    return this.isLrt(principal) || this.isRaiser(principal, signal);
  },

  canModerateComments(principal: Principal, signal: Pick<SignalRef, 'provinceCode' | 'source'>): boolean {
    return this.isLrt(principal) || this.isRaiser(principal, signal);
  },

  actionsFor(principal: Principal, signal: SignalRef): SignalAction[] {
    if (!this.canRead(principal, signal)) return [];
    return signalActions(signal.status as SignalStatus).filter((action) => this.mayAct(principal, signal, action));
  },
};
