import { useEffect, useRef } from 'react';
import { useSubscription } from 'urql';
import { useConnection } from '../app/session';
import { PlanChanged } from './queries';

/**
 * Follows one plan: every `planChanged` event, and every reconnect (events may have been missed), fetches the plan
 * again through `reexecute`. Returns the subscription's state (for the live indicator) and the last change.
 */
export function usePlanChanges(id: string, reexecute: (options: { requestPolicy: 'network-only' }) => void) {
  const [live] = useSubscription({ query: PlanChanged, variables: { id } });
  const { reconnects } = useConnection();
  const refetch = useRef(reexecute);
  refetch.current = reexecute;
  const change = live.data?.planChanged;
  useEffect(() => {
    if (change) refetch.current({ requestPolicy: 'network-only' });
  }, [change?.version, change]);
  useEffect(() => {
    if (reconnects > 0) refetch.current({ requestPolicy: 'network-only' });
  }, [reconnects]);
  return { live, change, refetch: () => refetch.current({ requestPolicy: 'network-only' }) };
}
