import { useEffect, useRef } from 'react';
import type { OperationContext } from 'urql';
import { useConnection } from '../app/session';

/**
 * Fetches a query again from the server (not the cache) when a subscription reports a change (a new `eventId`), and
 * after every reconnect, to catch up on what happened meanwhile. Returns that refetch.
 */
export function useRefetchOn(eventId: string | undefined, reexecute: (opts?: Partial<OperationContext>) => void): () => void {
  const { reconnects } = useConnection();
  const refetch = useRef(reexecute);
  refetch.current = reexecute;
  useEffect(() => {
    if (eventId) refetch.current({ requestPolicy: 'network-only' });
  }, [eventId]);
  useEffect(() => {
    if (reconnects > 0) refetch.current({ requestPolicy: 'network-only' });
  }, [reconnects]);
  return () => refetch.current({ requestPolicy: 'network-only' });
}
