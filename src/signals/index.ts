import { defineModule } from '../platform/module.js';
import { signalAbilities } from './signal.abilities.js';
import { SignalCommentSubject, signalCommentSubject } from './signal.comments.js';
import { SignalEventSubject, signalEvents } from './signal.events.js';
import { ProvinceSignalsResolver, SignalResolver, SignalTransitionResolver } from './signal.resolver.js';
import { SignalService, type SignalLoaders } from './signal.service.js';

export { SignalService } from './signal.service.js';
export { SignalEventKind, SignalEventSubject } from './signal.events.js';
export { signalPolicy } from './signal.policy.js';
export { EscalationOption, SignalAction, SignalOpgave, SignalSource, SignalStatus } from './status.js';

declare module '../platform/context.js' {
  interface Services {
    signals: SignalService;
  }
  interface Loaders extends SignalLoaders {}
}

/** Signals and escalation: bottlenecks raised to the LRT (Integrale Handreiking 8.2.1, 5.2.2), its agenda and answers. */
export default defineModule({
  name: 'signals',
  resolvers: [SignalResolver, SignalTransitionResolver, ProvinceSignalsResolver],
  createService: ({ db }) => new SignalService(db),
  createLoaders: (signals) => signals.createLoaders(),
  contributes: {
    eventSubjects: { [SignalEventSubject.SIGNAL]: signalEvents },
    commentSubjects: { [SignalCommentSubject.SIGNAL]: signalCommentSubject },
    abilities: signalAbilities,
  },
});
