import { useParams } from 'react-router';
import { OverviewPage } from './OverviewPage';

export function Dashboard() {
  return <OverviewPage title={(national) => (national ? 'Landelijk dashboard opvangcapaciteit' : 'Dashboard opvangcapaciteit: de provincies die u ziet')} />;
}

/** A COA region's overview: the same page; the API gives the provinces the region reaches. */
export function RegionPage() {
  const number = useParams().number ?? '';
  return <OverviewPage title={`Uitplaatsingsregio ${number}: opvangcapaciteit in de provincies van de regio`} />;
}
