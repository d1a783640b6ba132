import { coaProvinces } from '../platform/auth/scope.js';
import { ability, Actions, type AbilitiesOf } from '../people/index.js';
import { PROVINCE_CODES } from '../reference/index.js';

export enum AgreementAbility {
  MANAGE_AGREEMENTS = 'MANAGE_AGREEMENTS',
}
Actions.add(AgreementAbility, { MANAGE_AGREEMENTS: 'Register, extend and end agreements (COA).' });

export const agreementAbilities: AbilitiesOf = (principal) =>
  ability(AgreementAbility.MANAGE_AGREEMENTS, PROVINCE_CODES.filter((code) => coaProvinces(principal).includes(code)));
