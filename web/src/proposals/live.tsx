import type { CombinedError } from '@urql/core';
import { useEffect, useRef, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { ViewerQuery } from '../app/Home';
import { LiveIndicator } from '../app/LiveIndicator';
import { useConnection } from '../app/session';
import { ProposalChanged } from './queries';

type Changed = {
  id: string;
  version: number;
  status: string;
  updatedAt: string;
  decision?: string | null;
  /** Who made each version (the API names the person; the live notice says who changed the proposal). */
  transitions?: readonly { version: number; by?: { id: string; name: string } | null }[];
};

/** What one province's subscription last delivered: a key that is new for every change, the change, and a refusal. */
export type Watched<T> = { key: string | null; value: T | undefined; error: CombinedError | undefined };

/** One province's subscription (`use`, a hook): tells its parent about every change it delivers, and about a refusal. */
function WatchProvince<T>({ code, use, onChange, onError }: { code: string; use: (code: string) => Watched<T>; onChange: (change: T) => void; onError: (code: string, error: CombinedError | undefined) => void }) {
  const watched = use(code);
  const latest = useRef({ onChange, onError, value: watched.value });
  latest.current = { onChange, onError, value: watched.value };
  useEffect(() => {
    if (watched.key && latest.current.value) latest.current.onChange(latest.current.value);
  }, [watched.key]);
  useEffect(() => {
    latest.current.onError(code, watched.error);
  }, [code, watched.error]);
  return null;
}

/**
 * Keeps a page live: one subscription (`use`) per province given; calls `onChange` (once for changes that arrive
 * together) after each change and after each reconnect, to fetch again from the server. Shows whether the page is live.
 */
export function LiveProvinces<T>({ provinceCodes, use, onChange }: { provinceCodes: string[]; use: (code: string) => Watched<T>; onChange: (change: T | null) => void }) {
  const [errors, setErrors] = useState<Record<string, CombinedError | undefined>>({});
  const { reconnects } = useConnection();
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef(onChange);
  latest.current = onChange;
  const changed = (change: T | null) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => latest.current(change), 150);
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
          use={use}
          onChange={changed}
          onError={(province, error) => setErrors((current) => (current[province] === error ? current : { ...current, [province]: error }))}
        />
      ))}
      <LiveIndicator subscriptionError={Object.values(errors).find(Boolean)} />
    </>
  );
}

function useProposalChanged(code: string): Watched<Changed> {
  const [live] = useSubscription({ query: ProposalChanged, variables: { provinceCode: code as never } });
  const change = live.data?.proposalChanged;
  return { key: change ? `${change.id}:${change.version}:${change.updatedAt}` : null, value: change, error: live.error };
}

/** Proposal pages kept live through `proposalChanged` of each province given. */
export function LiveProposals({ provinceCodes, onChange }: { provinceCodes: string[]; onChange: (change: Changed | null) => void }) {
  return <LiveProvinces provinceCodes={provinceCodes} use={useProposalChanged} onChange={onChange} />;
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
