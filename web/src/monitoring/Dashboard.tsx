import { OverviewPage } from './OverviewPage';

export function Dashboard() {
  return <OverviewPage title="Landelijk dashboard opvangcapaciteit" />;
}
