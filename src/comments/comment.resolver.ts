import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { personRef } from '../people/entities.js';
import type { RequestContext } from '../platform/context.js';
import { Person } from '../people/entities.js';
import { Comment } from './comment.js';
import { AddCommentInput, EditCommentInput, ResolveCommentInput } from './inputs.js';

@Resolver(() => Comment)
export class CommentResolver {
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
}
