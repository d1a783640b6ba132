import { useEffect, useRef } from 'react';
import { useSubscription } from 'urql';
import { LiveIndicator } from '../app/LiveIndicator';
import { useConnection } from '../app/session';
import { SignalChanged } from './queries';

export type SignalChange = { id: string; version: number; status: string; updatedAt: string; transitions: readonly { version: number; by?: { id: string; name: string } | null }[] };

/**
 * Keeps a signal page live through `signalChanged`: of one province, one signal, or every signal the person may read
 * (neither). Calls `onChange` after each change (null after a reconnect), to fetch again; shows whether the page is live.
 */
export function LiveSignals({ provinceCode, id, onChange }: { provinceCode?: string; id?: string; onChange: (change: SignalChange | null) => void }) {
  const [live] = useSubscription({ query: SignalChanged, variables: { provinceCode: (provinceCode ?? null) as never, id: id ?? null } });
  const { reconnects } = useConnection();
  const latest = useRef(onChange);
  latest.current = onChange;
  const change = live.data?.signalChanged;
  const key = change ? `${change.id}:${change.version}` : null;
  useEffect(() => {
    if (key && change) latest.current(change);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  useEffect(() => {
    if (reconnects > 0) latest.current(null);
  }, [reconnects]);
  return <LiveIndicator subscriptionError={live.error} />;
}
