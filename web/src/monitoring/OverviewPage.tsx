import { Alert, Heading, Paragraph } from '@rijkshuisstijl-community/components-react';
import type { ReactNode } from 'react';
import { useQuery } from 'urql';
import { ViewerQuery } from '../app/Home';
import { ErrorAlert } from '../app/ErrorAlert';
import { LiveIndicator } from '../app/LiveIndicator';
import { Loading } from '../app/Loading';
import { formatDateTime, provinceName } from '../app/format';
import { usePageTitle } from '../app/usePageTitle';
import { DateField, invalidDateMessage, useOverviewDate } from './DateField';
import { CsvDownloads, Expiring, PlanStatuses, RowsTable, Spreiding, TileMap, Timeline, Totals } from './sections';
import { useLiveOverview } from './useLiveOverview';

/** The national dashboard, or with a province code one province's figures: the same query, kept live. */
export function OverviewPage({ provinceCode, title, intro, children }: { provinceCode?: string; title: string | ((national: boolean) => string); intro?: ReactNode; children?: ReactNode }) {
  const [on, setOn, invalidDate] = useOverviewDate();
  const { data, error, fetching, lastChange, liveError } = useLiveOverview(on, provinceCode);
  const overview = data?.nationalOverview;
  const single = Boolean(provinceCode);
  // Agreements (timeline, expiring) only where the viewer's abilities reach; the server refuses the rest anyway.
  const [viewer] = useQuery({ query: ViewerQuery });
  // Only a national viewer's totals are the country's; the API gives others the provinces they reach.
  const national = Boolean(viewer.data?.viewer.abilities.find((a) => a.action === 'READ_MONITORING')?.national);
  const heading = typeof title === 'function' ? title(national) : title;
  usePageTitle(heading);
  const agreementsAbility = viewer.data?.viewer.abilities.find((a) => a.action === 'READ_PROPOSALS_AND_AGREEMENTS');
  const seesAgreements = Boolean(
    agreementsAbility && (agreementsAbility.national || (provinceCode ? agreementsAbility.provinceCodes.includes(provinceCode as never) : agreementsAbility.provinceCodes.length > 0)),
  );
  return (
    <>
      <div className="page-heading">
        <Heading level={1}>{heading}</Heading>
        <LiveIndicator subscriptionError={liveError} />
      </div>
      {intro}
      {lastChange ? (
        <Paragraph className="note">
          Laatst bijgewerkt na een wijziging op {formatDateTime(lastChange.at)}
          {lastChange.provinceCode ? ` (${provinceName(lastChange.provinceCode)})` : ''}.
        </Paragraph>
      ) : null}
      <form className="filters" role="search" aria-label="Peildatum kiezen" onSubmit={(event) => event.preventDefault()}>
        <DateField on={on} onChange={setOn} />
      </form>
      {invalidDate ? (
        <Alert type="warning">
          <Paragraph>{invalidDateMessage(invalidDate)}</Paragraph>
        </Alert>
      ) : null}
      <ErrorAlert error={error} />
      {fetching && !overview ? <Loading what="de cijfers" /> : null}
      {overview ? (
        <>
          <Totals overview={overview} provinceCode={provinceCode} national={national} />
          {single ? null : <TileMap overview={overview} />}
          {children}
          <RowsTable overview={overview} single={single} />
          {single ? null : <Spreiding overview={overview} />}
          <PlanStatuses overview={overview} />
          {seesAgreements ? (
            <>
              <Timeline
                on={on}
                provinceCodes={overview.provinces.map((p) => p.provinceCode).filter((code) => agreementsAbility!.national || agreementsAbility!.provinceCodes.includes(code))}
                fixedProvince={provinceCode}
              />
              <Expiring on={on} provinceCode={provinceCode} />
            </>
          ) : null}
          <CsvDownloads on={on} provinceCode={provinceCode} agreements={seesAgreements} />
        </>
      ) : null}
    </>
  );
}
