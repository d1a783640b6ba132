import { Alert, FormFieldTextarea, Heading, Paragraph, PrimaryActionButton, SecondaryActionButton } from '@rijkshuisstijl-community/components-react';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useMutation } from 'urql';
import type { CombinedError } from 'urql';
import { AppLink } from '../app/AppLink';
import { ErrorAlert } from '../app/ErrorAlert';
import { applyServerFieldErrors } from '../app/forms';
import { formatNumber, planStatusName } from '../app/format';
import { LIMITS, textProblem } from './limits';
import { AdoptPlanMutation, ReturnPlanMutation, SubmitPlanMutation, type Plan } from './queries';

/**
 * What the signed-in person may do with the plan now, as the API says (`viewerActions`): the secretariat edits and
 * submits, the LRT adopts or returns with a reason. Every step names the version the person saw.
 */
export function PlanActions({ plan }: { plan: Plan }) {
  const actions = plan.viewerActions;
  const [, submit] = useMutation(SubmitPlanMutation);
  const [, adopt] = useMutation(AdoptPlanMutation);
  const [failure, setFailure] = useState<{ error: CombinedError; version: number } | undefined>();
  const [done, setDone] = useState<Done | null>(null);
  const [busy, setBusy] = useState(false);
  const message = useRef<HTMLDivElement>(null);
  // A message holds only for the version it was about: when the plan moves on (another person returned, adopted or
  // edited it), it goes, and the page shows the plan as it is now.
  const shownDone = done && plan.version <= done.version ? done : null;
  const error = failure && plan.version <= failure.version ? failure.error : undefined;
  useEffect(() => {
    if (done || failure) message.current?.focus();
  }, [done, failure]);
  if (actions.length === 0 && !shownDone && !error) return null;

  type Transition = (variables: { input: { planId: string; expectedVersion: number } }) => Promise<{ error?: CombinedError; data?: Record<string, { version: number } | null> }>;
  const transition = async (run: Transition, what: (version: string) => string) => {
    setBusy(true);
    setFailure(undefined);
    setDone(null);
    const seen = plan.version;
    const result = await run({ input: { planId: plan.id, expectedVersion: seen } });
    setBusy(false);
    // The version the API says the plan now has (the step itself makes a new version).
    const version = Object.values(result.data ?? {})[0]?.version;
    if (result.error || version === undefined) setFailure(result.error ? { error: result.error, version: seen } : undefined);
    else setDone({ text: what(formatNumber(version)), version });
  };

  return (
    <section aria-labelledby="acties" className="overview-section">
      <Heading level={2} id="acties">
        Wat u nu kunt doen
      </Heading>
      <div ref={message} tabIndex={-1} className="plan-actions__message">
        {shownDone ? (
          <Alert type="ok" role="status">
            <Paragraph>{shownDone.text}</Paragraph>
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
          <PrimaryActionButton type="button" disabled={busy} onClick={() => transition(submit, (version) => `Het plan is ingediend bij de LRT (nu versie ${version}).`)}>
            Indienen bij de LRT (versie {formatNumber(plan.version)})
          </PrimaryActionButton>
        ) : null}
        {actions.includes('ADOPT') ? (
          <PrimaryActionButton type="button" disabled={busy} onClick={() => transition(adopt, (version) => `Het plan is vastgesteld (nu versie ${version}).`)}>
            Vaststellen (versie {formatNumber(plan.version)})
          </PrimaryActionButton>
        ) : null}
      </div>
      {actions.includes('RETURN') ? <ReturnForm plan={plan} onDone={setDone} /> : null}
      <Paragraph className="note">
        Status nu: {planStatusName(plan.status)} (versie {formatNumber(plan.version)}).
      </Paragraph>
    </section>
  );
}

/** A step that succeeded, and the version the API says the plan has after it. */
interface Done {
  text: string;
  version: number;
}

/** The LRT sends the plan back with a reason, which the secretariat sees on the plan. */
function ReturnForm({ plan, onDone }: { plan: Plan; onDone: (done: Done) => void }) {
  const [result, send] = useMutation(ReturnPlanMutation);
  const { register, handleSubmit, setError, formState } = useForm<{ reason: string }>({ defaultValues: { reason: '' } });
  const reason = register('reason', {
    validate: (value) => textProblem(value, { what: 'de reden', max: LIMITS.reason, required: 'Geef de reden waarom het plan teruggaat naar het secretariaat.' }) ?? true,
  });
  const fieldError = formState.errors.reason?.message;
  return (
    <form
      aria-labelledby="terugsturen"
      noValidate
      onSubmit={handleSubmit(async ({ reason }) => {
        const answer = await send({ input: { planId: plan.id, expectedVersion: plan.version, reason: reason.trim() } });
        if (answer.error) applyServerFieldErrors(answer.error, setError, (path) => path === 'reason');
        else if (answer.data) {
          const version = answer.data.returnProvincialPlan.version;
          onDone({ text: `Het plan is teruggestuurd naar het secretariaat, met uw reden (nu versie ${formatNumber(version)}).`, version });
        }
      })}
    >
      <Heading level={3} id="terugsturen">
        Terugsturen
      </Heading>
      <FormFieldTextarea
        label="Reden van terugsturen"
        description={`Het secretariaat ziet deze reden bij het plan. Ten hoogste ${formatNumber(LIMITS.reason)} tekens.`}
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
