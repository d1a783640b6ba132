import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { ESCALATION_NAMES, OPVANGTYPE_NAMES, SIGNAL_OPGAVE_NAMES } from '../app/format';
import { SelectField, TextArea, TextField, textRule } from '../proposals/fields';

/** What a person writes in a signal, as the raise and the edit form hold it ('' for none). */
export type SignalValues = { title: string; opgave: string; opvangtype: string; escalation: string; description: string };
export const SIGNAL_FIELDS = new Set<string>(['title', 'opgave', 'opvangtype', 'escalation', 'description']);

const options = (names: Record<string, string>) => Object.entries(names).map(([value, label]) => ({ value, label }));

/**
 * The fields of a signal, in the order of the raise form. `keep` says which choices can no longer be undone: the API
 * clears neither an opvangtype (while the opgave stays opvang) nor an escalation once chosen, so the edit form does not
 * offer "none" for them.
 */
export function SignalFields({
  register,
  errors,
  opgave,
  keep = {},
}: {
  register: UseFormRegister<SignalValues>;
  errors: FieldErrors<SignalValues>;
  opgave: string;
  keep?: { opvangtype?: boolean; escalation?: boolean };
}) {
  return (
    <>
      <TextField label="Titel" required registration={register('title', textRule('de titel', 200))} error={errors.title} />
      <SelectField label="Opgave" required registration={register('opgave', { required: 'Kies de opgave.' })} error={errors.opgave} options={[{ value: '', label: 'Kies een opgave' }, ...options(SIGNAL_OPGAVE_NAMES)]} />
      {opgave === 'OPVANG' ? (
        <SelectField
          label="Opvangtype"
          description={keep.opvangtype ? 'Een gekozen opvangtype kunt u wijzigen, niet weghalen.' : 'Alleen als het signaal over één opvangtype gaat.'}
          registration={register('opvangtype')}
          error={errors.opvangtype}
          options={[...(keep.opvangtype ? [] : [{ value: '', label: 'Geen bepaald opvangtype' }]), ...options(OPVANGTYPE_NAMES)]}
        />
      ) : null}
      <SelectField
        label="Escalatie"
        description={`Een escalatiemogelijkheid uit de Integrale Handreiking (5.2.2), als u daarom vraagt.${keep.escalation ? ' Een gekozen escalatie kunt u wijzigen, niet weghalen.' : ''}`}
        registration={register('escalation')}
        error={errors.escalation}
        options={[...(keep.escalation ? [] : [{ value: '', label: 'Geen escalatie' }]), ...options(ESCALATION_NAMES)]}
      />
      <TextArea label="Beschrijving" required registration={register('description', textRule('de beschrijving', 10_000))} error={errors.description} rows={6} />
    </>
  );
}
