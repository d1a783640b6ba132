import { defineModule } from '../platform/module.js';
import { EventBus } from './event-bus.js';
import { EventPage, EventResolver } from './event.resolver.js';
import { EventService } from './event.service.js';
import type { EventSubject } from './event.policy.js';
import { eventKeys } from './subscriber-index.js';

export { Event, EventKinds, EventSubjectTypes, recordEvent, type EventInput, type EventKind, type EventSubjectType } from './event.js';
export { redacted, type EventSubject } from './event.policy.js';
export { EventService, followsCountry, mayFollowProvince } from './event.service.js';
export { unlessForbidden } from './subscriptions.js';
export type { SharedReads } from './shared-reads.js';
export { reach } from './subscriber-index.js';
export { EventPage };

declare module '../platform/context.js' {
  interface Services {
    events: EventService;
  }
}

declare module '../platform/module.js' {
  interface Contributions {
    /** Who may see the events about a subject, by subject type. */
    eventSubjects: Readonly<Record<string, EventSubject>>;
  }
}

/**
 * Events: the audit trail, catch-up after a reconnect and live subscriptions. Every capability records its own
 * events and says who may see them (`eventSubjects`); on a server the event bus delivers them (Postgres LISTEN).
 */
export default defineModule({
  name: 'events',
  resolvers: [EventResolver],
  createService: ({ db, log, live, contributions }) => {
    const subjects: Readonly<Record<string, EventSubject>> = Object.assign({}, ...contributions.eventSubjects);
    const bus = live
      ? new EventBus(live.databaseUrl, log, { maxPending: live.maxPending, onConnectionLost: live.onConnectionLost, keysOf: (event) => eventKeys(subjects, event) })
      : null;
    return new EventService(db, bus, subjects);
  },
  start: async (events) => {
    await events.bus?.start();
  },
  stop: async (events) => {
    await events.bus?.stop();
  },
});
