import { coaProvinces } from '../platform/auth/scope.js';
import { ability, Actions, Role, type AbilitiesOf } from '../people/index.js';
import { PROVINCE_CODES } from '../reference/index.js';

export enum AgreementAbility {
  MANAGE_AGREEMENTS = 'MANAGE_AGREEMENTS',
  RECORD_CRISISNOODOPVANG = 'RECORD_CRISISNOODOPVANG',
}
Actions.add(AgreementAbility, {
  MANAGE_AGREEMENTS: 'Register, extend and end agreements (COA).',
  RECORD_CRISISNOODOPVANG: "Record crisisnoodopvang for one's own gemeente (a gemeente, or its veiligheidsregio through a gemeente membership), in the provinces listed.",
});

export const agreementAbilities: AbilitiesOf = (principal) => [
  ...ability(AgreementAbility.MANAGE_AGREEMENTS, PROVINCE_CODES.filter((code) => coaProvinces(principal).includes(code))),
  // The same check recordCrisisnoodopvang makes: a gemeente membership (ownGemeenten), in its gemeente's province.
  ...ability(
    AgreementAbility.RECORD_CRISISNOODOPVANG,
    PROVINCE_CODES.filter((code) => principal.memberships.some((m) => m.role === Role.GEMEENTE && m.gemeenteCode && m.provinceCodes.includes(code))),
  ),
];
