import { FormFieldSelect, Heading, Paragraph, SelectOption, TableCell, TableRow } from '@rijkshuisstijl-community/components-react';
import { useMemo } from 'react';
import { useQuery } from 'urql';
import { AppLink } from '../app/AppLink';
import { ErrorAlert } from '../app/ErrorAlert';
import { StatusFilter, useAddressFilter } from '../app/filters';
import { AGREEMENT_STATUS_NAMES, formatDate, formatNumber, opvangtypeName, provinceName } from '../app/format';
import { Loading } from '../app/Loading';
import { HeaderCell, ListTable, Section } from '../app/table';
import { usePageTitle } from '../app/usePageTitle';
import { GemeenteNamesQuery } from '../monitoring/queries';
import { useAbilities } from '../proposals/live';
import { LiveAgreements } from './live';
import { AgreementsQuery, ExpiringQuery } from './queries';
import '../proposals/proposals.css';

const PERIODS = [
  { days: 90, label: 'drie maanden' },
  { days: 180, label: 'een half jaar' },
  { days: 365, label: 'een jaar' },
  { days: 730, label: 'twee jaar' },
];

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * `/overeenkomsten`: the bestuursovereenkomsten one may see (a gemeente its own; COA, the regietafel, IPO and LRT
 * those of their provinces), soonest end first, with their end dates, extensions and places; for those who see all of
 * a province's agreements, the ones that expire soon with the places at stake. COA registers a new one from here.
 */
export function AgreementsPage() {
  usePageTitle('Bestuursovereenkomsten');
  const [status] = useAddressFilter('status');
  const [binnen, setBinnen] = useAddressFilter('binnen');
  const within = Number(binnen || 365) || 365;
  const { may, where } = useAbilities();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: AgreementsQuery, variables: { status: (status || null) as never } });
  const overseen = where('READ_PROPOSALS_AND_AGREEMENTS');
  const provinces = [...new Set([...where('PROPOSE_LOCATIONS'), ...overseen])];
  const [expiring, reexecuteExpiring] = useQuery({ query: ExpiringQuery, variables: { from: today(), within }, pause: overseen.length === 0 });
  const agreements = data?.agreements.edges.map((edge) => edge.node) ?? [];
  return (
    <>
      <div className="page-heading">
        <Heading level={1}>Bestuursovereenkomsten</Heading>
        {provinces.length > 0 ? (
          <LiveAgreements
            provinceCodes={provinces}
            onChange={() => {
              reexecute({ requestPolicy: 'network-only' });
              if (overseen.length > 0) reexecuteExpiring({ requestPolicy: 'network-only' });
            }}
          />
        ) : null}
      </div>
      {may('MANAGE_AGREEMENTS') ? (
        <Paragraph>
          <AppLink to="/overeenkomsten/nieuw">Een bestuursovereenkomst registreren</AppLink> (zonder voorstel; een overeenkomst uit een voorstel registreert u vanaf
          het voorstel of de <AppLink to="/inbox">inbox</AppLink>)
        </Paragraph>
      ) : null}
      {overseen.length > 0 ? (
        <Section id="aflopend" title="Binnenkort aflopend">
          <form className="filters" aria-label="Periode kiezen" onSubmit={(event) => event.preventDefault()}>
            <FormFieldSelect label="Aflopend binnen" name="binnen" value={String(within)} onChange={(event) => setBinnen((event.target as HTMLSelectElement).value)}>
              {PERIODS.map((period) => (
                <SelectOption key={period.days} value={String(period.days)}>
                  {period.label}
                </SelectOption>
              ))}
            </FormFieldSelect>
          </form>
          <ErrorAlert error={expiring.error} />
          {expiring.fetching && !expiring.data ? <Loading what="de aflopende overeenkomsten" /> : null}
          {expiring.data ? <Expiring provinces={expiring.data.expiringAgreements} within={within} /> : null}
        </Section>
      ) : null}
      <Section id="alle" title="Alle overeenkomsten">
        <StatusFilter label="Overeenkomsten filteren" names={AGREEMENT_STATUS_NAMES} />
        <ErrorAlert error={error} />
        {fetching && !data ? <Loading what="de overeenkomsten" /> : null}
        {data && agreements.length === 0 ? <Paragraph>Er zijn geen bestuursovereenkomsten die u mag inzien{status ? ' met deze status' : ''}.</Paragraph> : null}
        {agreements.length > 0 ? (
          <ListTable
            label="Tabel bestuursovereenkomsten"
            caption={<>Bestuursovereenkomsten, vroegste einddatum eerst ({formatNumber(data?.agreements.totalCount)}{data?.agreements.pageInfo.hasNextPage ? `, de eerste ${formatNumber(agreements.length)} getoond` : ''})</>}
            columns={['Locatie', 'Gemeente', 'Opvangtype', { label: 'Plaatsen', numeric: true }, 'Begin', 'Einde', { label: 'Verlengingen', numeric: true }, 'Status']}
          >
            {agreements.map((agreement) => (
              <TableRow key={agreement.id}>
                <HeaderCell scope="row">
                  <AppLink to={`/overeenkomsten/${encodeURIComponent(agreement.id)}`}>{agreement.locationName}</AppLink>
                </HeaderCell>
                <TableCell>{agreement.gemeente.name}</TableCell>
                <TableCell>{opvangtypeName(agreement.opvangtype)}</TableCell>
                <TableCell className="number">
                  {formatNumber(agreement.maxPlaces)}
                  {agreement.amvPlaces ? ` (amv ${formatNumber(agreement.amvPlaces)})` : ''}
                </TableCell>
                <TableCell>{formatDate(agreement.startDate)}</TableCell>
                <TableCell>
                  {agreement.endedOn ? `beëindigd per ${formatDate(agreement.endedOn)}` : formatDate(agreement.endDate)}
                  {agreement.endDate !== agreement.originalEndDate ? ` (was ${formatDate(agreement.originalEndDate)})` : ''}
                </TableCell>
                <TableCell className="number">{formatNumber(agreement.extensions.length)}</TableCell>
                <TableCell>{AGREEMENT_STATUS_NAMES[agreement.status] ?? agreement.status}</TableCell>
              </TableRow>
            ))}
          </ListTable>
        ) : null}
      </Section>
    </>
  );
}

type ExpiringProvince = { provinceCode: string; placesAtStake: number; agreements: { agreementId: string; gemeenteCode: string; locationName: string; opvangtype: string; places: number; endDate: string; endedEarly: boolean; extended: boolean; replacementProposed: boolean; replacementPlaces: number }[] };

function Expiring({ provinces, within }: { provinces: readonly ExpiringProvince[]; within: number }) {
  const any = provinces.some((p) => p.agreements.length > 0);
  const [gemeenten] = useQuery({ query: GemeenteNamesQuery, variables: { provinceCode: null as never }, pause: !any });
  const names = useMemo(() => new Map((gemeenten.data?.gemeenten.edges ?? []).map((edge) => [edge.node.code, edge.node.name])), [gemeenten.data]);
  const period = PERIODS.find((p) => p.days === within)?.label ?? `${within} dagen`;
  return (
    <>
      <dl className="totals">
        {provinces.map((province) => (
          <div key={province.provinceCode} className="totals__item">
            <dt>Plaatsen op het spel in {provinceName(province.provinceCode)}</dt>
            <dd>{formatNumber(province.placesAtStake)}</dd>
          </div>
        ))}
      </dl>
      <Paragraph className="note">Plaatsen op het spel: plaatsen van aflopende overeenkomsten die niet verlengd zijn en niet worden opgevangen door voorstellen van dezelfde gemeente en hetzelfde opvangtype.</Paragraph>
      {!any ? <Paragraph>Er lopen binnen {period} geen overeenkomsten af.</Paragraph> : null}
      {any ? (
        <ListTable
          label="Tabel binnenkort aflopende overeenkomsten"
          caption={<>Overeenkomsten die binnen {period} aflopen, per provincie, vroegste einddatum eerst</>}
          columns={['Locatie', 'Gemeente', 'Provincie', 'Opvangtype', { label: 'Plaatsen', numeric: true }, 'Einddatum', 'Vervanging voorgesteld']}
        >
          {provinces.flatMap((province) =>
            province.agreements.map((a) => (
              <TableRow key={`${a.agreementId}-${a.endDate}`}>
                <HeaderCell scope="row">
                  <AppLink to={`/overeenkomsten/${encodeURIComponent(a.agreementId)}`}>{a.locationName}</AppLink>
                </HeaderCell>
                <TableCell>{names.get(a.gemeenteCode) ?? a.gemeenteCode}</TableCell>
                <TableCell>{provinceName(province.provinceCode)}</TableCell>
                <TableCell>{opvangtypeName(a.opvangtype)}</TableCell>
                <TableCell className="number">{formatNumber(a.places)}</TableCell>
                <TableCell>
                  {formatDate(a.endDate)}
                  {a.endedEarly ? ' (vroegtijdig beëindigd)' : a.extended ? ' (daarna verlengd)' : ''}
                </TableCell>
                <TableCell>{a.replacementProposed ? `Ja, ${formatNumber(a.replacementPlaces)} plaatsen` : 'Nee'}</TableCell>
              </TableRow>
            )),
          )}
        </ListTable>
      ) : null}
    </>
  );
}
