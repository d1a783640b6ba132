import { ability, Actions, type AbilitiesOf } from '../people/index.js';
import { huisvestingPolicy } from './huisvesting.policy.js';

export enum HuisvestingAbility {
  READ_HUISVESTING = 'READ_HUISVESTING',
  SET_NATIONAL_TAAKSTELLING = 'SET_NATIONAL_TAAKSTELLING',
}
Actions.add(HuisvestingAbility, {
  READ_HUISVESTING: 'Read the huisvesting (taakstelling, achterstand, koppeling) of all gemeenten of the provinces listed.',
  SET_NATIONAL_TAAKSTELLING: 'Set or revise the national taakstelling of a half-year (JenV, or the LRT on its behalf).',
});

/** Where the principal reads the huisvesting of a whole province; a gemeente reads only its own (GemeenteTaakstelling). */
export const huisvestingAbilities: AbilitiesOf = (principal) => [
  ...ability(HuisvestingAbility.READ_HUISVESTING, huisvestingPolicy.provinces(principal)),
  ...ability(HuisvestingAbility.SET_NATIONAL_TAAKSTELLING, huisvestingPolicy.canSetNational(principal) ? 'ALL' : []),
];
