import { Heading, Paragraph, PrimaryActionButton, SecondaryActionButton, TableCell, TableRow } from '@rijkshuisstijl-community/components-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useParams } from 'react-router';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { AuditTrail } from '../activity/AuditTrail';
import { AppLink } from '../app/AppLink';
import { Comments } from '../comments/Comments';
import { AGREEMENT_STATUS_NAMES, formatDate, formatDateTime, formatNumber, opvangtypeName, todayIso } from '../app/format';
import { applyServerFieldErrors } from '../app/forms';
import { HeaderCell, ListTable, Section } from '../app/table';
import { usePageTitle } from '../app/usePageTitle';
import { dateRule, Facts, pastDateRule, TextArea, TextField, textRule } from '../proposals/fields';
import { useAbilities } from '../proposals/live';
import { useArrivalMessage, useOutcome } from '../app/outcome';
import { SubjectMissing, SubjectNotices } from '../app/SubjectNotices';
import { LiveAgreements } from './live';
import { AgreementQuery, EndAgreement, ExtendAgreement, type Agreement } from './queries';
import '../proposals/proposals.css';

const timeFormat = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });
const EVENT_NAMES: Record<string, string> = { AGREEMENT_REGISTERED: 'geregistreerd', AGREEMENT_EXTENDED: 'verlengd', AGREEMENT_ENDED: 'beëindigd' };

export function AgreementPage() {
  const { id = '' } = useParams();
  return <AgreementView key={id} id={id} />;
}

/** One bestuursovereenkomst, kept live: its end dates, extensions and places; COA extends or ends it (MANAGE_AGREEMENTS). */
function AgreementView({ id }: { id: string }) {
  const [{ data, error, fetching }, reexecute] = useQuery({ query: AgreementQuery, variables: { id } });
  const agreement = data?.agreement;
  const [notice, setNotice] = useState<string | null>(null);
  const refetch = () => reexecute({ requestPolicy: 'network-only' });
  const title = agreement ? `Bestuursovereenkomst ${agreement.locationName}` : fetching && !data ? 'Bestuursovereenkomst' : 'Bestuursovereenkomst niet gevonden';
  usePageTitle(title);
  const arrived = useArrivalMessage(agreement?.version);
  return (
    <>
      <div className="page-heading">
        <Heading level={1}>{title}</Heading>
        {agreement ? (
          <LiveAgreements
            provinceCodes={[agreement.provinceCode]}
            onChange={(event) => {
              if (event && event.subjectId !== agreement.id) return;
              if (event) setNotice(`Deze overeenkomst is om ${timeFormat.format(new Date(event.at))} ${EVENT_NAMES[event.kind] ?? 'gewijzigd'} door ${event.actor?.name ?? 'onbekend'}; de gegevens hieronder zijn bijgewerkt.`);
              refetch();
            }}
          />
        ) : null}
      </div>
      <SubjectNotices arrived={arrived} notice={notice} />
      {agreement ? <AgreementBody agreement={agreement} refetch={refetch} /> : null}
      {!agreement ? (
        <SubjectMissing fetching={fetching} loaded={Boolean(data)} error={error} loading="de overeenkomst" missing="Deze overeenkomst bestaat niet, of u hebt er geen toegang toe." title="Deze overeenkomst kan niet worden getoond." list="/overeenkomsten" listName="bestuursovereenkomsten" />
      ) : null}
    </>
  );
}


function AgreementBody({ agreement, refetch }: { agreement: Agreement; refetch: () => void }) {
  const { may } = useAbilities();
  const manages = may('MANAGE_AGREEMENTS', agreement.provinceCode);
  // Kept here, not in the form: ending the agreement removes the form, and what happened must stay on screen.
  const outcome = useOutcome(refetch);
  return (
    <>
      <Paragraph>
        <AppLink to="/overeenkomsten">Alle bestuursovereenkomsten</AppLink>
      </Paragraph>
      <dl className="totals">
        <div className="totals__item">
          <dt>Status</dt>
          <dd>{AGREEMENT_STATUS_NAMES[agreement.status] ?? agreement.status}</dd>
        </div>
        <div className="totals__item">
          <dt>Maximum aantal plaatsen</dt>
          <dd>{formatNumber(agreement.maxPlaces)}</dd>
        </div>
        <div className="totals__item">
          <dt>{agreement.endedOn ? 'Beëindigd per' : 'Einddatum'}</dt>
          <dd>{formatDate(agreement.endedOn ?? agreement.endDate)}</dd>
        </div>
      </dl>
      <Section id="gegevens" title="Gegevens">
        <Facts
          items={[
            ['Gemeente', agreement.gemeente.name],
            ['Adres', agreement.address ?? 'niet opgegeven'],
            ['Opvangtype', opvangtypeName(agreement.opvangtype)],
            ['Waarvan voor amv', agreement.amvPlaces == null ? 'geen opgegeven' : formatNumber(agreement.amvPlaces)],
            ['Plaatsen voor andere groepen', agreement.otherGroupsPlaces == null ? 'geen opgegeven' : formatNumber(agreement.otherGroupsPlaces)],
            ['Ondertekend op', formatDate(agreement.signedOn)],
            ['Begindatum', formatDate(agreement.startDate)],
            ['Einddatum zoals ondertekend', formatDate(agreement.originalEndDate)],
            ['Einddatum nu', formatDate(agreement.endDate)],
            ['Vroegtijdig beëindigd', agreement.endedOn ? `per ${formatDate(agreement.endedOn)}${agreement.endReason ? `: ${agreement.endReason}` : ''}` : 'Nee'],
            ['Voorstel', agreement.proposal ? <AppLink to={`/voorstellen/${encodeURIComponent(agreement.proposal.id)}`}>{agreement.proposal.name}</AppLink> : 'Zonder (zichtbaar) voorstel'],
            ['Versie', formatNumber(agreement.version)],
          ]}
        />
      </Section>
      <Section id="verlengingen" title="Verlengingen">
        {agreement.extensions.length === 0 ? (
          <Paragraph>Deze overeenkomst is niet verlengd.</Paragraph>
        ) : (
          <ListTable
            label="Tabel verlengingen"
            caption="Verlengingen, oudste eerst"
            columns={[{ label: 'Nummer', numeric: true }, 'Besloten op', 'Einddatum was', 'Nieuwe einddatum', 'Vastgelegd']}
          >
            {agreement.extensions.map((extension) => (
              <TableRow key={extension.seq}>
                <HeaderCell scope="row" numeric>
                  {formatNumber(extension.seq)}
                </HeaderCell>
                <TableCell>{formatDate(extension.decidedOn)}</TableCell>
                <TableCell>{formatDate(extension.previousEndDate)}</TableCell>
                <TableCell>{formatDate(extension.newEndDate)}</TableCell>
                <TableCell>{formatDateTime(extension.recordedAt)}</TableCell>
              </TableRow>
            ))}
          </ListTable>
        )}
      </Section>
      {manages ? outcome.view : null}
      {manages && !agreement.endedOn ? <ManageAgreement agreement={agreement} outcome={outcome} /> : null}
      <Comments subjectType="AGREEMENT" subjectId={agreement.id} provinceCode={agreement.provinceCode} />
      <AuditTrail subjectId={agreement.id} provinceCode={agreement.provinceCode} />
    </>
  );
}

/** COA: extend to a later end date, or end early with a reason; both name the version seen. */
function ManageAgreement({ agreement, outcome }: { agreement: Agreement; outcome: ReturnType<typeof useOutcome> }) {
  const [, extend] = useMutation(ExtendAgreement);
  const [, end] = useMutation(EndAgreement);
  const today = todayIso();
  const extendForm = useForm<{ newEndDate: string; decidedOn: string }>({ defaultValues: { newEndDate: '', decidedOn: today } });
  const endForm = useForm<{ endedOn: string; reason: string }>({ defaultValues: { endedOn: '', reason: '' } });
  return (
    <Section id="beheer" title="Verlengen of beëindigen">
      <form
        aria-labelledby="verlengen"
        className="action-form"
        noValidate
        onSubmit={extendForm.handleSubmit(async (values) => {
          const { error } = await outcome.run(
            extend({ input: { agreementId: agreement.id, expectedVersion: agreement.version, newEndDate: values.newEndDate, decidedOn: values.decidedOn } }),
            `De overeenkomst is verlengd tot en met ${formatDate(values.newEndDate)}.`,
          );
          if (!error) extendForm.reset({ newEndDate: '', decidedOn: today });
          applyServerFieldErrors(error, extendForm.setError, (path) => path === 'newEndDate' || path === 'decidedOn');
        })}
      >
        <Heading level={3} id="verlengen">
          Verlengen
        </Heading>
        <TextField
          label="Nieuwe einddatum"
          type="date"
          required
          description={`Later dan de huidige einddatum, ${formatDate(agreement.endDate)}.`}
          registration={extendForm.register('newEndDate', {
            validate: (value) => {
              const valid = dateRule('de nieuwe einddatum').validate(value);
              if (valid !== true) return valid;
              return value > agreement.endDate ? true : `De nieuwe einddatum moet na ${formatDate(agreement.endDate)} liggen.`;
            },
          })}
          error={extendForm.formState.errors.newEndDate}
        />
        <TextField
          label="Besloten op"
          type="date"
          required
          description="Vandaag of eerder, en niet na de huidige einddatum."
          registration={extendForm.register('decidedOn', {
            validate: (value) => {
              const valid = pastDateRule('de datum van het besluit', today).validate(value);
              if (valid !== true) return valid;
              return value <= agreement.endDate ? true : `Een verlenging wordt besloten vóór of op de huidige einddatum (${formatDate(agreement.endDate)}); registreer daarna een nieuwe overeenkomst.`;
            },
          })}
          error={extendForm.formState.errors.decidedOn}
        />
        <PrimaryActionButton type="submit" disabled={extendForm.formState.isSubmitting}>
          Verlengen
        </PrimaryActionButton>
      </form>
      <form
        aria-labelledby="beeindigen"
        className="action-form"
        noValidate
        onSubmit={endForm.handleSubmit(async (values) => {
          const { error } = await outcome.run(
            end({ input: { agreementId: agreement.id, expectedVersion: agreement.version, endedOn: values.endedOn, reason: values.reason.trim() } }),
            `De overeenkomst is beëindigd per ${formatDate(values.endedOn)}.`,
          );
          applyServerFieldErrors(error, endForm.setError, (path) => path === 'endedOn' || path === 'reason');
        })}
      >
        <Heading level={3} id="beeindigen">
          Vroegtijdig beëindigen
        </Heading>
        <TextField
          label="Eerste dag zonder plaatsen"
          type="date"
          required
          description={`Tussen ${formatDate(agreement.startDate)} en ${formatDate(agreement.endDate)}.`}
          registration={endForm.register('endedOn', {
            validate: (value) => {
              const valid = dateRule('de datum van beëindiging').validate(value);
              if (valid !== true) return valid;
              return value >= agreement.startDate && value <= agreement.endDate
                ? true
                : `De datum van beëindiging moet tussen de begindatum (${formatDate(agreement.startDate)}) en de einddatum (${formatDate(agreement.endDate)}) liggen.`;
            },
          })}
          error={endForm.formState.errors.endedOn}
        />
        <TextArea label="Reden" required registration={endForm.register('reason', textRule('de reden', 2000))} error={endForm.formState.errors.reason} rows={2} />
        <SecondaryActionButton type="submit" disabled={endForm.formState.isSubmitting}>
          Beëindigen
        </SecondaryActionButton>
      </form>
    </Section>
  );
}
