import { Alert, FormFieldSelect, FormFieldTextInput, Heading, Paragraph, SecondaryActionButton, SelectOption, TableCell, TableRow } from '@rijkshuisstijl-community/components-react';
import { useState } from 'react';
import { useQuery } from 'urql';
import { AppLink } from '../app/AppLink';
import { ErrorAlert } from '../app/ErrorAlert';
import { useAddressFilter } from '../app/filters';
import { formatDate, isIsoDate, todayIso } from '../app/format';
import { readFragment } from '../app/graphql';
import { LiveIndicator } from '../app/LiveIndicator';
import { Loading } from '../app/Loading';
import { HeaderCell, ListTable, Section } from '../app/table';
import { usePageTitle } from '../app/usePageTitle';
import { downloadCsv } from '../monitoring/download';
import { budgetText, milestoneText, openText, trekkersText } from './format';
import { useMeasureChanges } from './live';
import { NewMeasureForm } from './MeasureForm';
import { useAbilities } from '../proposals/live';
import { MeasureFields, NationalOrganisationsQuery, OpenRegelingenQuery, SupportMeasuresQuery, THEMES, type MeasureTheme } from './queries';
import { StandCell } from './StandCell';
import './measures.css';

/** The date the table is shown on (`?op=`), today when absent or not a date. */
export function useTableDate(): [string, (date: string) => void] {
  const [op, setOp] = useAddressFilter('op');
  return [isIsoDate(op) ? op : todayIso(), setOp];
}

/**
 * The LRT's status table of ondersteuningsmaatregelen as it stood on a date: filter by theme, trekker and overdue (kept
 * in the address), live for everyone signed in; the regelingen gemeenten may apply for, and until when; the export as
 * CSV and as a printable page.
 */
export function MeasuresPage() {
  usePageTitle('Ondersteuningsmaatregelen');
  const [on, setOn] = useTableDate();
  const [theme, setTheme] = useAddressFilter('thema');
  const [trekker, setTrekker] = useAddressFilter('trekker');
  const [overdue, setOverdue] = useAddressFilter('te-laat');
  const [dateText, setDateText] = useState(on);
  const variables = { on, theme: (theme || null) as MeasureTheme | null, trekker: trekker || null, overdue: overdue === 'ja' ? true : null };
  const [{ data, error, fetching }, reexecute] = useQuery({ query: SupportMeasuresQuery, variables });
  const [regelingen, reexecuteRegelingen] = useQuery({ query: OpenRegelingenQuery, variables: { on } });
  const [{ data: organisations }] = useQuery({ query: NationalOrganisationsQuery });
  const { announcement, error: liveError } = useMeasureChanges(() => {
    reexecute({ requestPolicy: 'network-only' });
    reexecuteRegelingen({ requestPolicy: 'network-only' });
  });
  const { may } = useAbilities();
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const measures = data ? data.supportMeasures.map((m) => readFragment(MeasureFields, m)) : null;

  return (
    <>
      <Heading level={1}>Ondersteuningsmaatregelen</Heading>
      <Paragraph>
        De statustabel van de Landelijke Regietafel: per maatregel uit de Integrale Handreiking de stand van zaken, de planning en de trekker, zoals die
        gold op {formatDate(on)}.
      </Paragraph>
      <LiveIndicator subscriptionError={liveError} />
      <p className="note" role="status" aria-live="polite">
        {announcement}
      </p>
      <form
        className="filters"
        aria-label="Filters statustabel"
        onSubmit={(event) => {
          event.preventDefault();
          if (isIsoDate(dateText)) setOn(dateText);
        }}
      >
        <FormFieldTextInput
          label="Stand op"
          type="date"
          name="op"
          value={dateText}
          onChange={(event) => setDateText((event.target as HTMLInputElement).value)}
          onBlur={() => isIsoDate(dateText) && dateText !== on && setOn(dateText)}
        />
        <FormFieldSelect label="Thema" name="thema" value={theme} onChange={(event) => setTheme((event.target as HTMLSelectElement).value)}>
          <SelectOption value="">Alle thema's</SelectOption>
          {Object.entries(THEMES).map(([value, name]) => (
            <SelectOption key={value} value={value}>
              {name}
            </SelectOption>
          ))}
        </FormFieldSelect>
        <FormFieldSelect label="Trekker" name="trekker" value={trekker} onChange={(event) => setTrekker((event.target as HTMLSelectElement).value)}>
          <SelectOption value="">Alle trekkers</SelectOption>
          <SelectOption value="LRT">LRT</SelectOption>
          {(organisations?.nationalOrganisations ?? [])
            .filter((o) => o.abbreviation)
            .map((o) => (
              <SelectOption key={o.abbreviation} value={o.abbreviation!}>
                {o.abbreviation} ({o.name})
              </SelectOption>
            ))}
        </FormFieldSelect>
        <FormFieldSelect label="Te laat" name="te-laat" value={overdue} onChange={(event) => setOverdue((event.target as HTMLSelectElement).value)}>
          <SelectOption value="">Alle maatregelen</SelectOption>
          <SelectOption value="ja">Alleen te laat (mijlpaal verstreken, niet gereed)</SelectOption>
        </FormFieldSelect>
      </form>
      <div className="button-row no-print">
        <AppLink to={`/maatregelen/statustabel?op=${on}`}>Afdrukbare statustabel op {formatDate(on)}</AppLink>
        <SecondaryActionButton
          type="button"
          onClick={() => {
            setDownloadError(null);
            downloadCsv(`/export/statustabel.csv?on=${on}`, `statustabel-${on}.csv`).catch(setDownloadError);
          }}
        >
          Download statustabel (CSV)
        </SecondaryActionButton>
      </div>
      {downloadError ? <ErrorAlert error={downloadError} title="De statustabel kon niet worden gedownload." /> : null}
      {!measures && fetching ? <Loading what="de statustabel" /> : null}
      <ErrorAlert error={error} title="De statustabel kan niet worden getoond." />
      {measures && measures.length === 0 ? <Paragraph>Geen maatregelen die aan de filters voldoen.</Paragraph> : null}
      {measures && measures.length > 0 ? (
        <ListTable label="Statustabel ondersteuningsmaatregelen" caption={`Statustabel op ${formatDate(on)}, per thema en paragraaf`} columns={['Paragraaf', 'Thema', 'Ondersteuningsmaatregel', 'Stand van zaken', 'Planning', 'Trekker']}>
          {measures.map((m) => (
            <TableRow key={m.id}>
              <HeaderCell scope="row">
                <AppLink to={`/maatregelen/${m.paragraph}`} aria-label={`Maatregel ${m.paragraph}: ${m.title}`}>
                  {m.paragraph}
                </AppLink>
              </HeaderCell>
              <TableCell>{THEMES[m.theme]}</TableCell>
              <TableCell>
                {m.title}
                {budgetText(m) ? <div>Budget: {budgetText(m)}</div> : null}
              </TableCell>
              <StandCell stand={m.standVanZaken} empty="Nog geen stand van zaken." />
              <TableCell>
                {m.planning ? <div>{m.planning}</div> : null}
                {m.milestones.length ? (
                  <ul className="measure-list">
                    {m.milestones.map((ms) => (
                      <li key={ms.id}>{milestoneText(ms)}</li>
                    ))}
                  </ul>
                ) : null}
                {m.overdue ? <div className="measure-overdue">Te laat</div> : null}
              </TableCell>
              <TableCell>{trekkersText(m.trekkers)}</TableCell>
            </TableRow>
          ))}
        </ListTable>
      ) : null}
      <Section id="regelingen" title="Regelingen open voor gemeenten">
        <ErrorAlert error={regelingen.error} title="De regelingen kunnen niet worden getoond." />
        {regelingen.data && regelingen.data.openRegelingen.length === 0 ? <Paragraph>Op {formatDate(on)} staat geen regeling open en is er geen aangekondigd.</Paragraph> : null}
        {regelingen.data && regelingen.data.openRegelingen.length > 0 ? (
          <ListTable label="Regelingen open voor gemeenten" caption={`Regelingen waarvoor gemeenten op ${formatDate(on)} of later kunnen aanvragen`} columns={['Paragraaf', 'Regeling', 'Aanvragen', 'Trekker']}>
            {regelingen.data.openRegelingen.map((r) => (
              <TableRow key={r.id}>
                <HeaderCell scope="row">
                  <AppLink to={`/maatregelen/${r.paragraph}`} aria-label={`Regeling ${r.paragraph}: ${r.title}`}>
                    {r.paragraph}
                  </AppLink>
                </HeaderCell>
                <TableCell>
                  {r.title}
                  {budgetText(r) ? <div>Budget: {budgetText(r)}</div> : null}
                </TableCell>
                <TableCell>
                  {openText(r)}
                </TableCell>
                <TableCell>{trekkersText(r.trekkers)}</TableCell>
              </TableRow>
            ))}
          </ListTable>
        ) : null}
      </Section>
      {may('CREATE_SUPPORT_MEASURE') ? <NewMeasureForm /> : null}
      {error && measures ? (
        <Alert type="warning">
          <Paragraph>De tabel kon niet worden bijgewerkt; u ziet de laatst opgehaalde stand.</Paragraph>
        </Alert>
      ) : null}
    </>
  );
}
