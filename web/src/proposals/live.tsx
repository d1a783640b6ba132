import type { CombinedError } from '@urql/core';
import { useEffect, useRef, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { ViewerQuery } from '../app/Home';
import { LiveIndicator } from '../app/LiveIndicator';
import { useConnection } from '../app/session';
import { ProposalChanged } from './queries';

type Changed = { id: string; version: number; status: string; updatedAt: string };

/** One province's `proposalChanged`: tells its parent about every change it delivers, and about a refusal. */
function WatchProvince({ code, onChange, onError }: { code: string; onChange: (change: Changed) => void; onError: (code: string, error: CombinedError | undefined) => void }) {
  const [live] = useSubscription({ query: ProposalChanged, variables: { provinceCode: code as never } });
  const change = live.data?.proposalChanged;
  const key = change ? `${change.id}:${change.version}:${change.updatedAt}` : null;
  const latest = useRef({ onChange, onError });
  latest.current = { onChange, onError };
  useEffect(() => {
    if (change) latest.current.onChange(change);
    // The key says whether this is a new change; the object itself is new on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  useEffect(() => {
    latest.current.onError(code, live.error);
  }, [code, live.error]);
  return null;
}

/**
 * Keeps a page of proposals live: subscribes to `proposalChanged` for each province given and calls `onChange` (once
 * for changes that arrive together) after each change and after each reconnect, to fetch again from the server. Shows
 * whether the page is live.
 */
export function LiveProposals({ provinceCodes, onChange }: { provinceCodes: string[]; onChange: (change: Changed | null) => void }) {
  const [errors, setErrors] = useState<Record<string, CombinedError | undefined>>({});
  const { reconnects } = useConnection();
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef(onChange);
  latest.current = onChange;
  const changed = (change: Changed | null) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => latest.current(change), 150);
  };
  useEffect(() => {
    if (reconnects > 0) changed(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reconnects]);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const firstError = Object.values(errors).find(Boolean);
  return (
    <>
      {provinceCodes.map((code) => (
        <WatchProvince
          key={code}
          code={code}
          onChange={changed}
          onError={(province, error) => setErrors((current) => (current[province] === error ? current : { ...current, [province]: error }))}
        />
      ))}
      <LiveIndicator subscriptionError={firstError} />
    </>
  );
}

/** The viewer's abilities, from the API: which actions, where. */
export function useAbilities() {
  const [{ data, fetching, error }] = useQuery({ query: ViewerQuery });
  const abilities = data?.viewer.abilities ?? [];
  const where = (action: string): string[] => {
    const ability = abilities.find((a) => a.action === action);
    return ability ? [...ability.provinceCodes] : [];
  };
  const may = (action: string, provinceCode?: string): boolean => {
    const ability = abilities.find((a) => a.action === action);
    if (!ability) return false;
    return provinceCode === undefined || ability.national || ability.provinceCodes.includes(provinceCode as never);
  };
  return { viewer: data?.viewer, fetching: fetching && !data, error, where, may };
}
