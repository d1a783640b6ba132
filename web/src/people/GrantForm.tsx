import { Fieldset, Paragraph, PrimaryActionButton, SelectOption } from '@rijkshuisstijl-community/components-react';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useMutation, useQuery } from 'urql';
import { ErrorAlert } from '../app/ErrorAlert';
import { ROLE_NAMES } from '../app/format';
import { applyServerFieldErrors, useWarnBeforeLeaving } from '../app/forms';
import { DoneNotice, requiredText, SelectField, TextareaField, TextField } from './fields';
import { roleName, scopeLabel } from './MembershipsPage';
import { GemeentenOfProvinceQuery, GrantMembershipMutation, KnownPeopleQuery, membershipRow, ScopeChoicesQuery } from './queries';

interface GrantValues {
  person: 'bestaand' | 'nieuw';
  /** An existing person's subject (chosen), or a new person's (typed). */
  personSubject: string;
  personName: string;
  personEmail: string;
  role: string;
  provinceCode: string;
  /** Only narrows the list of gemeenten; not sent. */
  gemeenteProvince: string;
  gemeenteCode: string;
  uitplaatsingsregio: string;
  /** For LRT (optional: JenV when empty) and PARTNER (required): the national organisation the person acts for. */
  organisationId: string;
  reason: string;
}

const EMPTY: GrantValues = {
  person: 'bestaand',
  personSubject: '',
  personName: '',
  personEmail: '',
  role: '',
  provinceCode: '',
  gemeenteProvince: '',
  gemeenteCode: '',
  uitplaatsingsregio: '',
  organisationId: '',
  reason: '',
};

/** The fields the API can name in `extensions.field` that this form has. */
const FIELDS = ['personSubject', 'personName', 'personEmail', 'role', 'provinceCode', 'gemeenteCode', 'uitplaatsingsregio', 'organisationId', 'reason'];

const needed = (required: boolean, message: string) => (value: string) => !required || value.trim() !== '' || message;

/**
 * Grants a role to a person regietafel knows, or to a new one by the subject of their tokens at the identity
 * provider; the scope the role needs (province, gemeente or uitplaatsingsregio) and a reason for the record.
 */
export function GrantForm() {
  const [state, grant] = useMutation(GrantMembershipMutation);
  const [{ data: people }] = useQuery({ query: KnownPeopleQuery, requestPolicy: 'cache-and-network' });
  const [{ data: choices }] = useQuery({ query: ScopeChoicesQuery });
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    reset,
    watch,
    formState: { errors, isDirty },
  } = useForm<GrantValues>({ defaultValues: EMPTY });
  const [done, setDone] = useState<string | null>(null);
  useWarnBeforeLeaving(isDirty);

  const [mode, role, gemeenteProvince] = watch(['person', 'role', 'gemeenteProvince']);
  const [{ data: gemeenten }] = useQuery({ query: GemeentenOfProvinceQuery, variables: { provinceCode: gemeenteProvince as never }, pause: !gemeenteProvince });
  // Another mode means another kind of subject: what was chosen or typed for the other one is not carried over.
  useEffect(() => setValue('personSubject', ''), [mode, setValue]);

  const known = new Map<string, string>();
  for (const edge of people?.memberships.edges ?? []) if (edge.node.person.subject) known.set(edge.node.person.subject, edge.node.person.name);
  const knownPeople = [...known].map(([subject, name]) => ({ subject, name })).sort((a, b) => a.name.localeCompare(b.name, 'nl'));

  const onSubmit = handleSubmit(async (values) => {
    setDone(null);
    const result = await grant({
      input: {
        personSubject: values.personSubject.trim(),
        personName: values.person === 'nieuw' ? values.personName.trim() : null,
        personEmail: values.person === 'nieuw' && values.personEmail.trim() ? values.personEmail.trim() : null,
        role: values.role as never,
        provinceCode: (values.role === 'PRT_SECRETARIAAT' ? values.provinceCode : null) as never,
        gemeenteCode: values.role === 'GEMEENTE' ? values.gemeenteCode : null,
        uitplaatsingsregio: values.role === 'COA_REGIO' ? Number(values.uitplaatsingsregio) : null,
        organisationId: (values.role === 'PARTNER' || values.role === 'LRT') && values.organisationId ? values.organisationId : null,
        reason: values.reason.trim(),
      },
    });
    if (result.error) {
      applyServerFieldErrors(result.error, setError, (path) => FIELDS.includes(path));
      return;
    }
    const membership = membershipRow(result.data!.grantMembership);
    reset(EMPTY);
    setDone(`Toegekend: ${membership.person.name}, ${roleName(membership.role)}, ${scopeLabel(membership)}.`);
  });

  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby="rol-toekennen">
      <Fieldset legend="Persoon">
        <div role="radiogroup" aria-label="Welke persoon">
          <label className="checkbox-label">
            <input type="radio" value="bestaand" {...register('person')} /> Iemand die regietafel al kent
          </label>{' '}
          <label className="checkbox-label">
            <input type="radio" value="nieuw" {...register('person')} /> Een nieuwe persoon
          </label>
        </div>
        {mode === 'bestaand' ? (
          <SelectField label="Persoon" required registration={register('personSubject', { validate: needed(true, 'Kies de persoon.') })} error={errors.personSubject}>
            <SelectOption value="">Kies een persoon</SelectOption>
            {knownPeople.map((person) => (
              <SelectOption key={person.subject} value={person.subject}>
                {person.name}
              </SelectOption>
            ))}
          </SelectField>
        ) : (
          <>
            <TextField
              label="Kenmerk bij de identiteitsprovider"
              description="Het kenmerk (sub) waarmee deze persoon zich aanmeldt."
              required
              registration={register('personSubject', { validate: needed(true, 'Vul het kenmerk van de persoon bij de identiteitsprovider in.') })}
              error={errors.personSubject}
            />
            <TextField
              label="Naam"
              required
              autoComplete="off"
              registration={register('personName', { validate: needed(true, 'Vul de naam van de nieuwe persoon in.') })}
              error={errors.personName}
            />
            <TextField
              label="E-mailadres (niet verplicht)"
              type="email"
              registration={register('personEmail', {
                validate: (value) => !value.trim() || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) || 'Vul een geldig e-mailadres in, of laat het veld leeg.',
              })}
              error={errors.personEmail}
            />
          </>
        )}
      </Fieldset>
      <Fieldset legend="Rol en bereik">
        <SelectField label="Rol" required registration={register('role', { validate: needed(true, 'Kies de rol.') })} error={errors.role}>
          <SelectOption value="">Kies een rol</SelectOption>
          {Object.keys(ROLE_NAMES).map((code) => (
            <SelectOption key={code} value={code}>
              {roleName(code)}
            </SelectOption>
          ))}
        </SelectField>
        {role === 'PRT_SECRETARIAAT' ? (
          <SelectField label="Provincie" required registration={register('provinceCode', { validate: needed(true, 'Kies de provincie.') })} error={errors.provinceCode}>
            <SelectOption value="">Kies een provincie</SelectOption>
            {(choices?.provinces ?? []).map((province) => (
              <SelectOption key={province.code} value={province.code}>
                {province.name}
              </SelectOption>
            ))}
          </SelectField>
        ) : null}
        {role === 'GEMEENTE' ? (
          <>
            <SelectField label="Provincie van de gemeente" registration={register('gemeenteProvince')}>
              <SelectOption value="">Kies eerst een provincie</SelectOption>
              {(choices?.provinces ?? []).map((province) => (
                <SelectOption key={province.code} value={province.code}>
                  {province.name}
                </SelectOption>
              ))}
            </SelectField>
            <SelectField label="Gemeente" required registration={register('gemeenteCode', { validate: needed(true, 'Kies de gemeente.') })} error={errors.gemeenteCode}>
              <SelectOption value="">{gemeenteProvince ? 'Kies een gemeente' : 'Kies eerst de provincie hierboven'}</SelectOption>
              {(gemeenten?.gemeenten.edges ?? []).map(({ node }) => (
                <SelectOption key={node.code} value={node.code}>
                  {node.name}
                </SelectOption>
              ))}
            </SelectField>
          </>
        ) : null}
        {role === 'COA_REGIO' ? (
          <SelectField
            label="Uitplaatsingsregio"
            required
            registration={register('uitplaatsingsregio', { validate: needed(true, 'Kies de uitplaatsingsregio.') })}
            error={errors.uitplaatsingsregio}
          >
            <SelectOption value="">Kies een uitplaatsingsregio</SelectOption>
            {(choices?.uitplaatsingsregios ?? []).map((regio) => (
              <SelectOption key={regio.number} value={String(regio.number)}>
                {regio.number}: {regio.provinces.map((province) => province.name).join(', ')}
              </SelectOption>
            ))}
          </SelectField>
        ) : null}
        {role === 'PARTNER' || role === 'LRT' ? (
          <SelectField
            label="Namens organisatie"
            description={role === 'LRT' ? 'Leeg laten: namens het ministerie van Justitie en Veiligheid.' : undefined}
            required={role === 'PARTNER'}
            registration={register('organisationId', { validate: needed(role === 'PARTNER', 'Kies de organisatie.') })}
            error={errors.organisationId}
          >
            <SelectOption value="">Kies een organisatie</SelectOption>
            {(choices?.nationalOrganisations ?? [])
              .filter((organisation) => (role === 'PARTNER' ? organisation.kind === 'MINISTERIE' || organisation.kind === 'VNG' : true))
              .map((organisation) => (
                <SelectOption key={organisation.id} value={organisation.id}>
                  {organisation.name} ({organisation.abbreviation})
                </SelectOption>
              ))}
          </SelectField>
        ) : null}
        {role === 'LRT' || role === 'IPO' || role === 'PARTNER' ? <Paragraph className="note">Deze rol geldt landelijk.</Paragraph> : null}
        <TextareaField
          label="Reden"
          description="Waarom deze persoon deze rol krijgt; wordt bewaard bij het lidmaatschap."
          required
          registration={register('reason', { validate: requiredText('Vul de reden in waarom deze persoon deze rol krijgt.', 'De reden') })}
          error={errors.reason}
        />
      </Fieldset>
      <ErrorAlert error={state.error} title="De rol is niet toegekend." />
      <DoneNotice message={done} />
      <PrimaryActionButton type="submit" disabled={state.fetching}>
        Rol toekennen
      </PrimaryActionButton>
    </form>
  );
}
