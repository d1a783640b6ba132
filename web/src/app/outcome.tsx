import { Alert, Paragraph } from '@rijkshuisstijl-community/components-react';
import { useRef, useState } from 'react';
import { useLocation } from 'react-router';
import type { CombinedError } from 'urql';
import { ErrorAlert } from './ErrorAlert';
import { errorCodes } from './errors';

type Outcome = { kind: 'success'; text: string } | { kind: 'error'; error: CombinedError; conflict: boolean };

/** What a mutation result carries. */
type Result = { error?: CombinedError; data?: unknown };

/**
 * The outcome of the actions on a page, said once in one place that gets the focus, so keyboard and screen reader
 * users hear it. `run` performs a mutation: on success it says so and fetches the subject again; on a conflict or a
 * refusal it says why in Dutch and fetches it again too, so the person sees the new version. Forms keep what was typed.
 */
export function useOutcome(refetch: () => void) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const report = (next: Outcome) => {
    setOutcome(next);
    window.setTimeout(() => ref.current?.focus(), 0);
  };
  const run = async <T extends Result>(result: Promise<T>, success: string): Promise<T> => {
    const answer = await result;
    if (answer.error) {
      const codes = errorCodes(answer.error);
      report({ kind: 'error', error: answer.error, conflict: codes.includes('CONFLICT') });
      if (codes.some((code) => ['CONFLICT', 'TRANSITION_NOT_ALLOWED', 'FORBIDDEN', 'AGREEMENT_ENDED'].includes(code))) refetch();
      return answer;
    }
    report({ kind: 'success', text: success });
    refetch();
    return answer;
  };
  const view = (
    <div ref={ref} tabIndex={-1} className="outcome">
      {outcome?.kind === 'success' ? (
        <Alert type="ok" role="status">
          <Paragraph>{outcome.text}</Paragraph>
        </Alert>
      ) : null}
      {outcome?.kind === 'error' ? (
        <>
          <ErrorAlert error={outcome.error} title="Dit is niet gelukt; er is niets opgeslagen." />
          {outcome.conflict ? <Paragraph>De nieuwe versie staat hieronder. Wat u had ingevuld staat er nog; bekijk het en probeer het opnieuw.</Paragraph> : null}
        </>
      ) : null}
    </div>
  );
  return { run, view };
}

/** A refusal, or an id that is not one, said in words without any of the subject's data; other errors as they are. */
export function NoAccess({ error, missing, title }: { error: CombinedError; missing: string; title: string }) {
  const codes = errorCodes(error);
  if (codes.includes('FORBIDDEN') || codes.includes('BAD_USER_INPUT') || codes.includes('NOT_FOUND')) {
    return (
      <Alert type="warning">
        <Paragraph>{missing}</Paragraph>
      </Alert>
    );
  }
  return <ErrorAlert error={error} title={title} />;
}

/**
 * The message a form sent along when it navigated here (saved, created): shown while the subject is at the version it
 * had on arrival, not after later changes.
 */
export function useArrivalMessage(version: number | undefined): string | null {
  const location = useLocation();
  const [message] = useState(() => (location.state as { message?: string } | null)?.message ?? null);
  const at = useRef<number | null>(null);
  if (message && version !== undefined && at.current === null) at.current = version;
  return message && version !== undefined && version === at.current ? message : null;
}
