import { ability, Actions, type AbilitiesOf } from '../people/index.js';
import { PROVINCE_CODES } from '../reference/index.js';
import { monitoringPolicy } from './monitoring.policy.js';

export enum MonitoringAbility {
  READ_MONITORING = 'READ_MONITORING',
}
Actions.add(MonitoringAbility, { READ_MONITORING: 'Read the monitoring figures (nationalOverview) of the provinces listed.' });

export const monitoringAbilities: AbilitiesOf = (principal) => {
  const provinces = [...monitoringPolicy.scope(principal).keys()];
  return ability(MonitoringAbility.READ_MONITORING, provinces.length === PROVINCE_CODES.length ? 'ALL' : PROVINCE_CODES.filter((code) => provinces.includes(code)));
};
