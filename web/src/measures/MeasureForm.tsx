import { Fieldset, FormFieldCheckboxGroup, FormFieldCheckboxOption, Paragraph, PrimaryActionButton } from '@rijkshuisstijl-community/components-react';
import { useState } from 'react';
import { Controller, useForm, type Control, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { AppLink } from '../app/AppLink';
import { ConflictAlert, useVersionedSave } from '../app/ConflictAlert';
import { formatNumber } from '../app/format';
import { applyServerFieldErrors, useWarnBeforeLeaving } from '../app/forms';
import { readFragment } from '../app/graphql';
import { Section } from '../app/table';
import { DoneNotice } from '../people/fields';
import { dateRule, SelectField, TextArea, TextField, textRule } from '../proposals/fields';
import { CreateSupportMeasureMutation, MeasureFields, NationalOrganisationsQuery, THEMES, UpdateSupportMeasureMutation, type Measure, type MeasureTheme } from './queries';

/** The server's limits and paragraph numbers (measures.service.ts, rules.ts). */
const PARAGRAPH = /^[1-9][0-9]?(\.[0-9]{1,2}){0,3}$/;
const MAX_BUDGET = 2_000_000_000;

/** The status table's own name for the LRT as trekker (it is no organisation). */
const LRT = 'LRT';

interface MeasureValues {
  paragraph: string;
  theme: string;
  title: string;
  trekkers: string[];
  budgetEuros: string;
  budgetNote: string;
  contact: string;
  planning: string;
  openToGemeenten: boolean;
  applicationsOpenFrom: string;
  applicationsOpenUntil: string;
}
type Field = keyof MeasureValues;
const FIELDS = new Set<string>(['paragraph', 'theme', 'title', 'trekkers', 'budgetEuros', 'budgetNote', 'contact', 'planning', 'openToGemeenten', 'applicationsOpenFrom', 'applicationsOpenUntil']);
/** The API names a refused trekker `input.trekkers[2]`: the form says it at the group. */
const fieldOf = (path: string) => (path.startsWith('trekkers.') ? 'trekkers' : path);

const EMPTY: MeasureValues = { paragraph: '', theme: '', title: '', trekkers: [], budgetEuros: '', budgetNote: '', contact: '', planning: '', openToGemeenten: false, applicationsOpenFrom: '', applicationsOpenUntil: '' };

const valuesOf = (m: Measure): MeasureValues => ({
  paragraph: m.paragraph,
  theme: m.theme,
  title: m.title,
  trekkers: [...m.trekkers],
  budgetEuros: m.budgetEuros === null ? '' : String(m.budgetEuros),
  budgetNote: m.budgetNote ?? '',
  contact: m.contact ?? '',
  planning: m.planning ?? '',
  openToGemeenten: m.openToGemeenten,
  applicationsOpenFrom: m.applicationsOpenFrom ?? '',
  applicationsOpenUntil: m.applicationsOpenUntil ?? '',
});

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/** The value of each field as the API takes it; an empty optional field clears it (null). */
function inputOf(v: MeasureValues) {
  return {
    paragraph: v.paragraph.trim(),
    theme: v.theme as MeasureTheme,
    title: v.title.trim(),
    trekkers: v.trekkers,
    budgetEuros: v.budgetEuros.trim() === '' ? null : Number(v.budgetEuros),
    budgetNote: orNull(v.budgetNote),
    contact: orNull(v.contact),
    planning: orNull(v.planning),
    openToGemeenten: v.openToGemeenten,
    // Only a regeling open to gemeenten has an application window.
    applicationsOpenFrom: v.openToGemeenten ? orNull(v.applicationsOpenFrom) : null,
    applicationsOpenUntil: v.openToGemeenten ? orNull(v.applicationsOpenUntil) : null,
  };
}

/** The trekkers one may choose: the national organisations the API names, and the LRT. */
function useTrekkerOptions(): { value: string; label: string }[] {
  const [{ data }] = useQuery({ query: NationalOrganisationsQuery });
  const organisations = (data?.nationalOrganisations ?? []).filter((o) => o.abbreviation).map((o) => ({ value: o.abbreviation!, label: `${o.abbreviation} (${o.name})` }));
  return [...organisations, { value: LRT, label: 'LRT (de Landelijke Regietafel zelf)' }];
}

/**
 * The fields of a measure. `identity` shows paragraph, theme and trekkers: what only the LRT changes (the API's
 * CHANGE_TREKKERS); the window in which gemeenten may apply shows only for a regeling open to them.
 */
function MeasureFieldset({ legend, register, control, errors, identity, open }: { legend: string; register: UseFormRegister<MeasureValues>; control: Control<MeasureValues>; errors: FieldErrors<MeasureValues>; identity: boolean; open: boolean }) {
  const trekkerOptions = useTrekkerOptions();
  return (
    <Fieldset legend={legend}>
      {identity ? (
        <>
          <TextField
            label="Paragraaf"
            required
            description="Het paragraafnummer in de Integrale Handreiking, zoals 4.3.1 of 7.2."
            registration={register('paragraph', { validate: (value) => (!value.trim() ? 'Vul de paragraaf in.' : PARAGRAPH.test(value.trim()) ? true : 'Vul een paragraafnummer in zoals 4.3.1 of 7.2.') })}
            error={errors.paragraph}
          />
          <SelectField
            label="Thema"
            required
            registration={register('theme', { required: 'Kies het thema.' })}
            error={errors.theme}
            options={[{ value: '', label: 'Kies een thema' }, ...Object.entries(THEMES).map(([value, label]) => ({ value, label }))]}
          />
        </>
      ) : null}
      <TextField label="Ondersteuningsmaatregel" required registration={register('title', textRule('de naam van de maatregel', 300))} error={errors.title} />
      {identity ? (
        <Controller
          control={control}
          name="trekkers"
          render={({ field, fieldState }) => (
            <FormFieldCheckboxGroup label="Trekkers" description="De organisaties die de maatregel trekken; zij werken de stand van zaken bij." invalid={Boolean(fieldState.error)} errorMessage={fieldState.error?.message}>
              {trekkerOptions.map((option, index) => (
                <FormFieldCheckboxOption
                  key={option.value}
                  label={option.label}
                  name={`${field.name}.${option.value}`}
                  value={option.value}
                  checked={field.value.includes(option.value)}
                  inputRef={index === 0 ? field.ref : undefined}
                  onBlur={field.onBlur}
                  onChange={(event) => {
                    const checked = (event.target as HTMLInputElement).checked;
                    field.onChange(checked ? [...field.value, option.value] : field.value.filter((value) => value !== option.value));
                  }}
                />
              ))}
            </FormFieldCheckboxGroup>
          )}
        />
      ) : null}
      <TextField
        label="Budget in euro's"
        type="number"
        description="Een heel bedrag, zonder punten; leeg als er geen budget is genoemd."
        registration={register('budgetEuros', {
          validate: (value) => {
            if (value.trim() === '') return true;
            const amount = Number(value);
            return Number.isInteger(amount) && amount >= 0 && amount <= MAX_BUDGET ? true : `Vul een heel bedrag in van 0 tot en met ${formatNumber(MAX_BUDGET)} euro.`;
          },
        })}
        error={errors.budgetEuros}
      />
      <TextField label="Toelichting op het budget" description="Bijvoorbeeld: waarvan € 3 miljoen voor pilots tussenvoorzieningen." registration={register('budgetNote', textRule('de toelichting op het budget', 500, false))} error={errors.budgetNote} />
      <TextField label="Contact" registration={register('contact', textRule('het contact', 300, false))} error={errors.contact} />
      <TextArea label="Planning" description="De planning zoals de statustabel die noemt, waar er geen precieze datum is (bijvoorbeeld: najaar 2021)." registration={register('planning', textRule('de planning', 500, false))} error={errors.planning} rows={2} />
      <Controller
        control={control}
        name="openToGemeenten"
        render={({ field }) => (
          <FormFieldCheckboxOption
            label="Een regeling waarvoor gemeenten kunnen aanvragen"
            name={field.name}
            checked={field.value}
            inputRef={field.ref}
            onBlur={field.onBlur}
            onChange={(event) => field.onChange((event.target as HTMLInputElement).checked)}
          />
        )}
      />
      {open ? (
        <>
          <TextField label="Aanvragen mogelijk vanaf" type="date" registration={register('applicationsOpenFrom', dateRule('de begindatum', false))} error={errors.applicationsOpenFrom} />
          <TextField
            label="Aanvragen mogelijk tot en met"
            type="date"
            description="Leeg als de einddatum niet bekend is."
            registration={register('applicationsOpenUntil', {
              validate: (value, all) => {
                const valid = dateRule('de einddatum', false).validate(value);
                if (valid !== true) return valid;
                return value && all.applicationsOpenFrom && value < all.applicationsOpenFrom ? 'De einddatum ligt vóór de begindatum.' : true;
              },
            })}
            error={errors.applicationsOpenUntil}
          />
        </>
      ) : null}
    </Fieldset>
  );
}

/** `/maatregelen`, for the LRT (the API's CREATE_SUPPORT_MEASURE): a new measure in the status table. */
export function NewMeasureForm() {
  const [saving, create] = useMutation(CreateSupportMeasureMutation);
  const { register, control, handleSubmit, reset, setError, watch, formState: { errors, isDirty } } = useForm<MeasureValues>({ defaultValues: EMPTY, shouldFocusError: true });
  const [failure, setFailure] = useState<CombinedError | undefined>(undefined);
  const [created, setCreated] = useState<{ paragraph: string; title: string } | null>(null);
  useWarnBeforeLeaving(isDirty);

  const onSubmit = handleSubmit(async (v) => {
    setFailure(undefined);
    setCreated(null);
    const result = await create({ input: inputOf(v) });
    if (result.error) {
      setFailure(result.error);
      applyServerFieldErrors(result.error, (path, error, options) => setError(fieldOf(path) as Field, error, options), (path) => FIELDS.has(fieldOf(path)));
      return;
    }
    const m = readFragment(MeasureFields, result.data!.createSupportMeasure);
    reset(EMPTY);
    setCreated({ paragraph: m.paragraph, title: m.title });
  });

  return (
    <Section id="maatregel-toevoegen" title="Maatregel toevoegen">
      <Paragraph>Voeg een ondersteuningsmaatregel aan de statustabel toe. De trekkers werken daarna zelf de stand van zaken en de mijlpalen bij.</Paragraph>
      <form noValidate onSubmit={onSubmit} aria-labelledby="maatregel-toevoegen" className="action-form">
        <MeasureFieldset legend="Nieuwe maatregel" register={register} control={control} errors={errors} identity open={watch('openToGemeenten')} />
        <ConflictAlert conflict={null} failure={failure} title="De maatregel is niet toegevoegd." />
        <DoneNotice message={created ? `Maatregel ${created.paragraph} (${created.title}) is aan de statustabel toegevoegd.` : null} />
        {created ? (
          <Paragraph>
            <AppLink to={`/maatregelen/${created.paragraph}`}>Naar maatregel {created.paragraph}</AppLink>
          </Paragraph>
        ) : null}
        <div className="button-row">
          <PrimaryActionButton type="submit" disabled={saving.fetching}>
            Maatregel toevoegen
          </PrimaryActionButton>
        </div>
      </form>
    </Section>
  );
}

/**
 * A measure's details, for its trekkers and the LRT (the API's UPDATE_DETAILS); paragraph, theme and trekkers only for
 * the LRT (CHANGE_TREKKERS). Only what the person changed is sent, on the version they saw: after a CONFLICT what they
 * typed stays and saving again applies it to the new version. While untouched, the form follows live changes.
 */
export function MeasureDetailsForm({ measure, onSaved }: { measure: Measure; onSaved: () => void }) {
  const navigate = useNavigate();
  const identity = measure.viewerActions.includes('CHANGE_TREKKERS');
  const [saving, update] = useMutation(UpdateSupportMeasureMutation);
  const { register, control, handleSubmit, reset, setError, watch, formState: { errors, isDirty, dirtyFields } } = useForm<MeasureValues>({ defaultValues: valuesOf(measure), shouldFocusError: true });
  const save = useVersionedSave({ version: measure.version, dirty: isDirty, follow: () => reset(valuesOf(measure)), what: 'De maatregel', button: 'Gegevens opslaan' });
  useWarnBeforeLeaving(isDirty);

  const onSubmit = handleSubmit(async (v) => {
    save.start();
    const all = inputOf(v);
    const changed = (field: Field) => Boolean(dirtyFields[field]);
    // The window is one thing: whether gemeenten may apply, and from and until when.
    const windowChanged = changed('openToGemeenten') || changed('applicationsOpenFrom') || changed('applicationsOpenUntil');
    const fields = (Object.keys(all) as Field[]).filter((field) => (['openToGemeenten', 'applicationsOpenFrom', 'applicationsOpenUntil'].includes(field) ? windowChanged : changed(field)));
    if (fields.length === 0) {
      save.unchanged();
      return;
    }
    const result = await update({ input: { id: measure.id, expectedVersion: save.basedOn, ...Object.fromEntries(fields.map((field) => [field, all[field]])) } });
    if (result.error) {
      applyServerFieldErrors(result.error, (path, error, options) => setError(fieldOf(path) as Field, error, options), (path) => FIELDS.has(fieldOf(path)));
      if (save.refused(result.error)) onSaved();
      return;
    }
    const m = readFragment(MeasureFields, result.data!.updateSupportMeasure);
    reset(valuesOf(m));
    save.succeeded(m.version, `De gegevens van maatregel ${m.paragraph} zijn opgeslagen (versie ${formatNumber(m.version)}).`);
    if (m.paragraph !== measure.paragraph) navigate(`/maatregelen/${m.paragraph}`, { replace: true });
    else onSaved();
  });

  return (
    <Section id="gegevens-wijzigen" title="Gegevens wijzigen">
      <form noValidate onSubmit={onSubmit} aria-labelledby="gegevens-wijzigen" className="action-form">
        <MeasureFieldset legend={`Maatregel ${measure.paragraph}`} register={register} control={control} errors={errors} identity={identity} open={watch('openToGemeenten')} />
        {identity ? null : <Paragraph className="note">Paragraaf, thema en trekkers wijzigt de LRT.</Paragraph>}
        {save.alert('De gegevens zijn niet opgeslagen.')}
        <DoneNotice message={save.saved} />
        <div className="button-row">
          <PrimaryActionButton type="submit" disabled={saving.fetching}>
            Gegevens opslaan
          </PrimaryActionButton>
        </div>
      </form>
    </Section>
  );
}
