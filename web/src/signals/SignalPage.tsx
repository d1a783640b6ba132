import { Heading, Paragraph, PrimaryActionButton, SecondaryActionButton, TableCell, TableRow } from '@rijkshuisstijl-community/components-react';
import { useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useParams } from 'react-router';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { AuditTrail } from '../activity/AuditTrail';
import { AppLink } from '../app/AppLink';
import { Comments } from '../comments/Comments';
import { ESCALATION_NAMES, formatDate, formatDateTime, formatNumber, SIGNAL_ACTION_NAMES, SIGNAL_SOURCE_NAMES, SIGNAL_STATUS_NAMES, todayIso } from '../app/format';
import { applyServerFieldErrors, useWarnBeforeLeaving } from '../app/forms';
import { useArrivalMessage, useOutcome } from '../app/outcome';
import { SafeMarkdown } from '../app/SafeMarkdown';
import { SubjectMissing, SubjectNotices } from '../app/SubjectNotices';
import { HeaderCell, ListTable, Section } from '../app/table';
import { usePageTitle } from '../app/usePageTitle';
import { dateRule, Facts, TextArea, TextField, textRule } from '../proposals/fields';
import { EditSignalForm } from './EditSignalForm';
import { LiveSignals } from './live';
import { AnswerSignal, CloseSignal, PutSignalOnAgenda, ReopenSignal, SignalQuery, type Signal } from './queries';
import { opgaveLabel } from './SignalsPage';

const timeFormat = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });
const statusName = (status: string | null | undefined) => (status ? (SIGNAL_STATUS_NAMES[status] ?? status) : '—');

export function SignalPage() {
  const { id = '' } = useParams();
  return <SignalView key={id} id={id} />;
}

/** One signal, kept live through `signalChanged`: what was raised, the LRT's answer, every step, comments and the audit trail. */
function SignalView({ id }: { id: string }) {
  const [{ data, error, fetching }, reexecute] = useQuery({ query: SignalQuery, variables: { id } });
  const signal = data?.signal;
  const [notice, setNotice] = useState<string | null>(null);
  const own = useRef(new Set<number>());
  const refetch = () => reexecute({ requestPolicy: 'network-only' });
  const title = signal ? signal.title : fetching && !data ? 'Signaal' : 'Signaal niet gevonden';
  usePageTitle(title);
  const arrived = useArrivalMessage(signal?.version);
  return (
    <>
      <div className="page-heading">
        <Heading level={1}>{title}</Heading>
        {signal ? (
          <LiveSignals
            id={signal.id}
            onChange={(change) => {
              if (change && !own.current.has(change.version)) {
                const by = change.transitions.find((step) => step.version === change.version)?.by?.name ?? 'iemand anders';
                setNotice(`Dit signaal is om ${timeFormat.format(new Date(change.updatedAt))} gewijzigd door ${by}; de gegevens hieronder zijn bijgewerkt (versie ${formatNumber(change.version)}, ${statusName(change.status)}).`);
              }
              refetch();
            }}
          />
        ) : null}
      </div>
      <SubjectNotices arrived={arrived} notice={notice} />
      {signal ? <SignalBody signal={signal} refetch={refetch} ownVersion={(version) => own.current.add(version)} /> : null}
      {!signal ? (
        <SubjectMissing fetching={fetching} loaded={Boolean(data)} error={error} loading="het signaal" missing="Dit signaal bestaat niet, of u hebt er geen toegang toe." title="Dit signaal kan niet worden getoond." list="/" listName="startpagina" />
      ) : null}
    </>
  );
}

function SignalBody({ signal, refetch, ownVersion }: { signal: Signal; refetch: () => void; ownVersion: (version: number) => void }) {
  return (
    <>
      <Paragraph>
        <AppLink to={`/provincie/${signal.provinceCode}/signalen`}>Alle signalen van {signal.province.name}</AppLink>
      </Paragraph>
      <dl className="totals">
        <div className="totals__item">
          <dt>Status</dt>
          <dd>{statusName(signal.status)}</dd>
        </div>
        <div className="totals__item">
          <dt>LRT-overleg</dt>
          <dd>{signal.meetingDate ? formatDate(signal.meetingDate) : 'Nog niet geagendeerd'}</dd>
        </div>
        <div className="totals__item">
          <dt>Versie</dt>
          <dd>{formatNumber(signal.version)}</dd>
        </div>
      </dl>
      <Section id="signaal" title="Het signaal">
        <Facts
          items={[
            ['Provincie', signal.province.name],
            ['Ingediend door', `${SIGNAL_SOURCE_NAMES[signal.source] ?? signal.source}${signal.raisedBy ? ` (${signal.raisedBy.name})` : ''}`],
            ['Ingediend op', formatDateTime(signal.createdAt)],
            ['Opgave', opgaveLabel(signal)],
            ['Escalatie', signal.escalation ? (ESCALATION_NAMES[signal.escalation] ?? signal.escalation) : 'Geen'],
          ]}
        />
        <Heading level={3}>Beschrijving</Heading>
        <SafeMarkdown text={signal.description} />
      </Section>
      <Section id="antwoord" title="Antwoord van de LRT">
        {signal.answer ? (
          <>
            <SafeMarkdown text={signal.answer} />
            <Paragraph className="note">
              Gegeven op {formatDateTime(signal.answeredAt)} door {signal.answeredBy?.name ?? 'onbekend'}.
            </Paragraph>
          </>
        ) : (
          <Paragraph>Nog geen antwoord{signal.transitions.some((t) => t.action === 'ANSWER') ? ' (een eerder antwoord staat in het verloop)' : ''}.</Paragraph>
        )}
      </Section>
      <Actions signal={signal} refetch={refetch} ownVersion={ownVersion} />
      <History signal={signal} />
      <Comments subjectType="SIGNAL" subjectId={signal.id} provinceCode={signal.provinceCode} />
      <AuditTrail subjectId={signal.id} provinceCode={signal.provinceCode} />
    </>
  );
}

function History({ signal }: { signal: Signal }) {
  return (
    <Section id="verloop" title="Verloop">
      <ListTable label="Tabel verloop van het signaal" caption="Alle stappen van het signaal, oudste eerst" columns={['Wanneer', 'Door', 'Stap', 'Status', 'LRT-overleg', 'Toelichting']}>
        {signal.transitions.map((step) => (
          <TableRow key={step.version}>
            <HeaderCell scope="row">{formatDateTime(step.at)}</HeaderCell>
            <TableCell>{step.by?.name ?? 'onbekend'}</TableCell>
            <TableCell>{step.action ? (SIGNAL_ACTION_NAMES[step.action] ?? step.action) : 'Ingediend'}</TableCell>
            <TableCell>{statusName(step.toStatus)}</TableCell>
            <TableCell>{step.meetingDate ? formatDate(step.meetingDate) : '—'}</TableCell>
            <TableCell>{step.note ? <SafeMarkdown text={step.note} /> : '—'}</TableCell>
          </TableRow>
        ))}
      </ListTable>
    </Section>
  );
}

type Run = (result: Promise<{ error?: CombinedError; data?: any }>, success: string, versionOf: (data: any) => number | undefined) => Promise<{ ok: boolean; error?: CombinedError }>;

/** The actions the API allows now (`viewerActions`); each result or refusal is said in one place, which gets the focus. */
function Actions({ signal, refetch, ownVersion }: { signal: Signal; refetch: () => void; ownVersion: (version: number) => void }) {
  const outcome = useOutcome(refetch);
  const actions = signal.viewerActions;
  const run: Run = async (result, success, versionOf) => {
    const { error, data } = await outcome.run(result, success);
    const version = error ? undefined : versionOf(data);
    if (version) ownVersion(version);
    return { ok: !error, error };
  };
  return (
    <Section id="acties" title="Wat u nu kunt doen">
      {outcome.view}
      {actions.length === 0 ? <Paragraph>Er is nu niets dat u met dit signaal kunt doen.</Paragraph> : null}
      {actions.includes('EDIT') ? <EditSignalForm signal={signal} refetch={refetch} ownVersion={ownVersion} /> : null}
      {actions.includes('PUT_ON_AGENDA') ? <AgendaForm signal={signal} run={run} /> : null}
      {actions.includes('ANSWER') ? <AnswerForm signal={signal} run={run} /> : null}
      {actions.includes('REOPEN') ? <ReopenForm signal={signal} run={run} /> : null}
      {actions.includes('CLOSE') ? <CloseForm signal={signal} run={run} /> : null}
    </Section>
  );
}

function AgendaForm({ signal, run }: { signal: Signal; run: Run }) {
  const [, put] = useMutation(PutSignalOnAgenda);
  const { register, handleSubmit, formState, setError, reset } = useForm<{ meetingDate: string }>({ defaultValues: { meetingDate: '' } });
  useWarnBeforeLeaving(formState.isDirty);
  return (
    <form
      aria-labelledby="agenderen"
      className="action-form"
      noValidate
      onSubmit={handleSubmit(async ({ meetingDate }) => {
        const { ok, error } = await run(put({ input: { signalId: signal.id, expectedVersion: signal.version, meetingDate } }), `Het signaal staat op de agenda van ${formatDate(meetingDate)}.`, (d) => d?.putSignalOnAgenda?.version);
        if (ok) reset({ meetingDate: '' });
        applyServerFieldErrors(error, setError, (path) => path === 'meetingDate');
      })}
    >
      <Heading level={3} id="agenderen">
        {signal.status === 'ON_AGENDA' ? 'Naar een ander LRT-overleg verplaatsen' : 'Agenderen voor een LRT-overleg'}
      </Heading>
      <TextField label="Datum van het overleg" type="date" required registration={register('meetingDate', dateRule('de datum van het overleg'))} error={formState.errors.meetingDate} description={`Bijvoorbeeld ${formatDate(todayIso())}.`} />
      <PrimaryActionButton type="submit" disabled={formState.isSubmitting}>
        Agenderen
      </PrimaryActionButton>
    </form>
  );
}

function AnswerForm({ signal, run }: { signal: Signal; run: Run }) {
  const [, answer] = useMutation(AnswerSignal);
  const { register, handleSubmit, formState, setError, reset } = useForm<{ answer: string }>({ defaultValues: { answer: '' } });
  useWarnBeforeLeaving(formState.isDirty);
  return (
    <form
      aria-labelledby="beantwoorden"
      className="action-form"
      noValidate
      onSubmit={handleSubmit(async (values) => {
        const { ok, error } = await run(answer({ input: { signalId: signal.id, expectedVersion: signal.version, answer: values.answer.trim() } }), 'Het antwoord van de LRT is vastgelegd.', (d) => d?.answerSignal?.version);
        if (ok) reset({ answer: '' });
        applyServerFieldErrors(error, setError, (path) => path === 'answer');
      })}
    >
      <Heading level={3} id="beantwoorden">
        Beantwoorden
      </Heading>
      <TextArea label="Antwoord van de LRT" description="Markdown is toegestaan." required registration={register('answer', textRule('het antwoord', 10_000))} error={formState.errors.answer} rows={5} />
      <PrimaryActionButton type="submit" disabled={formState.isSubmitting}>
        Antwoord vastleggen
      </PrimaryActionButton>
    </form>
  );
}

function ReopenForm({ signal, run }: { signal: Signal; run: Run }) {
  const [, reopen] = useMutation(ReopenSignal);
  const { register, handleSubmit, formState, setError, reset } = useForm<{ reason: string }>({ defaultValues: { reason: '' } });
  useWarnBeforeLeaving(formState.isDirty);
  return (
    <form
      aria-labelledby="heropenen"
      className="action-form"
      noValidate
      onSubmit={handleSubmit(async ({ reason }) => {
        const { ok, error } = await run(reopen({ input: { signalId: signal.id, expectedVersion: signal.version, reason: reason.trim() } }), 'Het signaal is heropend.', (d) => d?.reopenSignal?.version);
        if (ok) reset({ reason: '' });
        applyServerFieldErrors(error, setError, (path) => path === 'reason');
      })}
    >
      <Heading level={3} id="heropenen">
        Heropenen
      </Heading>
      <Paragraph>Is het antwoord niet voldoende? Heropen het signaal en zeg waarom; het vorige antwoord blijft in het verloop staan.</Paragraph>
      <TextArea label="Waarom het antwoord niet voldoet" required registration={register('reason', textRule('de toelichting', 10_000))} error={formState.errors.reason} rows={3} />
      <SecondaryActionButton type="submit" disabled={formState.isSubmitting}>
        Signaal heropenen
      </SecondaryActionButton>
    </form>
  );
}

function CloseForm({ signal, run }: { signal: Signal; run: Run }) {
  const [, close] = useMutation(CloseSignal);
  const { register, handleSubmit, formState, setError } = useForm<{ reason: string }>({ defaultValues: { reason: '' } });
  return (
    <form
      aria-labelledby="sluiten"
      className="action-form"
      noValidate
      onSubmit={handleSubmit(async ({ reason }) => {
        const { error } = await run(close({ input: { signalId: signal.id, expectedVersion: signal.version, reason: reason.trim() || null } }), 'Het signaal is gesloten.', (d) => d?.closeSignal?.version);
        applyServerFieldErrors(error, setError, (path) => path === 'reason');
      })}
    >
      <Heading level={3} id="sluiten">
        Sluiten
      </Heading>
      <TextArea label="Toelichting (optioneel)" registration={register('reason', textRule('de toelichting', 10_000, false))} error={formState.errors.reason} rows={2} />
      <SecondaryActionButton type="submit" disabled={formState.isSubmitting}>
        Signaal sluiten
      </SecondaryActionButton>
    </form>
  );
}
