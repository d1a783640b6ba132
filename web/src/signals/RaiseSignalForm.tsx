import { Paragraph, PrimaryActionButton } from '@rijkshuisstijl-community/components-react';
import { useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { ErrorAlert } from '../app/ErrorAlert';
import { applyServerFieldErrors, serverFieldErrors, useWarnBeforeLeaving } from '../app/forms';
import { Section } from '../app/table';
import { RaiseSignal } from './queries';
import { SIGNAL_FIELDS, SignalFields, type SignalValues } from './SignalFields';

/**
 * Raise a signal to the LRT about a province (shown where the API's RAISE_SIGNAL ability reaches it). The API decides
 * on whose behalf: the regietafel, COA or the bestuurlijk aanjager. On success, to the signal's page.
 */
export function RaiseSignalForm({ provinceCode, provinceName }: { provinceCode: string; provinceName: string }) {
  const navigate = useNavigate();
  const [{ error }, raise] = useMutation(RaiseSignal);
  const { register, handleSubmit, formState, setError, watch } = useForm<SignalValues>({ defaultValues: { title: '', opgave: '', opvangtype: '', escalation: '', description: '' } });
  useWarnBeforeLeaving(formState.isDirty && !formState.isSubmitSuccessful);
  const opgave = watch('opgave');
  const fieldErrors = serverFieldErrors(error).filter((e) => SIGNAL_FIELDS.has(e.path));
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
            applyServerFieldErrors(result.error, setError, (path) => SIGNAL_FIELDS.has(path));
            return;
          }
          const id = result.data?.raiseSignal.id;
          if (id) navigate(`/signalen/${encodeURIComponent(id)}`, { state: { message: 'Het signaal is ingediend bij de LRT.' } });
        })}
      >
        <SignalFields register={register} errors={formState.errors} opgave={opgave} />
        <PrimaryActionButton type="submit" disabled={formState.isSubmitting}>
          Signaal indienen
        </PrimaryActionButton>
      </form>
    </Section>
  );
}
