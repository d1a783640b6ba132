import { defineModule } from '../platform/module.js';
import { planAbilities } from './plan.abilities.js';
import { PlanCommentSubject, planCommentSubject } from './plan.comments.js';
import { opgaveEvents, PlanEventSubject, planEvents } from './plan.events.js';
import {
  CapacityLineResolver,
  OpgaveResolver,
  PlanRevisionResolver,
  ProvincePlansResolver,
  ProvincialPlanResolver,
  RegionShareResolver,
} from './plan.resolver.js';
import { PlanService, type PlanLoaders } from './plan.service.js';
import { ShortTermTargetResolver } from './short-term.js';

export { computeGaps, gapForLine, opgaveInForce, shortfall, sumRanges, type Gap, type GapLine, type GapOpgave } from './capacity.js';
export { PlanEventKind, PlanEventSubject } from './plan.events.js';
export { planPolicy } from './plan.policy.js';
export { PlanService } from './plan.service.js';
export { PlanAction, PlanStatus } from './status.js';
export { PlaceRange, ProvincialPlan } from './types.js';
export { ShortTermTarget, shortTermTargetsInForce, shortTermTargetsInForceSql, toShortTermTarget } from './short-term.js';

declare module '../platform/context.js' {
  interface Services {
    plans: PlanService;
  }
  interface Loaders extends PlanLoaders {}
}

/** Provincial plans with their lines, revisions and diffs; the opgave; planning rounds. */
export default defineModule({
  name: 'plans',
  resolvers: [ProvincialPlanResolver, CapacityLineResolver, RegionShareResolver, PlanRevisionResolver, ProvincePlansResolver, OpgaveResolver, ShortTermTargetResolver],
  createService: ({ db }) => new PlanService(db),
  createLoaders: (plans) => plans.createLoaders(),
  contributes: {
    eventSubjects: { [PlanEventSubject.PROVINCIAL_PLAN]: planEvents, [PlanEventSubject.OPGAVE]: opgaveEvents },
    commentSubjects: { [PlanCommentSubject.PROVINCIAL_PLAN]: planCommentSubject },
    abilities: planAbilities,
  },
});
