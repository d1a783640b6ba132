import DataLoader from 'dataloader';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../platform/auth/principal.js';
import { isUuid, normaliseId } from '../platform/validation.js';
import { badUserInput, conflict, forbidden, notFound } from '../platform/errors.js';
import { groupByKey } from '../platform/loader-utils.js';
import { Comment, CommentThread, type CommentableSubject, type CommentSubjectAdapter, type CommentSubjectType } from './comment.js';
import { assertCommentBody } from './comment.policy.js';
import { EventKinds, recordEvent } from '../events/index.js';

export enum CommentEventKind {
  COMMENT_ADDED = 'COMMENT_ADDED',
  COMMENT_EDITED = 'COMMENT_EDITED',
  COMMENT_RESOLVED = 'COMMENT_RESOLVED',
}
EventKinds.add(CommentEventKind);


const COLUMNS = `c.id, c.subject_type AS "subjectType", c.subject_id AS "subjectId", c.subject_version AS "subjectVersion",
  c.subject_status AS "subjectStatus", c.province_code AS "provinceCode", c.gemeente_code AS "gemeenteCode", c.parent_id AS "parentId", c.author_id AS "authorId",
  c.body, c.version, c.created_at AS "createdAt", c.edited_at AS "editedAt", c.resolved_at AS "resolvedAt", c.resolved_by AS "resolvedById",
  (SELECT a.name FROM person a WHERE a.id = c.author_id) AS "authorName", (SELECT r.name FROM person r WHERE r.id = c.resolved_by) AS "resolvedByName"`;

const toComment = (row: object) => Object.assign(new Comment(), row);

/** The subject as it was when the comment was written: visibility follows from it. */
const asSubject = (comment: Comment) => ({ provinceCode: comment.provinceCode, gemeenteCode: comment.gemeenteCode ?? undefined, status: comment.subjectStatus });

/**
 * A comment's event is about its subject (so it is in the subject's audit trail). It is stamped with the subject's
 * status at the time of the change (`subjectStatusNow`), and its state keeps the status the comment was written on
 * (`writtenOnStatus`): a reader of the event must be able to see both, as a reader of the comment must.
 */
function commentEvent(kind: CommentEventKind, comment: Comment, principal: Principal, before: Comment | null, subjectStatusNow = comment.subjectStatus) {
  // No parentId: the parent may be hidden from readers of the event; the comment query shows threads safely.
  const state = (c: Comment) => ({ commentId: c.id, body: c.body, version: c.version, resolved: c.resolvedAt !== null, subjectVersion: c.subjectVersion, writtenOnStatus: c.subjectStatus });
  return {
    kind,
    subjectType: comment.subjectType,
    subjectId: comment.subjectId,
    provinceCode: comment.provinceCode,
    gemeenteCode: comment.gemeenteCode,
    subjectStatus: subjectStatusNow,
    actorId: principal.personId,
    before: before && state(before),
    after: state(comment),
  };
}

/**
 * Threaded comments on any commentable subject. Who may read and comment is the subject's business: each
 * capability registers an adapter that answers with its own policy.
 */
export class CommentService {
  constructor(
    private readonly db: DataSource,
    private readonly subjects: Readonly<Record<CommentSubjectType, CommentSubjectAdapter>>,
  ) {}

  /**
   * Comments on a subject the principal may see, oldest first. A visible answer to a hidden comment is
   * shown as a comment of its own (no parentId), so nothing of the hidden one shows.
   */
  visible(principal: Principal, comments: Comment[]): Comment[] {
    const visible = comments.filter((comment) => this.subjects[comment.subjectType].canRead(principal, asSubject(comment)));
    const ids = new Set(visible.map((comment) => comment.id));
    return visible.map((comment) => (comment.parentId && !ids.has(comment.parentId) ? Object.assign(new Comment(), comment, { parentId: null }) : comment));
  }

  async add(principal: Principal, input: { subjectType: CommentSubjectType; subjectId: string; parentId?: string | null; body: string }): Promise<Comment> {
    const adapter = this.subjects[input.subjectType];
    const body = assertCommentBody(input.body);
    if (!isUuid(input.subjectId)) throw badUserInput('subjectId is not an id', 'input.subjectId');
    if (!principal.personId) throw forbidden('Only people with a role in regietafel may comment', 'input.subjectId');
    return this.db.transaction(async (tx) => {
      const subject = await loadSubject(adapter, tx, input.subjectId);
      // Something you cannot see gets the same answer as something that does not exist.
      if (!subject || !adapter.canRead(principal, subject)) {
        throw forbidden('You may not comment on this: it does not exist or you cannot see it', 'input.subjectId');
      }
      if (input.parentId) {
        const [parent] = isUuid(input.parentId)
          ? await tx.query('SELECT subject_type, subject_id, subject_status FROM comment WHERE id = $1', [input.parentId])
          : [];
        const sameSubject = parent && parent.subject_type === input.subjectType && parent.subject_id === input.subjectId.toLowerCase();
        if (!sameSubject || !adapter.canRead(principal, { ...subject, status: parent.subject_status })) {
          throw badUserInput('parentId is not a comment you can see on the same subject', 'input.parentId');
        }
      }
      const [row] = await tx.query(
        `INSERT INTO comment (subject_type, subject_id, subject_version, subject_status, province_code, gemeente_code, parent_id, author_id, changed_by, body)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9) RETURNING id`,
        [input.subjectType, input.subjectId, subject.version, subject.status, subject.provinceCode, subject.gemeenteCode ?? null, input.parentId ?? null, principal.personId, body],
      );
      const comment = await this.byId(tx, row.id);
      await recordEvent(tx, commentEvent(CommentEventKind.COMMENT_ADDED, comment, principal, null));
      return comment;
    });
  }

  edit(principal: Principal, input: { commentId: string; expectedVersion: number; body: string }): Promise<Comment> {
    const body = assertCommentBody(input.body);
    return this.change(principal, input.commentId, input.expectedVersion, 'edit', (tx, id) =>
      tx.query('UPDATE comment SET body = $2, edited_at = now(), changed_by = $3, version = version + 1 WHERE id = $1', [id, body, principal.personId]),
    );
  }

  resolve(principal: Principal, input: { commentId: string; expectedVersion: number; resolved: boolean }): Promise<Comment> {
    return this.change(principal, input.commentId, input.expectedVersion, 'resolve', (tx, id) =>
      tx.query(
        input.resolved
          ? 'UPDATE comment SET resolved_at = now(), resolved_by = $2, changed_by = $2, version = version + 1 WHERE id = $1'
          : 'UPDATE comment SET resolved_at = NULL, resolved_by = NULL, changed_by = $2, version = version + 1 WHERE id = $1',
        [id, principal.personId],
      ),
    );
  }

  private async change(
    principal: Principal,
    commentId: string,
    expectedVersion: number,
    what: 'edit' | 'resolve',
    write: (tx: import('typeorm').EntityManager, id: string) => Promise<unknown>,
  ): Promise<Comment> {
    if (!isUuid(commentId)) throw badUserInput('commentId is not an id', 'input.commentId');
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query(
        `SELECT ${COLUMNS}, changer.name AS "changedByName" FROM comment c LEFT JOIN person changer ON changer.id = c.changed_by WHERE c.id = $1 FOR UPDATE OF c`,
        [commentId],
      );
      const comment = row ? toComment(row) : null;
      const adapter = comment ? this.subjects[comment.subjectType] : null;
      // Both the comment (as written) and its subject (as it is now) must still be visible.
      const subject = comment && adapter ? await loadSubject(adapter, tx, comment.subjectId) : null;
      const visible =
        comment && adapter && subject && adapter.canRead(principal, asSubject(comment)) && adapter.canRead(principal, subject);
      if (!comment || !adapter || !visible) throw notFound('No such comment', 'input.commentId');
      const mayChange = comment.authorId === principal.personId || (what === 'resolve' && adapter.canModerate(principal, comment.provinceCode, subject!));
      if (!mayChange) {
        throw forbidden(what === 'edit' ? 'Only its author may edit a comment' : 'Only its author, or whoever moderates its subject (for a plan: its secretariat and LRT), may resolve a comment', 'input.commentId');
      }
      if (comment.version !== expectedVersion) {
        throw conflict(`The comment changed since version ${expectedVersion}`, {
          currentVersion: comment.version,
          changedBy: (row as { changedByName: string | null }).changedByName,
          changedAt: comment.editedAt ?? comment.resolvedAt ?? comment.createdAt,
        });
      }
      await write(tx, comment.id);
      const changed = await this.byId(tx, comment.id);
      await recordEvent(tx, commentEvent(what === 'edit' ? CommentEventKind.COMMENT_EDITED : CommentEventKind.COMMENT_RESOLVED, changed, principal, comment, subject!.status));
      return changed;
    });
  }

  /** The subject as it is now, if the principal may read it: something unseen gets the same answer as nothing. */
  private async readableSubject(principal: Principal, subjectType: CommentSubjectType, subjectId: string, field: string): Promise<CommentableSubject> {
    if (!isUuid(subjectId)) throw badUserInput('subjectId is not an id', field);
    const adapter = this.subjects[subjectType];
    const subject = await loadSubject(adapter, this.db.manager, subjectId);
    if (!subject || !adapter.canRead(principal, subject)) throw forbidden('You may not read the comments on this: it does not exist or you cannot see it', field);
    return subject;
  }

  /**
   * The kind of a commentable subject the principal may read now, found by its id alone (ids are unique across
   * subjects): the gate of `commentAdded`, the same check `commentThread` and `markCommentsRead` make.
   */
  async readableSubjectType(principal: Principal, subjectId: string, field: string): Promise<CommentSubjectType> {
    if (!isUuid(subjectId)) throw badUserInput('subjectId is not an id', field);
    for (const [type, adapter] of Object.entries(this.subjects) as [CommentSubjectType, CommentSubjectAdapter][]) {
      const subject = await loadSubject(adapter, this.db.manager, subjectId);
      if (subject) {
        if (adapter.canRead(principal, subject)) return type;
        break;
      }
    }
    throw forbidden('You may not read the comments on this: it does not exist or you cannot see it', field);
  }

  /** The comments on a subject the principal may read now, with the number they have not read. */
  async thread(principal: Principal, subjectType: CommentSubjectType, subjectId: string, loaders: CommentLoaders, field = 'subjectId'): Promise<CommentThread> {
    const id = normaliseId(subjectId);
    await this.readableSubject(principal, subjectType, id, field);
    const comments = this.visible(principal, await loaders.commentsOfSubject.load(`${subjectType}:${id}`));
    const unread = principal.personId ? await loaders.unreadComments.load(`${principal.personId}:${id}`) : new Set<string>();
    return Object.assign(new CommentThread(), {
      subjectType,
      subjectId: id,
      comments,
      unreadCount: comments.filter((comment) => unread.has(comment.id)).length,
      viewerCanComment: principal.personId !== null,
    });
  }

  /**
   * Marks the comments on a subject as read up to one the principal saw (default: the newest there is). A marker
   * only moves forward: an older tab marking an older comment never makes newer ones unread again.
   */
  async markRead(principal: Principal, input: { subjectType: CommentSubjectType; subjectId: string; upToCommentId?: string | null }, loaders: CommentLoaders): Promise<CommentThread> {
    const id = normaliseId(input.subjectId);
    await this.readableSubject(principal, input.subjectType, id, 'input.subjectId');
    if (!principal.personId) throw forbidden('Only people with a role in regietafel have read markers', 'input.subjectId');
    const comments = this.visible(principal, await loaders.commentsOfSubject.load(`${input.subjectType}:${id}`));
    let upTo = comments.at(-1);
    if (input.upToCommentId != null) {
      const wanted = isUuid(input.upToCommentId) ? normaliseId(input.upToCommentId) : '';
      upTo = comments.find((comment) => comment.id === wanted);
      if (!upTo) throw badUserInput('upToCommentId is not a comment you can see on this subject', 'input.upToCommentId');
    }
    if (upTo) {
      await this.db.query(
        `INSERT INTO comment_read (person_id, subject_type, subject_id, read_up_to_at, read_up_to_id)
         SELECT $1, c.subject_type, c.subject_id, c.created_at, c.id FROM comment c WHERE c.id = $2
         ON CONFLICT (person_id, subject_id) DO UPDATE SET read_up_to_at = EXCLUDED.read_up_to_at, read_up_to_id = EXCLUDED.read_up_to_id, marked_at = now()
           WHERE (comment_read.read_up_to_at, comment_read.read_up_to_id) < (EXCLUDED.read_up_to_at, EXCLUDED.read_up_to_id)`,
        [principal.personId, upTo.id],
      );
    }
    loaders.unreadComments.clear(`${principal.personId}:${id}`);
    return this.thread(principal, input.subjectType, id, loaders, 'input.subjectId');
  }

  /** May the principal resolve (and reopen) this comment, which they can see? The author, or the subject's moderators. */
  canResolve(principal: Principal, comment: Comment, subject: CommentableSubject | null): boolean {
    if (!principal.personId || !subject) return false;
    return comment.authorId === principal.personId || this.subjects[comment.subjectType].canModerate(principal, comment.provinceCode, subject);
  }

  private async byId(tx: import('typeorm').EntityManager, id: string): Promise<Comment> {
    const [row] = await tx.query(`SELECT ${COLUMNS} FROM comment c WHERE c.id = $1`, [id]);
    return toComment(row);
  }

  createLoaders() {
    const subjects = this.subjects;
    return {
      /**
       * Key: `${personId}:${subjectId}`. The ids of the comments on the subject written by others after the person's
       * read marker (compared in the database, at its full precision and in the order comments are listed).
       */
      unreadComments: new DataLoader<string, Set<string>>(async (keys) => {
        const pairs = keys.map((key) => key.split(':') as [string, string]);
        const rows: { key: string; id: string }[] = await this.db.query(
          `SELECT k.person_id || ':' || k.subject_id AS key, c.id
           FROM unnest($1::uuid[], $2::uuid[]) AS k(person_id, subject_id)
           JOIN comment c ON c.subject_id = k.subject_id AND c.author_id <> k.person_id
           LEFT JOIN comment_read r ON r.person_id = k.person_id AND r.subject_id = k.subject_id
           WHERE r.person_id IS NULL OR (c.created_at, c.id) > (r.read_up_to_at, r.read_up_to_id)`,
          [pairs.map(([person]) => person), pairs.map(([, subject]) => subject)],
        );
        return groupByKey(keys, rows, (row) => row.key).map((group) => new Set(group.map((row) => row.id)));
      }),
      /** Key: `${subjectType}:${subjectId}`. The subject as it is now (to say who may resolve its comments). */
      /** Key: `${subjectType}:${subjectId}`; one statement per kind of subject asked in the operation. */
      commentSubject: new DataLoader<string, CommentableSubject | null>(async (keys) => {
        const idsPerType = new Map<CommentSubjectType, string[]>();
        for (const key of keys) {
          const [type, id] = key.split(':') as [CommentSubjectType, string];
          idsPerType.set(type, [...(idsPerType.get(type) ?? []), id]);
        }
        const found = new Map<string, CommentableSubject>();
        for (const [type, ids] of idsPerType) for (const subject of await subjects[type].load(this.db.manager, ids)) found.set(`${type}:${subject.id}`, subject);
        return keys.map((key) => found.get(key) ?? null);
      }),
      /** Key: `${subjectType}:${subjectId}`. */
      commentsOfSubject: new DataLoader<string, Comment[]>(async (keys) => {
        const ids = keys.map((key) => key.split(':')[1]);
        const rows = await this.db.query(`SELECT ${COLUMNS} FROM comment c WHERE c.subject_id = ANY($1) ORDER BY c.created_at, c.id`, [ids]);
        return groupByKey(keys, rows.map(toComment), (comment) => `${comment.subjectType}:${comment.subjectId}`);
      }),
    };
  }
}

export type CommentLoaders = ReturnType<CommentService['createLoaders']>;

/** One subject by its id, or null: the adapters load many at once. */
async function loadSubject(adapter: CommentSubjectAdapter, db: EntityManager, id: string): Promise<CommentableSubject | null> {
  const [subject] = await adapter.load(db, [id]);
  return subject ?? null;
}
