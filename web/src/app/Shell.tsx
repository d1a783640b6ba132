import { Footer, PageHeader, Paragraph, SecondaryActionButton, SkipLink } from '@rijkshuisstijl-community/components-react';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { signOut } from './auth';
import { AppLink } from './AppLink';

const NAVIGATION = [
  { to: '/', label: 'Start' },
  { to: '/dashboard', label: 'Landelijk dashboard' },
  { to: '/verkenner', label: 'API-verkenner' },
];

/** Page frame: skip link, header with navigation and sign-out, main content, footer. */
export function Shell({ signedIn = false, children }: { signedIn?: boolean; children: ReactNode }) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
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
        {signedIn ? (
          <nav aria-label="Hoofdmenu" className="app-nav">
            <ul>
              {NAVIGATION.map((item) => (
                <li key={item.to}>
                  <AppLink to={item.to} aria-current={pathname === item.to ? 'page' : undefined}>
                    {item.label}
                  </AppLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
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
