import type { CombinedError } from '@urql/core';
import { useConnection } from './session';

/**
 * "Live" while the WebSocket is connected; says so when it is lost and being restored. When the server refuses the
 * subscription itself (no access to the changes), the page is not live, whatever the connection does.
 */
export function LiveIndicator({ subscriptionError }: { subscriptionError?: CombinedError }) {
  const { state } = useConnection();
  const refused = Boolean(subscriptionError && subscriptionError.graphQLErrors.length > 0);
  const forbidden = subscriptionError?.graphQLErrors.some((e) => e.extensions?.code === 'FORBIDDEN');
  const shown = refused ? 'refused' : state;
  const text = refused
    ? forbidden
      ? 'Niet live: geen toegang tot wijzigingen'
      : 'Niet live: wijzigingen kunnen niet worden gevolgd'
    : state === 'connected'
      ? 'Live'
      : state === 'reconnecting'
        ? 'Verbinding verbroken — opnieuw verbinden…'
        : 'Verbinden…';
  return (
    <p role="status" className={`live-indicator live-indicator--${shown}`} aria-live="polite">
      <span className="live-indicator__dot" aria-hidden="true" />
      {text}
    </p>
  );
}
