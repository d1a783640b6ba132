import { Field, ObjectType } from 'type-graphql';
import type { Principal } from '../platform/auth/principal.js';
import { OpenEnum } from '../platform/open-enum.js';
import { PROVINCE_CODES, ProvinceCode } from '../reference/index.js';
import { membershipPolicy } from './membership.policy.js';
import { followsCountry, mayFollowProvince } from '../events/index.js';
import { isNational } from '../platform/auth/scope.js';

/** Something a person may do. Each capability adds its own actions (`Actions.add`) and says where they apply. */
export const Actions = new OpenEnum('Action', 'Something a person may do; `Viewer.abilities` says where.');

@ObjectType({ simpleResolvers: true, description: 'An action the viewer may take and the provinces where it applies.' })
export class Ability {
  @Field(() => Actions.values)
  action: string;

  @Field(() => Boolean, { description: 'True when the action applies nationally, to every province.' })
  national: boolean;

  @Field(() => [ProvinceCode])
  provinceCodes: ProvinceCode[];
}

/** What a capability adds to `viewer.abilities`: derived from the same policies its service enforces. */
export type AbilitiesOf = (principal: Principal) => Ability[];

/** The action where it applies: 'ALL' is national; nowhere gives no ability. */
export function ability(action: string, provinceCodes: readonly ProvinceCode[] | 'ALL'): Ability[] {
  if (provinceCodes === 'ALL') return [{ action, national: true, provinceCodes: [...PROVINCE_CODES] }];
  if (provinceCodes.length === 0) return [];
  return [{ action, national: false, provinceCodes: [...provinceCodes] }];
}

/** 'ALL' when `test` holds in every province, else the provinces where it holds. */
export function provincesWhere(test: (code: ProvinceCode) => boolean): ProvinceCode[] | 'ALL' {
  const codes = PROVINCE_CODES.filter(test);
  return codes.length === PROVINCE_CODES.length ? 'ALL' : codes;
}

export enum PeopleAction {
  READ_REFERENCE_DATA = 'READ_REFERENCE_DATA',
  READ_MEMBERSHIPS = 'READ_MEMBERSHIPS',
  MANAGE_MEMBERSHIPS = 'MANAGE_MEMBERSHIPS',
  FOLLOW_ACTIVITY = 'FOLLOW_ACTIVITY',
}
Actions.add(PeopleAction, {
  READ_REFERENCE_DATA: 'Read provinces, gemeenten, regions, opvangtypes and regietafel composition.',
  READ_MEMBERSHIPS: 'See who holds which role, within the provinces listed.',
  MANAGE_MEMBERSHIPS: 'Grant and revoke memberships (LRT).',
  FOLLOW_ACTIVITY: 'Follow the events (activity, recentEvents, events) of the provinces listed; national: the whole country at once.',
});

export const peopleAbilities: AbilitiesOf = (principal) => [
  ...ability(PeopleAction.READ_REFERENCE_DATA, 'ALL'),
  ...ability(PeopleAction.READ_MEMBERSHIPS, membershipPolicy.readableProvinces(principal)),
  ...(membershipPolicy.canManage(principal) ? ability(PeopleAction.MANAGE_MEMBERSHIPS, 'ALL') : []),
  ...ability(PeopleAction.FOLLOW_ACTIVITY, followsCountry(principal) ? 'ALL' : PROVINCE_CODES.filter((code) => mayFollowProvince(principal, code))),
];
