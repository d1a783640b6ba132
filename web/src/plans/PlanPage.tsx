import './plans.css';
import {
  Alert,
  FormFieldSelect,
  Heading,
  Paragraph,
  PrimaryActionButton,
  SelectOption,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableRow,
} from '@rijkshuisstijl-community/components-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { AppLink } from '../app/AppLink';
import { ErrorAlert } from '../app/ErrorAlert';
import { LiveIndicator } from '../app/LiveIndicator';
import { SafeMarkdown } from '../app/SafeMarkdown';
import { Loading } from '../app/Loading';
import { formatDate, formatDateTime, formatNumber, formatRange, opvangtypesLabel, planStatusName } from '../app/format';
import { HeaderCell, ScrollTable, Section } from '../app/table';
import { usePageTitle } from '../app/usePageTitle';
import { AuditTrail } from '../activity/AuditTrail';
import { Comments } from '../comments/Comments';
import { GapsChart } from './GapsChart';
import { usePlanChanges } from './live';
import { PlanActions } from './PlanActions';
import { PlanChanged, PlanDiffQuery, PlanQuery, type Plan, type PlanDiff } from './queries';
import type { ResultOf } from '../app/graphql';
import type { CombinedError } from 'urql';

export const timeFormat = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });

export const SECTION_NAMES: [keyof Plan['sections'], string][] = [
  ['context', 'Context'],
  ['regionalAllocation', 'Regionale verdeling'],
  ['timeline', 'Tijdpad'],
  ['vergunninghouders', 'Vergunninghouders'],
];

const CHANGE_KIND_NAMES: Record<string, string> = {
  CREATED: 'Aangemaakt',
  EDITED: 'Gewijzigd',
  SUBMITTED: 'Ingediend',
  RETURNED: 'Teruggestuurd',
  ADOPTED: 'Vastgesteld',
};

const LINE_CHANGE_NAMES: Record<string, string> = { ADDED: 'Toegevoegd', REMOVED: 'Verwijderd', CHANGED: 'Gewijzigd' };

/** Dutch names of the fields a diff names; a field without one is shown as the API names it. */
const FIELD_NAMES: Record<string, string> = {
  title: 'titel',
  status: 'status',
  targetDate: 'streefdatum',
  returnReason: 'reden van terugsturen',
  minPlaces: 'minimum aantal plaatsen',
  maxPlaces: 'maximum aantal plaatsen',
  note: 'toelichting',
  opvangtypes: 'opvangtypes',
  regions: "regio's",
  context: 'sectie Context',
  regionalAllocation: 'sectie Regionale verdeling',
  timeline: 'sectie Tijdpad',
  vergunninghouders: 'sectie Vergunninghouders',
  'sections.context': 'sectie Context',
  'sections.regionalAllocation': 'sectie Regionale verdeling',
  'sections.timeline': 'sectie Tijdpad',
  'sections.vergunninghouders': 'sectie Vergunninghouders',
};

/** A field's value as people read it: statuses and dates in Dutch, text as it is (never as markup). */
function fieldValue(field: string, value: string | null | undefined): string {
  if (value == null || value === '') return '(leeg)';
  if (field === 'status') return planStatusName(value);
  if (field === 'targetDate') return formatDate(value);
  return value;
}

/**
 * The summaries the server writes itself are in English; those are said in Dutch here. A summary someone wrote
 * stays as written.
 */
export function summaryInDutch(summary: string): string {
  if (summary === 'Edited the plan text') return 'Tekst van het plan gewijzigd';
  if (summary === 'Submitted to the LRT') return 'Ingediend bij de LRT';
  if (summary === 'Adopted by the LRT') return 'Vastgesteld door de LRT';
  const created = /^Created "(.*)"$/s.exec(summary);
  if (created) return `"${created[1]}" aangemaakt`;
  const returned = /^Returned: (.*)$/s.exec(summary);
  if (returned) return `Teruggestuurd: ${returned[1]}`;
  const parts = summary.split(', ');
  // The server counts capacity lines: "1 changed" is one line changed.
  const words: Record<string, [string, string]> = {
    'line(s) added': ['regel toegevoegd', 'regels toegevoegd'],
    changed: ['regel gewijzigd', 'regels gewijzigd'],
    removed: ['regel verwijderd', 'regels verwijderd'],
  };
  const translated = parts.map((part) => {
    const match = /^(\d+) (line\(s\) added|changed|removed)$/.exec(part);
    if (!match) return null;
    const count = Number(match[1]);
    return `${formatNumber(count)} ${words[match[2]!]![count === 1 ? 0 : 1]}`;
  });
  return translated.every(Boolean) ? translated.join(', ') : summary;
}

function fieldName(field: string): string {
  return FIELD_NAMES[field] ?? field;
}

export function PlanPage() {
  const { id = '' } = useParams();
  return <PlanView key={id} id={id} />;
}

/** One plan, read-only, kept live: every `planChanged` event says who changed it and fetches it again. */
function PlanView({ id }: { id: string }) {
  const [{ data, error, fetching }, reexecute] = useQuery({ query: PlanQuery, variables: { id } });
  const { live, change } = usePlanChanges(id, reexecute);
  const plan = data?.provincialPlan;

  const title = plan ? plan.title : fetching && !data ? 'Plan' : 'Plan niet gevonden';
  usePageTitle(title);

  // One heading element whatever the state, so that the focus it gets on navigation stays when the plan arrives.
  return (
    <>
      <div className="page-heading">
        <Heading level={1}>{title}</Heading>
        {plan ? <LiveIndicator subscriptionError={live.error} /> : null}
      </div>
      {plan ? <PlanBody plan={plan} change={change} error={error} /> : null}
      {!plan ? <PlanMissing fetching={fetching} loaded={Boolean(data)} error={error} /> : null}
      {!plan && !fetching ? (
        <Paragraph>
          Ga naar de <AppLink to="/">startpagina</AppLink>.
        </Paragraph>
      ) : null}
    </>
  );
}

/** While a plan loads, or when it cannot be shown: said in words, never a code. */
export function PlanMissing({ fetching, loaded, error }: { fetching: boolean; loaded: boolean; error: CombinedError | undefined }) {
  return (
    <>
      {fetching && !loaded ? <Loading what="het plan" /> : null}
      {error ? <ErrorAlert error={error} title="Dit plan kan niet worden getoond." /> : null}
      {!fetching && loaded && !error ? (
        <Alert type="warning">
          <Paragraph>Dit plan bestaat niet, of u hebt er geen toegang toe.</Paragraph>
        </Alert>
      ) : null}
    </>
  );
}

function PlanBody({ plan, change, error }: { plan: Plan; change: ResultOf<typeof PlanChanged>['planChanged'] | undefined; error: CombinedError | undefined }) {
  return (
    <>
      {change ? (
        <Alert type="info" role="status">
          <Paragraph>
            Gewijzigd door {change.updatedBy?.name ?? 'onbekend'} om {timeFormat.format(new Date(change.updatedAt))}. De gegevens hieronder zijn
            bijgewerkt (versie {formatNumber(change.version)}).
          </Paragraph>
        </Alert>
      ) : null}
      <Paragraph>
        <AppLink to={`/provincie/${plan.province.code}/plannen`}>Alle plannen van {plan.province.name}</AppLink>
      </Paragraph>
      <dl className="totals">
        <div className="totals__item">
          <dt>Status</dt>
          <dd>{planStatusName(plan.status)}</dd>
        </div>
        <div className="totals__item">
          <dt>Versie</dt>
          <dd>{formatNumber(plan.version)}</dd>
        </div>
        <div className="totals__item">
          <dt>Streefdatum</dt>
          <dd>{formatDate(plan.targetDate)}</dd>
        </div>
      </dl>
      <Paragraph className="note">
        Laatst gewijzigd op {formatDateTime(plan.updatedAt)} door {plan.updatedBy?.name ?? 'onbekend'}.
      </Paragraph>
      {plan.status === 'TERUGGESTUURD' && plan.returnReason ? (
        <Alert type="warning">
          <Paragraph>Teruggestuurd door de LRT. Reden: {plan.returnReason}</Paragraph>
        </Alert>
      ) : null}
      <ErrorAlert error={error} />
      <PlanActions plan={plan} />
      <Lines plan={plan} />
      <Sections plan={plan} />
      <Gaps plan={plan} />
      <Comments subjectType="PROVINCIAL_PLAN" subjectId={plan.id} provinceCode={plan.province.code} />
      <History plan={plan} />
      <Compare plan={plan} />
      <AuditTrail subjectId={plan.id} provinceCode={plan.province.code} />
    </>
  );
}

function Lines({ plan }: { plan: Plan }) {
  return (
    <Section id="regels" title="Capaciteitsregels">
      {plan.lines.length === 0 ? (
        <Paragraph>Dit plan heeft nog geen capaciteitsregels.</Paragraph>
      ) : (
        <ScrollTable label="Tabel capaciteitsregels">
          <Table>
            <TableCaption>Capaciteitsregels met de vergelijking met de opgave</TableCaption>
            <TableHeader>
              <TableRow>
                <HeaderCell scope="col">Opvangtypes</HeaderCell>
                <HeaderCell scope="col">Streefdatum</HeaderCell>
                <HeaderCell scope="col" numeric>
                  Plaatsen (min–max)
                </HeaderCell>
                <HeaderCell scope="col">Toelichting</HeaderCell>
                <HeaderCell scope="col">Regionale verdeling</HeaderCell>
                <HeaderCell scope="col">Opgave (peildatum)</HeaderCell>
                <HeaderCell scope="col" numeric>
                  Tekort volgens plan (min–max)
                </HeaderCell>
                <HeaderCell scope="col" numeric>
                  Gerealiseerd
                </HeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {plan.lines.map((line) => (
                <TableRow key={line.id}>
                  <HeaderCell scope="row">{opvangtypesLabel(line.opvangtypes)}</HeaderCell>
                  <TableCell>{formatDate(line.targetDate)}</TableCell>
                  <TableCell className="number">{formatRange({ min: line.minPlaces, max: line.maxPlaces })}</TableCell>
                  <TableCell>{line.note ?? ''}</TableCell>
                  <TableCell className="plan-regions">
                    <RegionList regions={line.regions} />
                  </TableCell>
                  <TableCell>
                    {line.comparison ? `${formatNumber(line.comparison.opgave)} plaatsen (${formatDate(line.comparison.dueDate)})` : 'Geen opgave'}
                  </TableCell>
                  <TableCell className="number">{line.comparison ? formatRange(ordered(line.comparison.shortfall)) : '—'}</TableCell>
                  <TableCell className="number">{line.realised == null ? 'niet zichtbaar' : formatNumber(line.realised)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      )}
    </Section>
  );
}

type RegionShare = Plan['lines'][number]['regions'][number];

/** One region of a line as people read it: its name, its range of places and the gemeenten it groups. */
export function regionText(region: RegionShare): string {
  const gemeenten = region.gemeenten.length ? `; gemeenten: ${region.gemeenten.map((gemeente) => gemeente.name).join(', ')}` : '';
  return `${region.name}: ${formatRange({ min: region.minPlaces, max: region.maxPlaces })} plaatsen${gemeenten}`;
}

/** A line's regional split, one region an item; said in words when the line is not split. */
export function RegionList({ regions }: { regions: readonly RegionShare[] }) {
  if (regions.length === 0) return <span className="note">Niet verdeeld</span>;
  return (
    <ul className="plan-regions__list">
      {regions.map((region, index) => (
        <li key={index}>
          <strong>{region.name}</strong>: {formatRange({ min: region.minPlaces, max: region.maxPlaces })} plaatsen
          {region.gemeenten.length ? <> (gemeenten: {region.gemeenten.map((gemeente) => gemeente.name).join(', ')})</> : null}
        </li>
      ))}
    </ul>
  );
}

/** A range shown lowest first, whatever order it comes in. */
export function ordered(range: { min: number; max: number }) {
  return { min: Math.min(range.min, range.max), max: Math.max(range.min, range.max) };
}

/** The four Markdown sections, rendered safely. */
function Sections({ plan }: { plan: Plan }) {
  return (
    <Section id="toelichting" title="Toelichting">
      {SECTION_NAMES.map(([key, name]) => {
        const text = plan.sections[key];
        return (
          <section key={key} aria-labelledby={`sectie-${key}`} className="plan-section">
            <Heading level={3} id={`sectie-${key}`}>
              {name}
            </Heading>
            {text ? <SafeMarkdown text={text} /> : <Paragraph className="note">Nog niet ingevuld.</Paragraph>}
          </section>
        );
      })}
    </Section>
  );
}

/** The plan against the opgave per opvangtype and due date: a chart and the same figures in a table. */
export function Gaps({ plan }: { plan: Pick<Plan, 'gaps'> }) {
  return (
    <Section id="tekorten" title="Plan tegenover opgave">
      {plan.gaps.length === 0 ? (
        <Paragraph>Er is geen opgave binnen de planningsronde van dit plan.</Paragraph>
      ) : (
        <>
        <GapsChart gaps={plan.gaps} />
        <ScrollTable label="Tabel plan tegenover opgave">
          <Table>
            <TableCaption>Plan tegenover opgave, per opvangtype en peildatum</TableCaption>
            <TableHeader>
              <TableRow>
                <HeaderCell scope="col">Opvangtypes</HeaderCell>
                <HeaderCell scope="col">Peildatum</HeaderCell>
                <HeaderCell scope="col" numeric>
                  Opgave
                </HeaderCell>
                <HeaderCell scope="col" numeric>
                  Gepland (min–max)
                </HeaderCell>
                <HeaderCell scope="col" numeric>
                  Tekort (min–max)
                </HeaderCell>
                <HeaderCell scope="col" numeric>
                  Gerealiseerd
                </HeaderCell>
                <HeaderCell scope="col" numeric>
                  Pijplijn
                </HeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {plan.gaps.map((gap) => (
                <TableRow key={`${gap.opvangtypes.join('+')}-${gap.dueDate}`}>
                  <HeaderCell scope="row">{opvangtypesLabel(gap.opvangtypes)}</HeaderCell>
                  <TableCell>{formatDate(gap.dueDate)}</TableCell>
                  <TableCell className="number">{formatNumber(gap.opgave)}</TableCell>
                  <TableCell className="number">{formatRange(gap.planned)}</TableCell>
                  <TableCell className="number">{formatRange(ordered(gap.shortfall))}</TableCell>
                  <TableCell className="number">{gap.realised == null ? 'niet zichtbaar' : formatNumber(gap.realised)}</TableCell>
                  <TableCell className="number">{gap.pipeline == null ? 'niet zichtbaar' : formatNumber(gap.pipeline)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
        </>
      )}
    </Section>
  );
}

function History({ plan }: { plan: Plan }) {
  return (
    <Section id="geschiedenis" title="Versiegeschiedenis">
      <ScrollTable label="Tabel versiegeschiedenis">
        <Table>
          <TableCaption>Alle versies van het plan, oudste eerst</TableCaption>
          <TableHeader>
            <TableRow>
              <HeaderCell scope="col" numeric>
                Versie
              </HeaderCell>
              <HeaderCell scope="col">Wanneer</HeaderCell>
              <HeaderCell scope="col">Door</HeaderCell>
              <HeaderCell scope="col">Soort</HeaderCell>
              <HeaderCell scope="col">Status daarna</HeaderCell>
              <HeaderCell scope="col">Samenvatting</HeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {plan.revisions.map((revision) => (
              <TableRow key={revision.version}>
                <HeaderCell scope="row" numeric>
                  {formatNumber(revision.version)}
                </HeaderCell>
                <TableCell>{formatDateTime(revision.createdAt)}</TableCell>
                <TableCell>{revision.author?.name ?? 'onbekend'}</TableCell>
                <TableCell>{CHANGE_KIND_NAMES[revision.kind] ?? revision.kind}</TableCell>
                <TableCell>{planStatusName(revision.status)}</TableCell>
                <TableCell>{summaryInDutch(revision.summary)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ScrollTable>
    </Section>
  );
}

/** Choose two versions; shows what the API says changed between them. */
function Compare({ plan }: { plan: Plan }) {
  const versions = plan.revisions.map((revision) => revision.version);
  const first = versions[0] ?? 1;
  const last = versions[versions.length - 1] ?? plan.version;
  const [from, setFrom] = useState(String(first));
  const [to, setTo] = useState(String(last));
  const [chosen, setChosen] = useState<{ from: number; to: number } | null>(null);
  const [{ data, error, fetching }] = useQuery({
    query: PlanDiffQuery,
    variables: { id: plan.id, from: chosen?.from ?? 0, to: chosen?.to ?? 0 },
    pause: !chosen,
    requestPolicy: 'network-only',
  });
  const diff = chosen ? data?.provincialPlan?.diff : undefined;
  return (
    <Section id="vergelijken" title="Vergelijk versies">
      <form
        className="filters"
        aria-label="Twee versies kiezen"
        onSubmit={(event) => {
          event.preventDefault();
          setChosen({ from: Number(from), to: Number(to) });
        }}
      >
        <VersionSelect label="Van versie" name="van" versions={versions} value={from} onChange={setFrom} />
        <VersionSelect label="Naar versie" name="naar" versions={versions} value={to} onChange={setTo} />
        <PrimaryActionButton type="submit">Vergelijk</PrimaryActionButton>
      </form>
      <ErrorAlert error={chosen ? error : undefined} />
      {chosen && fetching ? <Loading what="de verschillen" /> : null}
      {diff ? <DiffView diff={diff} /> : null}
    </Section>
  );
}

function lineSummary(line: PlanDiff['lines'][number]['before']): string {
  if (!line) return '';
  const note = line.note ? ` — ${line.note}` : '';
  const regions = line.regions.length ? `. Regio's: ${line.regions.map(regionText).join(' | ')}` : '';
  return `${opvangtypesLabel(line.opvangtypes)}, ${formatRange({ min: line.minPlaces, max: line.maxPlaces })} plaatsen op ${formatDate(line.targetDate)}${note}${regions}`;
}

export function DiffView({ diff }: { diff: PlanDiff }) {
  const same = diff.fields.length === 0 && diff.lines.length === 0;
  return (
    <div aria-live="polite">
      <Heading level={3}>
        Verschillen tussen versie {diff.fromVersion} en versie {diff.toVersion}
      </Heading>
      {same ? <Paragraph>Er zijn geen verschillen.</Paragraph> : null}
      {diff.fields.length > 0 ? (
        <ScrollTable label="Tabel gewijzigde gegevens">
          <Table>
            <TableCaption>Gewijzigde gegevens van het plan</TableCaption>
            <TableHeader>
              <TableRow>
                <HeaderCell scope="col">Gegeven</HeaderCell>
                <HeaderCell scope="col">Was</HeaderCell>
                <HeaderCell scope="col">Wordt</HeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {diff.fields.map((field) => (
                <TableRow key={field.field}>
                  <HeaderCell scope="row">{fieldName(field.field)}</HeaderCell>
                  <TableCell>{fieldValue(field.field, field.before)}</TableCell>
                  <TableCell>{fieldValue(field.field, field.after)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      ) : null}
      {diff.lines.length > 0 ? (
        <ScrollTable label="Tabel gewijzigde capaciteitsregels">
          <Table>
            <TableCaption>Gewijzigde capaciteitsregels</TableCaption>
            <TableHeader>
              <TableRow>
                <HeaderCell scope="col">Wijziging</HeaderCell>
                <HeaderCell scope="col">Was</HeaderCell>
                <HeaderCell scope="col">Wordt</HeaderCell>
                <HeaderCell scope="col">Gewijzigde velden</HeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {diff.lines.map((line) => (
                <TableRow key={line.lineId}>
                  <HeaderCell scope="row">{LINE_CHANGE_NAMES[line.kind] ?? line.kind}</HeaderCell>
                  <TableCell>{lineSummary(line.before) || '—'}</TableCell>
                  <TableCell>{lineSummary(line.after) || '—'}</TableCell>
                  <TableCell>{line.fields.map(fieldName).join(', ') || '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      ) : null}
    </div>
  );
}

function VersionSelect(props: { label: string; name: string; versions: number[]; value: string; onChange: (value: string) => void }) {
  return (
    <FormFieldSelect label={props.label} name={props.name} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
      {props.versions.map((version) => (
        <SelectOption key={version} value={String(version)}>
          Versie {version}
        </SelectOption>
      ))}
    </FormFieldSelect>
  );
}
