import { IsInt, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { CommentSubjectType } from './comment.js';

@InputType()
export class AddCommentInput {
  @Field(() => CommentSubjectType)
  subjectType: CommentSubjectType;

  @Field(() => ID)
  subjectId: string;

  @Field(() => ID, { nullable: true, description: 'Answer to this comment (a thread).' })
  parentId?: string;

  @Field(() => String, { description: 'Markdown, at most 10,000 characters.' })
  body: string;
}

@InputType()
export class EditCommentInput {
  @Field(() => ID)
  commentId: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  expectedVersion: number;

  @Field(() => String)
  body: string;
}

@InputType()
export class ResolveCommentInput {
  @Field(() => ID)
  commentId: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  expectedVersion: number;

  @Field(() => Boolean, { defaultValue: true, description: 'false reopens it.' })
  resolved: boolean;
}
