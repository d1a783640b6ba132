import { Heading, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableRow } from '@rijkshuisstijl-community/components-react';
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { AppLink } from '../app/AppLink';
import { ErrorAlert } from '../app/ErrorAlert';
import { Loading } from '../app/Loading';
import { NotFound } from '../app/NotFound';
import { formatDateTime, formatNumber, isProvinceCode, planStatusName, provinceName } from '../app/format';
import { HeaderCell, ScrollTable } from '../app/table';
import { usePageTitle } from '../app/usePageTitle';
import { ProvincePlansQuery } from './queries';

/** The plans of one province that the signed-in person may see (the API decides which), newest first. */
export function PlansPage() {
  const { code = '' } = useParams();
  const upper = code.toUpperCase();
  if (!isProvinceCode(upper)) return <NotFound />;
  return <PlansOfProvince key={upper} code={upper} />;
}

function PlansOfProvince({ code }: { code: string }) {
  const title = `Plannen van provincie ${provinceName(code)}`;
  usePageTitle(title);
  const [{ data, error, fetching }] = useQuery({ query: ProvincePlansQuery, variables: { code: code as never } });
  const plans = data?.province?.plans;
  return (
    <>
      <Heading level={1}>{title}</Heading>
      <Paragraph>
        <AppLink to={`/provincie/${code}`}>Terug naar het overzicht van {provinceName(code)}</AppLink>
      </Paragraph>
      <ErrorAlert error={error} />
      {fetching && !data ? <Loading what="de plannen" /> : null}
      {plans && plans.length === 0 ? <Paragraph>Er zijn geen plannen van {provinceName(code)} die u mag inzien.</Paragraph> : null}
      {plans && plans.length > 0 ? (
        <ScrollTable label="Tabel plannen">
          <Table>
            <TableCaption>Plannen van {provinceName(code)}, nieuwste eerst</TableCaption>
            <TableHeader>
              <TableRow>
                <HeaderCell scope="col">Titel</HeaderCell>
                <HeaderCell scope="col">Status</HeaderCell>
                <HeaderCell scope="col" numeric>
                  Versie
                </HeaderCell>
                <HeaderCell scope="col">Laatst gewijzigd</HeaderCell>
                <HeaderCell scope="col">Door</HeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {plans.map((plan) => (
                <TableRow key={plan.id}>
                  <HeaderCell scope="row">
                    <AppLink to={`/plannen/${encodeURIComponent(plan.id)}`}>{plan.title}</AppLink>
                  </HeaderCell>
                  <TableCell>{planStatusName(plan.status)}</TableCell>
                  <TableCell className="number">{formatNumber(plan.version)}</TableCell>
                  <TableCell>{formatDateTime(plan.updatedAt)}</TableCell>
                  <TableCell>{plan.updatedBy?.name ?? 'onbekend'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      ) : null}
    </>
  );
}
