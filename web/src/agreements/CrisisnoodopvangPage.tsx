import { Fieldset, Heading, Paragraph, PrimaryActionButton, SecondaryActionButton, SelectOption, TableCell, TableRow } from '@rijkshuisstijl-community/components-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useMutation, useQuery, useSubscription } from 'urql';
import { AppLink } from '../app/AppLink';
import { ErrorAlert } from '../app/ErrorAlert';
import { ViewerQuery } from '../app/Home';
import type { ResultOf } from '../app/graphql';
import { Loading } from '../app/Loading';
import { formatDate, formatDateTime, formatNumber, provinceName, todayIso } from '../app/format';
import { applyServerFieldErrors, useWarnBeforeLeaving } from '../app/forms';
import { HeaderCell, ListTable, Section } from '../app/table';
import { usePageTitle } from '../app/usePageTitle';
import { may } from '../opgave/abilities';
import { dateRule, periodEndRule, placesRule } from '../opgave/rules';
import { useRefetchOn } from '../opgave/useRefetchOn';
import { DoneNotice, requiredText, SelectField, TextareaField, TextField } from '../people/fields';
import { LiveProvinces, type Watched } from '../proposals/live';
import { CrisisnoodopvangQuery, CrisisnoodopvangRecorded, RecordCrisisnoodopvangMutation, UpdateCrisisnoodopvangMutation, type CrisisnoodopvangRecord } from './queries';

type Viewer = ResultOf<typeof ViewerQuery>['viewer'];
type RecordedEvent = { id: string; at: string; actor?: { id: string; name: string } | null };

/** The most places the API accepts in one record. */
const MAX_PLACES = 100_000;
const FIELDS = ['gemeenteCode', 'locationName', 'places', 'from', 'until', 'note'];

/** The gemeenten the viewer may record crisisnoodopvang for: their own, where the API gives the ability. */
function recordingGemeenten(viewer: Viewer | undefined): { code: string; name: string }[] {
  if (!viewer) return [];
  const gemeenten = new Map<string, string>();
  for (const membership of viewer.memberships) {
    const gemeente = membership.gemeente;
    if (membership.role === 'GEMEENTE' && gemeente && may(viewer.abilities, 'RECORD_CRISISNOODOPVANG', gemeente.province.code)) gemeenten.set(gemeente.code, gemeente.name);
  }
  return [...gemeenten].map(([code, name]) => ({ code, name }));
}

/** One province's (or, with '', the country's) crisisnoodopvang events, for LiveProvinces. */
function useRecordedEvent(code: string): Watched<RecordedEvent> {
  const [live] = useSubscription({ query: CrisisnoodopvangRecorded, variables: { provinceCode: (code || null) as never } });
  const event = live.data?.activity;
  return { key: event?.id ?? null, value: event, error: live.error };
}

/** The provinces whose events keep a list live: '' for the whole country when the viewer follows it. */
function followed(viewer: Viewer | undefined, provinceCode?: string): string[] {
  const follow = viewer?.abilities.find((a) => a.action === 'FOLLOW_ACTIVITY');
  if (!follow) return [];
  if (provinceCode) return follow.national || follow.provinceCodes.includes(provinceCode as never) ? [provinceCode] : [];
  return follow.national ? [''] : [...follow.provinceCodes];
}

/**
 * Crisisnoodopvang: a gemeente's (or its veiligheidsregio's) last resort, recorded by the gemeente itself with its
 * period; listed for those the API lets see it, live. The form only for those with RECORD_CRISISNOODOPVANG.
 */
export function CrisisnoodopvangPage() {
  usePageTitle('Crisisnoodopvang');
  const [viewer] = useQuery({ query: ViewerQuery });
  const gemeenten = recordingGemeenten(viewer.data?.viewer);
  const [list, reexecute] = useQuery({ query: CrisisnoodopvangQuery, variables: { provinceCode: null, gemeenteCode: null } });
  const [change, setChange] = useState<RecordedEvent | null>(null);
  const refetch = (event: RecordedEvent | null) => {
    if (event) setChange(event);
    reexecute({ requestPolicy: 'network-only' });
  };
  const records = list.data?.crisisnoodopvang;
  const [editing, setEditing] = useState<string | null>(null);
  const edited = records?.find((record) => record.id === editing);
  const own = new Set(gemeenten.map((gemeente) => gemeente.code));
  return (
    <>
      <Heading level={1}>Crisisnoodopvang</Heading>
      <Paragraph>
        Crisisnoodopvang is het uiterste redmiddel van een gemeente (of haar veiligheidsregio), geen opvang van het COA en zonder
        bestuursovereenkomst. De plaatsen tellen in de cijfers als eigen opvangtype zolang de periode loopt; zij tellen niet mee voor de
        totale opvangopgave, het kortetermijndoel of een opgave van elk opvangtype.
      </Paragraph>
      <LiveProvinces provinceCodes={followed(viewer.data?.viewer)} use={useRecordedEvent} onChange={refetch} />
      {change ? (
        <Paragraph className="note" role="status">
          Bijgewerkt na een melding door {change.actor?.name ?? 'onbekend'} op {formatDateTime(change.at)}.
        </Paragraph>
      ) : null}
      {gemeenten.length > 0 ? (
        <Section id="crisisnoodopvang-vastleggen" title="Crisisnoodopvang vastleggen">
          <RecordForm gemeenten={gemeenten} onRecorded={() => refetch(null)} />
        </Section>
      ) : null}
      <Section id="crisisnoodopvang-lijst" title="Vastgelegde crisisnoodopvang">
        <ErrorAlert error={list.error} />
        {list.fetching && !records ? <Loading what="de crisisnoodopvang" /> : null}
        {records ? <CrisisnoodopvangTable records={records} label="Tabel crisisnoodopvang" editable={own} onEdit={setEditing} /> : null}
      </Section>
      {edited ? (
        <Section id="crisisnoodopvang-wijzigen" title={`${edited.locationName} wijzigen`}>
          <EditForm key={edited.id} record={edited} onDone={() => { setEditing(null); refetch(null); }} />
        </Section>
      ) : null}
    </>
  );
}

/** A province's crisisnoodopvang on its page, live, for those who may see it; a link to record it for its gemeenten. */
export function ProvinceCrisisnoodopvangSection({ code }: { code: string }) {
  const [viewer] = useQuery({ query: ViewerQuery });
  const abilities = viewer.data?.viewer.abilities;
  const reads = may(abilities, 'READ_PROPOSALS_AND_AGREEMENTS', code) || may(abilities, 'RECORD_CRISISNOODOPVANG', code);
  const [list, reexecute] = useQuery({ query: CrisisnoodopvangQuery, variables: { provinceCode: code as never, gemeenteCode: null }, pause: !reads });
  // Live with the page (whose own indicator says whether it is): fetched again on every recording in the province.
  const follows = followed(viewer.data?.viewer, code).length > 0;
  const [live] = useSubscription({ query: CrisisnoodopvangRecorded, variables: { provinceCode: code as never }, pause: !reads || !follows });
  useRefetchOn(live.data?.activity.id, reexecute);
  if (!reads) return null;
  const records = list.data?.crisisnoodopvang;
  return (
    <Section id="crisisnoodopvang" title={`Crisisnoodopvang ${provinceName(code)}`}>
      <ErrorAlert error={list.error} />
      {records ? <CrisisnoodopvangTable records={records} label={`Tabel crisisnoodopvang ${provinceName(code)}`} /> : null}
      {may(abilities, 'RECORD_CRISISNOODOPVANG', code) ? (
        <Paragraph>
          <AppLink to="/crisisnoodopvang">Crisisnoodopvang van uw gemeente vastleggen</AppLink>
        </Paragraph>
      ) : null}
    </Section>
  );
}

function CrisisnoodopvangTable({
  records,
  label,
  editable,
  onEdit,
}: {
  records: readonly CrisisnoodopvangRecord[];
  label: string;
  /** Gemeenten whose records the viewer may change (its own, where the API gives RECORD_CRISISNOODOPVANG). */
  editable?: ReadonlySet<string>;
  onEdit?: (id: string) => void;
}) {
  if (records.length === 0) return <Paragraph>Er is geen crisisnoodopvang vastgelegd die u mag zien.</Paragraph>;
  const today = todayIso();
  return (
    <ListTable
      label={label}
      caption={<>Crisisnoodopvang per locatie, met periode; vroegste begindatum eerst</>}
      columns={['Locatie', 'Gemeente', 'Provincie', { label: 'Plaatsen', numeric: true }, 'Van', 'Tot en met', 'Loopt vandaag', 'Toelichting', 'Vastgelegd', ...(onEdit ? ['Wijzigen'] : [])]}
    >
      {records.map((record) => (
        <TableRow key={record.id}>
          <HeaderCell scope="row">{record.locationName}</HeaderCell>
          <TableCell>{record.gemeente?.name ?? record.gemeenteCode}</TableCell>
          <TableCell>{provinceName(record.provinceCode)}</TableCell>
          <TableCell className="number">{formatNumber(record.places)}</TableCell>
          <TableCell>{formatDate(record.from)}</TableCell>
          <TableCell>{formatDate(record.until)}</TableCell>
          <TableCell>{record.from <= today && record.until >= today ? 'Ja' : 'Nee'}</TableCell>
          <TableCell>{record.note ?? ''}</TableCell>
          <TableCell>{formatDateTime(record.recordedAt)}</TableCell>
          {onEdit ? (
            <TableCell>
              {editable?.has(record.gemeenteCode) ? (
                <SecondaryActionButton type="button" onClick={() => onEdit(record.id)}>
                  Wijzigen<span className="visually-hidden">: {record.locationName}</span>
                </SecondaryActionButton>
              ) : null}
            </TableCell>
          ) : null}
        </TableRow>
      ))}
    </ListTable>
  );
}

interface RecordValues {
  gemeenteCode: string;
  locationName: string;
  places: string;
  from: string;
  until: string;
  note: string;
}

function RecordForm({ gemeenten, onRecorded }: { gemeenten: { code: string; name: string }[]; onRecorded: () => void }) {
  const [saving, record] = useMutation(RecordCrisisnoodopvangMutation);
  const empty: RecordValues = { gemeenteCode: gemeenten[0]?.code ?? '', locationName: '', places: '', from: '', until: '', note: '' };
  const {
    register,
    handleSubmit,
    reset,
    setError,
    getValues,
    formState: { errors, isDirty },
  } = useForm<RecordValues>({ defaultValues: empty, shouldFocusError: true });
  const [failure, setFailure] = useState<typeof saving.error>(undefined);
  const [saved, setSaved] = useState<string | null>(null);
  useWarnBeforeLeaving(isDirty);

  const onSubmit = handleSubmit(async (values) => {
    setFailure(undefined);
    setSaved(null);
    const result = await record({
      input: {
        gemeenteCode: values.gemeenteCode,
        locationName: values.locationName.trim(),
        places: Number(values.places),
        from: values.from,
        until: values.until,
        note: values.note.trim() || null,
      },
    });
    if (result.error) {
      // What the person typed stays; the fields the API names are marked.
      setFailure(result.error);
      applyServerFieldErrors(result.error, setError, (path) => FIELDS.includes(path));
      return;
    }
    const recorded = result.data!.recordCrisisnoodopvang;
    reset(empty);
    setSaved(
      `Vastgelegd: ${formatNumber(recorded.places)} plaatsen crisisnoodopvang in ${recorded.locationName} (${recorded.gemeente?.name ?? recorded.gemeenteCode}), van ${formatDate(recorded.from)} tot en met ${formatDate(recorded.until)}.`,
    );
    onRecorded();
  });

  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby="crisisnoodopvang-form-titel">
      <Fieldset legend="Crisisnoodopvang met periode" legendId="crisisnoodopvang-form-titel">
        <SelectField label="Gemeente" required registration={register('gemeenteCode', { required: 'Kies de gemeente.' })} error={errors.gemeenteCode}>
          {gemeenten.map((gemeente) => (
            <SelectOption key={gemeente.code} value={gemeente.code}>
              {gemeente.name}
            </SelectOption>
          ))}
        </SelectField>
        <TextField
          label="Naam van de locatie"
          required
          registration={register('locationName', { validate: requiredText('Vul de naam van de locatie in.', 'De naam', 200) })}
          error={errors.locationName}
        />
        <TextField
          label="Aantal plaatsen"
          type="number"
          required
          registration={register('places', { required: 'Vul het aantal plaatsen in.', validate: placesRule(MAX_PLACES, 1) })}
          error={errors.places}
        />
        <TextField label="Open vanaf" type="date" required registration={register('from', { required: 'Vul de begindatum in.', validate: dateRule })} error={errors.from} />
        <TextField
          label="Open tot en met"
          description="Zoals nu verwacht; verandert de periode, wijzig dan de vastgelegde opvang in de lijst."
          type="date"
          required
          registration={register('until', {
            required: 'Vul de einddatum in.',
            validate: periodEndRule(() => getValues('from')),
          })}
          error={errors.until}
        />
        <TextareaField
          label="Toelichting (niet verplicht)"
          description="Bijvoorbeeld de veiligheidsregio die de opvang verzorgt."
          registration={register('note', { validate: (value) => value.trim().length <= 1000 || 'De toelichting is te lang: ten hoogste 1000 tekens.' })}
          error={errors.note}
        />
      </Fieldset>
      {failure ? <ErrorAlert error={failure} title="De crisisnoodopvang is niet vastgelegd." /> : null}
      <DoneNotice message={saved} />
      <div className="button-row">
        <PrimaryActionButton type="submit" disabled={saving.fetching}>
          Vastleggen
        </PrimaryActionButton>
        <SecondaryActionButton type="button" onClick={() => reset(empty)}>
          Leegmaken
        </SecondaryActionButton>
      </div>
    </form>
  );
}

interface EditValues {
  places: string;
  from: string;
  until: string;
}

/** The gemeente changes a record: places or period (e.g. closed early), on the version it saw; a conflict keeps the input. */
function EditForm({ record, onDone }: { record: CrisisnoodopvangRecord; onDone: () => void }) {
  const [saving, update] = useMutation(UpdateCrisisnoodopvangMutation);
  const {
    register,
    handleSubmit,
    setError,
    getValues,
    formState: { errors },
  } = useForm<EditValues>({ defaultValues: { places: String(record.places), from: record.from, until: record.until }, shouldFocusError: true });
  const [failure, setFailure] = useState<typeof saving.error>(undefined);
  const onSubmit = handleSubmit(async (values) => {
    setFailure(undefined);
    const result = await update({ input: { id: record.id, expectedVersion: record.version, places: Number(values.places), from: values.from, until: values.until } });
    if (result.error) {
      setFailure(result.error);
      applyServerFieldErrors(result.error, setError, (path) => ['places', 'from', 'until'].includes(path));
      return;
    }
    onDone();
  });
  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby="crisisnoodopvang-wijzigen-titel">
      <Fieldset legend={`Plaatsen en periode van ${record.locationName}`} legendId="crisisnoodopvang-wijzigen-titel">
        <TextField
          label="Aantal plaatsen"
          type="number"
          required
          registration={register('places', { required: 'Vul het aantal plaatsen in.', validate: placesRule(MAX_PLACES, 1) })}
          error={errors.places}
        />
        <TextField label="Open vanaf" type="date" required registration={register('from', { required: 'Vul de begindatum in.', validate: dateRule })} error={errors.from} />
        <TextField
          label="Open tot en met"
          description="Sluit de opvang eerder, vul dan de laatste dag in."
          type="date"
          required
          registration={register('until', { required: 'Vul de einddatum in.', validate: periodEndRule(() => getValues('from')) })}
          error={errors.until}
        />
      </Fieldset>
      {failure ? <ErrorAlert error={failure} title="De crisisnoodopvang is niet gewijzigd." /> : null}
      <div className="button-row">
        <PrimaryActionButton type="submit" disabled={saving.fetching}>
          Wijziging opslaan
        </PrimaryActionButton>
        <SecondaryActionButton type="button" onClick={onDone}>
          Annuleren
        </SecondaryActionButton>
      </div>
    </form>
  );
}
