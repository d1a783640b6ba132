import { useLocation } from 'react-router';
import { useQuery } from 'urql';
import { AppLink } from '../app/AppLink';
import { ViewerQuery } from '../app/Home';
import { provinceName } from '../app/format';

/**
 * Menu items for the huisvesting pages: a gemeente its own page (from its membership, which names the gemeente), and
 * where the API's READ_HUISVESTING ability reaches, the national view or the pages of those provinces.
 */
export function HuisvestingNavItems() {
  const { pathname } = useLocation();
  const [{ data }] = useQuery({ query: ViewerQuery });
  const items = new Map<string, string>();
  for (const m of data?.viewer.memberships ?? []) {
    if (m.role === 'GEMEENTE' && m.gemeente) items.set(`/huisvesting/gemeente/${m.gemeente.code}`, `Huisvesting ${m.gemeente.name}`);
  }
  const reads = data?.viewer.abilities.find((a) => a.action === 'READ_HUISVESTING');
  if (reads?.national) items.set('/huisvesting', 'Huisvesting');
  else for (const code of reads?.provinceCodes ?? []) items.set(`/huisvesting/provincie/${code}`, `Huisvesting ${provinceName(code)}`);
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
