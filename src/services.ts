import type { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import type { Logger } from './platform/logger.js';
import type { Principal } from './platform/auth/principal.js';
import type { RequestContext } from './platform/context.js';
import { ReferenceService } from './reference/reference.service.js';
import { PeopleService } from './people/people.service.js';
import { PlanService } from './plans/plan.service.js';
import { planCommentSubject } from './plans/plan.comments.js';
import { CommentService } from './comments/comment.service.js';
import { ProposalService } from './proposals/proposal.service.js';
import { proposalCommentSubject } from './proposals/proposal.comments.js';
import { AgreementService } from './agreements/agreement.service.js';
import { agreementCommentSubject } from './agreements/agreement.comments.js';
import { EventService } from './events/event.service.js';
import { MonitoringService } from './monitoring/monitoring.service.js';
import type { EventBus } from './events/event-bus.js';

/** The capability services, created once per server. */
/** `eventBus` delivers events to subscriptions; without one (command-line tools), subscriptions are unavailable. */
export function createServices(db: DataSource, eventBus: EventBus | null = null) {
  const proposals = new ProposalService(db);
  return {
    events: new EventService(db, eventBus),
    monitoring: new MonitoringService(db),
    reference: new ReferenceService(db),
    people: new PeopleService(db),
    plans: new PlanService(db),
    proposals,
    agreements: new AgreementService(db, proposals),
    comments: new CommentService(db, {
      PROVINCIAL_PLAN: planCommentSubject,
      LOCATION_PROPOSAL: proposalCommentSubject,
      AGREEMENT: agreementCommentSubject,
    }),
  };
}

export type Services = ReturnType<typeof createServices>;

export function createRequestContext(options: {
  db: DataSource;
  services: Services;
  log: Logger;
  principal: Principal;
  requestId?: string;
}): RequestContext {
  const requestId = options.requestId ?? randomUUID();
  return {
    requestId,
    log: options.log.child({ requestId, subject: options.principal.subject }),
    principal: options.principal,
    db: options.db,
    services: options.services,
    loaders: {
      ...options.services.reference.createLoaders(),
      ...options.services.people.createLoaders(),
      ...options.services.plans.createLoaders(),
      ...options.services.comments.createLoaders(),
      ...options.services.proposals.createLoaders(),
      ...options.services.agreements.createLoaders(),
    },
  };
}
