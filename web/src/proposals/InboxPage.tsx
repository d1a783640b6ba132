import { Alert, Heading, Paragraph, TableCell, TableRow } from '@rijkshuisstijl-community/components-react';
import { useEffect, useState } from 'react';
import { useClient, type OperationResult } from 'urql';
import type { ResultOf } from '../app/graphql';
import type { CombinedError } from '@urql/core';
import { AppLink } from '../app/AppLink';
import { ErrorAlert } from '../app/ErrorAlert';
import { formatDateTime, formatNumber, formatWaited, opvangtypeName, provinceName } from '../app/format';
import { Loading } from '../app/Loading';
import { HeaderCell, ListTable, Section } from '../app/table';
import { usePageTitle } from '../app/usePageTitle';
import { LiveProposals, useAbilities } from './live';
import { ProposalsQuery, type ProposalRow } from './queries';
import './proposals.css';

type Waiting = ProposalRow & { since: string };

/** Every proposal of a status one may see (all pages), with the moment it reached that status; oldest waiting first. */
function useWaiting(status: 'INGEDIEND' | 'IN_VERKENNING' | 'BESLOTEN', provinces: string[], round: number) {
  const client = useClient();
  const [state, setState] = useState<{ rows?: Waiting[]; error?: CombinedError }>({});
  const key = provinces.join(',');
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const rows: ProposalRow[] = [];
      let after: string | null = null;
      do {
        const result: OperationResult<ResultOf<typeof ProposalsQuery>> = await client.query(ProposalsQuery, { status, after }, { requestPolicy: 'network-only' }).toPromise();
        if (result.error || !result.data) {
          if (!cancelled) setState((current) => ({ ...current, error: result.error }));
          return;
        }
        rows.push(...result.data.locationProposals.edges.map((edge) => edge.node));
        const page = result.data.locationProposals.pageInfo;
        after = page.hasNextPage ? (page.endCursor ?? null) : null;
      } while (after);
      const waiting = rows
        .filter((row) => provinces.includes(row.provinceCode))
        .filter((row) => status !== 'BESLOTEN' || row.decision === 'GO')
        .map((row) => ({ ...row, since: [...row.transitions].reverse().find((t) => t.toStatus === status)?.at ?? row.updatedAt }))
        .sort((a, b) => a.since.localeCompare(b.since));
      if (!cancelled) setState({ rows: waiting });
    })();
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, status, key, round]);
  return state;
}

/**
 * `/inbox`: the work waiting for COA in its region — submitted proposals to take into verkenning, proposals being
 * explored that wait for advice, and "go" decisions that wait for their agreement — each oldest waiting first, with
 * how long it has waited. Kept live through `proposalChanged` of each province of the region.
 */
export function InboxPage() {
  usePageTitle('Inbox locatievoorstellen');
  const { viewer, fetching, error, where } = useAbilities();
  const provinces = where('REVIEW_PROPOSALS');
  const [round, setRound] = useState(0);
  const submitted = useWaiting('INGEDIEND', provinces, round);
  const exploring = useWaiting('IN_VERKENNING', provinces, round);
  const decided = useWaiting('BESLOTEN', provinces, round);
  return (
    <>
      <div className="page-heading">
        <Heading level={1}>Inbox locatievoorstellen</Heading>
        {provinces.length > 0 ? <LiveProposals provinceCodes={provinces} onChange={() => setRound((n) => n + 1)} /> : null}
      </div>
      <ErrorAlert error={error} />
      {fetching ? <Loading what="uw gegevens" /> : null}
      {viewer && provinces.length === 0 ? (
        <Alert type="warning">
          <Paragraph>De inbox is voor de regievoerders van het COA. U beoordeelt geen locatievoorstellen.</Paragraph>
        </Alert>
      ) : null}
      {provinces.length > 0 ? (
        <>
          <Paragraph>
            Voorstellen van gemeenten in {provinces.map(provinceName).join(', ')}. <AppLink to="/voorstellen">Alle voorstellen</AppLink> ·{' '}
            <AppLink to="/overeenkomsten">Bestuursovereenkomsten</AppLink>
          </Paragraph>
          <WaitingTable id="wacht-op-verkenning" title="Wachten op verkenning" since="Ingediend op" state={submitted} empty="Er wachten geen ingediende voorstellen." />
          <WaitingTable id="wacht-op-advies" title="In verkenning: wachten op advies" since="In verkenning sinds" state={exploring} empty="Er zijn geen voorstellen in verkenning." reviewer />
          <WaitingTable id="wacht-op-overeenkomst" title="Besloten (go): wachten op de bestuursovereenkomst" since="Besloten op" state={decided} empty="Er wachten geen besluiten op een overeenkomst." register />
        </>
      ) : null}
    </>
  );
}

function WaitingTable({
  id,
  title,
  since,
  state,
  empty,
  reviewer = false,
  register = false,
}: {
  id: string;
  title: string;
  since: string;
  state: { rows?: Waiting[]; error?: CombinedError };
  empty: string;
  reviewer?: boolean;
  register?: boolean;
}) {
  const now = new Date();
  return (
    <Section id={id} title={title}>
      <ErrorAlert error={state.error} />
      {!state.rows && !state.error ? <Loading what="de voorstellen" /> : null}
      {state.rows && state.rows.length === 0 ? <Paragraph>{empty}</Paragraph> : null}
      {state.rows && state.rows.length > 0 ? (
        <ListTable
          label={`Tabel ${title.toLowerCase()}`}
          caption={<>{title}, langst wachtend eerst ({formatNumber(state.rows.length)})</>}
          columns={['Locatie', 'Gemeente', 'Provincie', 'Opvangtype', { label: 'Plaatsen', numeric: true }, reviewer ? 'Contactpersoon COA' : false, since, { label: 'Wacht', numeric: true }, register ? 'Actie' : false]}
        >
          {state.rows.map((row) => (
            <TableRow key={row.id}>
              <HeaderCell scope="row">
                <AppLink to={`/voorstellen/${encodeURIComponent(row.id)}`}>{row.name}</AppLink>
              </HeaderCell>
              <TableCell>{row.gemeente.name}</TableCell>
              <TableCell>{provinceName(row.provinceCode)}</TableCell>
              <TableCell>{opvangtypeName(row.opvangtype)}</TableCell>
              <TableCell className="number">{formatNumber(row.places)}</TableCell>
              {reviewer ? <TableCell>{row.reviewer?.name ?? '—'}</TableCell> : null}
              <TableCell>{formatDateTime(row.since)}</TableCell>
              <TableCell className="number">{formatWaited(row.since, now)}</TableCell>
              {register ? (
                <TableCell>
                  <AppLink to={`/overeenkomsten/nieuw?voorstel=${encodeURIComponent(row.id)}`} aria-label={`Overeenkomst registreren voor ${row.name}`}>
                    Overeenkomst registreren
                  </AppLink>
                </TableCell>
              ) : null}
            </TableRow>
          ))}
        </ListTable>
      ) : null}
    </Section>
  );
}
