import './plans.css';
import {
  Alert,
  Fieldset,
  FormFieldCheckboxGroup,
  FormFieldCheckboxOption,
  FormFieldTextarea,
  FormFieldTextInput,
  Heading,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableRow,
} from '@rijkshuisstijl-community/components-react';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Controller, get, useFieldArray, useForm, useWatch, type Control, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import { useParams } from 'react-router';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { AppLink } from '../app/AppLink';
import { ErrorAlert } from '../app/ErrorAlert';
import { LiveIndicator } from '../app/LiveIndicator';
import { Loading } from '../app/Loading';
import { SafeMarkdown } from '../app/SafeMarkdown';
import { applyServerFieldErrors, useWarnBeforeLeaving } from '../app/forms';
import { formatDate, formatDateTime, formatNumber, formatRange, isIsoDate, opvangtypeName } from '../app/format';
import { readFragment } from '../app/graphql';
import { HeaderCell, ScrollTable, Section } from '../app/table';
import { usePageTitle } from '../app/usePageTitle';
import {
  SECTION_KEYS,
  clearDraft,
  draftKey,
  mergeEdits,
  newLine,
  planInput,
  readDraft,
  sameValues,
  valuesOf,
  writeDraft,
  type LineValues,
  type MergeConflict,
  type PlanValues,
  type StoredDraft,
} from './draft';
import { DiffView, Gaps, PlanMissing, SECTION_NAMES, ordered, summaryInDutch, timeFormat } from './PlanPage';
import { LIMITS, textProblem } from './limits';
import { usePlanChanges } from './live';
import { EditPlanQuery, EditablePlanFields, PlanDiffQuery, ProvinceGemeentenQuery, UpdatePlanMutation, type EditablePlan } from './queries';

const LINE_FIELD_NAMES: Record<string, string> = {
  opvangtypes: 'opvangtypes',
  targetDate: 'streefdatum',
  minPlaces: 'minimum aantal plaatsen',
  maxPlaces: 'maximum aantal plaatsen',
  note: 'toelichting',
  regions: 'regionale verdeling',
};

const TOP_FIELD_NAMES: Record<string, string> = {
  title: 'titel',
  targetDate: 'streefdatum van het plan',
  'sections.context': 'sectie Context',
  'sections.regionalAllocation': 'sectie Regionale verdeling',
  'sections.timeline': 'sectie Tijdpad',
  'sections.vergunninghouders': 'sectie Vergunninghouders',
};

export function PlanEditorPage() {
  const { id = '' } = useParams();
  return <EditorLoader key={id} id={id} />;
}

/** Loads the plan, keeps it current (every `planChanged` fetches it again) and hands it to the editor. */
function EditorLoader({ id }: { id: string }) {
  const [{ data, error, fetching }, reexecute] = useQuery({ query: EditPlanQuery, variables: { id } });
  const { live, refetch } = usePlanChanges(id, reexecute);
  const plan = data?.provincialPlan ? readFragment(EditablePlanFields, data.provincialPlan) : null;
  const title = plan ? `${plan.title} bewerken` : fetching && !data ? 'Plan bewerken' : 'Plan niet gevonden';
  usePageTitle(title);
  const editable = plan?.viewerActions.includes('EDIT');
  return (
    <>
      <div className="page-heading">
        <Heading level={1}>{title}</Heading>
        {plan ? <LiveIndicator subscriptionError={live.error} /> : null}
      </div>
      {plan ? (
        <Paragraph>
          <AppLink to={`/plannen/${encodeURIComponent(plan.id)}`}>Terug naar het plan (indienen, geschiedenis, vergelijken)</AppLink>
        </Paragraph>
      ) : null}
      {plan && data && editable ? (
        <Editor plan={plan} person={data.viewer.subject} opvangtypes={data.opvangtypes} refresh={refetch} />
      ) : null}
      {plan && !editable ? (
        <Alert type="warning">
          <Paragraph>U kunt dit plan nu niet bewerken (status of rol). Op de pagina van het plan ziet u wat u wel kunt doen.</Paragraph>
        </Alert>
      ) : null}
      {!plan ? <PlanMissing fetching={fetching} loaded={Boolean(data)} error={error} /> : null}
    </>
  );
}

interface Base {
  version: number;
  values: PlanValues;
}

interface ConflictInfo {
  changedBy: string | null;
  currentVersion: number;
  changedAt: string | null;
}

/**
 * The editor. The form starts from one version of the plan (its base); unsaved edits are kept in localStorage with
 * that base, so that nothing typed is lost. When the plan moves on (someone else saved, or a save was refused with
 * CONFLICT), the edits stay, the person sees who changed what, and applies their edits on the new version or discards
 * them.
 */
function Editor({ plan, person, opvangtypes, refresh }: { plan: EditablePlan; person: string; opvangtypes: readonly { code: string; name: string; flexibleSystem: boolean }[]; refresh: () => void }) {
  const key = draftKey(person, plan.id);
  const [base, setBase] = useState<Base>(() => ({ version: plan.version, values: valuesOf(plan) }));
  const [offer, setOffer] = useState<StoredDraft | null>(() => {
    const stored = readDraft(key);
    return stored && !sameValues(stored.values, stored.base) ? stored : null;
  });
  const form = useForm<PlanValues>({ defaultValues: base.values });
  const { control, register, handleSubmit, reset, setError, getValues, formState } = form;
  const lines = useFieldArray({ control, name: 'lines', keyName: 'fieldKey' });
  const values = useWatch({ control }) as PlanValues;
  const unsaved = !sameValues({ ...base.values, ...values }, base.values);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<CombinedError | undefined>();
  const [conflict, setConflict] = useState<ConflictInfo | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [merged, setMerged] = useState<{ version: number; conflicts: MergeConflict[] } | null>(null);
  const [followed, setFollowed] = useState<{ version: number; by: string; at: string } | null>(null);
  const [, update] = useMutation(UpdatePlanMutation);
  const [gemeenten] = useQuery({ query: ProvinceGemeentenQuery, variables: { code: plan.province.code } });
  const gemeenteList = useMemo(() => gemeenten.data?.gemeenten.edges.map((edge) => edge.node) ?? [], [gemeenten.data]);
  const message = useRef<HTMLDivElement>(null);
  const newer = useRef<HTMLDivElement>(null);

  useWarnBeforeLeaving(unsaved);

  // Every edit is kept in this browser with the version it started from, until it is saved or discarded.
  useEffect(() => {
    if (offer) return;
    if (unsaved) writeDraft(key, { baseVersion: base.version, base: base.values, values: getValues(), savedAt: new Date().toISOString() });
    else clearDraft(key);
  }, [values, unsaved, base, offer, key, getValues]);

  const behind = plan.version > base.version && !saving;
  // Someone else changed the plan while the person has no edits: follow along, and say so.
  useEffect(() => {
    if (!behind || unsaved || offer) return;
    const next = valuesOf(plan);
    setBase({ version: plan.version, values: next });
    reset(next);
    // The person's own "saved as" message was about an older version: this one replaces it.
    setSaved(null);
    setMerged(null);
    setFollowed({ version: plan.version, by: plan.updatedBy?.name ?? 'onbekend', at: plan.updatedAt });
  }, [behind, unsaved, offer, plan, reset]);

  useEffect(() => {
    if (saved !== null || saveError || merged) message.current?.focus();
  }, [saved, saveError, merged]);
  useEffect(() => {
    if (conflict) newer.current?.focus();
  }, [conflict]);

  const restore = (draft: StoredDraft) => {
    setBase({ version: draft.baseVersion, values: draft.base });
    reset(draft.values);
    setOffer(null);
    message.current?.focus();
  };
  const discardOffer = () => {
    clearDraft(key);
    setOffer(null);
  };

  const applyOnNewer = () => {
    const theirs = valuesOf(plan);
    const result = mergeEdits(base.values, getValues(), theirs);
    setBase({ version: plan.version, values: theirs });
    reset(result.values);
    setConflict(null);
    setSaveError(undefined);
    setMerged({ version: plan.version, conflicts: result.conflicts });
  };
  const discardMine = () => {
    const theirs = valuesOf(plan);
    setBase({ version: plan.version, values: theirs });
    reset(theirs);
    clearDraft(key);
    setConflict(null);
    setSaveError(undefined);
    setMerged(null);
  };

  const isField = (path: string): boolean => {
    if (path === 'title' || path === 'targetDate' || SECTION_KEYS.some((section) => path === `sections.${section}`)) return true;
    const match = /^lines\.(\d+)\.(opvangtypes|targetDate|minPlaces|maxPlaces|note|regions)(?:\.(\d+)\.(name|minPlaces|maxPlaces|gemeenteCodes))?$/.exec(path);
    if (!match) return false;
    const line = getValues('lines')[Number(match[1])];
    return Boolean(line) && (match[3] === undefined || Number(match[3]) < line!.regions.length);
  };

  const save = handleSubmit(async (current) => {
    setSaving(true);
    setSaveError(undefined);
    setSaved(null);
    setMerged(null);
    const result = await update({ input: { planId: plan.id, expectedVersion: base.version, ...planInput(current) } });
    setSaving(false);
    if (result.error) {
      const refused = result.error.graphQLErrors.find((e) => e.extensions?.code === 'CONFLICT');
      if (refused) {
        setConflict({
          changedBy: (refused.extensions.changedBy as string | null) ?? null,
          currentVersion: Number(refused.extensions.currentVersion),
          changedAt: (refused.extensions.changedAt as string | null) ?? null,
        });
        refresh();
        return;
      }
      applyServerFieldErrors(result.error, setError, isField);
      setSaveError(result.error);
      return;
    }
    const savedPlan = readFragment(EditablePlanFields, result.data!.updateProvincialPlan);
    const next = valuesOf(savedPlan);
    setBase({ version: savedPlan.version, values: next });
    reset(next);
    clearDraft(key);
    setConflict(null);
    setFollowed(null);
    setSaved(savedPlan.version);
  });

  const errors = formState.errors;
  const round = plan.round;

  return (
    <>
      {offer ? (
        <Alert type="warning" role="alert">
          <Paragraph>
            <strong>U hebt niet-opgeslagen wijzigingen</strong> van {formatDateTime(offer.savedAt)}, begonnen vanaf versie {formatNumber(offer.baseVersion)}. Het plan is nu
            op versie {formatNumber(plan.version)}.
          </Paragraph>
          <div className="button-row">
            <PrimaryActionButton type="button" onClick={() => restore(offer)}>
              Niet-opgeslagen wijzigingen terugzetten
            </PrimaryActionButton>
            <SecondaryActionButton type="button" onClick={discardOffer}>
              Weggooien
            </SecondaryActionButton>
          </div>
        </Alert>
      ) : null}

      <div ref={newer} tabIndex={-1} className="plan-editor__notice">
        {behind && unsaved && !offer ? (
          <NewerVersion plan={plan} baseVersion={base.version} conflict={conflict} onApply={applyOnNewer} onDiscard={discardMine} />
        ) : null}
      </div>
      {followed && followed.version === base.version && !behind ? (
        <Alert type="info" role="status">
          <Paragraph>
            Gewijzigd door {followed.by} om {timeFormat.format(new Date(followed.at))}. U had geen wijzigingen; het formulier toont nu versie {formatNumber(followed.version)}.
          </Paragraph>
        </Alert>
      ) : null}

      <div ref={message} tabIndex={-1} className="plan-editor__message">
        {saved !== null && saved === base.version && !unsaved ? (
          <Alert type="ok" role="status">
            <Paragraph>Opgeslagen als versie {formatNumber(saved)}.</Paragraph>
          </Alert>
        ) : null}
        {merged ? <MergeReport merged={merged} values={getValues()} /> : null}
        <ErrorAlert error={saveError} title="Het plan is niet opgeslagen. Uw wijzigingen staan nog in het formulier." />
      </div>

      <form
        noValidate
        aria-label="Plan bewerken"
        onSubmit={(event) => {
          // The server's earlier refusals are judged again on this attempt; the client's rules run again now.
          form.clearErrors();
          return save(event);
        }}
        className="plan-editor"
      >
        <Paragraph className="note">
          U bewerkt versie {formatNumber(base.version)}. {unsaved ? 'Er zijn niet-opgeslagen wijzigingen (ook bewaard in deze browser).' : 'Geen niet-opgeslagen wijzigingen.'}
        </Paragraph>
        <div className="filters">
          <TextField label="Titel" name="title" register={register} errors={errors} rules={{ validate: (value: string) => textProblem(value, { what: 'de titel', max: LIMITS.title, oneLine: true, required: 'Geef het plan een titel.' }) ?? true }} />
          <TextField
            label="Streefdatum van het plan"
            name="targetDate"
            type="date"
            register={register}
            errors={errors}
            rules={{ validate: (value: string) => dateProblem(value, round) ?? true }}
          />
        </div>

        <Section id="regels-bewerken" title="Capaciteitsregels">
          <Paragraph className="note">
            Streefdatums liggen binnen de planningsronde {round.name}: van {formatDate(round.targetFrom)} tot en met {formatDate(round.targetUntil)}. De vergelijking met de opgave
            en de gerealiseerde plaatsen gelden voor de opgeslagen versie.
          </Paragraph>
          <ScrollTable label="Tabel capaciteitsregels bewerken">
            <Table className="plan-editor__lines">
              <TableCaption>Capaciteitsregels van het plan, te bewerken</TableCaption>
              <TableHeader>
                <TableRow>
                  <HeaderCell scope="col">Regel</HeaderCell>
                  <HeaderCell scope="col">Opvangtypes</HeaderCell>
                  <HeaderCell scope="col">Streefdatum en plaatsen</HeaderCell>
                  <HeaderCell scope="col">Toelichting</HeaderCell>
                  <HeaderCell scope="col">Opgave, tekort en gerealiseerd</HeaderCell>
                  <HeaderCell scope="col">Verwijderen</HeaderCell>
                </TableRow>
              </TableHeader>
              {lines.fields.map((field, index) => (
                <LineRows
                  key={field.fieldKey}
                  index={index}
                  control={control}
                  register={register}
                  errors={errors}
                  opvangtypes={opvangtypes}
                  gemeenten={gemeenteList}
                  round={round}
                  saved={plan.lines.find((line) => line.id === (values.lines?.[index]?.id ?? field.id))}
                  onRemove={() => lines.remove(index)}
                />
              ))}
            </Table>
          </ScrollTable>
          {lines.fields.length === 0 ? <Paragraph>Dit plan heeft nog geen capaciteitsregels.</Paragraph> : null}
          {errorAt(errors, 'lines') ? <p className="utrecht-form-field-error-message">{errorAt(errors, 'lines')}</p> : null}
          <SecondaryActionButton type="button" onClick={() => lines.append(newLine(values.targetDate || plan.targetDate), { shouldFocus: false })}>
            Regel toevoegen
          </SecondaryActionButton>
        </Section>

        <Section id="secties-bewerken" title="Toelichting (Markdown)">
          {SECTION_NAMES.map(([section, name]) => (
            <div key={section} className="plan-editor__section">
              <TextArea
                label={`Sectie ${name}`}
                name={`sections.${section}`}
                register={register}
                errors={errors}
                rows={6}
                rules={{ validate: (value: string) => textProblem(value, { what: `de sectie ${name}`, max: LIMITS.section, trim: false }) ?? true }}
              />
              <div className="plan-editor__preview" aria-label={`Voorbeeld ${name}`} role="region">
                <p className="note">Voorbeeld:</p>
                {values.sections?.[section] ? <SafeMarkdown text={values.sections[section]} /> : <p className="note">(leeg)</p>}
              </div>
            </div>
          ))}
        </Section>

        <TextField
          label="Samenvatting van uw wijziging (voor de geschiedenis, mag leeg)"
          name="summary"
          register={register}
          errors={errors}
          rules={{ validate: (value: string) => textProblem(value, { what: 'de samenvatting', max: LIMITS.summary, oneLine: true }) ?? true }}
        />
        <div className="button-row">
          <PrimaryActionButton type="submit" disabled={saving}>
            {saving ? 'Bezig met opslaan…' : 'Opslaan'}
          </PrimaryActionButton>
          <SecondaryActionButton type="button" disabled={!unsaved || saving} onClick={discardMine}>
            Wijzigingen weggooien
          </SecondaryActionButton>
        </div>
      </form>

      <Gaps plan={plan} />
    </>
  );
}

function dateProblem(value: string, round: { targetFrom: string; targetUntil: string }): string | null {
  if (!isIsoDate(value)) return 'Vul een geldige datum in.';
  if (value < round.targetFrom || value > round.targetUntil) return `Kies een datum van ${formatDate(round.targetFrom)} tot en met ${formatDate(round.targetUntil)}.`;
  return null;
}

function placesProblem(value: string): string | null {
  if (!/^\s*\d+\s*$/.test(value)) return 'Vul een heel aantal plaatsen in (0 of meer).';
  if (Number(value) > LIMITS.places) return `Ten hoogste ${formatNumber(LIMITS.places)} plaatsen.`;
  return null;
}

type Register = UseFormRegister<PlanValues>;

function errorAt(errors: FieldErrors<PlanValues>, path: string): string | undefined {
  const error = get(errors, path) as { message?: string; root?: { message?: string } } | undefined;
  const message = error?.message ?? error?.root?.message;
  return typeof message === 'string' ? message : undefined;
}

/** A text field of the form: its label, its error (client or server) linked to it. */
function TextField({ label, name, register, errors, rules, type, className }: { label: ReactNode; name: string; register: Register; errors: FieldErrors<PlanValues>; rules?: object; type?: string; className?: string }) {
  const field = register(name as never, rules);
  const message = errorAt(errors, name);
  return (
    <FormFieldTextInput
      className={className}
      label={label}
      name={field.name}
      type={type}
      inputRef={field.ref}
      onChange={field.onChange}
      onBlur={field.onBlur}
      invalid={Boolean(message)}
      errorMessage={message}
      aria-describedby={undefined}
    />
  );
}

function TextArea({ label, name, register, errors, rows, rules }: { label: ReactNode; name: string; register: Register; errors: FieldErrors<PlanValues>; rows?: number; rules?: object }) {
  const field = register(name as never, rules);
  const message = errorAt(errors, name);
  return (
    <FormFieldTextarea
      label={label}
      name={field.name}
      inputRef={field.ref}
      onChange={field.onChange}
      onBlur={field.onBlur}
      invalid={Boolean(message)}
      errorMessage={message}
      rows={rows}
      aria-describedby={undefined}
    />
  );
}

function Hidden({ children }: { children: ReactNode }) {
  return <span className="visually-hidden">{children}</span>;
}

/** One capacity line: its fields in a row, its regional split in the row below, its comparison beside it. */
function LineRows(props: {
  index: number;
  control: Control<PlanValues>;
  register: Register;
  errors: FieldErrors<PlanValues>;
  opvangtypes: readonly { code: string; name: string }[];
  gemeenten: readonly { code: string; name: string }[];
  round: { targetFrom: string; targetUntil: string };
  saved: EditablePlan['lines'][number] | undefined;
  onRemove: () => void;
}) {
  const { index, control, register, errors, round, saved } = props;
  const n = index + 1;
  const at = `lines.${index}`;
  const line = useWatch({ control, name: `lines.${index}` }) as LineValues | undefined;
  return (
    <TableBody className="plan-editor__line">
      <TableRow>
        <HeaderCell scope="row">Regel {n}</HeaderCell>
        <TableCell>
          <Controller
            control={control}
            name={`lines.${index}.opvangtypes`}
            render={({ field, fieldState }) => (
              <FormFieldCheckboxGroup
                label={
                  <>
                    Opvangtypes<Hidden> van regel {n}</Hidden>
                  </>
                }
                description="Geen vinkje: plaatsen van elk opvangtype."
                invalid={Boolean(fieldState.error)}
                errorMessage={fieldState.error?.message}
                className="plan-editor__types"
              >
                {props.opvangtypes.map((type) => (
                  <FormFieldCheckboxOption
                    key={type.code}
                    label={opvangtypeName(type.code)}
                    name={`${field.name}.${type.code}`}
                    value={type.code}
                    checked={field.value.includes(type.code)}
                    inputRef={type.code === props.opvangtypes[0]?.code ? field.ref : undefined}
                    onBlur={field.onBlur}
                    onChange={(event) => {
                      const checked = (event.target as HTMLInputElement).checked;
                      field.onChange(checked ? [...field.value, type.code] : field.value.filter((code) => code !== type.code));
                    }}
                  />
                ))}
              </FormFieldCheckboxGroup>
            )}
          />
        </TableCell>
        <TableCell>
          <TextField
            label={
              <>
                Streefdatum<Hidden> van regel {n}</Hidden>
              </>
            }
            name={`${at}.targetDate`}
            type="date"
            register={register}
            errors={errors}
            rules={{ validate: (value: string) => dateProblem(value, round) ?? true }}
          />
          <PlacesRange at={at} labels={[<>Minimum plaatsen<Hidden> van regel {n}</Hidden></>, <>Maximum plaatsen<Hidden> van regel {n}</Hidden></>]} register={register} errors={errors} />
        </TableCell>
        <TableCell>
          <TextArea
            label={
              <>
                Toelichting<Hidden> bij regel {n}</Hidden>
              </>
            }
            name={`${at}.note`}
            register={register}
            errors={errors}
            rows={3}
            rules={{ validate: (value: string) => textProblem(value, { what: `de toelichting bij regel ${n}`, max: LIMITS.note }) ?? true }}
          />
        </TableCell>
        <TableCell>
          <Comparison saved={saved} line={line} />
        </TableCell>
        <TableCell>
          <SecondaryActionButton type="button" onClick={props.onRemove}>
            Verwijder regel {n}
          </SecondaryActionButton>
        </TableCell>
      </TableRow>
      <TableRow>
        <TableCell colSpan={6}>
          <Regions index={index} control={control} register={register} errors={errors} gemeenten={props.gemeenten} lineMax={() => line?.maxPlaces ?? ''} />
        </TableCell>
      </TableRow>
    </TableBody>
  );
}

/**
 * A range of places (minimum and maximum) at `at` (a line or a region), checked in the client: whole numbers, the
 * maximum not below the minimum and, for a region, not above its line's maximum (`ceiling`).
 */
function PlacesRange({ at, labels, register, errors, ceiling }: { at: string; labels: [ReactNode, ReactNode]; register: Register; errors: FieldErrors<PlanValues>; ceiling?: (all: PlanValues) => string | undefined }) {
  const value = (all: PlanValues, path: string) => get(all, path) as string | undefined;
  return (
    <>
      <TextField className="plan-editor__places" label={labels[0]} name={`${at}.minPlaces`} register={register} errors={errors} rules={{ validate: (input: string) => placesProblem(input) ?? true }} />
      <TextField
        className="plan-editor__places"
        label={labels[1]}
        name={`${at}.maxPlaces`}
        register={register}
        errors={errors}
        rules={{
          validate: (input: string, all: PlanValues) => {
            const problem = placesProblem(input);
            if (problem) return problem;
            if (Number(input) < Number(value(all, `${at}.minPlaces`) ?? 0)) return 'Het maximum mag niet lager zijn dan het minimum.';
            const limit = ceiling?.(all);
            if (limit !== undefined && Number(input) > Number(limit)) return 'Een regio kan niet meer krijgen dan het maximum van de regel.';
            return true;
          },
        }}
      />
    </>
  );
}

/** Beside a line: what the saved plan says of it against the opgave, and what is realised. */
function Comparison({ saved, line }: { saved: EditablePlan['lines'][number] | undefined; line: LineValues | undefined }) {
  if (!saved) return <span className="note">Nog niet opgeslagen: de vergelijking volgt na opslaan.</span>;
  const edited = line && (line.minPlaces !== String(saved.minPlaces) || line.maxPlaces !== String(saved.maxPlaces) || line.targetDate !== saved.targetDate);
  return (
    <dl className="plan-editor__comparison">
      <dt>Opgave</dt>
      <dd>{saved.comparison ? `${formatNumber(saved.comparison.opgave)} plaatsen (${formatDate(saved.comparison.dueDate)})` : 'Geen opgave'}</dd>
      <dt>Tekort volgens plan</dt>
      <dd>{saved.comparison ? formatRange(ordered(saved.comparison.shortfall)) : '—'}</dd>
      <dt>Gerealiseerd</dt>
      <dd>{saved.realised == null ? 'niet zichtbaar' : formatNumber(saved.realised)}</dd>
      {edited ? <dd className="note">Volgens de opgeslagen versie.</dd> : null}
    </dl>
  );
}

/** The regional split of a line: veiligheidsregio's or groups of gemeenten of the province, each with a range. */
function Regions({ index, control, register, errors, gemeenten, lineMax }: { index: number; control: Control<PlanValues>; register: Register; errors: FieldErrors<PlanValues>; gemeenten: readonly { code: string; name: string }[]; lineMax: () => string }) {
  const n = index + 1;
  const regions = useFieldArray({
    control,
    name: `lines.${index}.regions`,
    keyName: 'fieldKey',
    rules: {
      // As the server judges it: the regions' minimums together may not exceed the line's maximum.
      validate: (shares) => {
        const max = Number(lineMax());
        const taken = shares.reduce((sum, share) => sum + (/^\s*\d+\s*$/.test(share.minPlaces) ? Number(share.minPlaces) : 0), 0);
        if (!Number.isFinite(max) || taken <= max) return true;
        return `De regio's van regel ${n} krijgen samen minstens ${formatNumber(taken)} plaatsen; dat is meer dan het maximum van de regel (${formatNumber(max)}). Verlaag de minimums van de regio's of verhoog het maximum van de regel.`;
      },
    },
  });
  const lineError = errorAt(errors, `lines.${index}.regions`);
  return (
    <Fieldset legend={`Regionale verdeling van regel ${n}`} className="plan-editor__regions" invalid={Boolean(lineError)}>
      {lineError ? <p className="utrecht-form-field-error-message">{lineError}</p> : null}
      {regions.fields.length === 0 ? <Paragraph className="note">Niet verdeeld over regio's.</Paragraph> : null}
      {regions.fields.map((field, r) => {
        const at = `lines.${index}.regions.${r}`;
        const label = `regio ${r + 1} van regel ${n}`;
        return (
          <div key={field.fieldKey} className="plan-editor__region">
            <TextField
              label={
                <>
                  Naam (veiligheidsregio of groep gemeenten)<Hidden>, {label}</Hidden>
                </>
              }
              name={`${at}.name`}
              register={register}
              errors={errors}
              rules={{ validate: (value: string) => textProblem(value, { what: 'de naam van de regio', max: LIMITS.regionName, oneLine: true, required: 'Geef de regio een naam.' }) ?? true }}
            />
            <PlacesRange
              at={at}
              labels={[<>Minimum<Hidden> plaatsen, {label}</Hidden></>, <>Maximum<Hidden> plaatsen, {label}</Hidden></>]}
              register={register}
              errors={errors}
              ceiling={(all) => all.lines[index]?.maxPlaces}
            />
            <Controller
              control={control}
              name={`lines.${index}.regions.${r}.gemeenteCodes`}
              render={({ field, fieldState }) => (
                <details className="plan-editor__gemeenten">
                  <summary>
                    Gemeenten kiezen ({formatNumber(field.value.length)} gekozen)<Hidden>, {label}</Hidden>
                  </summary>
                  <FormFieldCheckboxGroup
                    label={
                      <>
                        Gemeenten<Hidden>, {label}</Hidden>
                      </>
                    }
                    description="Leeg voor een veiligheidsregio als geheel."
                    invalid={Boolean(fieldState.error)}
                    errorMessage={fieldState.error?.message}
                  >
                    {gemeenten.map((gemeente) => (
                      <FormFieldCheckboxOption
                        key={gemeente.code}
                        label={gemeente.name}
                        name={`${field.name}.${gemeente.code}`}
                        value={gemeente.code}
                        checked={field.value.includes(gemeente.code)}
                        onChange={(event) => {
                          const checked = (event.target as HTMLInputElement).checked;
                          field.onChange(checked ? [...field.value, gemeente.code] : field.value.filter((code) => code !== gemeente.code));
                        }}
                      />
                    ))}
                  </FormFieldCheckboxGroup>
                </details>
              )}
            />
            <SecondaryActionButton type="button" onClick={() => regions.remove(r)}>
              Verwijder {label}
            </SecondaryActionButton>
          </div>
        );
      })}
      <SecondaryActionButton type="button" onClick={() => regions.append({ name: '', minPlaces: '0', maxPlaces: '0', gemeenteCodes: [] })}>
        Regio toevoegen aan regel {n}
      </SecondaryActionButton>
    </Fieldset>
  );
}

/**
 * The plan moved on while the person has unsaved edits: who changed it, what changed (the API's diff from the
 * person's base to the new version), and the two ways on.
 */
function NewerVersion({ plan, baseVersion, conflict, onApply, onDiscard }: { plan: EditablePlan; baseVersion: number; conflict: ConflictInfo | null; onApply: () => void; onDiscard: () => void }) {
  const [{ data, error, fetching }] = useQuery({
    query: PlanDiffQuery,
    variables: { id: plan.id, from: baseVersion, to: plan.version },
    requestPolicy: 'network-only',
  });
  const between = plan.revisions.filter((revision) => revision.version > baseVersion && revision.version <= plan.version);
  const authors = [...new Set(between.map((revision) => revision.author?.name ?? 'onbekend'))];
  return (
    <Alert type="warning" role="alert">
      <Heading level={2}>{conflict ? 'Niet opgeslagen: iemand anders was u voor' : 'Het plan is intussen gewijzigd'}</Heading>
      <Paragraph>
        {conflict
          ? `${conflict.changedBy ?? authors.join(', ')} heeft het plan opgeslagen${conflict.changedAt ? ` om ${timeFormat.format(new Date(conflict.changedAt))}` : ''} (nu versie ${formatNumber(plan.version)}). Er is niets van u opgeslagen; uw wijzigingen staan nog in het formulier.`
          : `Gewijzigd door ${authors.join(', ') || (plan.updatedBy?.name ?? 'onbekend')} om ${timeFormat.format(new Date(plan.updatedAt))} (nu versie ${formatNumber(plan.version)}). Uw wijzigingen zijn nog niet opgeslagen en blijven staan.`}
      </Paragraph>
      <Paragraph>U begon vanaf versie {formatNumber(baseVersion)}. Sindsdien:</Paragraph>
      <ul>
        {between.map((revision) => (
          <li key={revision.version}>
            Versie {formatNumber(revision.version)} door {revision.author?.name ?? 'onbekend'} ({formatDateTime(revision.createdAt)}): {summaryInDutch(revision.summary)}
          </li>
        ))}
      </ul>
      {fetching && !data ? <Loading what="de verschillen" /> : null}
      <ErrorAlert error={error} />
      {data?.provincialPlan ? <DiffView diff={data.provincialPlan.diff} /> : null}
      <div className="button-row">
        <PrimaryActionButton type="button" onClick={onApply}>
          Mijn wijzigingen toepassen op versie {formatNumber(plan.version)}
        </PrimaryActionButton>
        <SecondaryActionButton type="button" onClick={onDiscard}>
          Mijn wijzigingen weggooien
        </SecondaryActionButton>
      </div>
    </Alert>
  );
}

function conflictPlace(conflict: MergeConflict, values: PlanValues): string {
  if (conflict.lineIndex === undefined) {
    if (conflict.removed === 'mine') return `Een regel die u verwijderde, is intussen door een ander gewijzigd (${conflict.theirs}); hij blijft verwijderd`;
    return TOP_FIELD_NAMES[conflict.field] ?? conflict.field;
  }
  const n = conflict.lineIndex + 1;
  if (conflict.removed === 'theirs') return `Regel ${n}: door een ander verwijderd, door u gewijzigd; uw regel blijft staan als nieuwe regel`;
  const line = values.lines[conflict.lineIndex];
  const types = line && line.opvangtypes.length ? ` (${line.opvangtypes.map(opvangtypeName).join(' + ')})` : '';
  return `Regel ${n}${types}: ${LINE_FIELD_NAMES[conflict.lineField ?? ''] ?? conflict.lineField}`;
}

function shown(value: string): string {
  try {
    const parsed = JSON.parse(value);
    if (Array.isArray(parsed)) return parsed.map((item) => (typeof item === 'string' ? opvangtypeName(item) : (item as { name?: string }).name ?? '')).join(', ') || '(leeg)';
  } catch {
    // plain text
  }
  return value === '' ? '(leeg)' : value;
}

/** After applying the edits on a newer version: what came from where, and where both changed the same field. */
function MergeReport({ merged, values }: { merged: { version: number; conflicts: MergeConflict[] }; values: PlanValues }) {
  return (
    <Alert type={merged.conflicts.length ? 'warning' : 'info'} role="status">
      <Paragraph>
        Uw wijzigingen staan nu op versie {formatNumber(merged.version)}: wat u veranderde gaat voor, de rest komt uit de nieuwe versie. Nog niet opgeslagen: kijk het na en
        kies Opslaan.
      </Paragraph>
      {merged.conflicts.length ? (
        <>
          <Paragraph>
            <strong>Op deze plaatsen wijzigden u en een ander hetzelfde; uw waarde staat in het formulier:</strong>
          </Paragraph>
          <ul className="plan-editor__conflicts">
            {merged.conflicts.map((conflict, index) => (
              <li key={index}>
                {conflictPlace(conflict, values)}
                {conflict.removed ? null : (
                  <>
                    {' '}
                    — uw waarde: {shown(conflict.mine)}; waarde in versie {formatNumber(merged.version)}: {shown(conflict.theirs)}
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <Paragraph>Niemand wijzigde hetzelfde veld als u.</Paragraph>
      )}
    </Alert>
  );
}

