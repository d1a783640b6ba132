import type { Principal } from '../platform/auth/principal.js';
import { ability, Actions, provincesWhere, type AbilitiesOf } from '../people/index.js';
import { planPolicy } from './plan.policy.js';

export enum PlanAbility {
  READ_PLANS = 'READ_PLANS',
  READ_DRAFT_PLANS = 'READ_DRAFT_PLANS',
  EDIT_PLANS = 'EDIT_PLANS',
  DECIDE_PLANS = 'DECIDE_PLANS',
  REVISE_SHORT_TERM_TARGET = 'REVISE_SHORT_TERM_TARGET',
}
Actions.add(PlanAbility, {
  READ_PLANS: 'Read and comment on submitted and adopted provincial plans.',
  READ_DRAFT_PLANS: 'Also read and comment on plans in draft (CONCEPT, TERUGGESTUURD), with all their history.',
  EDIT_PLANS: 'Create, edit and submit provincial plans (PRT secretariat).',
  DECIDE_PLANS: 'Set the opgave, adopt and return plans (LRT).',
  REVISE_SHORT_TERM_TARGET: 'Revise the short-term target, nationally or of a province (reviseShortTermTarget; LRT).',
});

export const planAbilities: AbilitiesOf = (principal: Principal) => [
  ...ability(PlanAbility.READ_PLANS, provincesWhere((code) => planPolicy.access(principal, code) !== 'NONE')),
  ...ability(PlanAbility.READ_DRAFT_PLANS, provincesWhere((code) => planPolicy.access(principal, code) === 'FULL')),
  ...ability(PlanAbility.EDIT_PLANS, provincesWhere((code) => planPolicy.canEdit(principal, code))),
  ...(planPolicy.canDecide(principal) ? ability(PlanAbility.DECIDE_PLANS, 'ALL') : []),
  // The same check reviseShortTermTarget makes.
  ...(planPolicy.canDecide(principal) ? ability(PlanAbility.REVISE_SHORT_TERM_TARGET, 'ALL') : []),
];
