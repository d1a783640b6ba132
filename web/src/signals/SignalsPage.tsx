import { Alert, FormFieldSelect, Heading, Paragraph, SelectOption, TableCell, TableRow } from '@rijkshuisstijl-community/components-react';
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { AppLink } from '../app/AppLink';
import { ErrorAlert } from '../app/ErrorAlert';
import { StatusFilter, useAddressFilter } from '../app/filters';
import { ESCALATION_NAMES, formatDate, formatNumber, isProvinceCode, opvangtypeName, provinceName, SIGNAL_OPGAVE_NAMES, SIGNAL_SOURCE_NAMES, SIGNAL_STATUS_NAMES } from '../app/format';
import { Loading } from '../app/Loading';
import { NotFound } from '../app/NotFound';
import { NoAccess } from '../app/outcome';
import { HeaderCell, ListTable, Section } from '../app/table';
import { usePageTitle } from '../app/usePageTitle';
import { useAbilities } from '../proposals/live';
import { LiveSignals } from './live';
import { RaiseSignalForm } from './RaiseSignalForm';
import { AgendaQuery, ProvinceSignalsQuery, SignalsQuery, type SignalRow } from './queries';
import type { ResultOf } from '../app/graphql';

/** The opgave of a signal in words, with its opvangtype where it names one. */
export function opgaveLabel(signal: { opgave: string; opvangtype?: string | null }): string {
  const opgave = SIGNAL_OPGAVE_NAMES[signal.opgave] ?? signal.opgave;
  return signal.opvangtype ? `${opgave} (${opvangtypeName(signal.opvangtype)})` : opgave;
}

/** A table of signals, newest first. */
function SignalTable({ signals, caption, showProvince }: { signals: readonly SignalRow[]; caption: string; showProvince: boolean }) {
  return (
    <ListTable
      label="Tabel signalen"
      caption={caption}
      columns={['Signaal', showProvince && 'Provincie', 'Ingediend door', 'Opgave', 'Escalatie', 'Status', 'LRT-overleg', 'Ingediend op', { label: 'Reacties', numeric: true }]}
    >
      {signals.map((signal) => (
        <TableRow key={signal.id}>
          <HeaderCell scope="row">
            <AppLink to={`/signalen/${encodeURIComponent(signal.id)}`}>{signal.title}</AppLink>
          </HeaderCell>
          {showProvince ? <TableCell>{signal.province.name}</TableCell> : null}
          <TableCell>{SIGNAL_SOURCE_NAMES[signal.source] ?? signal.source}</TableCell>
          <TableCell>{opgaveLabel(signal)}</TableCell>
          <TableCell>{signal.escalation ? (ESCALATION_NAMES[signal.escalation] ?? signal.escalation) : '—'}</TableCell>
          <TableCell>{SIGNAL_STATUS_NAMES[signal.status] ?? signal.status}</TableCell>
          <TableCell>{signal.meetingDate ? formatDate(signal.meetingDate) : '—'}</TableCell>
          <TableCell>{formatDate(signal.createdAt.slice(0, 10))}</TableCell>
          <TableCell className="number">{formatNumber(signal.commentsCount)}</TableCell>
        </TableRow>
      ))}
    </ListTable>
  );
}

/** The LRT's agenda: per meeting date the signals on it (the API gives those the person may read). */
function Agenda({ meetings }: { meetings: ResultOf<typeof AgendaQuery>['signalAgenda'] }) {
  return (
    <Section id="agenda" title="Agenda van de LRT">
      {meetings.length === 0 ? <Paragraph>Er staan geen signalen op de agenda.</Paragraph> : null}
      {meetings.map((meeting) => (
        <div key={meeting.date}>
          <Heading level={3}>Overleg van {formatDate(meeting.date)}</Heading>
          <ul>
            {meeting.signals.map((signal) => (
              <li key={signal.id}>
                <AppLink to={`/signalen/${encodeURIComponent(signal.id)}`}>{signal.title}</AppLink> — {signal.province.name}, {opgaveLabel(signal)}
                {signal.escalation ? `, escalatie: ${ESCALATION_NAMES[signal.escalation] ?? signal.escalation}` : ''}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </Section>
  );
}

/**
 * `/signalen`: every signal the person may read (LRT and IPO: all provinces; COA: its region's), filtered by status and
 * province in the address, with the LRT's agenda; kept live through `signalChanged`.
 */
export function SignalsPage() {
  usePageTitle('Signalen aan de LRT');
  const [status] = useAddressFilter('status');
  const [province, setProvince] = useAddressFilter('provincie');
  const { where, may } = useAbilities();
  const readable = where('READ_SIGNALS');
  const raisable = where('RAISE_SIGNAL');
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: SignalsQuery,
    variables: { status: (status || null) as never, provinceCode: (isProvinceCode(province) ? province : null) as never },
  });
  const [agenda, reexecuteAgenda] = useQuery({ query: AgendaQuery });
  const signals = data?.signals.edges.map((edge) => edge.node) ?? [];
  const refresh = () => {
    reexecute({ requestPolicy: 'network-only' });
    reexecuteAgenda({ requestPolicy: 'network-only' });
  };
  return (
    <>
      <div className="page-heading">
        <Heading level={1}>Signalen aan de LRT</Heading>
        {may('READ_SIGNALS') ? <LiveSignals onChange={refresh} /> : null}
      </div>
      <Paragraph>
        Knelpunten die provinciale regietafels, het COA en de bestuurlijk aanjager aan de Landelijke Regietafel voorleggen (Integrale Handreiking 8.2.1), met de
        escalatiemogelijkheden van 5.2.2 en het antwoord van de LRT.
      </Paragraph>
      {raisable.length > 0 && raisable.length <= 3 ? (
        <Paragraph>
          Een signaal indienen voor:{' '}
          {raisable.map((code, index) => (
            <span key={code}>
              {index > 0 ? ', ' : ''}
              <AppLink to={`/provincie/${code}/signalen`}>{provinceName(code)}</AppLink>
            </span>
          ))}
        </Paragraph>
      ) : null}
      {raisable.length > 3 ? <Paragraph>Een signaal indienen doet u op de signalenpagina van de provincie: kies hieronder eerst een provincie.</Paragraph> : null}
      <ErrorAlert error={agenda.error} title="De agenda kan niet worden getoond." />
      {agenda.fetching && !agenda.data ? <Loading what="de agenda" /> : null}
      {agenda.data ? <Agenda meetings={agenda.data.signalAgenda} /> : null}
      <Section id="alle-signalen" title="Alle signalen">
        <StatusFilter label="Signalen filteren op status" names={SIGNAL_STATUS_NAMES} />
        <form className="filters" aria-label="Signalen filteren op provincie" onSubmit={(event) => event.preventDefault()}>
          <FormFieldSelect label="Provincie" name="provincie" value={province} onChange={(event) => setProvince((event.target as HTMLSelectElement).value)}>
            <SelectOption value="">Alle provincies</SelectOption>
            {readable.map((code) => (
              <SelectOption key={code} value={code}>
                {provinceName(code)}
              </SelectOption>
            ))}
          </FormFieldSelect>
        </form>
        {isProvinceCode(province) ? (
          <Paragraph>
            <AppLink to={`/provincie/${province}/signalen`}>Naar de signalen van {provinceName(province)}</AppLink>
          </Paragraph>
        ) : null}
        <ErrorAlert error={error} />
        {fetching && !data ? <Loading what="de signalen" /> : null}
        {data && signals.length === 0 ? <Paragraph>Er zijn geen signalen die u mag inzien{status || province ? ' met deze filters' : ''}.</Paragraph> : null}
        {signals.length > 0 ? (
          <SignalTable
            signals={signals}
            showProvince
            caption={`Signalen, nieuwste eerst (${formatNumber(data?.signals.totalCount)}${data?.signals.pageInfo.hasNextPage ? `, de eerste ${formatNumber(signals.length)} getoond` : ''})`}
          />
        ) : null}
      </Section>
    </>
  );
}

/** `/provincie/:code/signalen`: one province's signals, and the form to raise one where the API allows it. */
export function ProvinceSignalsPage() {
  const { code = '' } = useParams();
  if (!isProvinceCode(code)) return <NotFound />;
  return <ProvinceSignals key={code} code={code} />;
}

function ProvinceSignals({ code }: { code: string }) {
  const name = provinceName(code);
  usePageTitle(`Signalen ${name}`);
  const [status] = useAddressFilter('status');
  const { may, where, fetching: loadingAbilities } = useAbilities();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: ProvinceSignalsQuery, variables: { code: code as never, status: (status || null) as never } });
  const page = data?.province.signals;
  const signals = page?.edges.map((edge) => edge.node) ?? [];
  return (
    <>
      <div className="page-heading">
        <Heading level={1}>Signalen {name}</Heading>
        {may('READ_SIGNALS', code) ? <LiveSignals provinceCode={code} onChange={() => reexecute({ requestPolicy: 'network-only' })} /> : null}
      </div>
      {where('READ_SIGNALS').length > 1 ? (
        <Paragraph>
          <AppLink to="/signalen">Alle signalen en de agenda van de LRT</AppLink>
        </Paragraph>
      ) : null}
      {!loadingAbilities && may('RAISE_SIGNAL', code) ? <RaiseSignalForm provinceCode={code} provinceName={name} /> : null}
      <Section id="signalen" title="Signalen van de provincie">
        <StatusFilter label="Signalen filteren op status" names={SIGNAL_STATUS_NAMES} />
        {error ? <NoAccess error={error} missing="U hebt geen toegang tot de signalen van deze provincie." title="De signalen kunnen niet worden getoond." /> : null}
        {fetching && !data ? <Loading what="de signalen" /> : null}
        {data && !page ? (
          <Alert type="warning">
            <Paragraph>U hebt geen toegang tot de signalen van deze provincie.</Paragraph>
          </Alert>
        ) : null}
        {page && signals.length === 0 ? <Paragraph>Er zijn geen signalen{status ? ' met deze status' : ''}.</Paragraph> : null}
        {signals.length > 0 ? (
          <SignalTable
            signals={signals}
            showProvince={false}
            caption={`Signalen van ${name}, nieuwste eerst (${formatNumber(page?.totalCount)}${page?.pageInfo.hasNextPage ? `, de eerste ${formatNumber(signals.length)} getoond` : ''})`}
          />
        ) : null}
      </Section>
    </>
  );
}
