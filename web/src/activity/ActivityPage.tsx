import { Heading, Paragraph, SecondaryActionButton, Table, TableBody, TableCaption, TableCell, TableHeader, TableRow } from '@rijkshuisstijl-community/components-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { useClient, useQuery, useSubscription, type CombinedError } from 'urql';
import { AppLink } from '../app/AppLink';
import { ErrorAlert } from '../app/ErrorAlert';
import { formatDateTime, isProvinceCode, provinceName, type ProvinceCode } from '../app/format';
import { readFragment } from '../app/graphql';
import { ViewerQuery } from '../app/Home';
import { LiveIndicator } from '../app/LiveIndicator';
import { Loading } from '../app/Loading';
import { NotFound } from '../app/NotFound';
import { useConnection } from '../app/session';
import { HeaderCell, ScrollTable } from '../app/table';
import { usePageTitle } from '../app/usePageTitle';
import { eventDetail, eventKindName, subjectLabel, subjectPath } from './events';
import { ActivitySubscription, EventFields, RecentEventsQuery, type ActivityEvent } from './queries';

const PAGE_SIZE = 25;

/** `/provincie/:code/activiteit`: what happened in one province, newest first, live. */
export function ProvinceActivityPage() {
  const { code = '' } = useParams();
  const upper = code.toUpperCase();
  if (!isProvinceCode(upper)) return <NotFound />;
  return <ActivityFeed key={upper} provinceCodes={[upper]} title={`Activiteit ${provinceName(upper)}`} />;
}

/**
 * `/activiteit`: what the API's FOLLOW_ACTIVITY ability allows: the whole country where it is national (IPO, LRT),
 * otherwise the provinces it lists (for COA: the provinces of its uitplaatsingsregio).
 */
export function ActivityPage() {
  const [{ data, error, fetching }] = useQuery({ query: ViewerQuery });
  usePageTitle('Activiteit');
  if (fetching && !data) return <Loading what="uw gegevens" />;
  if (!data) return <ErrorAlert error={error} />;
  const follows = data.viewer.abilities.find((ability) => ability.action === 'FOLLOW_ACTIVITY');
  if (follows?.national) return <ActivityFeed provinceCodes={null} title="Activiteit in heel Nederland" />;
  const codes = [...(follows?.provinceCodes ?? [])].filter(isProvinceCode).sort();
  if (codes.length === 0) {
    return (
      <>
        <Heading level={1}>Activiteit</Heading>
        <Paragraph>U hebt geen rol in een provincie, dus er is geen activiteit die u kunt volgen.</Paragraph>
      </>
    );
  }
  const title = codes.length === 1 ? `Activiteit ${provinceName(codes[0]!)}` : `Activiteit in ${codes.map(provinceName).join(', ')}`;
  return <ActivityFeed key={codes.join(',')} provinceCodes={codes} title={title} />;
}

/** Merges lists of events into one, newest first, each event once. */
function merge(...lists: readonly (readonly ActivityEvent[])[]): ActivityEvent[] {
  const byId = new Map<string, ActivityEvent>();
  for (const list of lists) for (const event of list) byId.set(event.id, event);
  return [...byId.values()].sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
}

function ActivityFeed({ provinceCodes, title }: { provinceCodes: ProvinceCode[] | null; title: string }) {
  usePageTitle(title);
  const client = useClient();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: RecentEventsQuery, variables: { provinceCodes, first: PAGE_SIZE }, requestPolicy: 'network-only' });
  const [arrived, setArrived] = useState<ActivityEvent[]>([]);
  const [older, setOlder] = useState<{ events: ActivityEvent[]; cursor: string | null; hasMore: boolean } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<CombinedError | undefined>();
  const [liveError, setLiveError] = useState<CombinedError | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const { reconnects } = useConnection();
  const table = useRef<HTMLDivElement>(null);

  // After a lost connection, read the newest events again: whatever happened meanwhile is in them.
  useEffect(() => {
    if (reconnects > 0) reexecute({ requestPolicy: 'network-only' });
  }, [reconnects, reexecute]);

  const onLive = useCallback((events: readonly ActivityEvent[]) => setArrived((current) => merge(current, events)), []);
  const newest = arrived[0];
  useEffect(() => {
    if (newest) setAnnouncement(`Nieuw: ${eventKindName(newest)}${newest.actor ? ` door ${newest.actor.name}` : ''}.`);
  }, [newest]);

  const firstPage = data ? readFragment(EventFields, data.recentEvents.events) : [];
  const events = merge(arrived, firstPage, older?.events ?? []);
  const hasMore = older ? older.hasMore : (data?.recentEvents.hasMore ?? false);
  const cursor = older ? older.cursor : (data?.recentEvents.endCursor ?? null);

  const loadMore = async () => {
    setLoadingMore(true);
    setMoreError(undefined);
    const count = events.length;
    const result = await client.query(RecentEventsQuery, { provinceCodes, first: PAGE_SIZE, before: cursor }, { requestPolicy: 'network-only' }).toPromise();
    setLoadingMore(false);
    if (result.error || !result.data) {
      setMoreError(result.error);
      return;
    }
    const page = result.data.recentEvents;
    setOlder((current) => ({ events: [...(current?.events ?? []), ...readFragment(EventFields, page.events)], cursor: page.endCursor, hasMore: page.hasMore }));
    // The first of the newly loaded rows gets the focus, so keyboard users continue where the list grew.
    window.setTimeout(() => table.current?.querySelectorAll<HTMLElement>('tbody tr')[count]?.querySelector<HTMLElement>('[tabindex="-1"]')?.focus(), 0);
  };

  return (
    <>
      <div className="page-heading">
        <Heading level={1}>{title}</Heading>
        <LiveIndicator subscriptionError={liveError} />
      </div>
      {(provinceCodes ?? [null]).map((code) => (
        <ActivityListener key={code ?? 'NL'} provinceCode={code} onEvents={onLive} onError={setLiveError} />
      ))}
      <p role="status" aria-live="polite" className="visually-hidden">
        {announcement}
      </p>
      <Paragraph>Wat er is gebeurd aan plannen, opgave, locatievoorstellen, bestuursovereenkomsten, reacties en rollen, nieuwste eerst. Nieuwe gebeurtenissen verschijnen vanzelf.</Paragraph>
      {provinceCodes?.length === 1 ? (
        <Paragraph>
          <AppLink to={`/provincie/${provinceCodes[0]}`}>Terug naar {provinceName(provinceCodes[0]!)}</AppLink>
        </Paragraph>
      ) : null}
      {!data && fetching ? <Loading what="de activiteit" /> : null}
      <ErrorAlert error={error} title="De activiteit kan niet worden getoond." />
      {data && events.length === 0 ? <Paragraph>Er is nog niets gebeurd dat u mag zien.</Paragraph> : null}
      {events.length > 0 ? (
        <div ref={table}>
          <ScrollTable label="Tabel recente activiteit">
            <Table>
              <TableCaption>Recente activiteit, nieuwste eerst</TableCaption>
              <TableHeader>
                <TableRow>
                  <HeaderCell scope="col">Wanneer</HeaderCell>
                  <HeaderCell scope="col">Wat</HeaderCell>
                  <HeaderCell scope="col">Waarover</HeaderCell>
                  {provinceCodes?.length === 1 ? null : <HeaderCell scope="col">Provincie</HeaderCell>}
                  <HeaderCell scope="col">Door</HeaderCell>
                  <HeaderCell scope="col">Toelichting</HeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {events.map((event) => (
                  <EventRow key={event.id} event={event} showProvince={provinceCodes?.length !== 1} />
                ))}
              </TableBody>
            </Table>
          </ScrollTable>
        </div>
      ) : null}
      <ErrorAlert error={moreError} title="Oudere activiteit kon niet worden geladen." />
      {hasMore ? (
        <SecondaryActionButton type="button" onClick={loadMore} disabled={loadingMore}>
          {loadingMore ? 'Bezig met laden…' : 'Meer laden'}
        </SecondaryActionButton>
      ) : data && events.length > 0 ? (
        <Paragraph className="note">Dit is alles.</Paragraph>
      ) : null}
    </>
  );
}

function EventRow({ event, showProvince }: { event: ActivityEvent; showProvince: boolean }) {
  const path = subjectPath(event);
  const label = subjectLabel(event);
  return (
    <TableRow>
      <HeaderCell scope="row">
        <span tabIndex={-1}>
          <time dateTime={event.at}>{formatDateTime(event.at)}</time>
        </span>
      </HeaderCell>
      <TableCell>{eventKindName(event)}</TableCell>
      <TableCell>{path ? <AppLink to={path}>{label}</AppLink> : label}</TableCell>
      {showProvince ? <TableCell>{event.provinceCode ? provinceName(event.provinceCode) : 'Landelijk'}</TableCell> : null}
      <TableCell>{event.actor?.name ?? 'onbekend'}</TableCell>
      <TableCell>{eventDetail(event)}</TableCell>
    </TableRow>
  );
}

/** One `activity` subscription (a province, or the whole country): hands every event it receives to the feed. */
function ActivityListener({ provinceCode, onEvents, onError }: { provinceCode: ProvinceCode | null; onEvents: (events: readonly ActivityEvent[]) => void; onError: (error: CombinedError | undefined) => void }) {
  const [live] = useSubscription({ query: ActivitySubscription, variables: { provinceCode } }, (received: ActivityEvent[] = [], response) => [
    readFragment(EventFields, response.activity),
    ...received,
  ]);
  useEffect(() => {
    if (live.data) onEvents(live.data);
  }, [live.data, onEvents]);
  useEffect(() => {
    onError(live.error);
  }, [live.error, onError]);
  return null;
}

/** A link to a province's activity, where the API's FOLLOW_ACTIVITY ability reaches it. */
export function ActivityLink({ code }: { code: string }) {
  const [{ data }] = useQuery({ query: ViewerQuery });
  const reaches = data?.viewer.abilities.some((ability) => ability.action === 'FOLLOW_ACTIVITY' && ability.provinceCodes.includes(code as never));
  if (!reaches) return null;
  return (
    <Paragraph>
      <AppLink to={`/provincie/${code}/activiteit`}>Activiteit</AppLink> in {provinceName(code)}: wat er recent is gebeurd
    </Paragraph>
  );
}
