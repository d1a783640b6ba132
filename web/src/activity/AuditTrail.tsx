import { Paragraph, TableCell, TableRow } from '@rijkshuisstijl-community/components-react';
import { useEffect, useRef } from 'react';
import { useQuery } from 'urql';
import { useConnection } from '../app/session';
import { ErrorAlert } from '../app/ErrorAlert';
import { formatDateTime } from '../app/format';
import { readFragment } from '../app/graphql';
import { Loading } from '../app/Loading';
import { HeaderCell, ListTable, Section } from '../app/table';
import { eventDetail, eventKindName, SUBJECT_CHANGED, subjectStatusName } from './events';
import { AuditTrailQuery, EventFields } from './queries';
import { useSubjectEvents } from './useSubjectEvents';

/**
 * A subject's audit trail: every recorded change the viewer may see, who did what when, oldest first, in Dutch. Kept
 * live: read again on every event on the subject (by anyone: an edit, a step, a comment), through the `activity` of
 * its province (`provinceCode`, or the province its events record), after a change made on this page, and after a
 * reconnect.
 */
export function AuditTrail({ subjectId, provinceCode }: { subjectId: string; provinceCode?: string }) {
  const [{ data, error, fetching }, reexecute] = useQuery({ query: AuditTrailQuery, variables: { subjectId }, requestPolicy: 'cache-and-network' });
  const { reconnects } = useConnection();
  const refetch = useRef(reexecute);
  refetch.current = reexecute;
  useSubjectEvents(subjectId, provinceCode, null, () => refetch.current({ requestPolicy: 'network-only' }));
  useEffect(() => {
    if (reconnects > 0) refetch.current({ requestPolicy: 'network-only' });
  }, [reconnects]);
  useEffect(() => {
    const onChange = (event: Event) => {
      if ((event as CustomEvent<string>).detail === subjectId) refetch.current({ requestPolicy: 'network-only' });
    };
    window.addEventListener(SUBJECT_CHANGED, onChange);
    return () => window.removeEventListener(SUBJECT_CHANGED, onChange);
  }, [subjectId]);
  const events = data ? readFragment(EventFields, data.auditTrail) : null;
  return (
    <Section id={`logboek-${subjectId}`} title="Logboek">
      {!events && fetching ? <Loading what="het logboek" /> : null}
      <ErrorAlert error={error} title="Het logboek kan niet worden getoond." />
      {events && events.length === 0 ? <Paragraph>Er is nog niets vastgelegd.</Paragraph> : null}
      {events && events.length > 0 ? (
        <ListTable
          label="Tabel logboek"
          caption="Wie deed wat en wanneer, oudste eerst"
          columns={['Wanneer', 'Wie', 'Wat', 'Status daarna', 'Toelichting']}
        >
          {events.map((event) => (
            <TableRow key={event.id}>
              <HeaderCell scope="row">
                <time dateTime={event.at}>{formatDateTime(event.at)}</time>
              </HeaderCell>
              <TableCell>{event.actor?.name ?? 'onbekend'}</TableCell>
              <TableCell>{eventKindName(event)}</TableCell>
              <TableCell>{subjectStatusName(event)}</TableCell>
              <TableCell>{eventDetail(event)}</TableCell>
            </TableRow>
          ))}
        </ListTable>
      ) : null}
    </Section>
  );
}
