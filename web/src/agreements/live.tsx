import type { CombinedError } from '@urql/core';
import { useEffect, useRef, useState } from 'react';
import { useSubscription } from 'urql';
import { LiveIndicator } from '../app/LiveIndicator';
import { useConnection } from '../app/session';
import { AgreementActivity } from './queries';

export type AgreementEvent = { id: string; subjectId: string; kind: string; at: string; actor?: { id: string; name: string } | null };

function WatchProvince({ code, onEvent, onError }: { code: string; onEvent: (event: AgreementEvent) => void; onError: (code: string, error: CombinedError | undefined) => void }) {
  const [live] = useSubscription({ query: AgreementActivity, variables: { provinceCode: code as never } });
  const event = live.data?.activity;
  const latest = useRef({ onEvent, onError });
  latest.current = { onEvent, onError };
  useEffect(() => {
    if (event) latest.current.onEvent(event);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [event?.id]);
  useEffect(() => {
    latest.current.onError(code, live.error);
  }, [code, live.error]);
  return null;
}

/**
 * Keeps agreement pages live: the `activity` of each province given, agreement events only (registered, extended,
 * ended). Calls `onChange` after each (several at once: once) and after each reconnect; shows whether the page is live.
 */
export function LiveAgreements({ provinceCodes, onChange }: { provinceCodes: string[]; onChange: (event: AgreementEvent | null) => void }) {
  const [errors, setErrors] = useState<Record<string, CombinedError | undefined>>({});
  const { reconnects } = useConnection();
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef(onChange);
  latest.current = onChange;
  const changed = (event: AgreementEvent | null) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => latest.current(event), 150);
  };
  useEffect(() => {
    if (reconnects > 0) changed(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reconnects]);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return (
    <>
      {provinceCodes.map((code) => (
        <WatchProvince
          key={code}
          code={code}
          onEvent={changed}
          onError={(province, error) => setErrors((current) => (current[province] === error ? current : { ...current, [province]: error }))}
        />
      ))}
      <LiveIndicator subscriptionError={Object.values(errors).find(Boolean)} />
    </>
  );
}
