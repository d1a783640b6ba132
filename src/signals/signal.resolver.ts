import { LocalDateResolver } from 'graphql-scalars';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../platform/context.js';
import { forbidden } from '../platform/errors.js';
import { connectionAsks, Connection } from '../platform/pagination.js';
import { normaliseId } from '../platform/validation.js';
import { Person, personRef } from '../people/index.js';
import { Province, ProvinceCode, readingPlacesAhead } from '../reference/index.js';
import { Comment } from '../comments/index.js';
import { reach } from '../events/index.js';
import { contextForExecution } from '../platform/module.js';
import { SignalCommentSubject } from './signal.comments.js';
import { SignalEventSubject } from './signal.events.js';
import { signalPolicy } from './signal.policy.js';
import { SignalAction, SignalOpgave, SignalSource, SignalStatus } from './status.js';
import {
  AnswerSignalInput,
  CloseSignalInput,
  PutSignalOnAgendaInput,
  RaiseSignalInput,
  ReopenSignalInput,
  Signal,
  SignalAgendaMeeting,
  SignalTransition,
  UpdateSignalInput,
} from './types.js';

export const SignalConnection = Connection(Signal, 'Signal');

@Resolver(() => Signal)
export class SignalResolver {
  @Query(() => Signal, { nullable: true, description: 'A signal by id; null if there is none, FORBIDDEN if you may not read it.' })
  signal(@Arg('id', () => ID) id: string, @Ctx() { services, principal }: RequestContext) {
    return services.signals.signal(principal, id);
  }

  @Query(() => SignalConnection, { description: 'Signals you may read (IPO and LRT: all; others: the provinces of their roles), newest first.' })
  signals(
    @Ctx() { services, principal, loaders }: RequestContext,
    @Arg('provinceCode', () => ProvinceCode, { nullable: true }) provinceCode?: ProvinceCode,
    @Arg('status', () => SignalStatus, { nullable: true }) status?: SignalStatus,
    @Arg('opgave', () => SignalOpgave, { nullable: true }) opgave?: SignalOpgave,
    @Arg('source', () => SignalSource, { nullable: true }) source?: SignalSource,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Info() info?: GraphQLResolveInfo,
  ) {
    const page = services.signals.list(principal, { provinceCode, status, opgave, source }, first, after);
    return info ? readingPlacesAhead(page, connectionAsks(info).nodeFields, loaders) : page;
  }

  @Query(() => [SignalAgendaMeeting], { description: "The LRT's agenda: signals ON_AGENDA that you may read, grouped by meeting date, earliest first." })
  signalAgenda(@Ctx() { services, principal }: RequestContext, @Arg('fromDate', () => LocalDateResolver, { nullable: true }) fromDate?: string) {
    return services.signals.agenda(principal, fromDate);
  }

  @Mutation(() => Signal, { description: 'Raise a signal to the LRT: PRT secretariat (its province), COA_REGIO (a province of its region) or LRT (for the bestuurlijk aanjager).' })
  raiseSignal(@Arg('input', () => RaiseSignalInput) input: RaiseSignalInput, @Ctx() { services, principal }: RequestContext) {
    return services.signals.raise(principal, input);
  }

  @Mutation(() => Signal, { description: 'The raising party, while OPEN.' })
  updateSignal(@Arg('input', () => UpdateSignalInput) input: UpdateSignalInput, @Ctx() { services, principal }: RequestContext) {
    return services.signals.update(principal, input);
  }

  @Mutation(() => Signal, { description: 'LRT: OPEN → ON_AGENDA of a dated meeting (again, to move it to another meeting).' })
  putSignalOnAgenda(@Arg('input', () => PutSignalOnAgendaInput) input: PutSignalOnAgendaInput, @Ctx() { services, principal }: RequestContext) {
    return services.signals.putOnAgenda(principal, input.signalId, input.expectedVersion, input.meetingDate);
  }

  @Mutation(() => Signal, { description: 'LRT: ON_AGENDA → ANSWERED, with its answer.' })
  answerSignal(@Arg('input', () => AnswerSignalInput) input: AnswerSignalInput, @Ctx() { services, principal }: RequestContext) {
    return services.signals.answer(principal, input.signalId, input.expectedVersion, input.answer);
  }

  @Mutation(() => Signal, { description: 'The raising party or the LRT: → CLOSED (final).' })
  closeSignal(@Arg('input', () => CloseSignalInput) input: CloseSignalInput, @Ctx() { services, principal }: RequestContext) {
    return services.signals.close(principal, input.signalId, input.expectedVersion, input.reason);
  }

  @Mutation(() => Signal, { description: 'The raising party: ANSWERED → OPEN, saying why the answer does not suffice.' })
  reopenSignal(@Arg('input', () => ReopenSignalInput) input: ReopenSignalInput, @Ctx() { services, principal }: RequestContext) {
    return services.signals.reopen(principal, input.signalId, input.expectedVersion, input.reason);
  }

  @FieldResolver(() => Province)
  province(@Root() signal: Signal, @Ctx() { loaders }: RequestContext) {
    return loaders.province.load(signal.provinceCode);
  }

  @FieldResolver(() => Person, { nullable: true, description: 'The person who raised it.' })
  raisedBy(@Root() signal: Signal) {
    return signal.raisedById ? personRef(signal.raisedById, signal.raisedByName) : null;
  }

  @FieldResolver(() => Person, { nullable: true, description: 'Who gave the current answer.' })
  answeredBy(@Root() signal: Signal) {
    return signal.answeredById ? personRef(signal.answeredById, signal.answeredByName) : null;
  }

  @FieldResolver(() => [SignalTransition], { description: 'Every step, oldest first.' })
  transitions(@Root() signal: Signal, @Ctx() { loaders }: RequestContext) {
    return loaders.transitionsOfSignal.load(signal.id);
  }

  @FieldResolver(() => [Comment])
  async comments(@Root() signal: Signal, @Ctx() { loaders, principal, services }: RequestContext) {
    return services.comments.visible(principal, await loaders.commentsOfSubject.load(`${SignalCommentSubject.SIGNAL}:${signal.id}`));
  }

  @FieldResolver(() => Int, { description: 'Comments you may see.' })
  async commentsCount(@Root() signal: Signal, @Ctx() { loaders, principal, services }: RequestContext) {
    return services.comments.visible(principal, await loaders.commentsOfSubject.load(`${SignalCommentSubject.SIGNAL}:${signal.id}`)).length;
  }

  @FieldResolver(() => [SignalAction], { description: 'What you may do to it now.' })
  viewerActions(@Root() signal: Signal, @Ctx() { principal }: RequestContext) {
    return signalPolicy.actionsFor(principal, signal);
  }

  @Subscription(() => Signal, {
    description:
      'A signal as it is now, every time one is raised or changes: of one province (provinceCode), one signal (id), or every signal you may read (neither).',
    subscribe: ({ args, context }) => {
      const ctx = context as RequestContext;
      const provinceCode = (args.provinceCode ?? null) as ProvinceCode | null;
      const id = args.id ? normaliseId(args.id as string) : null;
      const allowed = (p: typeof ctx.principal) => {
        const readable = signalPolicy.readableProvinces(p);
        return provinceCode ? signalPolicy.canReadProvince(p, provinceCode) : readable === 'ALL' || readable.length > 0;
      };
      if (!allowed(ctx.principal)) throw forbidden(provinceCode ? `You may not read the signals of province ${provinceCode}` : 'You may read no signals', provinceCode ? 'provinceCode' : undefined);
      return ctx.services.events.subscribe(ctx.principal, {
        matches: (event) =>
          event.subjectType === SignalEventSubject.SIGNAL && (!provinceCode || event.provinceCode === provinceCode) && (!id || event.subjectId === id),
        stillAllowed: (p) => allowed(p),
        // Read once per change for all its subscribers (the loader reads it as stored); the policy is each one's own.
        resolve: (event, shared) =>
          shared
            .once('signal', () => contextForExecution(ctx).loaders.signal.load(event.subjectId))
            .then((signal) => (signal && signalPolicy.canRead(ctx.principal, signal) ? signal : null)),
        reach: [id ? reach.subject(id) : provinceCode ? reach.province(provinceCode) : reach.subjectType(SignalEventSubject.SIGNAL)],
      });
    },
  })
  signalChanged(
    @Root() signal: Signal,
    @Arg('provinceCode', () => ProvinceCode, { nullable: true }) _provinceCode?: ProvinceCode,
    @Arg('id', () => ID, { nullable: true }) _id?: string,
  ): Signal {
    return signal;
  }
}

@Resolver(() => SignalTransition)
export class SignalTransitionResolver {
  @FieldResolver(() => Person, { nullable: true })
  by(@Root() transition: SignalTransition) {
    return transition.byId ? personRef(transition.byId, transition.byName) : null;
  }
}

/** No class-validator constraints (the service checks each value): taken with `validate: false` under each province. */
@ArgsType()
class ProvinceSignalArgs {
  @Field(() => SignalStatus, { nullable: true })
  status?: SignalStatus;

  @Field(() => Int, { nullable: true })
  first?: number;

  @Field(() => String, { nullable: true })
  after?: string;
}

@Resolver(() => Province)
export class ProvinceSignalsResolver {
  @FieldResolver(() => SignalConnection, { nullable: true, description: "The province's signals, newest first; null when you may not read them. Batched over provinces." })
  async signals(@Root() province: Province, @Ctx() { loaders, principal }: RequestContext, @Args(() => ProvinceSignalArgs, { validate: false }) args: ProvinceSignalArgs) {
    if (!signalPolicy.canReadProvince(principal, province.code as ProvinceCode)) return null;
    return loaders.signalsOfProvince.load(JSON.stringify({ provinceCode: province.code, status: args.status ?? null, first: args.first ?? null, after: args.after ?? null }));
  }
}
