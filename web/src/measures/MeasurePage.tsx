import { Fieldset, Heading, Paragraph, PrimaryActionButton, SecondaryActionButton, SelectOption, TableCell, TableRow } from '@rijkshuisstijl-community/components-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useParams } from 'react-router';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { AuditTrail } from '../activity/AuditTrail';
import { AppLink } from '../app/AppLink';
import { ErrorAlert } from '../app/ErrorAlert';
import { ConflictAlert, conflictOf } from '../app/ConflictAlert';
import { formatDate, formatDateTime, formatNumber, isIsoDate, todayIso } from '../app/format';
import { applyServerFieldErrors, useWarnBeforeLeaving } from '../app/forms';
import { readFragment } from '../app/graphql';
import { LiveIndicator } from '../app/LiveIndicator';
import { Loading } from '../app/Loading';
import { SafeMarkdown } from '../app/SafeMarkdown';
import { HeaderCell, ListTable, Section } from '../app/table';
import { usePageTitle } from '../app/usePageTitle';
import { Comments, type CommentSubjectType } from '../comments/Comments';
import { DoneNotice, requiredText, SelectField, TextareaField, TextField } from '../people/fields';
import { budgetText, milestoneText, openText, trekkersText } from './format';
import { useMeasureChanges } from './live';
import { MeasureDetailsForm } from './MeasureForm';
import { AddMilestoneMutation, AddStandVanZakenMutation, MeasureFields, SetMilestoneDoneMutation, SupportMeasureQuery, THEMES, type Measure } from './queries';
import './measures.css';

/** The server's limits (measures.service.ts). */
const MAX_BODY = 20_000;
const MAX_DESCRIPTION = 300;

/**
 * One measure: its details, the stand van zaken in force and its history (never overwritten), its mijlpalen, comments
 * and audit trail, live. Trekkers and the LRT (the API's `viewerActions`) add a stand van zaken and mijlpalen and mark
 * mijlpalen done; every change sends the version the person saw.
 */
export function MeasurePage() {
  const { paragraph = '' } = useParams();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: SupportMeasureQuery, variables: { paragraph } });
  const measure = data?.supportMeasure ? readFragment(MeasureFields, data.supportMeasure) : null;
  const history = data?.supportMeasure?.history ?? [];
  const refetch = () => reexecute({ requestPolicy: 'network-only' });
  const { announcement, error: liveError } = useMeasureChanges(refetch, measure?.id);
  usePageTitle(measure ? `Maatregel ${measure.paragraph}` : 'Maatregel');

  if (!data && fetching) return <Loading what="de maatregel" />;
  if (error && !data) return <ErrorAlert error={error} />;
  if (!measure) return <Paragraph>Er is geen maatregel met paragraaf {paragraph}.</Paragraph>;
  const may = (action: string) => measure.viewerActions.includes(action as never);
  const budget = budgetText(measure);

  return (
    <>
      <Heading level={1}>
        {measure.paragraph} {measure.title}
      </Heading>
      <Paragraph>
        <AppLink to="/maatregelen">Alle ondersteuningsmaatregelen</AppLink>
      </Paragraph>
      <LiveIndicator subscriptionError={liveError} />
      <p className="note" role="status" aria-live="polite">
        {announcement}
      </p>
      <dl className="facts">
        <dt>Thema</dt>
        <dd>{THEMES[measure.theme]}</dd>
        <dt>Trekker</dt>
        <dd>{trekkersText(measure.trekkers)}</dd>
        <dt>Budget</dt>
        <dd>{budget ?? 'niet genoemd'}</dd>
        <dt>Contact</dt>
        <dd>{measure.contact ?? 'niet bekend'}</dd>
        <dt>Planning</dt>
        <dd>{measure.planning ?? '—'}</dd>
        {measure.openToGemeenten ? (
          <>
            <dt>Aanvragen door gemeenten</dt>
            <dd>
              {openText(measure)}
            </dd>
          </>
        ) : null}
        <dt>Te laat</dt>
        <dd>{measure.overdue ? 'Ja: een mijlpaal is verstreken en niet gereed' : 'Nee'}</dd>
      </dl>

      {may('UPDATE_DETAILS') ? <MeasureDetailsForm key={measure.id} measure={measure} onSaved={refetch} /> : null}

      <Section id="stand-van-zaken" title="Stand van zaken">
        {measure.standVanZaken ? (
          <>
            <Paragraph>Geldt sinds {formatDate(measure.standVanZaken.asOf)}:</Paragraph>
            <SafeMarkdown text={measure.standVanZaken.body} />
          </>
        ) : (
          <Paragraph>Er is nog geen stand van zaken.</Paragraph>
        )}
        {history.length > 1 ? (
          <>
            <Heading level={3}>Eerdere standen van zaken</Heading>
            <ol className="measure-list">
              {history.slice(1).map((h) => (
                <li key={h.id}>
                  <strong>{formatDate(h.asOf)}</strong> (vastgelegd {formatDateTime(h.createdAt)}
                  {h.createdByName ? ` door ${h.createdByName}` : ''}):
                  <SafeMarkdown text={h.body} />
                </li>
              ))}
            </ol>
          </>
        ) : null}
        {may('ADD_STAND_VAN_ZAKEN') ? <StandVanZakenForm measure={measure} onSaved={refetch} /> : null}
      </Section>

      <Section id="mijlpalen" title="Mijlpalen">
        {measure.milestones.length === 0 ? <Paragraph>Er zijn geen mijlpalen met een datum.</Paragraph> : null}
        {measure.milestones.length > 0 ? (
          <ListTable label="Mijlpalen" caption="Mijlpalen, vroegste eerst" columns={['Datum', 'Mijlpaal', 'Stand', 'Actie']}>
            {measure.milestones.map((m) => (
              <TableRow key={m.id}>
                <HeaderCell scope="row">{formatDate(m.dueOn)}</HeaderCell>
                <TableCell>{milestoneText(m)}</TableCell>
                <TableCell>{m.done ? `Gereed op ${formatDate(m.doneOn)}` : m.overdue ? 'Te laat' : 'Gepland'}</TableCell>
                <TableCell>{may('MANAGE_MILESTONES') ? <DoneButton measure={measure} milestone={m} onSaved={refetch} /> : null}</TableCell>
              </TableRow>
            ))}
          </ListTable>
        ) : null}
        {may('MANAGE_MILESTONES') ? <MilestoneForm measure={measure} onSaved={refetch} /> : null}
      </Section>

      <Comments subjectType={'SUPPORT_MEASURE' as CommentSubjectType} subjectId={measure.id} />
      <AuditTrail subjectId={measure.id} />
    </>
  );
}

interface StandValues {
  asOf: string;
  body: string;
}

function StandVanZakenForm({ measure, onSaved }: { measure: Measure; onSaved: () => void }) {
  const [saving, add] = useMutation(AddStandVanZakenMutation);
  const { register, handleSubmit, reset, setError, formState: { errors, isDirty } } = useForm<StandValues>({ defaultValues: { asOf: todayIso(), body: '' }, shouldFocusError: true });
  const [basedOn, setBasedOn] = useState(measure.version);
  const [failure, setFailure] = useState<CombinedError | undefined>(undefined);
  const [conflict, setConflict] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  useWarnBeforeLeaving(isDirty);

  const onSubmit = handleSubmit(async (v) => {
    setFailure(undefined);
    setConflict(null);
    setSaved(null);
    const result = await add({ input: { measureId: measure.id, expectedVersion: basedOn, asOf: v.asOf, body: v.body } });
    if (result.error) {
      setFailure(result.error);
      applyServerFieldErrors(result.error, setError, (path) => path === 'asOf' || path === 'body');
      const version = conflictOf(result.error)?.currentVersion ?? null;
      if (version !== null) {
        setBasedOn(version);
        setConflict(`De maatregel is intussen door iemand anders gewijzigd (nu versie ${formatNumber(version)}). Uw tekst is bewaard: bekijk de stand hierboven en kies opnieuw "Stand van zaken toevoegen".`);
        onSaved();
      }
      return;
    }
    const m = readFragment(MeasureFields, result.data!.addStandVanZaken);
    setBasedOn(m.version);
    reset({ asOf: v.asOf, body: '' });
    setSaved(`Stand van zaken per ${formatDate(v.asOf)} toegevoegd (versie ${formatNumber(m.version)}).`);
    onSaved();
  });

  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby="stand-form-titel">
      <Fieldset legend="Stand van zaken toevoegen" legendId="stand-form-titel">
        <Paragraph className="note">Een nieuwe stand vervangt de vorige niet: die blijft in de geschiedenis. De stand geldt vanaf de datum.</Paragraph>
        <TextField
          label="Datum van de stand"
          type="date"
          required
          registration={register('asOf', {
            validate: (value) => (!isIsoDate(value) ? 'Vul een datum in.' : value > todayIso() ? 'De datum ligt in de toekomst.' : true),
          })}
          error={errors.asOf}
        />
        <TextareaField label="Stand van zaken (Markdown)" required registration={register('body', { validate: requiredText('Vul de stand van zaken in.', 'De stand van zaken', MAX_BODY) })} error={errors.body} />
      </Fieldset>
      <ConflictAlert conflict={conflict} failure={failure} title="De stand van zaken is niet opgeslagen." />
      <DoneNotice message={saved} />
      <div className="button-row">
        <PrimaryActionButton type="submit" disabled={saving.fetching}>
          Stand van zaken toevoegen
        </PrimaryActionButton>
      </div>
    </form>
  );
}

interface MilestoneValues {
  dueOn: string;
  kind: 'MOMENT' | 'PERIOD_START' | 'PERIOD_END';
  description: string;
}

function MilestoneForm({ measure, onSaved }: { measure: Measure; onSaved: () => void }) {
  const [saving, add] = useMutation(AddMilestoneMutation);
  const { register, handleSubmit, reset, setError, formState: { errors, isDirty } } = useForm<MilestoneValues>({ defaultValues: { dueOn: '', kind: 'MOMENT', description: '' }, shouldFocusError: true });
  const [basedOn, setBasedOn] = useState(measure.version);
  const [failure, setFailure] = useState<CombinedError | undefined>(undefined);
  const [saved, setSaved] = useState<string | null>(null);
  useWarnBeforeLeaving(isDirty);

  const onSubmit = handleSubmit(async (v) => {
    setFailure(undefined);
    setSaved(null);
    const result = await add({ input: { measureId: measure.id, expectedVersion: basedOn, dueOn: v.dueOn, kind: v.kind, description: v.description } });
    if (result.error) {
      setFailure(result.error);
      applyServerFieldErrors(result.error, setError, (path) => ['dueOn', 'kind', 'description'].includes(path));
      const version = conflictOf(result.error)?.currentVersion ?? null;
      if (version !== null) {
        setBasedOn(version);
        onSaved();
      }
      return;
    }
    const m = readFragment(MeasureFields, result.data!.addMilestone);
    setBasedOn(m.version);
    reset({ dueOn: '', kind: 'MOMENT', description: '' });
    setSaved(`Mijlpaal van ${formatDate(v.dueOn)} toegevoegd.`);
    onSaved();
  });

  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby="mijlpaal-form-titel">
      <Fieldset legend="Mijlpaal toevoegen" legendId="mijlpaal-form-titel">
        <TextField label="Datum" type="date" required registration={register('dueOn', { validate: (value) => (isIsoDate(value) ? true : 'Vul een datum in.') })} error={errors.dueOn} />
        <SelectField label="Soort" registration={register('kind')} error={errors.kind}>
          <SelectOption value="MOMENT">Moment</SelectOption>
          <SelectOption value="PERIOD_START">Begin van een periode</SelectOption>
          <SelectOption value="PERIOD_END">Einde van een periode</SelectOption>
        </SelectField>
        <TextField label="Omschrijving" required registration={register('description', { validate: requiredText('Vul een omschrijving in.', 'De omschrijving', MAX_DESCRIPTION) })} error={errors.description} />
      </Fieldset>
      {failure ? <ErrorAlert error={failure} title="De mijlpaal is niet opgeslagen." /> : null}
      <DoneNotice message={saved} />
      <div className="button-row">
        <PrimaryActionButton type="submit" disabled={saving.fetching}>
          Mijlpaal toevoegen
        </PrimaryActionButton>
      </div>
    </form>
  );
}

function DoneButton({ measure, milestone, onSaved }: { measure: Measure; milestone: Measure['milestones'][number]; onSaved: () => void }) {
  const [saving, set] = useMutation(SetMilestoneDoneMutation);
  const [failure, setFailure] = useState<CombinedError | undefined>(undefined);
  const toggle = async () => {
    setFailure(undefined);
    const result = await set({ input: { measureId: measure.id, milestoneId: milestone.id, expectedVersion: measure.version, doneOn: milestone.doneOn ? null : todayIso() } });
    if (result.error) setFailure(result.error);
    onSaved();
  };
  return (
    <>
      <SecondaryActionButton type="button" disabled={saving.fetching} onClick={toggle} aria-label={`${milestone.doneOn ? 'Heropen' : 'Gereed melden'}: ${milestone.description}`}>
        {milestone.doneOn ? 'Heropen' : 'Gereed melden'}
      </SecondaryActionButton>
      {failure ? <ErrorAlert error={failure} title="De mijlpaal is niet gewijzigd." /> : null}
    </>
  );
}
