import { useEffect, useRef } from 'react';
import { useQuery, useSubscription } from 'urql';
import { useConnection } from '../app/session';
import { OverviewChanged, OverviewQuery } from './queries';

/**
 * The overview on a date, kept live: every `nationalOverviewChanged` event fetches it again from the
 * server (not the cache), and so does every reconnect, to catch up on what happened meanwhile.
 */
export function useLiveOverview(on: string, provinceCode?: string) {
  const variables = { on, provinceCode: (provinceCode ?? null) as never };
  const [result, reexecute] = useQuery({ query: OverviewQuery, variables });
  const [live] = useSubscription({ query: OverviewChanged, variables: { provinceCode: (provinceCode ?? null) as never } });
  const { reconnects } = useConnection();
  const timer = useRef<number | undefined>(undefined);

  const refetch = useRef(() => undefined as void);
  refetch.current = () => {
    // Several events of one change arrive together: fetch once.
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => reexecute({ requestPolicy: 'network-only' }), 150);
  };

  const eventId = live.data?.nationalOverviewChanged.eventId;
  useEffect(() => {
    if (eventId) refetch.current();
  }, [eventId]);

  useEffect(() => {
    if (reconnects > 0) refetch.current();
  }, [reconnects]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  return { ...result, liveError: live.error, lastChange: live.data?.nationalOverviewChanged, refetch: () => refetch.current() };
}
