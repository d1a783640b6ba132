import { Button, Heading, Paragraph, TableCell, TableRow } from '@rijkshuisstijl-community/components-react';
import { useQuery } from 'urql';
import { AppLink } from '../app/AppLink';
import { ErrorAlert } from '../app/ErrorAlert';
import { formatDate } from '../app/format';
import { readFragment } from '../app/graphql';
import { Loading } from '../app/Loading';
import { HeaderCell, ListTable } from '../app/table';
import { usePageTitle } from '../app/usePageTitle';
import { budgetText, milestoneText, trekkersText } from './format';
import { useTableDate } from './MeasuresPage';
import { MeasureFields, SupportMeasuresQuery, THEMES, type Measure, type MeasureTheme } from './queries';
import { StandCell } from './StandCell';
import './measures.css';

/**
 * The status table as it stood on a date (`?op=`), in its own layout for an LRT meeting: grouped by theme, the columns
 * Ondersteuningsmaatregel, Stand van zaken, Planning, Trekker; print CSS hides the menu and sets the page in landscape.
 */
export function StatusTablePage() {
  const [on] = useTableDate();
  usePageTitle(`Statustabel ondersteuningsmaatregelen ${formatDate(on)}`);
  const [{ data, error, fetching }] = useQuery({ query: SupportMeasuresQuery, variables: { on } });
  const measures = data ? data.supportMeasures.map((m) => readFragment(MeasureFields, m)) : null;
  const themes = (Object.keys(THEMES) as MeasureTheme[]).map((theme) => [theme, (measures ?? []).filter((m) => m.theme === theme)] as [MeasureTheme, Measure[]]);
  return (
    <div className="status-table-print">
      <Heading level={1}>Statustabel ondersteuningsmaatregelen, stand {formatDate(on)}</Heading>
      <Paragraph className="no-print">
        <AppLink to={`/maatregelen?op=${on}`}>Terug naar de maatregelen</AppLink>{' '}
        <Button type="button" appearance="secondary-action-button" onClick={() => window.print()}>
          Afdrukken
        </Button>
      </Paragraph>
      {!measures && fetching ? <Loading what="de statustabel" /> : null}
      <ErrorAlert error={error} title="De statustabel kan niet worden getoond." />
      {themes
        .filter(([, rows]) => rows.length > 0)
        .map(([theme, rows]) => (
          <section key={theme} aria-labelledby={`thema-${theme}`}>
            <Heading level={2} id={`thema-${theme}`}>
              {THEMES[theme]}
            </Heading>
            <ListTable label={`Statustabel ${THEMES[theme]}`} caption={`${THEMES[theme]}, stand ${formatDate(on)}`} columns={['Paragraaf', 'Ondersteuningsmaatregel', 'Stand van zaken', 'Planning', 'Trekker']}>
              {rows.map((m) => (
                <TableRow key={m.id}>
                  <HeaderCell scope="row">{m.paragraph}</HeaderCell>
                  <TableCell>
                    {m.title}
                    {budgetText(m) ? `\nBudget: ${budgetText(m)}` : ''}
                  </TableCell>
                  <StandCell stand={m.standVanZaken} empty="" />
                  <TableCell>{[m.planning, ...m.milestones.map(milestoneText)].filter(Boolean).join('\n')}</TableCell>
                  <TableCell>{trekkersText(m.trekkers)}</TableCell>
                </TableRow>
              ))}
            </ListTable>
          </section>
        ))}
    </div>
  );
}
