import {
  Alert,
  FormFieldSelect,
  Heading,
  Paragraph,
  SecondaryActionButton,
  SelectOption,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableFooter,
  TableHeader,
  TableRow,
} from '@rijkshuisstijl-community/components-react';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { AppLink } from '../app/AppLink';
import { HeaderCell, ScrollTable, Section } from '../app/table';
import { ErrorAlert } from '../app/ErrorAlert';
import {
  OPVANGTYPE_NAMES,
  PROPOSAL_STATUS_NAMES,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatPoints,
  formatRange,
  formatShortDate,
  opvangtypeName,
  opvangtypesLabel,
  planStatusName,
  provinceName,
  yearsBefore,
  type ProvinceCode,
} from '../app/format';
import { Chart, type ChartOption } from './Chart';
import { downloadCsv } from './download';
import { ExpiringQuery, GemeenteNamesQuery, TimelineQuery, type Overview, type OverviewRow } from './queries';

/**
 * Totals and progress on the short-term target: of the country (national viewers), of one province (its own target
 * of 417 places and what it realised), or of the provinces this person sees (their targets added up).
 */
export function Totals({ overview, provinceCode, national }: { overview: Overview; provinceCode?: string; national: boolean }) {
  const province = provinceCode ? overview.provinces.find((p) => p.provinceCode === provinceCode) : undefined;
  const scope = provinceCode ? provinceName(provinceCode) : national ? 'landelijk' : 'van de provincies die u ziet';
  const targetScope = provinceCode ? provinceName(provinceCode) : national ? 'landelijk' : 'samen voor de provincies die u ziet';
  const target = provinceCode
    ? (province?.shortTermTarget ?? null)
    : national
      ? overview.shortTermTarget
      : overview.provinces.reduce((sum, p) => sum + p.shortTermTarget, 0);
  const realised = provinceCode ? (province?.shortTermRealised ?? null) : overview.totalShortTermRealised;
  const progress = realised == null || !target ? null : Math.min(100, Math.round((realised / target) * 100));
  const inForce = provinceCode ? province?.shortTermTargetInForce : national ? overview.shortTermTargetInForce : null;
  // The AZC umbrella: the province's total opvang opgave against every COA type's places (existing AZCs included).
  const shown = provinceCode ? (province ? [province] : []) : overview.provinces;
  const totalOpgave = shown.some((p) => p.totalOpvangOpgave != null) ? shown.reduce((sum, p) => sum + (p.totalOpvangOpgave ?? 0), 0) : null;
  const totalRealised = shown.length > 0 && shown.every((p) => p.totalOpvangRealised != null) ? shown.reduce((sum, p) => sum + p.totalOpvangRealised!, 0) : null;
  const totalGap = shown.length > 0 && shown.every((p) => p.totalOpvangGap != null) ? shown.reduce((sum, p) => sum + p.totalOpvangGap!, 0) : null;
  const items: [string, string][] = [
    ['Opgave per opvangtype, opgeteld', formatNumber(overview.totalOpgave)],
    ['Gepland (min–max)', formatRange(overview.totalPlanned)],
    ['Gerealiseerd', formatNumber(overview.totalRealised)],
    ['Pijplijn', formatNumber(overview.totalPipeline)],
    ['Tekort volgens plan (min–max)', formatRange(overview.totalPlannedGap)],
    ['Tekort gerealiseerd', formatNumber(overview.totalRealisedGap)],
  ];
  return (
    <Section id="totalen" title={`Totalen ${scope} op ${formatDate(overview.on)}`}>
      <FigureGroup
        title="Opgave per opvangtype"
        explanation={
          <>
            De LRT stelt per opvangtype (zoals GVL, satellietlocatie en ROL) vast hoeveel plaatsen er op een peildatum moeten zijn. Hier staan
            die opgaven opgeteld over de opvangtypen{provinceCode ? '' : ' en de provincies'}, naast wat de plannen toevoegen en wat er is
            gerealiseerd. Een tekort wordt per opvangtype berekend en dan opgeteld.
          </>
        }
        items={items}
      />
      <Heading level={3}>Kortetermijndoel</Heading>
      <Paragraph>
        {/* The target in force (it may have been revised since November 2019). */}
        {inForce ? `Doel (vastgesteld op ${formatDate(inForce.decidedOn)})` : 'Doel'}: {formatNumber(target)} plaatsen ({targetScope}). Gerealiseerd: {formatNumber(realised)}
        {progress == null ? '' : ` (${progress}%)`}.
      </Paragraph>
      {progress == null ? null : (
        <div className="progress" role="progressbar" aria-label={`Voortgang kortetermijndoel (${targetScope})`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={progress} aria-valuetext={`${progress}% van het kortetermijndoel gerealiseerd`}>
          <div className="progress__bar" style={{ width: `${progress}%` }} />
        </div>
      )}
      <Paragraph>
        Alleen extra plaatsen tellen mee: geen verlengingen, geen voortzetting van een bestaande locatie, geen vervanging
        van een locatie die sluit, en geen noodopvang of crisisnoodopvang.
        {inForce
          ? ` Bestuursovereenkomsten die ingaan van ${formatDate(inForce.periodFrom)} tot en met ${formatDate(inForce.periodUntil)}. Doel vastgesteld op ${formatDate(inForce.decidedOn)}; bron: ${inForce.source}`
          : ''}
      </Paragraph>
      {province?.shortTermDeduction != null ? (
        <Paragraph>
          Verevening (Integrale Handreiking 4.2.6): {formatNumber(province.shortTermDeduction)} plaatsen voorsprong in de huisvesting van
          vergunninghouders gaan af van het doel. Doel na verevening: {formatNumber(province.shortTermTargetAfterVerevening)} plaatsen.
        </Paragraph>
      ) : null}
      <FigureGroup
        title="Totale opvang (AZC als paraplu)"
        explanation={
          <>
            De totale opvangopgave is één aantal voor alle opvangplaatsen {provinceCode ? 'van de provincie' : 'van een provincie (hier opgeteld)'},
            van welk type ook. Plaatsen in bestaande AZC’s tellen mee, net als de andere COA-typen: GVL, satellietlocatie en ROL worden onder de
            AZC-paraplu gebouwd. Crisisnoodopvang van gemeenten telt niet mee. Tel de totale opvangopgave niet op bij de opgave per
            opvangtype: de plaatsen van die typen vallen er al onder. Ze wordt alleen vergeleken met gerealiseerde plaatsen, niet met de plannen.
          </>
        }
        items={[
          ['Totale opvangopgave', totalOpgave == null ? 'niet vastgesteld' : formatNumber(totalOpgave)],
          ['Gerealiseerd, bestaande AZC’s inbegrepen', formatNumber(totalRealised)],
          ['Tekort totale opvang', totalOpgave == null ? '–' : formatNumber(totalGap)],
        ]}
      />
    </Section>
  );
}

/** Figures under a heading with a short explanation of what they are; the group is named by the heading and described by the explanation. */
function FigureGroup({ title, explanation, items }: { title: string; explanation: ReactNode; items: [string, string][] }) {
  const id = useId();
  return (
    <div role="group" aria-labelledby={`${id}-titel`} aria-describedby={`${id}-uitleg`}>
      <Heading level={3} id={`${id}-titel`}>
        {title}
      </Heading>
      <Paragraph id={`${id}-uitleg`}>{explanation}</Paragraph>
      <dl className="totals">
        {items.map(([term, value]) => (
          <div key={term} className="totals__item">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** The 12 provinces as tiles placed roughly as on a map. */
const TILE_LAYOUT: ProvinceCode[][] = [
  ['GR', 'FR', 'DR'],
  ['NH', 'FL', 'OV'],
  ['ZH', 'UT', 'GE'],
  ['ZE', 'NB', 'LI'],
];

const GAP_CLASSES = [
  { max: 0, className: 'gap-0', label: 'Geen tekort' },
  { max: 250, className: 'gap-1', label: '1 tot en met 250 plaatsen tekort' },
  { max: 1000, className: 'gap-2', label: '251 tot en met 1.000 plaatsen tekort' },
  { max: Number.POSITIVE_INFINITY, className: 'gap-3', label: 'Meer dan 1.000 plaatsen tekort' },
];

function gapClass(gap: number | null | undefined) {
  if (gap == null) return { className: 'gap-unknown', label: 'Onbekend' };
  return GAP_CLASSES.find((c) => gap <= c.max)!;
}

export function TileMap({ overview }: { overview: Overview }) {
  const byCode = new Map(overview.provinces.map((p) => [p.provinceCode, p]));
  return (
    <Section id="kaart" title="Tekort aan gerealiseerde plaatsen per provincie">
      <ul className="tile-map" aria-label="Provincies, geordend zoals op de kaart">
        {TILE_LAYOUT.flatMap((row) =>
          row.map((code) => {
            const province = byCode.get(code);
            const gap = gapClass(province?.realisedGap);
            return (
              <li key={code} className={`tile-map__tile ${province ? gap.className : 'gap-none'}`}>
                {province ? (
                  <AppLink to={`/provincie/${code}`}>
                    {/* The name a screen reader reads holds the visible text, with words around it. */}
                    <span className="tile-map__name">{provinceName(code)}</span>
                    <span className="visually-hidden">: tekort </span>
                    <span className="tile-map__value">{formatNumber(province.realisedGap)}</span>
                    <span className="visually-hidden"> plaatsen, {gap.label.toLowerCase()}</span>
                  </AppLink>
                ) : (
                  <span className="tile-map__name">
                    {provinceName(code)} <span className="visually-hidden">(geen cijfers voor u)</span>
                  </span>
                )}
              </li>
            );
          }),
        )}
      </ul>
      <ul className="legend" aria-label="Legenda">
        {[...GAP_CLASSES, { className: 'gap-unknown', label: 'Onbekend' }].map((c) => (
          <li key={c.className}>
            <span className={`legend__swatch ${c.className}`} aria-hidden="true" /> {c.label}
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** Spreiding: each province's population share beside its realised and planned share. */
export function Spreiding({ overview }: { overview: Overview }) {
  const provinces = overview.provinces;
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => formatPercent(typeof value === 'number' ? value : null) },
      legend: { top: 0, itemGap: 24 },
      grid: { left: 56, right: 16, top: 40, bottom: 64 },
      xAxis: { type: 'category', data: provinces.map((p) => provinceName(p.provinceCode)), axisLabel: { rotate: 40 } },
      yAxis: { type: 'value', axisLabel: { formatter: (value: number) => `${formatNumber(value)}%` } },
      series: [
        { name: 'Aandeel inwoners', type: 'bar', data: provinces.map((p) => p.populationShare), itemStyle: { color: '#154273' } },
        { name: 'Aandeel gerealiseerd', type: 'bar', data: provinces.map((p) => p.realisedShare), itemStyle: { color: '#39870c' } },
        { name: 'Aandeel gepland', type: 'bar', data: provinces.map((p) => p.plannedShare), itemStyle: { color: '#e17000' } },
      ],
    }),
    [provinces],
  );
  return (
    <Section id="spreiding" title="Spreiding over de provincies">
      <Chart option={option} description="Staafdiagram van het aandeel inwoners, gerealiseerde en geplande capaciteit per provincie. Dezelfde cijfers staan in de tabel hieronder." />
      <ScrollTable label={'Tabel spreiding per provincie'}>
        <Table>
          <TableCaption>Spreiding: aandeel per provincie in procenten</TableCaption>
          <TableHeader>
            <TableRow>
              <HeaderCell scope="col">Provincie</HeaderCell>
              <HeaderCell scope="col" numeric>Aandeel inwoners</HeaderCell>
              <HeaderCell scope="col" numeric>Aandeel gerealiseerd</HeaderCell>
              <HeaderCell scope="col" numeric>Verschil gerealiseerd</HeaderCell>
              <HeaderCell scope="col" numeric>Aandeel gepland</HeaderCell>
              <HeaderCell scope="col" numeric>Verschil gepland</HeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {provinces.map((p) => (
              <TableRow key={p.provinceCode}>
                <HeaderCell scope="row">{provinceName(p.provinceCode)}</HeaderCell>
                <TableCell className="number">{formatPercent(p.populationShare)}</TableCell>
                <TableCell className="number">{formatPercent(p.realisedShare)}</TableCell>
                <TableCell className="number">{formatPoints(p.realisedShareDifference)}</TableCell>
                <TableCell className="number">{formatPercent(p.plannedShare)}</TableCell>
                <TableCell className="number">{formatPoints(p.plannedShareDifference)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ScrollTable>
    </Section>
  );
}

/** Each province's plan status, and when it last changed. */
export function PlanStatuses({ overview }: { overview: Overview }) {
  return (
    <Section id="planstatus" title="Status van de provinciale plannen">
      <ScrollTable label={'Tabel status van de provinciale plannen'}>
        <Table>
          <TableCaption>Provinciale plannen: status en laatste wijziging</TableCaption>
          <TableHeader>
            <TableRow>
              <HeaderCell scope="col">Provincie</HeaderCell>
              <HeaderCell scope="col">Status plan</HeaderCell>
              <HeaderCell scope="col">Laatst gewijzigd</HeaderCell>
              <HeaderCell scope="col">Concept in bewerking</HeaderCell>
              <HeaderCell scope="col">Concept gewijzigd</HeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {overview.provinces.map((p) => (
              <TableRow key={p.provinceCode}>
                <HeaderCell scope="row">{provinceName(p.provinceCode)}</HeaderCell>
                <TableCell>{planStatusName(p.planStatus)}</TableCell>
                <TableCell>{p.planChangedAt ? formatDateTime(p.planChangedAt) : '—'}</TableCell>
                <TableCell>{p.conceptStatus ? `${planStatusName(p.conceptStatus)} (${formatRange(p.conceptPlanned)} plaatsen)` : '—'}</TableCell>
                <TableCell>{p.conceptChangedAt ? formatDateTime(p.conceptChangedAt) : '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ScrollTable>
    </Section>
  );
}

type SortKey = 'province' | 'opvangtype' | 'opgave' | 'planned' | 'realised' | 'pipeline' | 'plannedGap' | 'realisedGap';
const pipelineTotal = (row: OverviewRow) => (row.pipeline ? row.pipeline.reduce((sum, p) => sum + p.places, 0) : null);
const SORT_VALUE: Record<SortKey, (row: OverviewRow) => string | number | null> = {
  province: (row) => provinceName(row.provinceCode),
  opvangtype: (row) => opvangtypesLabel(row.opvangtypes),
  opgave: (row) => row.opgave,
  planned: (row) => row.planned.max,
  realised: (row) => row.realised ?? null,
  pipeline: pipelineTotal,
  plannedGap: (row) => row.plannedGap?.max ?? null,
  realisedGap: (row) => row.realisedGap ?? null,
};
const COLUMNS: { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: 'province', label: 'Provincie' },
  { key: 'opvangtype', label: 'Opvangtype' },
  { key: 'opgave', label: 'Opgave', numeric: true },
  { key: 'planned', label: 'Gepland', numeric: true },
  { key: 'realised', label: 'Gerealiseerd', numeric: true },
  { key: 'pipeline', label: 'Pijplijn', numeric: true },
  { key: 'plannedGap', label: 'Tekort volgens plan', numeric: true },
  { key: 'realisedGap', label: 'Tekort gerealiseerd', numeric: true },
];

const collator = new Intl.Collator('nl-NL');

function isEmptyRow(row: OverviewRow) {
  return row.opgave === 0 && row.planned.max === 0 && !row.realised && !pipelineTotal(row) && !row.conceptPlanned?.max;
}

/** Opgave, plan, realisation and pipeline per province and opvangtype, sortable. */
export function RowsTable({ overview, single }: { overview: Overview; single: boolean }) {
  const [sort, setSort] = useState<{ key: SortKey; direction: 'ascending' | 'descending' }>({ key: single ? 'opvangtype' : 'province', direction: 'ascending' });
  const [showEmpty, setShowEmpty] = useState(false);
  const rows = useMemo(() => {
    const visible = showEmpty ? overview.rows : overview.rows.filter((row) => !isEmptyRow(row));
    const value = SORT_VALUE[sort.key];
    const sign = sort.direction === 'ascending' ? 1 : -1;
    return [...visible].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      if (x == null && y == null) return 0;
      if (x == null) return 1;
      if (y == null) return -1;
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      return sign * order || collator.compare(opvangtypesLabel(a.opvangtypes), opvangtypesLabel(b.opvangtypes));
    });
  }, [overview.rows, sort, showEmpty]);
  const hidden = overview.rows.length - rows.length;
  const columns = single ? COLUMNS.filter((c) => c.key !== 'province') : COLUMNS;
  const toggle = (key: SortKey) =>
    setSort((current) => ({ key, direction: current.key === key && current.direction === 'ascending' ? 'descending' : 'ascending' }));

  return (
    <Section id="per-opvangtype" title="Per provincie en opvangtype">
      <Paragraph>
        Gecombineerde opvangtypes (zoals GVL met satellietlocaties) worden samen met hun opgave vergeleken in een eigen
        rij; de rijen van de afzonderlijke types verwijzen daarnaar.
      </Paragraph>
      <ScrollTable label={'Tabel per provincie en opvangtype'}>
        <Table>
          <TableCaption>
            Opgave, plan, gerealiseerde capaciteit en pijplijn per {single ? 'opvangtype' : 'provincie en opvangtype'} op{' '}
            {formatDate(overview.on)}
            {hidden > 0 && !showEmpty ? ` (${hidden} rijen zonder cijfers verborgen)` : ''}
          </TableCaption>
          <TableHeader>
            <TableRow>
              {columns.map((column) => (
                <HeaderCell key={column.key} scope="col" aria-sort={sort.key === column.key ? sort.direction : 'none'} numeric={column.numeric}>
                  <button type="button" className="sort-button" onClick={() => toggle(column.key)}>
                    {column.label}
                    <span aria-hidden="true" className="sort-button__icon">
                      {sort.key === column.key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ' ↕'}
                    </span>
                  </button>
                </HeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => {
              const key = `${row.provinceCode}-${row.opvangtypes.join('+') || 'elk'}`;
              return (
                <TableRow key={key} className={row.opvangtypes.length > 1 ? 'row--combination' : undefined}>
                  {single ? null : <TableCell>{provinceName(row.provinceCode)}</TableCell>}
                  <HeaderCell scope="row">
                    {opvangtypesLabel(row.opvangtypes)}
                    {row.opvangtypes.length > 1 ? <span className="note"> (combinatie)</span> : null}
                    {row.combinedIn ? <span className="note"> (plan samen met {opvangtypesLabel(row.combinedIn)})</span> : null}
                  </HeaderCell>
                  <TableCell className="number">{formatNumber(row.opgave)}</TableCell>
                  <TableCell className="number">
                    {formatRange(row.planned)}
                    {row.conceptPlanned ? <span className="note"> (concept: {formatRange(row.conceptPlanned)})</span> : null}
                  </TableCell>
                  <TableCell className="number">{row.opvangtypes.length === 0 ? '—' : formatNumber(row.realised)}</TableCell>
                  <TableCell className="number" title={row.pipeline?.map((p) => `${PROPOSAL_STATUS_NAMES[p.status] ?? p.status}: ${formatNumber(p.places)}`).join(', ')}>
                    {formatNumber(pipelineTotal(row))}
                  </TableCell>
                  <TableCell className="number">{row.combinedIn ? 'zie combinatie' : formatRange(row.plannedGap)}</TableCell>
                  <TableCell className="number">{formatNumber(row.realisedGap)}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
          <TableFooter>
            <TableRow>
              <HeaderCell scope="row" colSpan={single ? 1 : 2}>
                Totaal
              </HeaderCell>
              <TableCell className="number">{formatNumber(overview.totalOpgave)}</TableCell>
              <TableCell className="number">{formatRange(overview.totalPlanned)}</TableCell>
              <TableCell className="number">{formatNumber(overview.totalRealised)}</TableCell>
              <TableCell className="number">{formatNumber(overview.totalPipeline)}</TableCell>
              <TableCell className="number">{formatRange(overview.totalPlannedGap)}</TableCell>
              <TableCell className="number">{formatNumber(overview.totalRealisedGap)}</TableCell>
            </TableRow>
          </TableFooter>
        </Table>
      </ScrollTable>
      <label className="checkbox-label">
        <input type="checkbox" checked={showEmpty} onChange={(event) => setShowEmpty(event.target.checked)} /> Toon ook rijen zonder cijfers
      </label>
    </Section>
  );
}

/** Realised places over time for one province and opvangtype, as a chart and a table. */
export function Timeline({ on, provinceCodes, fixedProvince }: { on: string; provinceCodes: string[]; fixedProvince?: string }) {
  const [province, setProvince] = useState(fixedProvince ?? provinceCodes[0] ?? 'UT');
  const [opvangtype, setOpvangtype] = useState('');
  const from = yearsBefore(on, 3);
  const [{ data, error, fetching }] = useQuery({
    query: TimelineQuery,
    variables: { provinceCode: province as never, opvangtype: (opvangtype || null) as never, from, to: on },
    pause: !province,
  });
  const points = data?.capacityTimeline ?? [];
  const label = `${provinceName(province)}, ${opvangtype ? opvangtypeName(opvangtype) : 'alle opvangtypes'}`;
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => `${formatNumber(typeof value === 'number' ? value : null)} plaatsen` },
      grid: { left: 64, right: 16, top: 32, bottom: 40 },
      xAxis: { type: 'category', data: points.map((p) => formatShortDate(p.date)) },
      yAxis: { type: 'value', name: 'plaatsen', axisLabel: { formatter: (value: number) => formatNumber(value) } },
      series: [{ name: 'Gerealiseerd', type: 'line', step: 'end', data: points.map((p) => p.places), itemStyle: { color: '#154273' } }],
    }),
    [points],
  );
  const last = points.at(-1);
  return (
    <Section id="verloop" title="Verloop van de gerealiseerde capaciteit">
      <div className="filters">
        {fixedProvince ? null : (
          <FormFieldSelect label="Provincie" name="provincie" value={province} onChange={(event) => setProvince(event.target.value)}>
            {provinceCodes.map((code) => (
              <SelectOption key={code} value={code}>
                {provinceName(code)}
              </SelectOption>
            ))}
          </FormFieldSelect>
        )}
        <FormFieldSelect label="Opvangtype" name="opvangtype" value={opvangtype} onChange={(event) => setOpvangtype(event.target.value)}>
          <SelectOption value="">Alle opvangtypes</SelectOption>
          {Object.entries(OPVANGTYPE_NAMES).map(([code, name]) => (
            <SelectOption key={code} value={code}>
              {name}
            </SelectOption>
          ))}
        </FormFieldSelect>
      </div>
      <ErrorAlert error={error} />
      {fetching && !data ? <Paragraph role="status">Bezig met laden…</Paragraph> : null}
      {points.length > 0 ? (
        <>
          <Chart
            option={option}
            description={`Lijndiagram van de gerealiseerde plaatsen per maand, ${label}, van ${formatDate(points[0]!.date)} tot ${formatDate(last!.date)}: van ${formatNumber(points[0]!.places)} naar ${formatNumber(last!.places)} plaatsen. De cijfers staan ook in de tabel.`}
          />
          <details className="chart-table">
            <summary>Cijfers van het verloop als tabel</summary>
            <ScrollTable label={'Tabel gerealiseerde plaatsen per maand'}>
              <Table>
                <TableCaption>Gerealiseerde plaatsen per maand, {label}</TableCaption>
                <TableHeader>
                  <TableRow>
                    <HeaderCell scope="col">Datum</HeaderCell>
                    <HeaderCell scope="col" numeric>Plaatsen</HeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {points.map((p) => (
                    <TableRow key={p.date}>
                      <HeaderCell scope="row">{formatDate(p.date)}</HeaderCell>
                      <TableCell className="number">{formatNumber(p.places)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </ScrollTable>
          </details>
        </>
      ) : null}
    </Section>
  );
}

/** Bestuursovereenkomsten ending within a year: places at stake, extended, replacement in the pipeline. */
export function Expiring({ on, provinceCode }: { on: string; provinceCode?: string }) {
  const [{ data, error, fetching }] = useQuery({ query: ExpiringQuery, variables: { from: on, provinceCode: (provinceCode ?? null) as never } });
  const provinces = data?.expiringAgreements ?? [];
  const agreements = provinces.flatMap((p) => p.agreements);
  const totalAtStake = provinces.reduce((sum, p) => sum + p.placesAtStake, 0);
  // The agreements carry the gemeente's code: its name comes from the list of gemeenten (the code if not found).
  const [gemeenten] = useQuery({ query: GemeenteNamesQuery, variables: { provinceCode: (provinceCode ?? null) as never }, pause: agreements.length === 0 });
  const gemeenteNames = useMemo(() => new Map((gemeenten.data?.gemeenten.edges ?? []).map((edge) => [edge.node.code, edge.node.name])), [gemeenten.data]);
  return (
    <Section id="aflopend" title="Aflopende bestuursovereenkomsten">
      <ErrorAlert error={error} />
      {fetching && !data ? <Paragraph role="status">Bezig met laden…</Paragraph> : null}
      {data ? (
        <>
          <Paragraph>
            Binnen een jaar na {formatDate(on)} lopen {formatNumber(agreements.length)} bestuursovereenkomsten af. Niet
            verlengd en niet opgevangen door voorstellen in de pijplijn: {formatNumber(totalAtStake)} plaatsen.
          </Paragraph>
          {agreements.length > 0 ? (
            <ScrollTable label={'Tabel aflopende bestuursovereenkomsten'}>
              <Table>
                <TableCaption>Bestuursovereenkomsten die binnen een jaar na {formatDate(on)} aflopen</TableCaption>
                <TableHeader>
                  <TableRow>
                    <HeaderCell scope="col">Locatie</HeaderCell>
                    {provinceCode ? null : <HeaderCell scope="col">Provincie</HeaderCell>}
                    <HeaderCell scope="col">Gemeente</HeaderCell>
                    <HeaderCell scope="col">Opvangtype</HeaderCell>
                    <HeaderCell scope="col">Einddatum</HeaderCell>
                    <HeaderCell scope="col" numeric>Plaatsen</HeaderCell>
                    <HeaderCell scope="col">Verlengd</HeaderCell>
                    <HeaderCell scope="col">Vervanging in pijplijn</HeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {provinces.flatMap((p) =>
                    p.agreements.map((a, index) => (
                      <TableRow key={`${p.provinceCode}-${index}-${a.locationName}`}>
                        <HeaderCell scope="row">{a.locationName}</HeaderCell>
                        {provinceCode ? null : <TableCell>{provinceName(p.provinceCode)}</TableCell>}
                        <TableCell>{gemeenteNames.get(a.gemeenteCode) ?? a.gemeenteCode}</TableCell>
                        <TableCell>{opvangtypeName(a.opvangtype)}</TableCell>
                        <TableCell>
                          {formatDate(a.endDate)}
                          {a.endedEarly ? ' (eerder beëindigd)' : ''}
                        </TableCell>
                        <TableCell className="number">{formatNumber(a.places)}</TableCell>
                        <TableCell>{a.extended ? 'Ja' : 'Nee'}</TableCell>
                        <TableCell>{a.replacementProposed ? `Ja, ${formatNumber(a.replacementPlaces)} plaatsen` : 'Nee'}</TableCell>
                      </TableRow>
                    )),
                  )}
                </TableBody>
                <TableFooter>
                  <TableRow>
                    <HeaderCell scope="row" colSpan={provinceCode ? 4 : 5}>
                      Plaatsen op het spel (niet verlengd, niet vervangen)
                    </HeaderCell>
                    <TableCell className="number">{formatNumber(totalAtStake)}</TableCell>
                    <TableCell colSpan={2} />
                  </TableRow>
                </TableFooter>
              </Table>
            </ScrollTable>
          ) : null}
        </>
      ) : null}
    </Section>
  );
}

/** CSV exports for reports, fetched with the signed-in person's token. */
export function CsvDownloads({ on, provinceCode, agreements }: { on: string; provinceCode?: string; agreements: boolean }) {
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const suffix = provinceCode ? `&provinceCode=${provinceCode}` : '';
  const name = provinceCode ? `-${provinceCode.toLowerCase()}` : '';
  const run = async (path: string, filename: string) => {
    setFailure(null);
    setBusy(true);
    try {
      await downloadCsv(path, filename);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : 'De export kon niet worden gemaakt.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section id="exports" title="Exporteren (CSV)">
      {failure ? (
        <Alert type="error" role="alert">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      ) : null}
      <div className="button-row">
        <SecondaryActionButton type="button" disabled={busy} onClick={() => run(`/export/national-overview.csv?on=${on}${suffix}`, `overzicht${name}-${on}.csv`)}>
          Overzicht per opvangtype (CSV)
        </SecondaryActionButton>
        {agreements ? (
          <>
        <SecondaryActionButton type="button" disabled={busy} onClick={() => run(`/export/expiring-agreements.csv?from=${on}&within=365${suffix}`, `aflopend${name}-${on}.csv`)}>
          Aflopende overeenkomsten per opvangtype (CSV)
        </SecondaryActionButton>
        <SecondaryActionButton type="button" disabled={busy} onClick={() => run(`/export/expiring-agreements.csv?from=${on}&within=365${suffix}&per=agreement`, `aflopend-per-overeenkomst${name}-${on}.csv`)}>
          Aflopende overeenkomsten, één per regel (CSV)
        </SecondaryActionButton>
          </>
        ) : null}
      </div>
    </Section>
  );
}
