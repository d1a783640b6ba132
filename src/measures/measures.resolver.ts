import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../platform/context.js';
import { forbidden } from '../platform/errors.js';
import { Event, reach } from '../events/index.js';
import { measuresPolicy } from './measures.policy.js';
import { MeasureEventSubject } from './measures.events.js';
import { SupportMeasureTheme } from './rules.js';
import {
  AddMilestoneInput,
  AddStandVanZakenInput,
  CreateSupportMeasureInput,
  SetMilestoneDoneInput,
  SupportMeasure,
  SupportMeasureAction,
  UpdateSupportMeasureInput,
} from './types.js';

@Resolver(() => SupportMeasure)
export class SupportMeasureResolver {
  @Query(() => [SupportMeasure], {
    description: "The status table of ondersteuningsmaatregelen as it stood on a date (default today), by theme and paragraph; filtered by theme, trekker (an abbreviation or 'LRT') and overdue. Everyone with a role.",
  })
  supportMeasures(
    @Ctx() { services, principal }: RequestContext,
    @Arg('on', () => LocalDateResolver, { nullable: true }) on?: string,
    @Arg('theme', () => SupportMeasureTheme, { nullable: true }) theme?: SupportMeasureTheme,
    @Arg('trekker', () => String, { nullable: true }) trekker?: string,
    @Arg('overdue', () => Boolean, { nullable: true }) overdue?: boolean,
  ) {
    return services.measures.list(principal, { on, theme, trekker, overdue });
  }

  @Query(() => SupportMeasure, { nullable: true, description: 'One measure by its paragraph, as it stood on a date (default today).' })
  supportMeasure(
    @Ctx() { services, principal }: RequestContext,
    @Arg('paragraph', () => String) paragraph: string,
    @Arg('on', () => LocalDateResolver, { nullable: true }) on?: string,
  ) {
    return services.measures.byParagraph(principal, paragraph, on);
  }

  @Query(() => [SupportMeasure], {
    description: 'Regelingen gemeenten may apply for on the date (default today) or from a later date, with their window (`applicationsOpen`, `applicationsOpenFrom`, `applicationsOpenUntil`).',
  })
  openRegelingen(@Ctx() { services, principal }: RequestContext, @Arg('on', () => LocalDateResolver, { nullable: true }) on?: string) {
    return services.measures.openRegelingen(principal, on);
  }

  @FieldResolver(() => [SupportMeasureAction], { description: 'What you may do with this measure now.' })
  viewerActions(@Root() measure: SupportMeasure, @Ctx() { principal }: RequestContext): SupportMeasureAction[] {
    return measuresPolicy.actionsFor(principal, measure);
  }

  @Mutation(() => SupportMeasure, { description: 'LRT: add a measure to the status table.' })
  createSupportMeasure(@Arg('input', () => CreateSupportMeasureInput) input: CreateSupportMeasureInput, @Ctx() { services, principal }: RequestContext) {
    return services.measures.create(principal, input);
  }

  @Mutation(() => SupportMeasure, { description: 'Trekkers and the LRT: change the details of a measure; paragraph, theme and trekkers only the LRT.' })
  updateSupportMeasure(@Arg('input', () => UpdateSupportMeasureInput) input: UpdateSupportMeasureInput, @Ctx() { services, principal }: RequestContext) {
    return services.measures.update(principal, input);
  }

  @Mutation(() => SupportMeasure, { description: 'Trekkers and the LRT: add a dated stand van zaken (earlier ones stay as history).' })
  addStandVanZaken(@Arg('input', () => AddStandVanZakenInput) input: AddStandVanZakenInput, @Ctx() { services, principal }: RequestContext) {
    return services.measures.addStandVanZaken(principal, input);
  }

  @Mutation(() => SupportMeasure, { description: 'Trekkers and the LRT: add a mijlpaal.' })
  addMilestone(@Arg('input', () => AddMilestoneInput) input: AddMilestoneInput, @Ctx() { services, principal }: RequestContext) {
    return services.measures.addMilestone(principal, input);
  }

  @Mutation(() => SupportMeasure, { description: 'Trekkers and the LRT: mark a mijlpaal done on a day, or not done (doneOn null).' })
  setMilestoneDone(@Arg('input', () => SetMilestoneDoneInput) input: SetMilestoneDoneInput, @Ctx() { services, principal }: RequestContext) {
    return services.measures.setMilestoneDone(principal, input);
  }

  @Subscription(() => Event, {
    description:
      'Every change to the status table of ondersteuningsmaatregelen (measures, stand van zaken, mijlpalen, comments on a measure), as it happens. The table is national: everyone with a role may follow it.',
    subscribe: ({ context }) => {
      const ctx = context as RequestContext;
      if (!measuresPolicy.canRead(ctx.principal)) throw forbidden('Only people with a role in regietafel follow the status table');
      return ctx.services.events.subscribe(ctx.principal, {
        matches: (event) => event.subjectType === MeasureEventSubject.SUPPORT_MEASURE,
        stillAllowed: (p) => measuresPolicy.canRead(p),
        resolve: (event) => event,
        reach: [reach.subjectType(MeasureEventSubject.SUPPORT_MEASURE)],
      });
    },
  })
  supportMeasureActivity(@Root() event: Event): Event {
    return event;
  }
}
