import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { Principal } from '../platform/auth/principal.js';
import { PROVINCE_CODES, ProvinceCode } from '../reference/enums.js';
import { membershipPolicy } from './membership.policy.js';

export enum Action {
  READ_REFERENCE_DATA = 'READ_REFERENCE_DATA',
  READ_MEMBERSHIPS = 'READ_MEMBERSHIPS',
  MANAGE_MEMBERSHIPS = 'MANAGE_MEMBERSHIPS',
}

registerEnumType(Action, {
  name: 'Action',
  description: 'Something a person may do; `Viewer.abilities` says where.',
  valuesConfig: {
    READ_REFERENCE_DATA: { description: 'Read provinces, gemeenten, regions, opvangtypes and regietafel composition.' },
    READ_MEMBERSHIPS: { description: 'See who holds which role, within the provinces listed.' },
    MANAGE_MEMBERSHIPS: { description: 'Grant and revoke memberships (LRT).' },
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
  return abilities;
}
