import { defineModule } from '../platform/module.js';
import { monitoringAbilities } from './monitoring.abilities.js';
import { monitoringExports } from './monitoring.exports.js';
import { MonitoringResolver } from './monitoring.resolver.js';
import { MonitoringService } from './monitoring.service.js';

export { MonitoringService } from './monitoring.service.js';
export { ProvinceOverview } from './types.js';

declare module '../platform/context.js' {
  interface Services {
    monitoring: MonitoringService;
  }
}

/** The national overview, timelines and expiring agreements, live, with CSV exports for reports. */
export default defineModule({
  name: 'monitoring',
  resolvers: [MonitoringResolver],
  createService: ({ db }) => new MonitoringService(db),
  contributes: { abilities: monitoringAbilities },
  exports: monitoringExports,
});
