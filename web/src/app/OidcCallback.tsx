import { Heading, Paragraph } from '@rijkshuisstijl-community/components-react';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { getUserManager, loadAuthConfig, setToken, takeReturnTo } from './auth';
import { AppLink } from './AppLink';

/** Where the OIDC provider sends the browser back with an authorization code (PKCE). */
export function OidcCallback() {
  const navigate = useNavigate();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    (async () => {
      const config = await loadAuthConfig();
      if (config.mode !== 'oidc') throw new Error('not oidc');
      const manager = await getUserManager(config);
      const user = await manager.signinRedirectCallback();
      setToken(user.access_token, user.expires_at ? new Date(user.expires_at * 1000).toISOString() : null, 'oidc');
      navigate(takeReturnTo(), { replace: true });
    })().catch(() => setFailed(true));
  }, [navigate]);
  return (
    <main id="inhoud" className="app-main">
      <Heading level={1}>Aanmelden</Heading>
      {failed ? (
        <Paragraph role="alert">
          Aanmelden is niet gelukt. <AppLink to="/aanmelden">Probeer het opnieuw</AppLink>.
        </Paragraph>
      ) : (
        <Paragraph role="status">Bezig met aanmelden…</Paragraph>
      )}
    </main>
  );
}

/** Runs in the hidden iframe of a silent renewal: hands the answer to the main window, shows nothing. */
export function OidcSilent() {
  useEffect(() => {
    loadAuthConfig()
      .then(async (config) => {
        if (config.mode !== 'oidc') return;
        const manager = await getUserManager(config);
        await manager.signinSilentCallback();
      })
      .catch(() => undefined);
  }, []);
  return null;
}
