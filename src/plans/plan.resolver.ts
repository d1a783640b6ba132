import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Loaders, RequestContext } from '../platform/context.js';
import type { Principal } from '../platform/auth/principal.js';
import { oversees } from '../platform/auth/scope.js';
import { Gemeente, Opvangtype, Province, type ProvinceCode } from '../reference/index.js';
import { Comment } from '../comments/index.js';
import { reach, unlessForbidden } from '../events/index.js';
import { Person, personRef } from '../people/index.js';
import { normaliseId } from '../platform/validation.js';
import { notFound } from '../platform/errors.js';
import { PlanCommentSubject } from './plan.comments.js';
import { PlanEventKind } from './plan.events.js';
import { PlanAction, PlanStatus } from './status.js';
import { diffLines } from './diff.js';
import { CreateProvincialPlanInput, PlanTransitionInput, ReturnProvincialPlanInput, SetOpgaveInput, UpdateProvincialPlanInput } from './inputs.js';
import { planPolicy } from './plan.policy.js';
import { computeGaps, gapForLine } from './capacity.js';
import { CapacityLine, LineChange, Opgave, PlanDiff, PlanGap, PlanningRound, PlanRevision, ProvincialPlan, RegionShare, PlanSections } from './types.js';

const PLAN_KINDS = new Set<string>([PlanEventKind.PLAN_CREATED, PlanEventKind.PLAN_EDITED, PlanEventKind.PLAN_SUBMITTED, PlanEventKind.PLAN_ADOPTED, PlanEventKind.PLAN_RETURNED]);

@Resolver(() => ProvincialPlan)
export class ProvincialPlanResolver {
  @Query(() => ProvincialPlan, { nullable: true, description: 'A plan by id; null if there is none, FORBIDDEN if you may not see it.' })
  provincialPlan(@Arg('id', () => ID) id: string, @Ctx() { services, principal }: RequestContext) {
    return services.plans.plan(principal, id);
  }

  @Mutation(() => ProvincialPlan, { description: 'PRT secretariat of the province. Starts as CONCEPT, version 1.' })
  createProvincialPlan(@Arg('input', () => CreateProvincialPlanInput) input: CreateProvincialPlanInput, @Ctx() { services, principal }: RequestContext) {
    return services.plans.create(principal, input);
  }

  @Mutation(() => ProvincialPlan, { description: 'PRT secretariat, while CONCEPT or TERUGGESTUURD (which makes it CONCEPT again).' })
  updateProvincialPlan(@Arg('input', () => UpdateProvincialPlanInput) input: UpdateProvincialPlanInput, @Ctx() { services, principal }: RequestContext) {
    return services.plans.update(principal, input);
  }

  @Mutation(() => ProvincialPlan, { description: 'PRT secretariat: CONCEPT → INGEDIEND.' })
  submitProvincialPlan(@Arg('input', () => PlanTransitionInput) input: PlanTransitionInput, @Ctx() { services, principal }: RequestContext) {
    return services.plans.submit(principal, input.planId, input.expectedVersion);
  }

  @Mutation(() => ProvincialPlan, { description: 'LRT: INGEDIEND → VASTGESTELD.' })
  adoptProvincialPlan(@Arg('input', () => PlanTransitionInput) input: PlanTransitionInput, @Ctx() { services, principal }: RequestContext) {
    return services.plans.adopt(principal, input.planId, input.expectedVersion);
  }

  @Mutation(() => ProvincialPlan, { description: 'LRT: INGEDIEND → TERUGGESTUURD, with a reason.' })
  returnProvincialPlan(@Arg('input', () => ReturnProvincialPlanInput) input: ReturnProvincialPlanInput, @Ctx() { services, principal }: RequestContext) {
    return services.plans.returnPlan(principal, input.planId, input.expectedVersion, input.reason);
  }

  @Mutation(() => Opgave, { description: 'LRT: what a province must realise of an opvangtype (or of any type) by a date. Replaces an earlier figure for the same type and date.' })
  setOpgave(@Arg('input', () => SetOpgaveInput) input: SetOpgaveInput, @Ctx() { services, principal }: RequestContext) {
    return services.plans.setOpgave(principal, input);
  }

  @FieldResolver(() => Province)
  province(@Root() plan: ProvincialPlan, @Ctx() { loaders }: RequestContext) {
    return loaders.province.load(plan.provinceCode);
  }

  @FieldResolver(() => PlanningRound)
  round(@Root() plan: ProvincialPlan, @Ctx() { loaders }: RequestContext) {
    return loaders.planningRound.load(plan.roundCode);
  }

  @FieldResolver(() => [CapacityLine])
  async lines(@Root() plan: ProvincialPlan, @Ctx() { loaders }: RequestContext) {
    const linesKey = `${plan.id}@${plan.version}`;
    const lines = await loaders.linesOfPlan.load(linesKey);
    return lines.map((line) => Object.assign(new CapacityLine(), line, { plan: { roundCode: plan.roundCode, linesKey } }));
  }

  @FieldResolver(() => [Opgave], { description: "The province's opgave for dates within this plan's planning round." })
  opgave(@Root() plan: ProvincialPlan, @Ctx() { loaders }: RequestContext) {
    return opgaveInRound(loaders, plan.provinceCode, plan.roundCode);
  }

  @FieldResolver(() => [PlanGap], { description: 'Plan against opgave, per opvangtype and due date.' })
  async gaps(@Root() plan: ProvincialPlan, @Ctx() { loaders, principal }: RequestContext) {
    return gapsOf(loaders, principal, plan.provinceCode, plan.roundCode, `${plan.id}@${plan.version}`);
  }

  @FieldResolver(() => [PlanRevision], { description: 'Every change, oldest first (those you may see).' })
  async revisions(@Root() plan: ProvincialPlan, @Ctx() { loaders, principal }: RequestContext) {
    const revisions = await loaders.revisionsOfPlan.load(plan.id);
    // Up to the version read: a change committed while this request runs belongs to the next read.
    return revisions.filter((revision) => revision.version <= plan.version && planPolicy.canRead(principal, plan.provinceCode, revision.state.status));
  }

  @FieldResolver(() => PlanRevision, { nullable: true, description: 'The plan as it was at a version (null if that version is not visible to you).' })
  async revision(@Root() plan: ProvincialPlan, @Arg('version', () => Int) version: number, @Ctx() { loaders, principal, services }: RequestContext) {
    const revision = services.plans.stateAt(await loaders.revisionsOfPlan.load(plan.id), version, 'version');
    if (!planPolicy.canRead(principal, plan.provinceCode, revision.state.status)) return null;
    return revision;
  }

  @FieldResolver(() => PlanDiff, { description: 'What changed between two versions, line by line.' })
  async diff(
    @Root() plan: ProvincialPlan,
    @Arg('fromVersion', () => Int) fromVersion: number,
    @Arg('toVersion', () => Int) toVersion: number,
    @Ctx() { loaders, principal, services }: RequestContext,
  ) {
    return services.plans.diff(principal, plan, await loaders.revisionsOfPlan.load(plan.id), fromVersion, toVersion);
  }

  @FieldResolver(() => [Comment], { description: 'All comments you may see, oldest first; threads follow `parentId`.' })
  async comments(@Root() plan: ProvincialPlan, @Ctx() { loaders, principal, services }: RequestContext) {
    const comments = await loaders.commentsOfSubject.load(`${PlanCommentSubject.PROVINCIAL_PLAN}:${plan.id}`);
    return services.comments.visible(principal, comments.filter((comment) => comment.subjectVersion <= plan.version));
  }

  @FieldResolver(() => [PlanAction], { description: 'What you may do to the plan now.' })
  viewerActions(@Root() plan: ProvincialPlan, @Ctx() { principal }: RequestContext) {
    return planPolicy.actionsFor(principal, plan);
  }

  @FieldResolver(() => Person, { nullable: true })
  updatedBy(@Root() plan: ProvincialPlan, @Ctx() { loaders }: RequestContext) {
    return plan.updatedById ? loaders.person.load(plan.updatedById) : null;
  }

  @Subscription(() => ProvincialPlan, {
    description: 'The plan as it is now, every time it changes.',
    subscribe: async ({ args, context }) => {
      const ctx = context as RequestContext;
      // Events carry ids as the database writes them; queries accept any case, so must subscriptions.
      const planId = normaliseId(args.planId as string);
      const plan = await ctx.services.plans.plan(ctx.principal, planId, 'planId');
      if (!plan) throw notFound('No such plan', 'planId');
      return ctx.services.events.subscribe(ctx.principal, {
        matches: (event) => event.subjectId === planId && PLAN_KINDS.has(event.kind),
        stillAllowed: async (p) => (await unlessForbidden(() => ctx.services.plans.plan(p, planId))) !== null,
        // The plan is read once per change for all its subscribers; each sees it only if its policy lets them.
        resolve: (event, shared) =>
          shared.once('plan', () => ctx.services.plans.stored(event.subjectId)).then((plan) => (plan && planPolicy.canRead(ctx.principal, plan.provinceCode, plan.status) ? plan : null)),
        reach: [reach.subject(planId)],
      });
    },
  })
  planChanged(@Root() plan: ProvincialPlan, @Arg('planId', () => ID) _planId: string): ProvincialPlan {
    return plan;
  }
}

@Resolver(() => CapacityLine)
export class CapacityLineResolver {
  @FieldResolver(() => PlanGap, {
    nullable: true,
    description: "The plan-against-opgave comparison this line counts toward first: its type(s) at the earliest due date on or after its target date. Null when there is no such opgave.",
  })
  async comparison(@Root() line: CapacityLine, @Ctx() { loaders, principal }: RequestContext) {
    if (!line.plan) return null;
    return gapForLine(line, await gapsOf(loaders, principal, line.provinceCode, line.plan.roundCode, line.plan.linesKey));
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: "Places running on the line's target date of its type(s): agreements, and crisisnoodopvang only where the line names CRISISNOODOPVANG (an untyped line counts every type but crisisnoodopvang); for those who may read all the province's agreements.",
  })
  async realised(@Root() line: CapacityLine, @Ctx() { loaders, principal }: RequestContext) {
    if (!oversees(principal, line.provinceCode)) return null;
    const running = await loaders.realisedCapacity.load(`${line.provinceCode}@${line.targetDate}`);
    return running.filter((r) => countsToward(line.opvangtypes, r.opvangtype)).reduce((sum, r) => sum + r.places, 0);
  }
}

function opgaveInRound(loaders: Loaders, provinceCode: ProvinceCode, roundCode: string) {
  return Promise.all([loaders.opgaveOfProvince.load(provinceCode), loaders.planningRound.load(roundCode)]).then(([opgave, round]) =>
    opgave.filter((entry) => round && entry.dueDate >= round.targetFrom && entry.dueDate <= round.targetUntil),
  );
}

/**
 * Whether places of a type count toward an opgave or plan line of these types: of its own types, or of any type when
 * untyped, except crisisnoodopvang: the gemeente's last resort (Integrale Handreiking) is no structural capacity, so it
 * counts only where CRISISNOODOPVANG is named, as in the monitoring figures (its own row, outside the total opvang).
 */
export function countsToward(types: readonly string[], type: string): boolean {
  return types.length === 0 ? type !== Opvangtype.CRISISNOODOPVANG : types.includes(type);
}

/** Plan against opgave, with what agreements realise and what proposals hold in the pipeline beside it. */
async function gapsOf(loaders: Loaders, principal: Principal, provinceCode: ProvinceCode, roundCode: string, linesKey: string): Promise<PlanGap[]> {
  const [lines, opgave] = await Promise.all([loaders.linesOfPlan.load(linesKey), opgaveInRound(loaders, provinceCode, roundCode)]);
  const gaps = computeGaps(lines, opgave);
  // Realised places and the pipeline add up single agreements and proposals: only for those who may read them all.
  if (!oversees(principal, provinceCode)) return gaps.map((gap) => Object.assign(new PlanGap(), gap, { realised: null, pipeline: null }));
  const [pipeline, realised] = await Promise.all([
    loaders.pipelineOfProvince.load(provinceCode),
    loaders.realisedCapacity.loadMany(gaps.map((gap) => `${provinceCode}@${gap.dueDate}`)),
  ]);
  return gaps.map((gap, index) => {
    const running = realised[index] instanceof Error ? [] : (realised[index] as { opvangtype: string; places: number }[]);
    const ofGroup = (type: string) => countsToward(gap.opvangtypes, type);
    return Object.assign(new PlanGap(), gap, {
      realised: running.filter((r) => ofGroup(r.opvangtype)).reduce((sum, r) => sum + r.places, 0),
      pipeline: pipeline.filter((p) => ofGroup(p.opvangtype) && (p.intendedStart === null || p.intendedStart <= gap.dueDate)).reduce((sum, p) => sum + p.places, 0),
    });
  });
}

@Resolver(() => RegionShare)
export class RegionShareResolver {
  @FieldResolver(() => [Gemeente])
  async gemeenten(@Root() region: RegionShare, @Ctx() { loaders }: RequestContext) {
    return (await loaders.gemeente.loadMany(region.gemeenteCodes)).filter((g): g is Gemeente => g !== null && !(g instanceof Error));
  }
}

@Resolver(() => PlanRevision)
export class PlanRevisionResolver {
  @FieldResolver(() => Person, { nullable: true })
  author(@Root() revision: PlanRevision) {
    return revision.authorId ? personRef(revision.authorId, revision.authorName) : null;
  }

  @FieldResolver(() => String)
  title(@Root() revision: PlanRevision) {
    return revision.state.title;
  }

  @FieldResolver(() => LocalDateResolver)
  targetDate(@Root() revision: PlanRevision) {
    return revision.state.targetDate;
  }

  @FieldResolver(() => PlanStatus, { description: 'The status after this change.' })
  status(@Root() revision: PlanRevision) {
    return revision.state.status;
  }

  @FieldResolver(() => String, { nullable: true })
  returnReason(@Root() revision: PlanRevision) {
    return revision.state.returnReason;
  }

  @FieldResolver(() => PlanSections)
  sections(@Root() revision: PlanRevision) {
    return revision.state.sections;
  }

  @FieldResolver(() => [CapacityLine], { description: 'The lines as they were after this change (opgave and shortfall are today\'s).' })
  lines(@Root() revision: PlanRevision) {
    const plan = { roundCode: revision.state.roundCode, linesKey: `${revision.planId}@${revision.version}` };
    return revision.state.lines.map((line) => Object.assign(new CapacityLine(), line, { provinceCode: revision.provinceCode, plan }));
  }

  @FieldResolver(() => [LineChange], { description: 'What this change did to the lines, before and after.' })
  changes(@Root() revision: PlanRevision) {
    const toLine = (line: object | null) => line && Object.assign(new CapacityLine(), line, { provinceCode: revision.provinceCode });
    return diffLines(revision.previous?.lines ?? [], revision.state.lines).map((change) => ({
      lineId: change.lineId,
      kind: change.kind,
      before: toLine(change.before),
      after: toLine(change.after),
      fields: change.fields,
    }));
  }
}

@Resolver(() => Province)
export class ProvincePlansResolver {
  @FieldResolver(() => [ProvincialPlan], { description: "The province's plans you may see, newest first." })
  async plans(@Root() province: Province, @Ctx() { loaders, principal }: RequestContext) {
    const plans = await loaders.plansOfProvince.load(province.code);
    return plans.filter((plan) => planPolicy.canRead(principal, plan.provinceCode, plan.status));
  }

  @FieldResolver(() => [Opgave], { description: "What the province must realise, per opvangtype and date (for those who may read the province's plans)." })
  async opgave(@Root() province: Province, @Ctx() { loaders, principal }: RequestContext) {
    return planPolicy.access(principal, province.code) === 'NONE' ? [] : loaders.opgaveOfProvince.load(province.code);
  }
}

@Resolver(() => Opgave)
export class OpgaveResolver {
  @FieldResolver(() => Person, { nullable: true })
  setBy(@Root() opgave: Opgave) {
    return opgave.setById ? personRef(opgave.setById, opgave.setByName) : null;
  }
}
