import { Alert, FormFieldTextarea, Heading, Paragraph, PrimaryActionButton, SecondaryActionButton } from '@rijkshuisstijl-community/components-react';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useMutation } from 'urql';
import type { CombinedError } from 'urql';
import { AppLink } from '../app/AppLink';
import { ErrorAlert } from '../app/ErrorAlert';
import { applyServerFieldErrors } from '../app/forms';
import { formatNumber, planStatusName } from '../app/format';
import { AdoptPlanMutation, ReturnPlanMutation, SubmitPlanMutation, type Plan } from './queries';

/**
 * What the signed-in person may do with the plan now, as the API says (`viewerActions`): the secretariat edits and
 * submits, the LRT adopts or returns with a reason. Every step names the version the person saw.
 */
export function PlanActions({ plan }: { plan: Plan }) {
  const actions = plan.viewerActions;
  const [, submit] = useMutation(SubmitPlanMutation);
  const [, adopt] = useMutation(AdoptPlanMutation);
  const [error, setError] = useState<CombinedError | undefined>();
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const message = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (done || error) message.current?.focus();
  }, [done, error]);
  if (actions.length === 0 && !done && !error) return null;

  const transition = async (run: (variables: { input: { planId: string; expectedVersion: number } }) => Promise<{ error?: CombinedError }>, what: string) => {
    setBusy(true);
    setError(undefined);
    setDone(null);
    const result = await run({ input: { planId: plan.id, expectedVersion: plan.version } });
    setBusy(false);
    if (result.error) setError(result.error);
    else setDone(what);
  };

  return (
    <section aria-labelledby="acties" className="overview-section">
      <Heading level={2} id="acties">
        Wat u nu kunt doen
      </Heading>
      <div ref={message} tabIndex={-1} className="plan-actions__message">
        {done ? (
          <Alert type="ok" role="status">
            <Paragraph>{done}</Paragraph>
          </Alert>
        ) : null}
        <ErrorAlert error={error} title="Dat is niet gelukt." />
      </div>
      {actions.includes('EDIT') ? (
        <Paragraph>
          <AppLink to={`/plannen/${encodeURIComponent(plan.id)}/bewerken`}>Plan bewerken</AppLink>
          {plan.status === 'TERUGGESTUURD' ? ' (na bewerken is het weer een concept, dat u opnieuw kunt indienen)' : ''}
        </Paragraph>
      ) : null}
      <div className="button-row">
        {actions.includes('SUBMIT') ? (
          <PrimaryActionButton type="button" disabled={busy} onClick={() => transition(submit, `Versie ${formatNumber(plan.version)} is ingediend bij de LRT.`)}>
            Indienen bij de LRT (versie {formatNumber(plan.version)})
          </PrimaryActionButton>
        ) : null}
        {actions.includes('ADOPT') ? (
          <PrimaryActionButton type="button" disabled={busy} onClick={() => transition(adopt, `Het plan is vastgesteld (versie ${formatNumber(plan.version)}).`)}>
            Vaststellen (versie {formatNumber(plan.version)})
          </PrimaryActionButton>
        ) : null}
      </div>
      {actions.includes('RETURN') ? <ReturnForm plan={plan} onDone={(text) => setDone(text)} /> : null}
      <Paragraph className="note">Status nu: {planStatusName(plan.status)}.</Paragraph>
    </section>
  );
}

/** The LRT sends the plan back with a reason, which the secretariat sees on the plan. */
function ReturnForm({ plan, onDone }: { plan: Plan; onDone: (text: string) => void }) {
  const [result, send] = useMutation(ReturnPlanMutation);
  const { register, handleSubmit, setError, formState } = useForm<{ reason: string }>({ defaultValues: { reason: '' } });
  const reason = register('reason', {
    validate: (value) => (value.trim() ? true : 'Geef de reden waarom het plan teruggaat naar het secretariaat.'),
  });
  const fieldError = formState.errors.reason?.message;
  return (
    <form
      aria-labelledby="terugsturen"
      noValidate
      onSubmit={handleSubmit(async ({ reason }) => {
        const answer = await send({ input: { planId: plan.id, expectedVersion: plan.version, reason: reason.trim() } });
        if (answer.error) applyServerFieldErrors(answer.error, setError, (path) => path === 'reason');
        else onDone('Het plan is teruggestuurd naar het secretariaat, met uw reden.');
      })}
    >
      <Heading level={3} id="terugsturen">
        Terugsturen
      </Heading>
      <FormFieldTextarea
        label="Reden van terugsturen"
        description="Het secretariaat ziet deze reden bij het plan."
        aria-describedby={undefined}
        name={reason.name}
        inputRef={reason.ref}
        onChange={reason.onChange}
        onBlur={reason.onBlur}
        invalid={Boolean(fieldError)}
        errorMessage={fieldError}
        rows={3}
      />
      <ErrorAlert error={result.error} title="Het plan is niet teruggestuurd." />
      <SecondaryActionButton type="submit" disabled={formState.isSubmitting}>
        Terugsturen naar het secretariaat
      </SecondaryActionButton>
    </form>
  );
}
