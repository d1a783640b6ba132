import { useEffect, useRef } from 'react';
import { useQuery, useSubscription } from 'urql';
import { useConnection } from '../app/session';
import { OpgaveSet, ProvinceOpgaveQuery } from './queries';

/**
 * A province's opgave, kept live: every OPGAVE_SET event of the province fetches it again from the server (not the
 * cache), and so does every reconnect, to catch up on what happened meanwhile.
 */
export function useLiveOpgave(code: string) {
  const [result, reexecute] = useQuery({ query: ProvinceOpgaveQuery, variables: { code: code as never } });
  const [live] = useSubscription({ query: OpgaveSet, variables: { provinceCode: code as never } });
  const { reconnects } = useConnection();
  const refetch = useRef(reexecute);
  refetch.current = reexecute;
  const change = live.data?.activity;
  useEffect(() => {
    if (change) refetch.current({ requestPolicy: 'network-only' });
  }, [change?.id, change]);
  useEffect(() => {
    if (reconnects > 0) refetch.current({ requestPolicy: 'network-only' });
  }, [reconnects]);
  return { ...result, change, liveError: live.error, refetch: () => refetch.current({ requestPolicy: 'network-only' }) };
}
