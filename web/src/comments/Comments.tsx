import { Alert, Button, FormFieldTextarea, Heading, Paragraph, PrimaryActionButton, SecondaryActionButton } from '@rijkshuisstijl-community/components-react';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useMutation, useQuery, useSubscription, type CombinedError } from 'urql';
import { ErrorAlert } from '../app/ErrorAlert';
import { errorCodes } from '../app/errors';
import { formatDateTime, formatNumber } from '../app/format';
import { applyServerFieldErrors, useWarnBeforeLeaving } from '../app/forms';
import { Loading } from '../app/Loading';
import { SafeMarkdown } from '../app/SafeMarkdown';
import { useConnection } from '../app/session';
import { AddComment, CommentAdded, CommentThreadQuery, EditComment, MarkCommentsRead, ResolveComment, type CommentThread, type ThreadComment } from './queries';
import { announceSubjectChanged } from '../activity/events';
import { useSubjectEvents } from '../activity/useSubjectEvents';
import { ViewerQuery } from '../app/Home';
import './comments.css';

const COMMENT_CHANGES = ['COMMENT_EDITED', 'COMMENT_RESOLVED'] as const;

/** The server's limit (comment.policy.ts). */
const MAX_LENGTH = 10_000;

export type CommentSubjectType = 'PROVINCIAL_PLAN' | 'LOCATION_PROPOSAL' | 'AGREEMENT' | 'SIGNAL';

function unreadLabel(count: number): string {
  return count === 0 ? 'alles gelezen' : `${formatNumber(count)} ongelezen`;
}

/**
 * The comments on a plan, proposal or agreement: threads (replies follow `parentId`), oldest first; reply, edit one's
 * own, resolve and reopen where the API says the viewer may (`viewerCanEdit`, `viewerCanResolve`). New comments
 * arrive live (`commentAdded`). The unread count is the server's, per person: it goes down when the person presses
 * "Markeer als gelezen" (an explicit action, so nothing is marked read merely by scrolling past it), and one's own
 * comments never count.
 */
export function Comments({ subjectType, subjectId, provinceCode }: { subjectType: CommentSubjectType; subjectId: string; provinceCode?: string }) {
  const headingId = useId();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: CommentThreadQuery, variables: { subjectType, subjectId } });
  const [live] = useSubscription({ query: CommentAdded, variables: { subjectId } });
  const [{ data: viewer }] = useQuery({ query: ViewerQuery });
  const { reconnects } = useConnection();
  const refetch = useRef(reexecute);
  refetch.current = reexecute;
  // A comment edited, resolved or reopened by anyone: read the thread again, so buttons and versions are current.
  useSubjectEvents(subjectId, provinceCode, COMMENT_CHANGES, (event) => {
    refetch.current({ requestPolicy: 'network-only' });
    const by = event.actor?.name;
    if (by && by !== viewer?.viewer.name) setAnnouncement(event.kind === 'COMMENT_EDITED' ? `${by} heeft een reactie bewerkt.` : `${by} heeft een reactie opgelost of heropend.`);
  });
  const reload = () => {
    refetch.current({ requestPolicy: 'network-only' });
    announceSubjectChanged(subjectId);
  };
  const added = live.data?.commentAdded;
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    if (!added) return;
    refetch.current({ requestPolicy: 'network-only' });
    if (!added.viewerCanEdit) setAnnouncement(`Nieuwe reactie van ${added.author.name}.`);
  }, [added?.id, added]);
  useEffect(() => {
    if (reconnects > 0) refetch.current({ requestPolicy: 'network-only' });
  }, [reconnects]);

  const thread = data?.commentThread;
  const heading = useRef<HTMLHeadingElement>(null);
  return (
    <section aria-labelledby={headingId} className="comments overview-section">
      <Heading level={2} id={headingId} ref={heading} tabIndex={-1}>
        Reacties
        {thread ? <span className="comments__unread"> ({unreadLabel(thread.unreadCount)})</span> : null}
      </Heading>
      <p role="status" aria-live="polite" className="visually-hidden">
        {announcement}
      </p>
      {!thread && fetching ? <Loading what="de reacties" /> : null}
      <ErrorAlert error={!thread ? error : undefined} title="De reacties kunnen niet worden getoond." />
      {thread ? (
        <ThreadView
          thread={thread}
          subjectType={subjectType}
          subjectId={subjectId}
          reload={reload}
          announce={setAnnouncement}
          focusHeading={() => heading.current?.focus()}
        />
      ) : null}
    </section>
  );
}

function ThreadView(props: {
  thread: CommentThread;
  subjectType: CommentSubjectType;
  subjectId: string;
  reload: () => void;
  announce: (text: string) => void;
  focusHeading: () => void;
}) {
  const { thread, reload, announce } = props;
  const [markResult, markRead] = useMutation(MarkCommentsRead);
  const [focusId, setFocusId] = useState<string | null>(null);
  const byParent = new Map<string | null, ThreadComment[]>();
  const ids = new Set(thread.comments.map((comment) => comment.id));
  for (const comment of thread.comments) {
    const parent = comment.parentId && ids.has(comment.parentId) ? comment.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), comment]);
  }

  // After an action, the comment it made or changed gets the focus (once it is on the page).
  useEffect(() => {
    if (!focusId) return;
    const element = document.getElementById(commentDomId(focusId));
    if (element) {
      element.focus();
      setFocusId(null);
    }
  });

  const newest = thread.comments.at(-1);
  const onMarkRead = async () => {
    if (!newest) return;
    const result = await markRead({ input: { subjectType: props.subjectType, subjectId: props.subjectId, upToCommentId: newest.id } });
    if (!result.error) {
      announce('Alle reacties zijn als gelezen gemarkeerd.');
      reload();
      props.focusHeading();
    }
  };

  const context: ThreadContext = { subjectType: props.subjectType, subjectId: props.subjectId, byParent, reload, announce, focus: setFocusId, canComment: thread.viewerCanComment };
  const roots = byParent.get(null) ?? [];
  return (
    <>
      {thread.unreadCount > 0 ? (
        <div className="button-row comments__read">
          <SecondaryActionButton type="button" onClick={onMarkRead} disabled={markResult.fetching}>
            Markeer als gelezen
          </SecondaryActionButton>
        </div>
      ) : null}
      <ErrorAlert error={markResult.error} title="Markeren als gelezen is niet gelukt." />
      {roots.length === 0 ? (
        <Paragraph>Er zijn nog geen reacties.</Paragraph>
      ) : (
        <ol className="comments__list" aria-label="Reacties, oudste eerst">
          {roots.map((comment) => (
            <CommentItem key={comment.id} comment={comment} context={context} />
          ))}
        </ol>
      )}
      {thread.viewerCanComment ? (
        <NewComment context={context} />
      ) : (
        <Paragraph className="note">U kunt hier geen reacties plaatsen.</Paragraph>
      )}
    </>
  );
}

interface ThreadContext {
  subjectType: CommentSubjectType;
  subjectId: string;
  byParent: Map<string | null, ThreadComment[]>;
  reload: () => void;
  announce: (text: string) => void;
  focus: (commentId: string) => void;
  canComment: boolean;
}

function commentDomId(id: string): string {
  return `reactie-${id}`;
}

function CommentItem({ comment, context }: { comment: ThreadComment; context: ThreadContext }) {
  const [mode, setMode] = useState<'read' | 'reply' | 'edit'>('read');
  const [resolveResult, resolve] = useMutation(ResolveComment);
  const replyButton = useRef<HTMLButtonElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const replies = context.byParent.get(comment.id) ?? [];
  const authorId = `${commentDomId(comment.id)}-auteur`;

  const onResolve = async () => {
    const resolved = !comment.resolved;
    const result = await resolve({ input: { commentId: comment.id, expectedVersion: comment.version, resolved } });
    if (!result.error) context.announce(resolved ? 'De reactie is opgelost.' : 'De reactie is heropend.');
    context.reload();
  };

  return (
    <li className="comments__item">
      <article
        id={commentDomId(comment.id)}
        tabIndex={-1}
        aria-labelledby={authorId}
        className={`comment${comment.resolved ? ' comment--resolved' : ''}${comment.unread ? ' comment--unread' : ''}`}
      >
        <header className="comment__header">
          <Heading level={3} id={authorId} className="comment__author">
            {comment.author.name}
            {comment.unread ? <span className="comment__badge comment__badge--new"> Nieuw</span> : null}
            {comment.resolved ? <span className="comment__badge"> Opgelost</span> : null}
          </Heading>
          <p className="note comment__meta">
            <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
            {comment.editedAt ? <> · bewerkt op {formatDateTime(comment.editedAt)}</> : null}
            {comment.resolved ? (
              <>
                {' '}
                · opgelost door {comment.resolvedBy?.name ?? 'onbekend'} op {formatDateTime(comment.resolvedAt)}
              </>
            ) : null}
          </p>
        </header>
        {mode === 'edit' ? (
          <EditCommentForm
            comment={comment}
            context={context}
            onDone={(saved) => {
              setMode('read');
              if (saved) context.focus(comment.id);
              else editButton.current?.focus();
            }}
          />
        ) : (
          <CommentBody text={comment.body} />
        )}
        {mode !== 'edit' ? (
          <div className="button-row comment__actions">
            {context.canComment ? (
              <Button appearance="subtle-button" type="button" ref={replyButton} aria-expanded={mode === 'reply'} onClick={() => setMode(mode === 'reply' ? 'read' : 'reply')}>
                Beantwoorden
              </Button>
            ) : null}
            {comment.viewerCanEdit ? (
              <Button appearance="subtle-button" type="button" ref={editButton} onClick={() => setMode('edit')}>
                Bewerken
              </Button>
            ) : null}
            {comment.viewerCanResolve ? (
              <Button appearance="subtle-button" type="button" onClick={onResolve} disabled={resolveResult.fetching}>
                {comment.resolved ? 'Heropenen' : 'Markeer als opgelost'}
              </Button>
            ) : null}
          </div>
        ) : null}
        <ChangeError error={resolveResult.error} what="De status van de reactie is niet gewijzigd." />
        {mode === 'reply' ? (
          <ReplyForm
            comment={comment}
            context={context}
            onDone={(savedId) => {
              setMode('read');
              if (savedId) context.focus(savedId);
              else replyButton.current?.focus();
            }}
          />
        ) : null}
      </article>
      {replies.length > 0 ? (
        <ol className="comments__list comments__list--replies" aria-label={`Antwoorden op ${comment.author.name}`}>
          {replies.map((reply) => (
            <CommentItem key={reply.id} comment={reply} context={context} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}

/** A failed change, in Dutch; a CONFLICT says the thread now shows the newer version. */
function ChangeError({ error, what }: { error: CombinedError | undefined; what: string }) {
  if (!error) return null;
  return <ErrorAlert error={error} title={what} />;
}

/** Markdown from people, rendered without raw HTML: no script, markup or javascript: link from user text ever runs. */
export function CommentBody({ text }: { text: string }) {
  return <SafeMarkdown text={text} headings="bold" className="comment__body" />;
}

type SubmitResult = { error?: CombinedError; id?: string };

/** A comment's text as a form (React Hook Form): new comments, replies and edits. The server stays the judge. */
function CommentForm(props: {
  label: string;
  submitLabel: string;
  defaultBody?: string;
  description?: ReactNode;
  onSubmit: (body: string) => Promise<SubmitResult>;
  onSaved: (id: string) => void;
  onCancel?: () => void;
  /** Shown above the form (e.g. a conflict with its way out). */
  notice?: ReactNode;
  errorTitle?: string;
}) {
  const { control, handleSubmit, setError, reset, setFocus, formState } = useForm<{ body: string }>({ defaultValues: { body: props.defaultBody ?? '' } });
  const [failure, setFailure] = useState<CombinedError | undefined>();
  useWarnBeforeLeaving(formState.isDirty);
  // A reply or edit form opened by a button takes the focus once, when it opens.
  const opensWithFocus = useRef(Boolean(props.onCancel));
  useEffect(() => {
    if (opensWithFocus.current) setFocus('body');
  }, [setFocus]);
  const submit = handleSubmit(async ({ body }) => {
    setFailure(undefined);
    const result = await props.onSubmit(body);
    if (result.error) {
      // What was typed stays; the error is placed at the field where the API names it.
      setFailure(result.error);
      applyServerFieldErrors(result.error, setError, (path) => path === 'body');
      return;
    }
    reset({ body: props.defaultBody === undefined ? '' : body });
    if (result.id) props.onSaved(result.id);
  });
  return (
    <form className="comment-form" onSubmit={submit} noValidate aria-label={props.label}>
      {props.notice}
      <ErrorAlert error={failure} title={props.errorTitle ?? 'De reactie is niet opgeslagen.'} />
      <Controller
        control={control}
        name="body"
        rules={{
          validate: (value) => {
            const text = value.trim();
            if (!text) return 'Schrijf eerst een reactie.';
            if ([...text].length > MAX_LENGTH) return `Een reactie is ten hoogste ${formatNumber(MAX_LENGTH)} tekens lang.`;
            return true;
          },
        }}
        render={({ field, fieldState }) => (
          <FormFieldTextarea
            label={props.label}
            description={props.description ?? 'U kunt Markdown gebruiken (bijvoorbeeld **vet**, *cursief*, lijstjes en links).'}
            // The design system points the wrapper at ids it never renders; the textarea has its own.
            aria-describedby={undefined}
            name={field.name}
            value={field.value}
            onChange={(event) => field.onChange((event.target as HTMLTextAreaElement).value)}
            onBlur={field.onBlur}
            inputRef={field.ref}
            rows={4}
            invalid={Boolean(fieldState.error)}
            errorMessage={fieldState.error?.message}
          />
        )}
      />
      <div className="button-row">
        <PrimaryActionButton type="submit" disabled={formState.isSubmitting}>
          {props.submitLabel}
        </PrimaryActionButton>
        {props.onCancel ? (
          <SecondaryActionButton type="button" onClick={props.onCancel}>
            Annuleren
          </SecondaryActionButton>
        ) : null}
      </div>
    </form>
  );
}

function useAddComment(context: ThreadContext) {
  const [, add] = useMutation(AddComment);
  return async (body: string, parentId?: string): Promise<SubmitResult> => {
    const result = await add({ input: { subjectType: context.subjectType, subjectId: context.subjectId, parentId, body } });
    if (result.error) return { error: result.error };
    context.announce(parentId ? 'Uw antwoord is geplaatst.' : 'Uw reactie is geplaatst.');
    context.reload();
    return { id: result.data?.addComment.id };
  };
}

function NewComment({ context }: { context: ThreadContext }) {
  const add = useAddComment(context);
  return <CommentForm label="Nieuwe reactie" submitLabel="Reactie plaatsen" onSubmit={(body) => add(body)} onSaved={context.focus} />;
}

function ReplyForm({ comment, context, onDone }: { comment: ThreadComment; context: ThreadContext; onDone: (savedId: string | null) => void }) {
  const add = useAddComment(context);
  return (
    <CommentForm
      label={`Antwoord aan ${comment.author.name}`}
      submitLabel="Antwoord plaatsen"
      onSubmit={(body) => add(body, comment.id)}
      onSaved={(id) => onDone(id)}
      onCancel={() => onDone(null)}
    />
  );
}

/**
 * Editing one's own comment sends the version the person saw. When someone changed it meanwhile (CONFLICT), the text
 * typed stays in the form, the current text is shown, and the person chooses to save theirs on the new version.
 */
function EditCommentForm({ comment, context, onDone }: { comment: ThreadComment; context: ThreadContext; onDone: (saved: boolean) => void }) {
  const [, edit] = useMutation(EditComment);
  // The version the person saw when they began; the thread is read again after a conflict.
  const [startVersion] = useState(comment.version);
  const conflict = comment.version !== startVersion;
  const notice = conflict ? (
    <Alert type="warning">
      <Paragraph>
        Iemand anders heeft deze reactie intussen gewijzigd (nu versie {formatNumber(comment.version)}). Uw tekst staat nog in het invoerveld; de huidige
        tekst is:
      </Paragraph>
      <CommentBody text={comment.body} />
      <Paragraph>Kies Wijziging opslaan om uw tekst op de nieuwe versie te bewaren, of Annuleren om de huidige tekst te houden.</Paragraph>
    </Alert>
  ) : null;
  return (
    <CommentForm
      label="Reactie bewerken"
      submitLabel="Wijziging opslaan"
      defaultBody={comment.body}
      notice={notice}
      errorTitle="De wijziging is niet opgeslagen."
      onSubmit={async (body) => {
        // The version on screen: the one the person began with, or, after a conflict, the newer one shown beside their text.
        const result = await edit({ input: { commentId: comment.id, expectedVersion: comment.version, body } });
        if (result.error) {
          if (errorCodes(result.error).includes('CONFLICT')) context.reload();
          return { error: result.error };
        }
        context.announce('Uw wijziging is opgeslagen.');
        context.reload();
        return { id: comment.id };
      }}
      onSaved={() => onDone(true)}
      onCancel={() => onDone(false)}
    />
  );
}
