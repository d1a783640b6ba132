import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { clearToken } from './auth';
import { isUnauthenticated } from './errors';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

/** The live connection's state, for the "Live" indicator, and a count of reconnects for catch-up. */
export class Connection {
  state: ConnectionState = 'connecting';
  reconnects = 0;
  private listeners = new Set<() => void>();
  private everConnected = false;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(state: ConnectionState) {
    if (state === 'connected') {
      if (this.everConnected && this.state !== 'connected') this.reconnects += 1;
      this.everConnected = true;
    }
    this.state = state;
    this.listeners.forEach((listener) => listener());
  }
}

export function webSocketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/graphql`;
}

/** A graphql-ws client that sends the token, retries for ever (1013 included) and gives up on 4401. */
export function createLiveClient(token: string, connection?: Connection): WsClient {
  const ws = createWsClient({
    url: webSocketUrl(),
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: true,
    keepAlive: 15_000,
    retryAttempts: Number.MAX_SAFE_INTEGER,
    retryWait: async (retries) => {
      const wait = Math.min(1000 * 2 ** retries, 15_000);
      await new Promise((resolve) => setTimeout(resolve, wait / 2 + Math.random() * (wait / 2)));
    },
    shouldRetry: () => true,
    on: {
      connected: () => connection?.set('connected'),
      closed: (event) => {
        const code = (event as CloseEvent | undefined)?.code;
        if (code === 4401) clearToken();
        // 1000: closed on purpose (no subscription left, or signing out), not a lost connection.
        else connection?.set(code === 1000 ? 'connecting' : 'reconnecting');
      },
    },
  });
  return ws;
}

/** urql over HTTP POST /graphql (queries) and graphql-ws (subscriptions), both with the bearer token. */
export function createGraphQLClient(token: string, connection: Connection): { client: Client; dispose: () => void } {
  const ws = createLiveClient(token, connection);
  const client = new Client({
    url: '/graphql',
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }),
    exchanges: [
      mapExchange({
        onError(error) {
          if (isUnauthenticated(error)) clearToken();
        },
      }),
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
  return { client, dispose: () => void ws.dispose() };
}
