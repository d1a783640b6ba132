import {
  Heading,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableRow,
} from '@rijkshuisstijl-community/components-react';
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { ErrorAlert } from '../app/ErrorAlert';
import { HeaderCell, ScrollTable } from '../app/table';
import { NotFound } from '../app/NotFound';
import { formatDate, formatNumber, isProvinceCode, provinceName } from '../app/format';
import { OverviewPage } from './OverviewPage';
import { ProvinceQuery } from './queries';
import { ViewerQuery } from '../app/Home';
import { AppLink } from '../app/AppLink';
import { ActivityLink } from '../activity/ActivityPage';
import { ProvinceOpgaveSection } from '../opgave/OpgavePage';
import { ProvinceCrisisnoodopvangSection } from '../agreements/CrisisnoodopvangPage';

export function ProvincePage() {
  const { code = '' } = useParams();
  const upper = code.toUpperCase();
  if (!isProvinceCode(upper)) return <NotFound />;
  return (
    <OverviewPage key={upper} provinceCode={upper} title={`Provincie ${provinceName(upper)}`} intro={<PlansLink code={upper} />}>
      <ActivityLink code={upper} />
      <RegietafelSection code={upper} />
      <ProvinceOpgaveSection code={upper} />
      <ProvinceCrisisnoodopvangSection code={upper} />
    </OverviewPage>
  );
}

const PLAN_READING = ['READ_PLANS', 'READ_DRAFT_PLANS', 'EDIT_PLANS', 'DECIDE_PLANS'];

/** A link to the province's plans, for those who may read plans there (the API decides which they see). */
function PlansLink({ code }: { code: string }) {
  const [{ data }] = useQuery({ query: ViewerQuery });
  const reads = data?.viewer.abilities.some((a) => PLAN_READING.includes(a.action) && (a.national || a.provinceCodes.includes(code as never)));
  if (!reads) return null;
  return (
    <Paragraph>
      <AppLink to={`/provincie/${code}/plannen`}>Plannen</AppLink> van {provinceName(code)}
    </Paragraph>
  );
}

/** Who sits at the province's regietafel: chair, secretariat, members. */
function RegietafelSection({ code }: { code: string }) {
  const [{ data, error }] = useQuery({ query: ProvinceQuery, variables: { code: code as never } });
  const province = data?.province;
  return (
    <section aria-labelledby="regietafel" className="overview-section">
      <Heading level={2} id="regietafel">
        Provinciale Regietafel {provinceName(code)}
      </Heading>
      <ErrorAlert error={error} />
      {province ? (
        <>
          <Paragraph>
            Voorzitter: {province.regietafel.chair?.name ?? 'niet bekend'}. Secretariaat:{' '}
            {province.regietafel.secretariat.map((person) => person.name).join(', ') || 'niet bekend'}. COA-uitplaatsingsregio{' '}
            {province.uitplaatsingsregio.number} ({province.uitplaatsingsregio.name}). Inwoners: {formatNumber(province.population)} (
            {formatDate(province.populationDate)}).
          </Paragraph>
          <ScrollTable label={'Tabel leden van de regietafel'}>
            <Table>
              <TableCaption>Leden van de regietafel</TableCaption>
              <TableHeader>
                <TableRow>
                  <HeaderCell scope="col">Naam</HeaderCell>
                  <HeaderCell scope="col">Functie</HeaderCell>
                  <HeaderCell scope="col">Organisatie</HeaderCell>
                  <HeaderCell scope="col">Hoedanigheid</HeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {province.regietafel.members.map((seat) => (
                  <TableRow key={seat.id}>
                    <HeaderCell scope="row">{seat.person.name}</HeaderCell>
                    <TableCell>{seat.function === 'VOORZITTER' ? 'Voorzitter' : 'Lid'}</TableCell>
                    <TableCell>{seat.organisation.name}</TableCell>
                    <TableCell>{seat.capacity}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ScrollTable>
        </>
      ) : null}
    </section>
  );
}
