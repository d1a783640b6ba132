import { Arg, Ctx, Extensions, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../platform/context.js';
import { PERSONAL_FIELD } from '../platform/subscription-execution.js';
import { reach, unlessForbidden } from '../events/index.js';
import { contextForExecution } from '../platform/module.js';
import { Person, personRef } from '../people/index.js';
import { normaliseId } from '../platform/validation.js';
import { Comment, CommentSubjectTypes, CommentThread, type CommentSubjectType } from './comment.js';
import { CommentEventKind } from './comment.service.js';
import { AddCommentInput, EditCommentInput, MarkCommentsReadInput, ResolveCommentInput } from './inputs.js';

@Resolver(() => Comment)
export class CommentResolver {
  @Query(() => CommentThread, { description: 'The comments on a plan, proposal or agreement you may read, with your unread count. FORBIDDEN if you may not read it (or it does not exist).' })
  commentThread(
    @Arg('subjectType', () => CommentSubjectTypes.values) subjectType: CommentSubjectType,
    @Arg('subjectId', () => ID) subjectId: string,
    @Ctx() { services, principal, loaders }: RequestContext,
  ) {
    return services.comments.thread(principal, subjectType, subjectId, loaders);
  }

  @Mutation(() => CommentThread, { description: "Marks a subject's comments as read, up to the newest one you have seen (a marker per person, the same on every device). Moves forward only." })
  markCommentsRead(@Arg('input', () => MarkCommentsReadInput) input: MarkCommentsReadInput, @Ctx() { services, principal, loaders }: RequestContext) {
    return services.comments.markRead(principal, input, loaders);
  }

  @Mutation(() => Comment, { description: 'Comment on something you may see; give parentId to answer a comment.' })
  addComment(@Arg('input', () => AddCommentInput) input: AddCommentInput, @Ctx() { services, principal }: RequestContext) {
    return services.comments.add(principal, input);
  }

  @Mutation(() => Comment, { description: 'Its author only.' })
  editComment(@Arg('input', () => EditCommentInput) input: EditCommentInput, @Ctx() { services, principal }: RequestContext) {
    return services.comments.edit(principal, input);
  }

  @Mutation(() => Comment, { description: 'Its author, or whoever moderates the subject (for a plan: its secretariat and LRT). resolved: false reopens it.' })
  resolveComment(@Arg('input', () => ResolveCommentInput) input: ResolveCommentInput, @Ctx() { services, principal }: RequestContext) {
    return services.comments.resolve(principal, input);
  }

  @FieldResolver(() => Person)
  author(@Root() comment: Comment) {
    return personRef(comment.authorId, comment.authorName);
  }

  @FieldResolver(() => Person, { nullable: true })
  resolvedBy(@Root() comment: Comment) {
    return comment.resolvedById ? personRef(comment.resolvedById, comment.resolvedByName) : null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether you may edit it (its author only).' })
  @Extensions(PERSONAL_FIELD)
  viewerCanEdit(@Root() comment: Comment, @Ctx() { principal }: RequestContext): boolean {
    return principal.personId !== null && comment.authorId === principal.personId;
  }

  @FieldResolver(() => Boolean, { description: "Whether you may resolve or reopen it: its author, or whoever moderates the subject." })
  @Extensions(PERSONAL_FIELD)
  async viewerCanResolve(@Root() comment: Comment, @Ctx() { services, principal, loaders }: RequestContext): Promise<boolean> {
    if (!principal.personId) return false;
    if (comment.authorId === principal.personId) return true;
    return services.comments.canResolve(principal, comment, await loaders.commentSubject.load(`${comment.subjectType}:${comment.subjectId}`));
  }

  @FieldResolver(() => Boolean, { description: 'Written by someone else after the newest comment you marked as read.' })
  @Extensions(PERSONAL_FIELD)
  async unread(@Root() comment: Comment, @Ctx() { principal, loaders }: RequestContext): Promise<boolean> {
    if (!principal.personId || comment.authorId === principal.personId) return false;
    return (await loaders.unreadComments.load(`${principal.personId}:${comment.subjectId}`)).has(comment.id);
  }

  @Subscription(() => Comment, {
    description: 'Every new comment on a plan, proposal or agreement that you may see.',
    subscribe: async ({ args, context }) => {
      const ctx = context as RequestContext;
      const subjectId = normaliseId(args.subjectId as string);
      // The subject must exist and be readable now: the same check as commentThread, here and whenever rights change.
      await ctx.services.comments.readableSubjectType(ctx.principal, subjectId, 'subjectId');
      return ctx.services.events.subscribe(ctx.principal, {
        matches: (event) => event.subjectId === subjectId && event.kind === CommentEventKind.COMMENT_ADDED,
        stillAllowed: async (p) => (await unlessForbidden(() => ctx.services.comments.readableSubjectType(p, subjectId, 'subjectId'))) !== null,
        // The subject's comments are read once per new comment for all its subscribers (as stored); which of them a
        // subscriber may see is their own policy.
        resolve: (event, shared) => {
          const commentId = (event.after as { commentId: string }).commentId;
          return shared
            .once('comments', () => contextForExecution(ctx).loaders.commentsOfSubject.load(`${event.subjectType}:${event.subjectId}`))
            .then((comments) => ctx.services.comments.visible(ctx.principal, comments).find((comment) => comment.id === commentId) ?? null);
        },
        reach: [reach.subject(subjectId)],
      });
    },
  })
  commentAdded(@Root() comment: Comment, @Arg('subjectId', () => ID) _subjectId: string): Comment {
    return comment;
  }
}
