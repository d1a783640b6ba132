import { useParams } from 'react-router';
import { OverviewPage } from './OverviewPage';

export function Dashboard() {
  return <OverviewPage title="Landelijk dashboard opvangcapaciteit" />;
}

/** A COA region's overview: the same page; the API gives the provinces the region reaches. */
export function RegionPage() {
  const number = useParams().number ?? '';
  return <OverviewPage title={`Uitplaatsingsregio ${number}: opvangcapaciteit in de provincies van de regio`} />;
}
