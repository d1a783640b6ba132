import type { DataSource } from 'typeorm';
import type { Logger } from './logger.js';
import type { Principal } from './auth/principal.js';
import type { ReferenceLoaders } from '../reference/reference.service.js';
import type { PeopleLoaders } from '../people/people.service.js';
import type { PlanLoaders } from '../plans/plan.service.js';
import type { CommentLoaders } from '../comments/comment.service.js';
import type { ProposalLoaders } from '../proposals/proposal.service.js';
import type { AgreementLoaders } from '../agreements/agreement.service.js';
import type { Services } from '../services.js';

export type Loaders = ReferenceLoaders & PeopleLoaders & PlanLoaders & CommentLoaders & ProposalLoaders & AgreementLoaders;

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
