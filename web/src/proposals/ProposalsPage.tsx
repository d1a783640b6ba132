import { Heading, Paragraph, TableCell, TableRow } from '@rijkshuisstijl-community/components-react';
import { useQuery } from 'urql';
import { AppLink } from '../app/AppLink';
import { ErrorAlert } from '../app/ErrorAlert';
import { StatusFilter, useAddressFilter } from '../app/filters';
import { formatDateTime, formatNumber, opvangtypeName, PROPOSAL_STATUS_NAMES, proposalStatusLabel } from '../app/format';
import { Loading } from '../app/Loading';
import { HeaderCell, ListTable } from '../app/table';
import { usePageTitle } from '../app/usePageTitle';
import { LiveProposals, useAbilities } from './live';
import { ProposalsQuery } from './queries';
import './proposals.css';

/**
 * `/voorstellen`: the location proposals the signed-in person may see (the API decides: a gemeente its own, drafts
 * included; the region's COA, the regietafel, IPO and LRT those submitted), newest first, kept live. A gemeente
 * proposes a new one from here.
 */
export function ProposalsPage() {
  usePageTitle('Locatievoorstellen');
  const [status] = useAddressFilter('status');
  const { may, where } = useAbilities();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: ProposalsQuery, variables: { status: (status || null) as never } });
  const provinces = [...new Set([...where('PROPOSE_LOCATIONS'), ...where('READ_PROPOSALS_AND_AGREEMENTS')])];
  const proposals = data?.locationProposals.edges.map((edge) => edge.node) ?? [];
  return (
    <>
      <div className="page-heading">
        <Heading level={1}>Locatievoorstellen</Heading>
        {provinces.length > 0 ? <LiveProposals provinceCodes={provinces} onChange={() => reexecute({ requestPolicy: 'network-only' })} /> : null}
      </div>
      {may('PROPOSE_LOCATIONS') ? (
        <Paragraph>
          <AppLink to="/voorstellen/nieuw">Een locatie voorstellen</AppLink>
        </Paragraph>
      ) : null}
      {may('REVIEW_PROPOSALS') ? (
        <Paragraph>
          <AppLink to="/inbox">Inbox: voorstellen die op het COA wachten</AppLink>
        </Paragraph>
      ) : null}
      <StatusFilter label="Voorstellen filteren" names={PROPOSAL_STATUS_NAMES} />
      <ErrorAlert error={error} />
      {fetching && !data ? <Loading what="de voorstellen" /> : null}
      {data && proposals.length === 0 ? <Paragraph>Er zijn geen voorstellen die u mag inzien{status ? ' met deze status' : ''}.</Paragraph> : null}
      {proposals.length > 0 ? (
        <ListTable
          label="Tabel locatievoorstellen"
          caption={<>Locatievoorstellen, nieuwste eerst ({formatNumber(data?.locationProposals.totalCount)}{data?.locationProposals.pageInfo.hasNextPage ? `, de eerste ${formatNumber(proposals.length)} getoond` : ''})</>}
          columns={['Locatie', 'Gemeente', 'Opvangtype', { label: 'Plaatsen', numeric: true }, 'Status', 'Contactpersoon COA', 'Laatst gewijzigd']}
        >
          {proposals.map((proposal) => (
            <TableRow key={proposal.id}>
              <HeaderCell scope="row">
                <AppLink to={`/voorstellen/${encodeURIComponent(proposal.id)}`}>{proposal.name}</AppLink>
              </HeaderCell>
              <TableCell>{proposal.gemeente.name}</TableCell>
              <TableCell>{opvangtypeName(proposal.opvangtype)}</TableCell>
              <TableCell className="number">{formatNumber(proposal.places)}</TableCell>
              <TableCell>{proposalStatusLabel(proposal.status, proposal.decision)}</TableCell>
              <TableCell>{proposal.reviewer?.name ?? '—'}</TableCell>
              <TableCell>{formatDateTime(proposal.updatedAt)}</TableCell>
            </TableRow>
          ))}
        </ListTable>
      ) : null}
    </>
  );
}
