import { Alert, Fieldset, Paragraph, PrimaryActionButton, SecondaryActionButton, SelectOption } from '@rijkshuisstijl-community/components-react';
import { useEffect, useImperativeHandle, useState, type Ref } from 'react';
import { useForm } from 'react-hook-form';
import { useMutation, useQuery } from 'urql';
import { ErrorAlert } from '../app/ErrorAlert';
import { errorCodes } from '../app/errors';
import { formatDate, formatNumber, provinceName } from '../app/format';
import { applyServerFieldErrors, useWarnBeforeLeaving } from '../app/forms';
import { OpvangtypesQuery } from '../monitoring/queries';
import { DoneNotice, requiredText, SelectField, TextField } from '../people/fields';
import { opgaveTypeLabel, TOTAL_LABEL } from './OpgaveTable';
import { SetOpgaveMutation, type OpgaveFigure } from './queries';
import { dateRule, placesRule } from './rules';

interface OpgaveValues {
  /** '' for places of any type, TOTAL for the province's total opvang (SetOpgaveInput.total). */
  opvangtype: string;
  dueDate: string;
  places: string;
  source: string;
}

const FIELDS = ['opvangtype', 'dueDate', 'places', 'source'];
const MAX_PLACES = 1_000_000;
const EMPTY: OpgaveValues = { opvangtype: '', dueDate: '', places: '', source: '' };

/** The select's value for an opgave of the province's total opvang: not an opvangtype. */
const TOTAL = 'TOTAL';
const choiceOf = (figure: { opvangtype?: string | null; total: boolean }) => (figure.total ? TOTAL : (figure.opvangtype ?? ''));
const keyOf = (choice: string, dueDate: string) => `${choice}|${dueDate}`;

/** Lets the table above start a change of one figure in the form. */
export interface OpgaveFormHandle {
  change(figure: OpgaveFigure): void;
}

/**
 * Sets a new opgave figure or changes one (the API replaces the figure of the same type and date). A change names
 * the version the person saw; when someone else changed the figure meanwhile, what the person typed stays and they
 * can save it again on the new version.
 */
export function OpgaveForm({ code, figures, handle }: { code: string; figures: readonly OpgaveFigure[]; handle: Ref<OpgaveFormHandle> }) {
  const [{ data: types }] = useQuery({ query: OpvangtypesQuery });
  const [saving, setOpgave] = useMutation(SetOpgaveMutation);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    setFocus,
    watch,
    formState: { errors, isDirty },
  } = useForm<OpgaveValues>({ defaultValues: EMPTY, shouldFocusError: true });
  /** The figure being changed, at the version the person saw when they chose to change it. */
  const [basedOn, setBasedOn] = useState<{ key: string; version: number } | null>(null);
  const [failure, setFailure] = useState<typeof saving.error>(undefined);
  const [conflict, setConflict] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  useWarnBeforeLeaving(isDirty);

  useImperativeHandle(handle, () => ({
    change(figure) {
      reset({ opvangtype: choiceOf(figure), dueDate: figure.dueDate, places: String(figure.places), source: figure.source });
      setBasedOn({ key: keyOf(choiceOf(figure), figure.dueDate), version: figure.version });
      setFailure(undefined);
      setConflict(null);
      setSaved(null);
      setFocusPlaces((n) => n + 1);
    },
  }));
  // After the form took over a figure to change, the number of places has the focus (once the form shows it).
  const [focusPlaces, setFocusPlaces] = useState(0);
  useEffect(() => {
    if (focusPlaces === 0) return;
    // After the reset has registered the fields again.
    const frame = window.requestAnimationFrame(() => setFocus('places'));
    return () => window.cancelAnimationFrame(frame);
  }, [focusPlaces, setFocus]);

  const [opvangtype, dueDate] = watch(['opvangtype', 'dueDate']);
  const current = figures.find((figure) => keyOf(choiceOf(figure), figure.dueDate) === keyOf(opvangtype, dueDate));

  const onSubmit = handleSubmit(async (values) => {
    setFailure(undefined);
    setConflict(null);
    setSaved(null);
    const key = keyOf(values.opvangtype, values.dueDate);
    // The version the person saw: of the figure they chose to change, or else of the one the table shows them.
    const expectedVersion = basedOn?.key === key ? basedOn.version : (current?.version ?? null);
    const result = await setOpgave({
      input: {
        provinceCode: code as never,
        opvangtype: (values.opvangtype && values.opvangtype !== TOTAL ? values.opvangtype : null) as never,
        total: values.opvangtype === TOTAL,
        dueDate: values.dueDate,
        places: Number(values.places),
        source: values.source.trim(),
        expectedVersion,
      },
    });
    if (result.error) {
      setFailure(result.error);
      applyServerFieldErrors(result.error, setError, (path) => FIELDS.includes(path));
      if (errorCodes(result.error).includes('CONFLICT')) {
        const details = result.error.graphQLErrors.find((e) => e.extensions?.code === 'CONFLICT')?.extensions ?? {};
        const version = Number(details.currentVersion ?? 0);
        // Saving again applies the person's figure to the version that is there now.
        setBasedOn(version > 0 ? { key, version } : null);
        setConflict(
          version > 0
            ? `Deze opgave is intussen gewijzigd door ${String(details.changedBy ?? 'iemand anders')} (nu versie ${formatNumber(version)}; zie de tabel). Uw invoer is bewaard: kies opnieuw "Opslaan" om uw waarde daaroverheen op te slaan, of "Leegmaken" om ervan af te zien.`
            : 'Deze opgave bestaat niet meer in de vorm die u zag. Uw invoer is bewaard: kies opnieuw "Opslaan" om haar als nieuwe opgave op te slaan.',
        );
      }
      return;
    }
    const figure = result.data!.setOpgave;
    setBasedOn(null);
    reset(EMPTY);
    setSaved(
      `Opgeslagen: ${formatNumber(figure.places)} plaatsen ${opgaveTypeLabel(figure.opvangtype, figure.total)} per ${formatDate(figure.dueDate)} voor ${provinceName(code)} (versie ${formatNumber(figure.version)}).`,
    );
  });

  const clear = () => {
    reset(EMPTY);
    setBasedOn(null);
    setFailure(undefined);
    setConflict(null);
  };

  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby="opgave-form-titel">
      <Fieldset legend={basedOn ? 'Opgave wijzigen' : 'Opgave vaststellen'} legendId="opgave-form-titel">
        <Paragraph className="note">
          Een opgave voor hetzelfde opvangtype en dezelfde peildatum vervangt de bestaande; de eerdere blijft in de geschiedenis bewaard.
        </Paragraph>
        <Paragraph className="note">
          {TOTAL_LABEL}: de plaatsen van elk opvangtype behalve crisisnoodopvang, bestaande AZC’s inbegrepen.
        </Paragraph>
        <SelectField label="Opvangtype" registration={register('opvangtype')} error={errors.opvangtype}>
          <SelectOption value="">Elk opvangtype</SelectOption>
          <SelectOption value={TOTAL}>{TOTAL_LABEL}</SelectOption>
          {(types?.opvangtypes ?? []).map((type) => (
            <SelectOption key={type.code} value={type.code}>
              {opgaveTypeLabel(type.code)}
            </SelectOption>
          ))}
        </SelectField>
        <TextField
          label="Peildatum"
          description="De datum waarop de plaatsen er moeten zijn."
          type="date"
          required
          registration={register('dueDate', {
            required: 'Vul de peildatum in.',
            validate: dateRule,
          })}
          error={errors.dueDate}
        />
        <TextField
          label="Aantal plaatsen"
          type="number"
          required
          registration={register('places', {
            required: 'Vul het aantal plaatsen in.',
            validate: placesRule(MAX_PLACES),
          })}
          error={errors.places}
        />
        <TextField
          label="Bron"
          description='Waar het getal vandaan komt, bijvoorbeeld "LRT 15 december 2020".'
          required
          registration={register('source', { validate: requiredText('Vul de bron van de opgave in.', 'De bron') })}
          error={errors.source}
        />
        {current ? (
          <Paragraph className="note" aria-live="polite">
            Dit vervangt de huidige opgave van {formatNumber(current.places)} plaatsen (bron: {current.source}, versie {formatNumber(current.version)}).
          </Paragraph>
        ) : null}
      </Fieldset>
      {conflict ? (
        <Alert type="warning" role="alert">
          <Paragraph>{conflict}</Paragraph>
        </Alert>
      ) : null}
      {failure && !conflict ? <ErrorAlert error={failure} title="De opgave is niet opgeslagen." /> : null}
      <DoneNotice message={saved} />
      <div className="button-row">
        <PrimaryActionButton type="submit" disabled={saving.fetching}>
          Opslaan
        </PrimaryActionButton>
        <SecondaryActionButton type="button" onClick={clear}>
          Leegmaken
        </SecondaryActionButton>
      </div>
    </form>
  );
}
