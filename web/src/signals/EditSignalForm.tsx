import { Heading, Paragraph, PrimaryActionButton } from '@rijkshuisstijl-community/components-react';
import { useForm } from 'react-hook-form';
import { useMutation } from 'urql';
import { useVersionedSave } from '../app/ConflictAlert';
import { formatNumber } from '../app/format';
import { applyServerFieldErrors, useWarnBeforeLeaving } from '../app/forms';
import { DoneNotice } from '../people/fields';
import { UpdateSignal, type Signal } from './queries';
import { SIGNAL_FIELDS, SignalFields, type SignalValues } from './SignalFields';

const valuesOf = (signal: Signal): SignalValues => ({
  title: signal.title,
  opgave: signal.opgave,
  opvangtype: signal.opvangtype ?? '',
  escalation: signal.escalation ?? '',
  description: signal.description,
});

/**
 * The raising party changes its signal while it is OPEN (shown when the API's `viewerActions` offers EDIT). Only the
 * fields the person changed are sent, on the version they saw: when someone changed the signal meanwhile (CONFLICT),
 * what they typed stays and saving again applies it to the new version. While the form is untouched it follows the
 * signal as it changes live.
 */
export function EditSignalForm({ signal, refetch, ownVersion }: { signal: Signal; refetch: () => void; ownVersion: (version: number) => void }) {
  const [saving, update] = useMutation(UpdateSignal);
  const { register, handleSubmit, formState, setError, watch, reset } = useForm<SignalValues>({ defaultValues: valuesOf(signal), shouldFocusError: true });
  const { errors, isDirty, dirtyFields } = formState;
  const save = useVersionedSave({ version: signal.version, dirty: isDirty, follow: () => reset(valuesOf(signal)), what: 'Het signaal', button: 'Wijzigingen opslaan' });
  useWarnBeforeLeaving(isDirty);
  const opgave = watch('opgave');

  const onSubmit = handleSubmit(async (v) => {
    save.start();
    const changed = (field: keyof SignalValues) => Boolean(dirtyFields[field]);
    if (!(Object.keys(v) as (keyof SignalValues)[]).some(changed)) {
      save.unchanged();
      return;
    }
    const result = await update({
      input: {
        signalId: signal.id,
        expectedVersion: save.basedOn,
        ...(changed('title') ? { title: v.title.trim() } : {}),
        ...(changed('description') ? { description: v.description.trim() } : {}),
        ...(changed('opgave') ? { opgave: v.opgave as never } : {}),
        // An opvangtype goes only with the opgave opvang; another opgave drops it on the server.
        ...((changed('opvangtype') || changed('opgave')) && v.opgave === 'OPVANG' ? { opvangtype: (v.opvangtype || null) as never } : {}),
        ...(changed('escalation') ? { escalation: (v.escalation || null) as never } : {}),
      },
    });
    if (result.error) {
      applyServerFieldErrors(result.error, setError, (path) => SIGNAL_FIELDS.has(path));
      const refused = save.refused(result.error);
      if (refused || result.error.graphQLErrors.some((e) => ['TRANSITION_NOT_ALLOWED', 'FORBIDDEN'].includes(String(e.extensions?.code)))) refetch();
      return;
    }
    const after = result.data!.updateSignal;
    ownVersion(after.version);
    reset({ title: after.title, opgave: after.opgave, opvangtype: after.opvangtype ?? '', escalation: after.escalation ?? '', description: after.description });
    save.succeeded(after.version, `Het signaal is gewijzigd (versie ${formatNumber(after.version)}).`);
    refetch();
  });

  return (
    <form aria-labelledby="wijzigen" className="action-form" noValidate onSubmit={onSubmit}>
      <Heading level={3} id="wijzigen">
        Signaal wijzigen
      </Heading>
      <Paragraph>Zolang het signaal open is, kunt u het aanvullen of verbeteren. Elke wijziging staat in het verloop.</Paragraph>
      <SignalFields register={register} errors={errors} opgave={opgave} />
      {save.alert('Het signaal is niet gewijzigd.')}
      <DoneNotice message={save.saved} />
      <PrimaryActionButton type="submit" disabled={saving.fetching}>
        Wijzigingen opslaan
      </PrimaryActionButton>
    </form>
  );
}
