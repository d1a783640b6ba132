import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { Provider } from 'urql';
import { getToken, onTokenChange } from './auth';
import { Connection, createGraphQLClient } from './client';

/** The token of the person signed in, kept in step with sessionStorage. */
export function useToken(): string | null {
  return useSyncExternalStore(
    (listener) => {
      const off = onTokenChange(listener);
      window.addEventListener('storage', listener);
      // An expired token counts as none: look again every half minute.
      const timer = window.setInterval(listener, 30_000);
      return () => {
        off();
        window.removeEventListener('storage', listener);
        window.clearInterval(timer);
      };
    },
    getToken,
  );
}

const ConnectionContext = createContext<Connection | null>(null);

export function useConnection(): { state: Connection['state']; reconnects: number } {
  const connection = useContext(ConnectionContext);
  const state = useSyncExternalStore(
    (listener) => connection?.subscribe(listener) ?? (() => undefined),
    () => (connection ? `${connection.state}:${connection.reconnects}` : 'connecting:0'),
  );
  const [name, reconnects] = state.split(':');
  return { state: name as Connection['state'], reconnects: Number(reconnects) };
}

/** One GraphQL client (HTTP + WebSocket) per token: a new sign-in gets a new connection. */
export function GraphQLProvider({ token, children }: { token: string; children: ReactNode }) {
  const { client, connection, dispose } = useMemo(() => {
    const connection = new Connection();
    return { connection, ...createGraphQLClient(token, connection) };
  }, [token]);
  useEffect(() => dispose, [dispose]);
  return (
    <ConnectionContext.Provider value={connection}>
      <Provider value={client}>{children}</Provider>
    </ConnectionContext.Provider>
  );
}
