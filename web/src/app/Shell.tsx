import { Footer, PageHeader, Paragraph, SecondaryActionButton, SkipLink } from '@rijkshuisstijl-community/components-react';
import { useEffect, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { signOut } from './auth';
import { AppLink } from './AppLink';
import { ViewerQuery } from './Home';
import { HuisvestingNavItems } from '../huisvesting/NavItems';
import { SignalNavItems } from '../signals/NavItems';
import { MeasuresNavItem } from '../measures/NavItems';

const NAVIGATION: { to: string; label: string; national?: boolean; needs?: string[] }[] = [
  { to: '/', label: 'Start' },
  { to: '/dashboard', label: 'Landelijk dashboard', national: true },
  { to: '/activiteit', label: 'Activiteit' },
  { to: '/inbox', label: 'Inbox voorstellen', needs: ['REVIEW_PROPOSALS'] },
  { to: '/voorstellen', label: 'Locatievoorstellen', needs: ['PROPOSE_LOCATIONS', 'READ_PROPOSALS_AND_AGREEMENTS'] },
  { to: '/overeenkomsten', label: 'Bestuursovereenkomsten', needs: ['PROPOSE_LOCATIONS', 'READ_PROPOSALS_AND_AGREEMENTS'] },
  { to: '/crisisnoodopvang', label: 'Crisisnoodopvang', needs: ['RECORD_CRISISNOODOPVANG', 'READ_PROPOSALS_AND_AGREEMENTS'] },
  // The LRT's work: shown to those whose abilities include the action.
  { to: '/ter-beoordeling', label: 'Plannen ter beoordeling', needs: ['DECIDE_PLANS'] },
  { to: '/opgave', label: 'Opgave', needs: ['DECIDE_PLANS'] },
  { to: '/lidmaatschappen', label: 'Lidmaatschappen', needs: ['READ_MEMBERSHIPS'] },
  { to: '/verkenner', label: 'API-verkenner' },
];

/** The main menu; the national dashboard only for those who may monitor nationally. */
function MainNavigation() {
  const { pathname } = useLocation();
  const [{ data }] = useQuery({ query: ViewerQuery });
  const national = Boolean(data?.viewer.abilities.find((a) => a.action === 'READ_MONITORING')?.national);
  return (
    <nav aria-label="Hoofdmenu" className="app-nav">
      <ul>
        {NAVIGATION.filter((item) => !item.national || national)
          .filter((item) => !item.needs || item.needs.some((action) => data?.viewer.abilities.some((a) => a.action === action)))
          .map((item) => (
          <li key={item.to}>
            <AppLink to={item.to} aria-current={pathname === item.to ? 'page' : undefined}>
              {item.label}
            </AppLink>
          </li>
        ))}
        <HuisvestingNavItems />
        <SignalNavItems />
        <MeasuresNavItem />
      </ul>
    </nav>
  );
}

/**
 * After a change of page, focus goes to its main heading so that screen readers announce the new page. The heading
 * may come a little later (after loading): watched for a few seconds.
 */
function useFocusHeadingOnNavigation(pathname: string) {
  useEffect(() => {
    const main = document.getElementById('inhoud');
    if (!main) return;
    const focus = () => {
      const heading = main.querySelector('h1');
      if (!heading) return false;
      if (!main.contains(document.activeElement) || document.activeElement === main) {
        heading.setAttribute('tabindex', '-1');
        heading.focus({ preventScroll: true });
      }
      return true;
    };
    if (focus()) return;
    const observer = new MutationObserver(() => {
      if (focus()) observer.disconnect();
    });
    observer.observe(main, { childList: true, subtree: true });
    const stop = window.setTimeout(() => observer.disconnect(), 5_000);
    return () => {
      observer.disconnect();
      window.clearTimeout(stop);
    };
  }, [pathname]);
}

/** Page frame: skip link, header with navigation and sign-out, main content, footer. */
export function Shell({ signedIn = false, children }: { signedIn?: boolean; children: ReactNode }) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  useFocusHeadingOnNavigation(pathname);
  const onSignOut = async () => {
    const redirected = await signOut().catch(() => false);
    if (!redirected) navigate('/aanmelden', { replace: true });
  };
  return (
    <div className="app-shell">
      <SkipLink href="#inhoud">Naar de inhoud</SkipLink>
      <PageHeader className="app-header">
        <header className="app-header__bar">
          <p className="app-header__title">
            <AppLink to="/">Regietafel</AppLink>
            <span className="app-header__subtitle">Opvang asielzoekers: opgave, plannen en realisatie</span>
          </p>
          {signedIn ? (
            <SecondaryActionButton onClick={onSignOut} type="button">
              Afmelden
            </SecondaryActionButton>
          ) : null}
        </header>
        {signedIn ? <MainNavigation /> : null}
      </PageHeader>
      <main id="inhoud" tabIndex={-1} className="app-main">
        {children}
      </main>
      <Footer className="app-footer" background="primary-filled">
        <Paragraph>Regietafel — samenwerking van de Provinciale Regietafels, IPO, LRT, COA en gemeenten.</Paragraph>
      </Footer>
    </div>
  );
}
