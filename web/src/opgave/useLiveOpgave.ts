import { useQuery, useSubscription } from 'urql';
import { OpgaveSet, ProvinceOpgaveQuery } from './queries';
import { useRefetchOn } from './useRefetchOn';

/**
 * A province's opgave, kept live: every OPGAVE_SET event of the province fetches it again from the server (not the
 * cache), and so does every reconnect, to catch up on what happened meanwhile.
 */
export function useLiveOpgave(code: string) {
  const [result, reexecute] = useQuery({ query: ProvinceOpgaveQuery, variables: { code: code as never } });
  const [live] = useSubscription({ query: OpgaveSet, variables: { provinceCode: code as never } });
  const change = live.data?.activity;
  const refetch = useRefetchOn(change?.id, reexecute);
  return { ...result, change, liveError: live.error, refetch };
}
