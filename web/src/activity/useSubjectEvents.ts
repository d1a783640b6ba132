import { useEffect, useRef } from 'react';
import { useQuery, useSubscription, type CombinedError } from 'urql';
import { readFragment, type ResultOf } from '../app/graphql';
import { AuditTrailQuery, EventFields, SubjectActivity } from './queries';

export type SubjectEvent = ResultOf<typeof SubjectActivity>['activity'];
type Kind = SubjectEvent['kind'];

/**
 * Calls `onEvent` for every event on one subject (a plan, proposal or agreement) as it happens, of the kinds given (or
 * all), through the `activity` subscription of the subject's province. Without `provinceCode` the province is the one
 * the subject's audit trail records. Returns the subscription's error, if any.
 */
export function useSubjectEvents(subjectId: string, provinceCode: string | undefined, kinds: readonly Kind[] | null, onEvent: (event: SubjectEvent) => void): CombinedError | undefined {
  const [trail] = useQuery({ query: AuditTrailQuery, variables: { subjectId }, pause: Boolean(provinceCode) });
  const province = provinceCode ?? (trail.data ? readFragment(EventFields, trail.data.auditTrail).find((event) => event.provinceCode)?.provinceCode : undefined);
  const [live] = useSubscription({ query: SubjectActivity, variables: { provinceCode: (province ?? null) as never, kinds: kinds ? [...kinds] : null }, pause: !province });
  const event = live.data?.activity;
  const latest = useRef(onEvent);
  latest.current = onEvent;
  useEffect(() => {
    if (event && event.subjectId.toLowerCase() === subjectId.toLowerCase()) latest.current(event);
  }, [event, subjectId]);
  return live.error;
}
