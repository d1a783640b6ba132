import type { Principal } from '../platform/auth/principal.js';
import { hasRole } from '../platform/auth/scope.js';
import { Role } from '../people/index.js';
import { SupportMeasureAction } from './types.js';

/**
 * Who may do what with the status table of ondersteuningsmaatregelen (issue 15 A). The table is national and shared
 * with every regietafel: everyone with a role or a seat at a regietafel reads it. The LRT edits every measure and creates them. A trekker updates
 * its own measures: a person whose membership acts for a national organisation that leads the measure (its
 * `organisationAbbreviation`: a PARTNER for BZK, JenV, SZW or VNG, COA's people for COA, IPO's for IPO); where the LRT
 * itself is trekker, that is the LRT's members.
 */
export const measuresPolicy = {
  /** Everyone with a role, or a seat at a regietafel (a chair, a burgemeester, a gedeputeerde). */
  canRead(principal: Principal): boolean {
    return principal.memberships.length > 0 || principal.seatProvinceCodes.length > 0;
  },

  isLrt(principal: Principal): boolean {
    return hasRole(principal, Role.LRT);
  },

  canCreate(principal: Principal): boolean {
    return this.isLrt(principal);
  },

  isTrekker(principal: Principal, measure: { trekkerOrganisations: readonly string[]; lrtIsTrekker: boolean }): boolean {
    return principal.memberships.some(
      (m) => m.role !== Role.LRT && m.organisationAbbreviation !== null && measure.trekkerOrganisations.includes(m.organisationAbbreviation),
    ) || (measure.lrtIsTrekker && this.isLrt(principal));
  },

  /** Details, stand van zaken and milestones: the trekkers and the LRT. */
  canUpdate(principal: Principal, measure: { trekkerOrganisations: readonly string[]; lrtIsTrekker: boolean }): boolean {
    return this.isLrt(principal) || this.isTrekker(principal, measure);
  },

  actionsFor(principal: Principal, measure: { trekkerOrganisations: readonly string[]; lrtIsTrekker: boolean }): SupportMeasureAction[] {
    if (!this.canUpdate(principal, measure)) return [];
    const actions = [SupportMeasureAction.UPDATE_DETAILS, SupportMeasureAction.ADD_STAND_VAN_ZAKEN, SupportMeasureAction.MANAGE_MILESTONES];
    if (this.isLrt(principal)) actions.push(SupportMeasureAction.CHANGE_TREKKERS);
    return actions;
  },
};
