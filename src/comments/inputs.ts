import { IsInt, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { CommentSubjectTypes, type CommentSubjectType } from './comment.js';

@InputType()
export class AddCommentInput {
  @Field(() => CommentSubjectTypes.values)
  subjectType: CommentSubjectType;

  @Field(() => ID)
  subjectId: string;

  @Field(() => ID, { nullable: true, description: 'Answer to this comment (a thread).' })
  parentId?: string;

  @Field(() => String, { description: 'Markdown, at most 10,000 characters.' })
  body: string;
}

/** Names the comment and the version the change is based on. */
@InputType()
class CommentChangeInput {
  @Field(() => ID)
  commentId: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  expectedVersion: number;
}

@InputType()
export class EditCommentInput extends CommentChangeInput {
  @Field(() => String)
  body: string;
}

@InputType()
export class ResolveCommentInput extends CommentChangeInput {
  @Field(() => Boolean, { defaultValue: true, description: 'false reopens it.' })
  resolved: boolean;
}

@InputType()
export class MarkCommentsReadInput {
  @Field(() => CommentSubjectTypes.values)
  subjectType: CommentSubjectType;

  @Field(() => ID)
  subjectId: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The newest comment you have seen: it and every comment listed before it count as read. Default: the newest comment there is.',
  })
  upToCommentId?: string;
}
