import type { DataSource } from 'typeorm';
import type { Logger } from './logger.js';
import type { Principal } from './auth/principal.js';

/**
 * The services of the capabilities, one per module, under the module's name. Each capability adds its own in its
 * `index.ts` (`declare module '../platform/context.js' { interface Services { plans: PlanService } }`), so the
 * platform names none of them.
 */
export interface Services {}

/** The DataLoaders of the capabilities, fresh per operation; each capability adds its own as it adds its service. */
export interface Loaders {}

/** What every resolver gets, the same on the HTTP and the WebSocket path. */
export interface RequestContext {
  requestId: string;
  log: Logger;
  principal: Principal;
  db: DataSource;
  services: Services;
  /** Fresh per operation, so batching and caching never cross requests or people. */
  loaders: Loaders;
}
