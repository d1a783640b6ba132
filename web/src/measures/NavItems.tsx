import { useLocation } from 'react-router';
import { useQuery } from 'urql';
import { AppLink } from '../app/AppLink';
import { ViewerQuery } from '../app/Home';

/** The menu link to the status table, for everyone the API lets read it (READ_SUPPORT_MEASURES). */
export function MeasuresNavItem() {
  const { pathname } = useLocation();
  const [{ data }] = useQuery({ query: ViewerQuery });
  if (!data?.viewer.abilities.some((a) => a.action === 'READ_SUPPORT_MEASURES')) return null;
  return (
    <li>
      <AppLink to="/maatregelen" aria-current={pathname === '/maatregelen' ? 'page' : undefined}>
        Ondersteuningsmaatregelen
      </AppLink>
    </li>
  );
}
