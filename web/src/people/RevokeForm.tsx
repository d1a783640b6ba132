import { Paragraph, PrimaryActionButton, SecondaryActionButton } from '@rijkshuisstijl-community/components-react';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useMutation } from 'urql';
import { ErrorAlert } from '../app/ErrorAlert';
import { applyServerFieldErrors, useWarnBeforeLeaving } from '../app/forms';
import { Section } from '../app/table';
import { DoneNotice, requiredText, TextareaField } from './fields';
import { roleName, scopeLabel } from './MembershipsPage';
import { RevokeMembershipMutation, type MembershipRow } from './queries';

/** Revokes one membership, with the reason that is kept with it. */
export function RevokeForm({ membership, onClose }: { membership: MembershipRow; onClose: () => void }) {
  const [state, revoke] = useMutation(RevokeMembershipMutation);
  const [done, setDone] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors, isDirty },
  } = useForm<{ reason: string }>({ defaultValues: { reason: '' } });
  useWarnBeforeLeaving(isDirty && !done);
  // Opened for a membership (the page gives each its own form): the reason has the focus.
  useEffect(() => setFocus('reason'), [setFocus]);
  const who = `${membership.person.name}, ${roleName(membership.role)}, ${scopeLabel(membership)}`;
  const onSubmit = handleSubmit(async ({ reason }) => {
    const result = await revoke({ input: { membershipId: membership.id, reason: reason.trim() } });
    if (result.error) {
      applyServerFieldErrors(result.error, setError, (path) => path === 'reason');
      return;
    }
    setDone(`Ingetrokken: ${who}.`);
  });
  return (
    <Section id="rol-intrekken" title="Rol intrekken">
      <DoneNotice message={done} />
      {done ? null : (
        <form noValidate onSubmit={onSubmit} aria-labelledby="rol-intrekken">
          <Paragraph>U trekt deze rol in: {who}.</Paragraph>
          <TextareaField
            label="Reden van intrekken"
            description="Wordt bewaard bij het lidmaatschap; te zien voor IPO, LRT en de persoon zelf."
            required
            registration={register('reason', { validate: requiredText('Vul de reden in waarom deze rol wordt ingetrokken.', 'De reden') })}
            error={errors.reason}
          />
          <ErrorAlert error={state.error} title="De rol is niet ingetrokken." />
          <div className="button-row">
            <PrimaryActionButton type="submit" disabled={state.fetching}>
              Intrekken
            </PrimaryActionButton>
            <SecondaryActionButton type="button" onClick={onClose}>
              Annuleren
            </SecondaryActionButton>
          </div>
        </form>
      )}
      {done ? (
        <SecondaryActionButton type="button" onClick={onClose}>
          Sluiten
        </SecondaryActionButton>
      ) : null}
    </Section>
  );
}
