import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { Principal } from '../platform/auth/principal.js';
import { PROVINCE_CODES, ProvinceCode } from '../reference/enums.js';
import { membershipPolicy } from './membership.policy.js';
import { planPolicy } from '../plans/plan.policy.js';
import { coaProvinces, overseenProvinces } from '../platform/auth/scope.js';
import { monitoringPolicy } from '../monitoring/monitoring.policy.js';

export enum Action {
  READ_REFERENCE_DATA = 'READ_REFERENCE_DATA',
  READ_MEMBERSHIPS = 'READ_MEMBERSHIPS',
  MANAGE_MEMBERSHIPS = 'MANAGE_MEMBERSHIPS',
  READ_PLANS = 'READ_PLANS',
  READ_DRAFT_PLANS = 'READ_DRAFT_PLANS',
  EDIT_PLANS = 'EDIT_PLANS',
  DECIDE_PLANS = 'DECIDE_PLANS',
  PROPOSE_LOCATIONS = 'PROPOSE_LOCATIONS',
  READ_PROPOSALS_AND_AGREEMENTS = 'READ_PROPOSALS_AND_AGREEMENTS',
  REVIEW_PROPOSALS = 'REVIEW_PROPOSALS',
  MANAGE_AGREEMENTS = 'MANAGE_AGREEMENTS',
  READ_MONITORING = 'READ_MONITORING',
}

registerEnumType(Action, {
  name: 'Action',
  description: 'Something a person may do; `Viewer.abilities` says where.',
  valuesConfig: {
    READ_REFERENCE_DATA: { description: 'Read provinces, gemeenten, regions, opvangtypes and regietafel composition.' },
    READ_MEMBERSHIPS: { description: 'See who holds which role, within the provinces listed.' },
    MANAGE_MEMBERSHIPS: { description: 'Grant and revoke memberships (LRT).' },
    READ_PLANS: { description: 'Read and comment on submitted and adopted provincial plans.' },
    READ_DRAFT_PLANS: { description: 'Also read and comment on plans in draft (CONCEPT, TERUGGESTUURD), with all their history.' },
    EDIT_PLANS: { description: 'Create, edit and submit provincial plans (PRT secretariat).' },
    DECIDE_PLANS: { description: 'Set the opgave, adopt and return plans (LRT).' },
    PROPOSE_LOCATIONS: { description: "Propose locations for one's gemeente, edit, withdraw and decide on them (in the provinces listed)." },
    READ_PROPOSALS_AND_AGREEMENTS: { description: 'Read and comment on all submitted proposals and all agreements of the provinces listed.' },
    REVIEW_PROPOSALS: { description: 'Explore and advise on proposals (COA).' },
    MANAGE_AGREEMENTS: { description: 'Register, extend and end agreements (COA).' },
    READ_MONITORING: { description: 'Read the monitoring figures (nationalOverview) of the provinces listed.' },
  },
});

@ObjectType({ description: 'An action the viewer may take and the provinces where it applies.' })
export class Ability {
  @Field(() => Action)
  action: Action;

  @Field(() => Boolean, { description: 'True when the action applies nationally, to every province.' })
  national: boolean;

  @Field(() => [ProvinceCode])
  provinceCodes: ProvinceCode[];
}

function ability(action: Action, provinceCodes: ProvinceCode[] | 'ALL'): Ability {
  return provinceCodes === 'ALL'
    ? { action, national: true, provinceCodes: [...PROVINCE_CODES] }
    : { action, national: false, provinceCodes };
}

/** What the viewer may do, derived from the same policies the services enforce. */
export function abilitiesOf(principal: Principal): Ability[] {
  const abilities = [ability(Action.READ_REFERENCE_DATA, 'ALL')];
  const readable = membershipPolicy.readableProvinces(principal);
  if (readable === 'ALL' || readable.length > 0) abilities.push(ability(Action.READ_MEMBERSHIPS, readable));
  if (membershipPolicy.canManage(principal)) abilities.push(ability(Action.MANAGE_MEMBERSHIPS, 'ALL'));
  const planAccess = PROVINCE_CODES.map((code) => [code, planPolicy.access(principal, code)] as const);
  const where = (test: (code: ProvinceCode) => boolean) => {
    const codes = PROVINCE_CODES.filter(test);
    return codes.length === PROVINCE_CODES.length ? 'ALL' : codes;
  };
  const reading = where((code) => planAccess.find(([c]) => c === code)![1] !== 'NONE');
  if (reading === 'ALL' || reading.length > 0) abilities.push(ability(Action.READ_PLANS, reading));
  const drafts = where((code) => planAccess.find(([c]) => c === code)![1] === 'FULL');
  if (drafts === 'ALL' || drafts.length > 0) abilities.push(ability(Action.READ_DRAFT_PLANS, drafts));
  const editing = where((code) => planPolicy.canEdit(principal, code));
  if (editing === 'ALL' || editing.length > 0) abilities.push(ability(Action.EDIT_PLANS, editing));
  if (planPolicy.canDecide(principal)) abilities.push(ability(Action.DECIDE_PLANS, 'ALL'));
  const gemeenteProvinces = PROVINCE_CODES.filter((code) => principal.memberships.some((m) => m.role === 'GEMEENTE' && m.provinceCodes.includes(code)));
  if (gemeenteProvinces.length > 0) abilities.push(ability(Action.PROPOSE_LOCATIONS, gemeenteProvinces));
  const overseen = overseenProvinces(principal);
  if (overseen === 'ALL' || overseen.length > 0) abilities.push(ability(Action.READ_PROPOSALS_AND_AGREEMENTS, overseen));
  const coa = PROVINCE_CODES.filter((code) => coaProvinces(principal).includes(code));
  if (coa.length > 0) abilities.push(ability(Action.REVIEW_PROPOSALS, coa), ability(Action.MANAGE_AGREEMENTS, coa));
  const monitoring = [...monitoringPolicy.scope(principal).keys()];
  if (monitoring.length > 0) abilities.push(ability(Action.READ_MONITORING, monitoring.length === PROVINCE_CODES.length ? 'ALL' : PROVINCE_CODES.filter((c) => monitoring.includes(c))));
  return abilities;
}
