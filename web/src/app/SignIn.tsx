import { Alert, Heading, Paragraph, PrimaryActionButton, SecondaryActionButton } from '@rijkshuisstijl-community/components-react';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { getToken, getUserManager, loadAuthConfig, requestDevToken, setToken, takeReturnTo, type AuthConfig, type DemoUser } from './auth';
import { Loading } from './Loading';
import { ROLE_NAMES, provinceName } from './format';
import { usePageTitle } from './usePageTitle';

const ROLE_ORDER = ['LRT', 'IPO', 'PRT_SECRETARIAAT', 'COA_REGIO', 'GEMEENTE', 'NONE'];

function scopeLabel(user: DemoUser): string | null {
  if (!user.scope) return null;
  if (user.role === 'COA_REGIO') return `regio ${user.scope}`;
  if (user.role === 'GEMEENTE') return user.scope;
  return provinceName(user.scope);
}

export function SignIn() {
  usePageTitle('Aanmelden');
  const navigate = useNavigate();
  const [config, setConfig] = useState<AuthConfig | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    if (getToken()) navigate(takeReturnTo(), { replace: true });
  }, [navigate]);

  useEffect(() => {
    loadAuthConfig().then(setConfig, () => setFailed('De aanmeldgegevens van de server konden niet worden opgehaald. Probeer het zo opnieuw.'));
  }, []);

  const signInAs = async (handle: string) => {
    setBusy(handle);
    setFailed(null);
    try {
      const { token, expiresAt } = await requestDevToken(handle);
      setToken(token, expiresAt, 'development');
      navigate(takeReturnTo(), { replace: true });
    } catch {
      setFailed('Aanmelden is niet gelukt. Probeer het opnieuw.');
    } finally {
      setBusy(null);
    }
  };

  const signInOidc = async () => {
    if (config?.mode !== 'oidc') return;
    setBusy('oidc');
    try {
      const manager = await getUserManager(config);
      await manager.signinRedirect();
    } catch {
      setFailed('De aanmeldpagina van uw organisatie is niet bereikbaar. Probeer het zo opnieuw.');
      setBusy(null);
    }
  };

  return (
    <>
      <Heading level={1}>Aanmelden</Heading>
      {failed ? (
        <Alert type="error" role="alert">
          <Paragraph>{failed}</Paragraph>
        </Alert>
      ) : null}
      {!config && !failed ? <Loading what="de aanmeldmogelijkheden" /> : null}
      {config?.mode === 'none' ? (
        <Alert type="warning">
          <Paragraph>
            Aanmelden is op deze server nog niet ingesteld. De beheerder moet de aanmelding (OpenID Connect) configureren
            voordat u regietafel kunt gebruiken.
          </Paragraph>
        </Alert>
      ) : null}
      {config?.mode === 'oidc' ? (
        <>
          <Paragraph>Meld u aan met het account van uw organisatie.</Paragraph>
          <PrimaryActionButton type="button" onClick={signInOidc} disabled={busy === 'oidc'}>
            Aanmelden
          </PrimaryActionButton>
        </>
      ) : null}
      {config?.mode === 'development' ? <DemoUsers users={config.users} busy={busy} onChoose={signInAs} /> : null}
    </>
  );
}

function DemoUsers({ users, busy, onChoose }: { users: DemoUser[]; busy: string | null; onChoose: (handle: string) => void }) {
  const groups = new Map<string, DemoUser[]>();
  for (const user of users) {
    const key = user.role ?? 'NONE';
    groups.set(key, [...(groups.get(key) ?? []), user]);
  }
  const keys = [...groups.keys()].sort((a, b) => (ROLE_ORDER.indexOf(a) + 99) % 99 - (ROLE_ORDER.indexOf(b) + 99) % 99);
  return (
    <>
      <Alert type="info">
        <Paragraph>
          Dit is een ontwikkelomgeving met demogebruikers. Kies als wie u wilt aanmelden.
        </Paragraph>
      </Alert>
      {keys.map((key) => (
        <section key={key} aria-labelledby={`rol-${key}`} className="demo-users">
          <Heading level={2} id={`rol-${key}`}>
            {key === 'NONE' ? 'Leden van een regietafel (zonder rol)' : (ROLE_NAMES[key] ?? key)}
          </Heading>
          <ul className="demo-users__list">
            {groups.get(key)!.map((user) => {
              // The place once: not again when the name already says it ("Secretariaat PRT Utrecht (demo)").
              const label = scopeLabel(user);
              const scope = label && !user.name.toLowerCase().includes(label.toLowerCase()) ? label : null;
              return (
                <li key={user.handle}>
                  <SecondaryActionButton type="button" onClick={() => onChoose(user.handle)} disabled={busy !== null} aria-busy={busy === user.handle}>
                    {user.name}
                    {scope ? ` (${scope})` : ''}
                  </SecondaryActionButton>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </>
  );
}
