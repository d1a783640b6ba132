import type { Principal } from '../platform/auth/principal.js';
import { hasRole, isNational } from '../platform/auth/scope.js';
import { forbidden } from '../platform/errors.js';
import { Role } from '../people/index.js';
import type { ProvinceCode } from '../reference/index.js';
import { PlanAction, PlanStatus, allowedActions } from './status.js';

/** Statuses a plan has once the secretariat has put it forward. */
export const PUBLISHED_STATUSES: readonly PlanStatus[] = [PlanStatus.INGEDIEND, PlanStatus.VASTGESTELD];

/**
 * Who may do what with a province's plans.
 * - FULL reading (every status, every revision, every comment): the province's PRT secretariat, the people
 *   with a seat at its regietafel, COA_REGIO of its uitplaatsingsregio, IPO and LRT.
 * - PUBLISHED reading: gemeenten of the province see submitted and adopted plans, and only the revisions
 *   and comments made while the plan was submitted or adopted.
 * - The secretariat creates, edits and submits; LRT sets the opgave, adopts and returns.
 * - Whoever may read a plan (in its current status) may comment on it.
 */
export const planPolicy = {
  access(principal: Principal, provinceCode: ProvinceCode): 'FULL' | 'PUBLISHED' | 'NONE' {
    if (isNational(principal) || principal.seatProvinceCodes.includes(provinceCode)) return 'FULL';
    const reaches = (role: Role) => principal.memberships.some((m) => m.role === role && m.provinceCodes.includes(provinceCode));
    if (reaches(Role.PRT_SECRETARIAAT) || reaches(Role.COA_REGIO)) return 'FULL';
    // A gemeente its province's; the national partners (a ministry, VNG) every province's: opgave and published plans.
    if (reaches(Role.GEMEENTE) || hasRole(principal, Role.PARTNER)) return 'PUBLISHED';
    return 'NONE';
  },

  /** May the principal see the plan (or a revision, or a comment) of this province in this status? */
  canRead(principal: Principal, provinceCode: ProvinceCode, status: PlanStatus): boolean {
    const access = this.access(principal, provinceCode);
    return access === 'FULL' || (access === 'PUBLISHED' && PUBLISHED_STATUSES.includes(status));
  },

  assertCanRead(principal: Principal, plan: { provinceCode: ProvinceCode; status: PlanStatus }, field = 'id'): void {
    if (!this.canRead(principal, plan.provinceCode, plan.status)) {
      throw forbidden(`You may not see this plan of province ${plan.provinceCode}`, field);
    }
  },

  canEdit(principal: Principal, provinceCode: ProvinceCode): boolean {
    return principal.memberships.some((m) => m.role === Role.PRT_SECRETARIAAT && m.provinceCode === provinceCode);
  },

  canDecide(principal: Principal): boolean {
    return hasRole(principal, Role.LRT);
  },

  /** Which actions the principal may take on a plan in its current status. */
  actionsFor(principal: Principal, plan: { provinceCode: ProvinceCode; status: PlanStatus }): PlanAction[] {
    return allowedActions(plan.status).filter((action) =>
      action === PlanAction.EDIT || action === PlanAction.SUBMIT ? this.canEdit(principal, plan.provinceCode) : this.canDecide(principal),
    );
  },

  assertCan(principal: Principal, plan: { provinceCode: ProvinceCode }, action: PlanAction): void {
    const allowed = action === PlanAction.EDIT || action === PlanAction.SUBMIT ? this.canEdit(principal, plan.provinceCode) : this.canDecide(principal);
    if (!allowed) {
      const who = action === PlanAction.EDIT || action === PlanAction.SUBMIT ? `the PRT secretariat of ${plan.provinceCode}` : 'LRT';
      throw forbidden(`Only ${who} may ${action.toLowerCase()} this plan`);
    }
  },
};
