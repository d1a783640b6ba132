import { ability, Actions, type AbilitiesOf } from '../people/index.js';
import { measuresPolicy } from './measures.policy.js';

export enum MeasureAbility {
  READ_SUPPORT_MEASURES = 'READ_SUPPORT_MEASURES',
  CREATE_SUPPORT_MEASURE = 'CREATE_SUPPORT_MEASURE',
}
Actions.add(MeasureAbility, {
  READ_SUPPORT_MEASURES: 'Read the national status table of ondersteuningsmaatregelen (everyone with a role); what one may change per measure is its viewerActions.',
  CREATE_SUPPORT_MEASURE: 'Add an ondersteuningsmaatregel to the status table (LRT).',
});

export const measureAbilities: AbilitiesOf = (principal) => [
  ...ability(MeasureAbility.READ_SUPPORT_MEASURES, measuresPolicy.canRead(principal) ? 'ALL' : []),
  ...ability(MeasureAbility.CREATE_SUPPORT_MEASURE, measuresPolicy.canCreate(principal) ? 'ALL' : []),
];
