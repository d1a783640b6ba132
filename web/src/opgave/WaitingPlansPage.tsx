import { Heading, Paragraph, TableCell, TableRow } from '@rijkshuisstijl-community/components-react';
import { useQuery, useSubscription } from 'urql';
import { AppLink } from '../app/AppLink';
import { ErrorAlert } from '../app/ErrorAlert';
import { ViewerQuery } from '../app/Home';
import { LiveIndicator } from '../app/LiveIndicator';
import { Loading } from '../app/Loading';
import { formatDateTime, formatNumber } from '../app/format';
import { HeaderCell, ListTable } from '../app/table';
import { usePageTitle } from '../app/usePageTitle';
import { may } from './abilities';
import { AllPlansQuery, PlanMoved } from './queries';
import { useRefetchOn } from './useRefetchOn';

/**
 * The submitted plans of every province, waiting for the LRT to adopt or return them (on the plan's own page),
 * longest waiting first. Live for those who follow the whole country.
 */
export function WaitingPlansPage() {
  const title = 'Plannen ter beoordeling';
  usePageTitle(title);
  const [viewer] = useQuery({ query: ViewerQuery });
  const national = Boolean(viewer.data?.viewer.abilities.find((a) => a.action === 'READ_PLANS')?.national);
  const decides = may(viewer.data?.viewer.abilities, 'DECIDE_PLANS');
  const [{ data, error, fetching }, reexecute] = useQuery({ query: AllPlansQuery });
  const [live] = useSubscription({ query: PlanMoved, pause: !national });
  useRefetchOn(live.data?.activity.id, reexecute);

  const waiting = (data?.provinces ?? [])
    .flatMap((province) => province.plans.filter((plan) => plan.status === 'INGEDIEND').map((plan) => ({ ...plan, province })))
    .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
  return (
    <>
      <div className="page-heading">
        <Heading level={1}>{title}</Heading>
        {national ? <LiveIndicator subscriptionError={live.error} /> : null}
      </div>
      <Paragraph>
        {decides
          ? 'Ingediende provinciale plannen die wachten op het besluit van de LRT, het langst wachtende eerst. Open een plan om het vast te stellen of terug te sturen.'
          : 'Ingediende provinciale plannen die wachten op het besluit van de LRT, het langst wachtende eerst.'}
      </Paragraph>
      <ErrorAlert error={error} />
      {fetching && !data ? <Loading what="de plannen" /> : null}
      {data && waiting.length === 0 ? <Paragraph>Er wachten geen ingediende plannen.</Paragraph> : null}
      {waiting.length > 0 ? (
        <ListTable
          label="Tabel plannen ter beoordeling"
          caption="Ingediende plannen, het langst wachtende eerst"
          columns={['Plan', 'Provincie', { label: 'Versie', numeric: true }, 'Ingediend', 'Door']}
        >
          {waiting.map((plan) => (
            <TableRow key={plan.id}>
              <HeaderCell scope="row">
                <AppLink to={`/plannen/${encodeURIComponent(plan.id)}`}>{plan.title}</AppLink>
              </HeaderCell>
              <TableCell>{plan.province.name}</TableCell>
              <TableCell className="number">{formatNumber(plan.version)}</TableCell>
              <TableCell>{formatDateTime(plan.updatedAt)}</TableCell>
              <TableCell>{plan.updatedBy?.name ?? 'onbekend'}</TableCell>
            </TableRow>
          ))}
        </ListTable>
      ) : null}
    </>
  );
}
