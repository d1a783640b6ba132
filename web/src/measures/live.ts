import { useEffect, useRef, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { ViewerQuery } from '../app/Home';
import { eventKindName } from '../activity/events';
import { useConnection } from '../app/session';
import { SupportMeasureActivity } from './queries';

/**
 * Keeps a page of the status table live: every change to a measure (by anyone, comments included) runs `refetch`,
 * as does a reconnect. Returns what someone else did last, in Dutch, and the subscription's error.
 */
export function useMeasureChanges(refetch: () => void, subjectId?: string) {
  const [live] = useSubscription({ query: SupportMeasureActivity });
  const [{ data: viewer }] = useQuery({ query: ViewerQuery });
  const { reconnects } = useConnection();
  const [announcement, setAnnouncement] = useState('');
  const latest = useRef(refetch);
  latest.current = refetch;
  const event = live.data?.supportMeasureActivity;
  useEffect(() => {
    if (!event || (subjectId && event.subjectId !== subjectId)) return;
    latest.current();
    const by = event.actor?.name;
    if (by && by !== viewer?.viewer.name) setAnnouncement(`${by}: ${eventKindName({ kind: event.kind, after: null }).toLowerCase()}.`);
  }, [event, subjectId, viewer?.viewer.name]);
  useEffect(() => {
    if (reconnects > 0) latest.current();
  }, [reconnects]);
  return { announcement, error: live.error };
}
