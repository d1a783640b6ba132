import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { ESCALATION_NAMES, OPVANGTYPE_NAMES, SIGNAL_OPGAVE_NAMES } from '../app/format';
import { SelectField, TextArea, TextField, textRule } from '../proposals/fields';

/** What a person writes in a signal, as the raise and the edit form hold it ('' for none). */
export type SignalValues = { title: string; opgave: string; opvangtype: string; escalation: string; description: string };
export const SIGNAL_FIELDS = new Set<string>(['title', 'opgave', 'opvangtype', 'escalation', 'description']);

const options = (names: Record<string, string>) => Object.entries(names).map(([value, label]) => ({ value, label }));

/** The fields of a signal, in the order of the raise form; the edit form may take an opvangtype or escalation away ("Geen"). */
export function SignalFields({ register, errors, opgave }: { register: UseFormRegister<SignalValues>; errors: FieldErrors<SignalValues>; opgave: string }) {
  return (
    <>
      <TextField label="Titel" required registration={register('title', textRule('de titel', 200))} error={errors.title} />
      <SelectField label="Opgave" required registration={register('opgave', { required: 'Kies de opgave.' })} error={errors.opgave} options={[{ value: '', label: 'Kies een opgave' }, ...options(SIGNAL_OPGAVE_NAMES)]} />
      {opgave === 'OPVANG' ? (
        <SelectField
          label="Opvangtype"
          description="Alleen als het signaal over één opvangtype gaat."
          registration={register('opvangtype')}
          error={errors.opvangtype}
          options={[{ value: '', label: 'Geen bepaald opvangtype' }, ...options(OPVANGTYPE_NAMES)]}
        />
      ) : null}
      <SelectField
        label="Escalatie"
        description="Een escalatiemogelijkheid uit de Integrale Handreiking (5.2.2), als u daarom vraagt."
        registration={register('escalation')}
        error={errors.escalation}
        options={[{ value: '', label: 'Geen escalatie' }, ...options(ESCALATION_NAMES)]}
      />
      <TextArea label="Beschrijving" required registration={register('description', textRule('de beschrijving', 10_000))} error={errors.description} rows={6} />
    </>
  );
}
