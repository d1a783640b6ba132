import { useConnection } from './session';

/** "Live" while the WebSocket is connected; says so when it is lost and being restored. */
export function LiveIndicator() {
  const { state } = useConnection();
  const text = state === 'connected' ? 'Live' : state === 'reconnecting' ? 'Verbinding verbroken — opnieuw verbinden…' : 'Verbinden…';
  return (
    <p role="status" className={`live-indicator live-indicator--${state}`} aria-live="polite">
      <span className="live-indicator__dot" aria-hidden="true" />
      {text}
    </p>
  );
}
