import { useLocation } from 'react-router';
import { useQuery } from 'urql';
import { AppLink } from '../app/AppLink';
import { ViewerQuery } from '../app/Home';
import { provinceName } from '../app/format';

/**
 * Menu items for the huisvesting pages, from the viewer's memberships as the API gives them: a gemeente its own
 * page, a PRT secretariat its province, IPO, LRT and COA the national view. The API still decides what each reads.
 */
export function HuisvestingNavItems() {
  const { pathname } = useLocation();
  const [{ data }] = useQuery({ query: ViewerQuery });
  const items = new Map<string, string>();
  for (const m of data?.viewer.memberships ?? []) {
    if (m.role === 'GEMEENTE' && m.gemeente) items.set(`/huisvesting/gemeente/${m.gemeente.code}`, `Huisvesting ${m.gemeente.name}`);
    if (m.role === 'PRT_SECRETARIAAT' && m.province) items.set(`/huisvesting/provincie/${m.province.code}`, `Huisvesting ${provinceName(m.province.code)}`);
    if (m.role === 'IPO' || m.role === 'LRT' || m.role === 'COA_REGIO') items.set('/huisvesting', 'Huisvesting');
  }
  return (
    <>
      {[...items].map(([to, label]) => (
        <li key={to}>
          <AppLink to={to} aria-current={pathname === to ? 'page' : undefined}>
            {label}
          </AppLink>
        </li>
      ))}
    </>
  );
}
