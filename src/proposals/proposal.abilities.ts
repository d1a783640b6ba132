import { coaProvinces, overseenProvinces } from '../platform/auth/scope.js';
import { ability, Actions, type AbilitiesOf } from '../people/index.js';
import { PROVINCE_CODES, type ProvinceCode } from '../reference/index.js';

export enum ProposalAbility {
  PROPOSE_LOCATIONS = 'PROPOSE_LOCATIONS',
  READ_PROPOSALS_AND_AGREEMENTS = 'READ_PROPOSALS_AND_AGREEMENTS',
  REVIEW_PROPOSALS = 'REVIEW_PROPOSALS',
}
Actions.add(ProposalAbility, {
  PROPOSE_LOCATIONS: "Propose locations for one's gemeente, edit, withdraw and decide on them (in the provinces listed).",
  READ_PROPOSALS_AND_AGREEMENTS: 'Read and comment on all submitted proposals and all agreements of the provinces listed.',
  REVIEW_PROPOSALS: 'Explore and advise on proposals (COA).',
});

export const proposalAbilities: AbilitiesOf = (principal) => {
  const gemeenteProvinces = PROVINCE_CODES.filter((code: ProvinceCode) => principal.memberships.some((m) => m.role === 'GEMEENTE' && m.provinceCodes.includes(code)));
  return [
    ...ability(ProposalAbility.PROPOSE_LOCATIONS, gemeenteProvinces),
    ...ability(ProposalAbility.READ_PROPOSALS_AND_AGREEMENTS, overseenProvinces(principal)),
    ...ability(ProposalAbility.REVIEW_PROPOSALS, PROVINCE_CODES.filter((code) => coaProvinces(principal).includes(code))),
  ];
};
