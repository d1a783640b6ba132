import { Paragraph, PrimaryActionButton } from '@rijkshuisstijl-community/components-react';
import { useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { ErrorAlert } from '../app/ErrorAlert';
import { ESCALATION_NAMES, OPVANGTYPE_NAMES, SIGNAL_OPGAVE_NAMES } from '../app/format';
import { applyServerFieldErrors, serverFieldErrors, useWarnBeforeLeaving } from '../app/forms';
import { Section } from '../app/table';
import { SelectField, TextArea, TextField, textRule } from '../proposals/fields';
import { RaiseSignal } from './queries';

type Values = { title: string; opgave: string; opvangtype: string; escalation: string; description: string };
const FIELDS = new Set(['title', 'opgave', 'opvangtype', 'escalation', 'description']);

/**
 * Raise a signal to the LRT about a province (shown where the API's RAISE_SIGNAL ability reaches it). The API decides
 * on whose behalf: the regietafel, COA or the bestuurlijk aanjager. On success, to the signal's page.
 */
export function RaiseSignalForm({ provinceCode, provinceName }: { provinceCode: string; provinceName: string }) {
  const navigate = useNavigate();
  const [{ error }, raise] = useMutation(RaiseSignal);
  const { register, handleSubmit, formState, setError, watch } = useForm<Values>({ defaultValues: { title: '', opgave: '', opvangtype: '', escalation: '', description: '' } });
  useWarnBeforeLeaving(formState.isDirty && !formState.isSubmitSuccessful);
  const opgave = watch('opgave');
  const fieldErrors = serverFieldErrors(error).filter((e) => FIELDS.has(e.path));
  return (
    <Section id="signaal-indienen" title="Een signaal indienen">
      <Paragraph>
        Leg een knelpunt van {provinceName} voor aan de Landelijke Regietafel. De LRT agendeert het voor een overleg en beantwoordt het; u ziet het antwoord hier.
        De beschrijving mag Markdown bevatten.
      </Paragraph>
      {error && fieldErrors.length === 0 ? <ErrorAlert error={error} title="Het signaal is niet ingediend." /> : null}
      <form
        aria-labelledby="signaal-indienen"
        className="action-form"
        noValidate
        onSubmit={handleSubmit(async (values) => {
          const result = await raise({
            input: {
              provinceCode: provinceCode as never,
              opgave: values.opgave as never,
              opvangtype: values.opgave === 'OPVANG' && values.opvangtype ? (values.opvangtype as never) : null,
              escalation: values.escalation ? (values.escalation as never) : null,
              title: values.title.trim(),
              description: values.description.trim(),
            },
          });
          if (result.error) {
            applyServerFieldErrors(result.error, setError, (path) => FIELDS.has(path));
            return;
          }
          const id = result.data?.raiseSignal.id;
          if (id) navigate(`/signalen/${encodeURIComponent(id)}`, { state: { message: 'Het signaal is ingediend bij de LRT.' } });
        })}
      >
        <TextField label="Titel" required registration={register('title', textRule('de titel', 200))} error={formState.errors.title} />
        <SelectField
          label="Opgave"
          required
          registration={register('opgave', { required: 'Kies de opgave.' })}
          error={formState.errors.opgave}
          options={[{ value: '', label: 'Kies een opgave' }, ...Object.entries(SIGNAL_OPGAVE_NAMES).map(([value, label]) => ({ value, label }))]}
        />
        {opgave === 'OPVANG' ? (
          <SelectField
            label="Opvangtype"
            description="Alleen als het signaal over één opvangtype gaat."
            registration={register('opvangtype')}
            error={formState.errors.opvangtype}
            options={[{ value: '', label: 'Geen bepaald opvangtype' }, ...Object.entries(OPVANGTYPE_NAMES).map(([value, label]) => ({ value, label }))]}
          />
        ) : null}
        <SelectField
          label="Escalatie"
          description="Een escalatiemogelijkheid uit de Integrale Handreiking (5.2.2), als u daarom vraagt."
          registration={register('escalation')}
          error={formState.errors.escalation}
          options={[{ value: '', label: 'Geen escalatie' }, ...Object.entries(ESCALATION_NAMES).map(([value, label]) => ({ value, label }))]}
        />
        <TextArea label="Beschrijving" required registration={register('description', textRule('de beschrijving', 10_000))} error={formState.errors.description} rows={6} />
        <PrimaryActionButton type="submit" disabled={formState.isSubmitting}>
          Signaal indienen
        </PrimaryActionButton>
      </form>
    </Section>
  );
}
