import { Field, ID, Int, ObjectType } from 'type-graphql';
import { OpenEnum } from '../platform/open-enum.js';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../platform/auth/principal.js';
import type { ProvinceCode } from '../reference/index.js';

/** What a comment can be about: each commentable capability adds its subject with its adapter (`CommentSubjectAdapter`). */
export const CommentSubjectTypes = new OpenEnum('CommentSubjectType', 'What a comment can be about.');
export type CommentSubjectType = string;

@ObjectType({ simpleResolvers: true, description: 'A comment on a provincial plan, a location proposal or an agreement (see CommentSubjectType). Threads are built from `parentId`.' })
export class Comment {
  @Field(() => ID)
  id: string;

  @Field(() => CommentSubjectTypes.values)
  subjectType: CommentSubjectType;

  @Field(() => ID)
  subjectId: string;

  @Field(() => Int, { description: "The subject's version the comment was written on (for a plan: its revision)." })
  subjectVersion: number;

  /** The subject's status then; decides who may read the comment. */
  subjectStatus: string;
  provinceCode: ProvinceCode;
  gemeenteCode: string | null;

  @Field(() => ID, { nullable: true, description: 'The comment this one answers, if any.' })
  parentId: string | null;

  authorId: string;
  /** Read with the comment, so a list of comments needs no further query for its people. */
  authorName: string;

  @Field(() => String, { description: 'Markdown.' })
  body: string;

  @Field(() => Int, { description: 'Name it as `expectedVersion` when editing or resolving.' })
  version: number;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  editedAt: Date | null;

  @Field(() => Date, { nullable: true })
  resolvedAt: Date | null;

  resolvedById: string | null;
  resolvedByName: string | null;

  @Field(() => Boolean)
  get resolved(): boolean {
    return this.resolvedAt !== null;
  }
}

@ObjectType({ simpleResolvers: true, description: 'The comments on one subject as the viewer sees them, with how many the viewer has not read yet.' })
export class CommentThread {
  @Field(() => CommentSubjectTypes.values)
  subjectType: CommentSubjectType;

  @Field(() => ID)
  subjectId: string;

  @Field(() => [Comment], { description: 'All comments you may see, oldest first; threads follow `parentId`.' })
  comments: Comment[];

  @Field(() => Int, { description: "Comments of others written after the newest one you marked as read (markCommentsRead). Your own never count." })
  unreadCount: number;

  @Field(() => Boolean, { description: 'Whether you may add a comment (or a reply) to this subject.' })
  viewerCanComment: boolean;
}

/** What the comments capability needs to know of a subject; each commentable capability provides one. */
export interface CommentableSubject {
  provinceCode: ProvinceCode;
  /** For subjects that belong to one gemeente (proposals, agreements). */
  gemeenteCode?: string;
  version: number;
  status: string;
}

export interface CommentSubjectAdapter {
  /** The subjects of these ids that exist, each with its id: one statement for all (comments on many subjects). */
  load(tx: EntityManager, ids: readonly string[]): Promise<(CommentableSubject & { id: string })[]>;
  /** May the principal read the subject, or a comment made while it had this status? */
  canRead(principal: Principal, subject: Pick<CommentableSubject, 'provinceCode' | 'gemeenteCode' | 'status'>): boolean;
  /** Besides the author, who may resolve comments on the subject (e.g. the plan's secretariat). */
  canModerate(principal: Principal, provinceCode: ProvinceCode, subject: CommentableSubject): boolean;
}
