import { Fieldset, FormFieldRadio, Heading, Paragraph, PrimaryActionButton, SecondaryActionButton, TableCell, TableRow } from '@rijkshuisstijl-community/components-react';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useParams } from 'react-router';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { AuditTrail } from '../activity/AuditTrail';
import { AppLink } from '../app/AppLink';
import { Comments } from '../comments/Comments';
import { ErrorAlert } from '../app/ErrorAlert';
import { DECISION_NAMES, formatDate, formatDateTime, formatMonths, formatNumber, opvangtypeName, proposalReasonInDutch, proposalStatusLabel, AGREEMENT_STATUS_NAMES } from '../app/format';
import { applyServerFieldErrors } from '../app/forms';
import { SafeMarkdown } from '../app/SafeMarkdown';
import { HeaderCell, ListTable, Section } from '../app/table';
import { usePageTitle } from '../app/usePageTitle';
import { Facts, SelectField, TextArea, textRule } from './fields';
import { LiveProposals } from './live';
import { useArrivalMessage, useOutcome } from '../app/outcome';
import { SubjectMissing, SubjectNotices } from '../app/SubjectNotices';
import { AdviseProposal, CoaContactsQuery, DecideProposal, MeQuery, ProposalQuery, StartExploration, SubmitProposal, WithdrawProposal, type Proposal } from './queries';
import './proposals.css';

const timeFormat = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });

/** A step's reason in Dutch (the server writes its own reasons in English; a reason someone typed stays as typed). */
export const reasonInDutch = proposalReasonInDutch;

export function ProposalPage() {
  const { id = '' } = useParams();
  return <ProposalView key={id} id={id} />;
}

/**
 * One location proposal, kept live through `proposalChanged` of its province. Shows what the API gives (COA's contact,
 * advice and reasoning, the gemeente's decision, every step with who and when) and offers exactly the actions the API
 * lists in `viewerActions`.
 */
function ProposalView({ id }: { id: string }) {
  const [{ data, error, fetching }, reexecute] = useQuery({ query: ProposalQuery, variables: { id } });
  const proposal = data?.locationProposal;
  const [notice, setNotice] = useState<string | null>(null);
  const own = useRef(new Set<number>());
  const refetch = () => reexecute({ requestPolicy: 'network-only' });

  const title = proposal ? proposal.name : fetching && !data ? 'Locatievoorstel' : 'Locatievoorstel niet gevonden';
  usePageTitle(title);
  const arrived = useArrivalMessage(proposal?.version);

  return (
    <>
      <div className="page-heading">
        <Heading level={1}>{title}</Heading>
        {proposal ? (
          <LiveProposals
            provinceCodes={[proposal.provinceCode]}
            onChange={(change) => {
              if (change && change.id !== proposal.id) return;
              if (change && !own.current.has(change.version)) {
                const by = change.transitions?.find((step) => step.version === change.version)?.by?.name ?? 'iemand anders';
                setNotice(`Dit voorstel is om ${timeFormat.format(new Date(change.updatedAt))} gewijzigd door ${by}; de gegevens hieronder zijn bijgewerkt (versie ${formatNumber(change.version)}, ${proposalStatusLabel(change.status, change.decision)}).`);
              }
              refetch();
            }}
          />
        ) : null}
      </div>
      <SubjectNotices arrived={arrived} notice={notice} />
      {proposal ? <ProposalBody proposal={proposal} refetch={refetch} ownVersion={(version) => own.current.add(version)} /> : null}
      {!proposal ? (
        <SubjectMissing fetching={fetching} loaded={Boolean(data)} error={error} loading="het voorstel" missing="Dit voorstel bestaat niet, of u hebt er geen toegang toe." title="Dit voorstel kan niet worden getoond." list="/voorstellen" listName="locatievoorstellen" />
      ) : null}
    </>
  );
}


function ProposalBody({ proposal, refetch, ownVersion }: { proposal: Proposal; refetch: () => void; ownVersion: (version: number) => void }) {
  const advice = [...proposal.transitions].reverse().find((t) => t.toStatus === 'POSITIEF_ADVIES' || t.toStatus === 'NEGATIEF_ADVIES');
  const decided = [...proposal.transitions].reverse().find((t) => t.toStatus === 'BESLOTEN');
  return (
    <>
      <Paragraph>
        <AppLink to="/voorstellen">Alle locatievoorstellen</AppLink>
      </Paragraph>
      <dl className="totals">
        <div className="totals__item">
          <dt>Status</dt>
          <dd>{proposalStatusLabel(proposal.status, proposal.decision)}</dd>
        </div>
        <div className="totals__item">
          <dt>Plaatsen</dt>
          <dd>{formatNumber(proposal.places)}</dd>
        </div>
        <div className="totals__item">
          <dt>Versie</dt>
          <dd>{formatNumber(proposal.version)}</dd>
        </div>
      </dl>
      <Paragraph className="note">Laatst gewijzigd op {formatDateTime(proposal.updatedAt)}.</Paragraph>
      <Actions proposal={proposal} refetch={refetch} ownVersion={ownVersion} />
      <Section id="locatie" title="De locatie">
        <Facts
          items={[
            ['Gemeente', proposal.gemeente.name],
            ['Provincie', proposal.province.name],
            ['Adres', proposal.address],
            ['Opvangtype', opvangtypeName(proposal.opvangtype)],
            ['Aantal plaatsen', `${formatNumber(proposal.places)}${proposal.smallScale ? ' (kleinschalige opvang)' : ''}`],
            ['Waarvan voor amv', proposal.amvPlaces == null ? 'geen opgegeven' : formatNumber(proposal.amvPlaces)],
            ['Beoogde start', proposal.intendedStart ? formatDate(proposal.intendedStart) : 'niet opgegeven'],
            ['Beoogde duur', proposal.intendedDurationMonths == null ? 'niet opgegeven' : formatMonths(proposal.intendedDurationMonths)],
            ['Flexibel gebruik', proposal.flexibleUse ? 'Ja, ook voor andere groepen' : 'Nee'],
          ]}
        />
        <Heading level={3}>Beschrijving</Heading>
        {proposal.description ? (
          <SafeMarkdown text={proposal.description} />
        ) : (
          <Paragraph className="note">Geen beschrijving.</Paragraph>
        )}
      </Section>
      <Section id="coa" title="Beoordeling door het COA">
        <Facts
          items={[
            ['Contactpersoon COA', proposal.reviewer?.name ?? 'Nog niet toegewezen'],
            ['Advies', advice ? (advice.toStatus === 'POSITIEF_ADVIES' ? 'Positief' : 'Negatief') : 'Nog geen advies'],
            ['Advies gegeven', advice ? `${formatDateTime(advice.at)} door ${advice.by?.name ?? 'onbekend'}` : '—'],
          ]}
        />
        <Heading level={3}>Onderbouwing van het advies</Heading>
        <Paragraph className="preserve-lines">{proposal.advice ?? 'Nog geen onderbouwing.'}</Paragraph>
      </Section>
      <Section id="besluit" title="Besluit van de gemeente">
        <Facts
          items={[
            ['Besluit', proposal.decision ? (DECISION_NAMES[proposal.decision] ?? proposal.decision) : 'Nog geen besluit'],
            ['Toelichting', decided?.reason ? reasonInDutch(decided.reason) : '—'],
            ['Vastgelegd', decided ? `${formatDateTime(decided.at)} door ${decided.by?.name ?? 'onbekend'}` : '—'],
          ]}
        />
        {proposal.agreement ? (
          <Paragraph>
            Bestuursovereenkomst:{' '}
            <AppLink to={`/overeenkomsten/${encodeURIComponent(proposal.agreement.id)}`}>{proposal.agreement.locationName}</AppLink>,{' '}
            {formatNumber(proposal.agreement.maxPlaces)} plaatsen van {formatDate(proposal.agreement.startDate)} tot en met {formatDate(proposal.agreement.endDate)} (
            {AGREEMENT_STATUS_NAMES[proposal.agreement.status] ?? proposal.agreement.status}).
          </Paragraph>
        ) : null}
      </Section>
      <History proposal={proposal} />
      <Comments subjectType="LOCATION_PROPOSAL" subjectId={proposal.id} provinceCode={proposal.provinceCode} />
      <AuditTrail subjectId={proposal.id} provinceCode={proposal.provinceCode} />
    </>
  );
}

function History({ proposal }: { proposal: Proposal }) {
  return (
    <Section id="stappen" title="Verloop">
      <ListTable
        label="Tabel verloop van het voorstel"
        caption="Alle stappen van het voorstel, oudste eerst"
        columns={['Wanneer', 'Door', 'Van', 'Naar', 'Toelichting', { label: 'Versie', numeric: true }]}
      >
        {proposal.transitions.map((step) => (
          <TableRow key={`${step.version}-${step.toStatus}`}>
            <HeaderCell scope="row">{formatDateTime(step.at)}</HeaderCell>
            <TableCell>{step.by?.name ?? 'onbekend'}</TableCell>
            <TableCell>{step.fromStatus ? proposalStatusLabel(step.fromStatus, proposal.decision) : '—'}</TableCell>
            <TableCell>{proposalStatusLabel(step.toStatus, proposal.decision)}</TableCell>
            <TableCell>{reasonInDutch(step.reason)}</TableCell>
            <TableCell className="number">{formatNumber(step.version)}</TableCell>
          </TableRow>
        ))}
      </ListTable>
    </Section>
  );
}

/** The actions the API allows now; each result (or refusal) is said in one place, which gets the focus. */
function Actions({ proposal, refetch, ownVersion }: { proposal: Proposal; refetch: () => void; ownVersion: (version: number) => void }) {
  const outcome = useOutcome(refetch);
  const actions = proposal.viewerActions;
  const registrable = actions.includes('CONVERT');
  /** Runs a mutation and notes the version it made (so the live notice does not report one's own change). */
  const run: Run = async (result, success, versionOf) => {
    const { error, data } = await outcome.run(result, success);
    const version = error ? undefined : versionOf(data);
    if (version) ownVersion(version);
    return { ok: !error, error };
  };

  const nothing = actions.length === 0 && !registrable;
  return (
    <Section id="acties" title="Wat u nu kunt doen">
      {outcome.view}
      {nothing ? <Paragraph>Er is nu niets dat u met dit voorstel kunt doen.</Paragraph> : null}
      {actions.includes('EDIT') ? (
        <Paragraph>
          <AppLink to={`/voorstellen/${encodeURIComponent(proposal.id)}/wijzigen`}>Voorstel wijzigen</AppLink>
        </Paragraph>
      ) : null}
      {actions.includes('SUBMIT') ? <SubmitForm proposal={proposal} run={run} /> : null}
      {actions.includes('START_EXPLORATION') ? <ExploreForm proposal={proposal} run={run} /> : null}
      {actions.includes('ADVISE_POSITIVE') || actions.includes('ADVISE_NEGATIVE') ? <AdviseForm proposal={proposal} run={run} /> : null}
      {actions.includes('DECIDE') ? <DecideForm proposal={proposal} run={run} /> : null}
      {registrable ? (
        <Paragraph>
          <AppLink to={`/overeenkomsten/nieuw?voorstel=${encodeURIComponent(proposal.id)}`}>Bestuursovereenkomst registreren voor dit voorstel</AppLink>
        </Paragraph>
      ) : null}
      {actions.includes('WITHDRAW') ? <WithdrawForm proposal={proposal} run={run} /> : null}
    </Section>
  );
}

type Run = (result: Promise<{ error?: CombinedError; data?: any }>, success: string, versionOf: (data: any) => number | undefined) => Promise<{ ok: boolean; error?: CombinedError }>;

function SubmitForm({ proposal, run }: { proposal: Proposal; run: Run }) {
  const [, submit] = useMutation(SubmitProposal);
  const { handleSubmit, formState } = useForm();
  return (
    <form aria-labelledby="indienen" className="action-form" onSubmit={handleSubmit(() => run(submit({ input: { proposalId: proposal.id, expectedVersion: proposal.version } }), 'Het voorstel is ingediend bij het COA.', (d) => d?.submitLocationProposal?.version))}>
      <Heading level={3} id="indienen">
        Indienen
      </Heading>
      <Paragraph>Na indienen ziet het COA van uw regio het voorstel, en ook de regietafel van de provincie.</Paragraph>
      <PrimaryActionButton type="submit" disabled={formState.isSubmitting}>
        Voorstel indienen
      </PrimaryActionButton>
    </form>
  );
}

/**
 * Withdrawing cannot be undone, so it takes two steps: the person asks to withdraw (the reason is optional), then
 * confirms in place; the confirmation gets the focus, and "Niet intrekken" returns it to the first button.
 */
function WithdrawForm({ proposal, run }: { proposal: Proposal; run: Run }) {
  const [, withdraw] = useMutation(WithdrawProposal);
  const { register, handleSubmit, formState, setError } = useForm<{ reason: string }>({ defaultValues: { reason: '' } });
  const [step, setStep] = useState<'ask' | 'confirm' | 'cancelled'>('ask');
  const confirmation = useRef<HTMLDivElement>(null);
  const askButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (step === 'confirm') confirmation.current?.focus();
    if (step === 'cancelled') askButton.current?.focus();
  }, [step]);
  return (
    <form
      aria-labelledby="intrekken"
      className="action-form"
      noValidate
      onSubmit={handleSubmit(async ({ reason }) => {
        if (step !== 'confirm') {
          setStep('confirm');
          return;
        }
        setStep('ask');
        const { error } = await run(withdraw({ input: { proposalId: proposal.id, expectedVersion: proposal.version, reason: reason.trim() || null } }), 'Het voorstel is ingetrokken.', (d) => d?.withdrawLocationProposal?.version);
        applyServerFieldErrors(error, setError, (path) => path === 'reason');
      })}
    >
      <Heading level={3} id="intrekken">
        Intrekken
      </Heading>
      <TextArea label="Reden van intrekken (optioneel)" registration={register('reason', textRule('de reden', 2000, false))} error={formState.errors.reason} rows={2} />
      {step === 'confirm' ? (
        <div ref={confirmation} tabIndex={-1} role="group" aria-labelledby="intrekken-bevestigen" className="confirmation">
          <Paragraph id="intrekken-bevestigen">
            <strong>Weet u zeker dat u dit voorstel wilt intrekken?</strong> Het COA en de regietafel zien dat het is ingetrokken; dit kan niet ongedaan worden gemaakt.
          </Paragraph>
          <div className="button-row">
            <SecondaryActionButton type="submit" disabled={formState.isSubmitting}>
              Ja, voorstel intrekken
            </SecondaryActionButton>
            <SecondaryActionButton type="button" onClick={() => setStep('cancelled')}>
              Nee, niet intrekken
            </SecondaryActionButton>
          </div>
        </div>
      ) : (
        <SecondaryActionButton type="submit" ref={askButton} disabled={formState.isSubmitting}>
          Voorstel intrekken
        </SecondaryActionButton>
      )}
    </form>
  );
}

/** COA takes a proposal into verkenning, naming the contact who explores it: the viewer or a colleague of the region. */
function ExploreForm({ proposal, run }: { proposal: Proposal; run: Run }) {
  const [, start] = useMutation(StartExploration);
  const [{ data: meData }] = useQuery({ query: MeQuery });
  const [{ data, error }] = useQuery({ query: CoaContactsQuery, variables: { provinceCode: proposal.provinceCode as never } });
  const me = meData?.viewer.person;
  const contacts = new Map<string, string>();
  if (me) contacts.set(me.id, `${me.name} (uzelf)`);
  for (const edge of data?.memberships.edges ?? []) if (!contacts.has(edge.node.person.id)) contacts.set(edge.node.person.id, edge.node.person.name);
  const { register, handleSubmit, formState, setError } = useForm<{ reviewerId: string; reason: string }>({ values: { reviewerId: me?.id ?? '', reason: '' }, resetOptions: { keepDirtyValues: true } });
  return (
    <form
      aria-labelledby="verkennen"
      className="action-form"
      noValidate
      onSubmit={handleSubmit(async ({ reviewerId, reason }) => {
        const { error } = await run(
          start({ input: { proposalId: proposal.id, expectedVersion: proposal.version, reviewerId: reviewerId || null, reason: reason.trim() || null } }),
          'Het voorstel is in verkenning genomen.',
          (d) => d?.startExploration?.version,
        );
        applyServerFieldErrors(error, setError, (path) => path === 'reviewerId' || path === 'reason');
      })}
    >
      <Heading level={3} id="verkennen">
        In verkenning nemen
      </Heading>
      <ErrorAlert error={error} />
      <SelectField
        label="Contactpersoon COA"
        description="Uzelf of een collega van de uitplaatsingsregio."
        registration={register('reviewerId', { required: 'Kies de contactpersoon.' })}
        error={formState.errors.reviewerId}
        options={[...contacts].map(([value, label]) => ({ value, label }))}
        required
      />
      <TextArea label="Toelichting" registration={register('reason', textRule('de toelichting', 2000, false))} error={formState.errors.reason} rows={2} />
      <PrimaryActionButton type="submit" disabled={formState.isSubmitting}>
        In verkenning nemen
      </PrimaryActionButton>
    </form>
  );
}

function AdviseForm({ proposal, run }: { proposal: Proposal; run: Run }) {
  const [, advise] = useMutation(AdviseProposal);
  const options = [
    { value: 'positive', label: 'Positief advies', allowed: proposal.viewerActions.includes('ADVISE_POSITIVE') },
    { value: 'negative', label: 'Negatief advies', allowed: proposal.viewerActions.includes('ADVISE_NEGATIVE') },
  ].filter((option) => option.allowed);
  const { register, handleSubmit, formState, setError } = useForm<{ advice: string; reasoning: string }>({ defaultValues: { advice: '', reasoning: '' } });
  const adviceError = formState.errors.advice;
  return (
    <form
      aria-labelledby="adviseren"
      className="action-form"
      noValidate
      onSubmit={handleSubmit(async ({ advice, reasoning }) => {
        const positive = advice === 'positive';
        const { error } = await run(
          advise({ input: { proposalId: proposal.id, expectedVersion: proposal.version, positive, reasoning: reasoning.trim() } }),
          positive ? 'Het positieve advies is vastgelegd.' : 'Het negatieve advies is vastgelegd.',
          (d) => d?.adviseLocationProposal?.version,
        );
        applyServerFieldErrors(error, setError, (path) => path === 'reasoning');
      })}
    >
      <Heading level={3} id="adviseren">
        Advies geven
      </Heading>
      <Fieldset legend="Advies (verplicht)" invalid={Boolean(adviceError)} aria-describedby={adviceError ? 'advies-fout' : undefined}>
        {adviceError ? (
          <p id="advies-fout" className="field-error">
            {adviceError.message}
          </p>
        ) : null}
        {options.map((option) => {
          const { ref, ...rest } = register('advice', { required: 'Kies positief of negatief.' });
          return <FormFieldRadio key={option.value} label={option.label} value={option.value} radioRef={ref} invalid={Boolean(adviceError)} {...rest} />;
        })}
      </Fieldset>
      <TextArea label="Onderbouwing" required registration={register('reasoning', textRule('de onderbouwing', 5_000))} error={formState.errors.reasoning} />
      <PrimaryActionButton type="submit" disabled={formState.isSubmitting}>
        Advies vastleggen
      </PrimaryActionButton>
    </form>
  );
}

function DecideForm({ proposal, run }: { proposal: Proposal; run: Run }) {
  const [, decide] = useMutation(DecideProposal);
  const { register, handleSubmit, formState, setError } = useForm<{ decision: string; reason: string }>({ defaultValues: { decision: '', reason: '' } });
  const decisionError = formState.errors.decision;
  return (
    <form
      aria-labelledby="besluiten"
      className="action-form"
      noValidate
      onSubmit={handleSubmit(async ({ decision, reason }) => {
        const { error } = await run(
          decide({ input: { proposalId: proposal.id, expectedVersion: proposal.version, decision: decision as 'GO' | 'NO_GO', reason: reason.trim() || null } }),
          decision === 'GO' ? 'Het besluit "go" is vastgelegd.' : 'Het besluit "no go" is vastgelegd.',
          (d) => d?.decideLocationProposal?.version,
        );
        applyServerFieldErrors(error, setError, (path) => path === 'reason' || path === 'decision');
      })}
    >
      <Heading level={3} id="besluiten">
        Besluit van de gemeente vastleggen
      </Heading>
      <Paragraph>Het COA heeft geadviseerd; het besluit over de locatie is aan de gemeente.</Paragraph>
      <Fieldset legend="Besluit (verplicht)" invalid={Boolean(decisionError)} aria-describedby={decisionError ? 'besluit-fout' : undefined}>
        {decisionError ? (
          <p id="besluit-fout" className="field-error">
            {decisionError.message}
          </p>
        ) : null}
        {['GO', 'NO_GO'].map((value) => {
          const { ref, ...rest } = register('decision', { required: 'Kies go of no go.' });
          return <FormFieldRadio key={value} label={DECISION_NAMES[value]} value={value} radioRef={ref} invalid={Boolean(decisionError)} {...rest} />;
        })}
      </Fieldset>
      <TextArea label="Toelichting" description="Bijvoorbeeld het raadsbesluit en de datum." registration={register('reason', textRule('de toelichting', 2000, false))} error={formState.errors.reason} rows={2} />
      <PrimaryActionButton type="submit" disabled={formState.isSubmitting}>
        Besluit vastleggen
      </PrimaryActionButton>
    </form>
  );
}
