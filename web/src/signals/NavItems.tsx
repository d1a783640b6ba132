import { useLocation } from 'react-router';
import { useQuery } from 'urql';
import { AppLink } from '../app/AppLink';
import { ViewerQuery } from '../app/Home';
import { provinceName } from '../app/format';

/**
 * The menu item for signals, from the API's READ_SIGNALS ability: the national page for those who read more than one
 * province (LRT, IPO, COA of a region), the province's page for those who read one; nothing for those who read none.
 */
export function SignalNavItems() {
  const { pathname } = useLocation();
  const [{ data }] = useQuery({ query: ViewerQuery });
  const reads = data?.viewer.abilities.find((a) => a.action === 'READ_SIGNALS');
  if (!reads) return null;
  const [to, label] = reads.national || reads.provinceCodes.length > 1 ? ['/signalen', 'Signalen'] : [`/provincie/${reads.provinceCodes[0]}/signalen`, `Signalen ${provinceName(reads.provinceCodes[0]!)}`];
  return (
    <li>
      <AppLink to={to} aria-current={pathname === to ? 'page' : undefined}>
        {label}
      </AppLink>
    </li>
  );
}
