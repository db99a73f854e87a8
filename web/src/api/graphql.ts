import { signal } from '@preact/signals';
import { createClient, type Client } from 'graphql-ws';
import { accessToken, refreshSession, session } from '../auth/session';
import { GRAPHQL_PATH, GraphQLRequestError, NetworkError, postGraphQL, type GraphQLErrorEntry } from './transport';

export { GraphQLRequestError, NetworkError };
export type { GraphQLErrorEntry };

/**
 * Runs one query or mutation as the signed-in user (anonymous when signed out) and resolves its `data`.
 * Throws NetworkError when the server cannot be reached, GraphQLRequestError for top-level `errors`.
 * The type parameter defaults to `any` as in the shared contract; callers in this app always give it.
 */
export type GraphQLRequest = <T = any>(query: string, variables?: Record<string, unknown>) => Promise<T>;

export const request: GraphQLRequest = async <T>(query: string, variables?: Record<string, unknown>): Promise<T> => {
  const token = await accessToken();
  try {
    return await postGraphQL<T>(query, variables, token);
  } catch (error) {
    // The token was refused (revoked, clock skew, signing key rotated): refresh once and retry.
    if (token && error instanceof GraphQLRequestError && error.status === 401) {
      const next = await refreshSession();
      return postGraphQL<T>(query, variables, next?.accessToken ?? null);
    }
    throw error;
  }
};

/** State of the shared WebSocket: what the dashboard's live-status indicator shows. */
export type LiveState = 'connecting' | 'live' | 'offline';
export const liveState = signal<LiveState>('connecting');

let client: Client | null = null;

function socketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}${GRAPHQL_PATH}`;
}

function getClient(): Client {
  if (client) return client;
  const created = createClient({
    url: socketUrl(),
    lazy: true,
    lazyCloseTimeout: 3_000,
    keepAlive: 15_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    // Every close is worth a retry: the server closes with 4403 when the access token expires, and the next
    // connection_init carries a refreshed one.
    shouldRetry: () => true,
    retryWait: async (retries) => {
      const delay = Math.min(30_000, 1_000 * 2 ** retries) * (0.5 + Math.random() / 2);
      // The back-off grows while the network is gone; the moment it returns, try at once.
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          window.removeEventListener('online', done);
          resolve();
        };
        const timer = setTimeout(done, delay);
        window.addEventListener('online', done);
      });
    },
    connectionParams: async () => {
      const token = await accessToken().catch(() => null);
      return token ? { Authorization: `Bearer ${token}` } : {};
    },
    on: {
      connecting: () => {
        liveState.value = 'connecting';
      },
      connected: () => {
        liveState.value = 'live';
      },
      closed: () => {
        liveState.value = navigator.onLine ? 'connecting' : 'offline';
      },
      error: () => {
        liveState.value = 'offline';
      },
    },
  });
  client = created;
  return created;
}

// Signing in or out changes who the socket acts for: drop the connection (4499, retried by graphql-ws) so active
// subscriptions resubscribe on a new connection whose connection_init carries the new identity.
let clientUser: string | null = session.value?.user.id ?? null;
session.subscribe((s) => {
  const user = s?.user.id ?? null;
  if (user === clientUser) return;
  clientUser = user;
  client?.terminate();
});

// The network is gone: drop the socket now rather than let it linger half-open (some browsers keep it until a write
// fails, and no 'connected' would follow the network's return). graphql-ws retries, and resubscribes once it is back.
window.addEventListener('offline', () => {
  liveState.value = 'offline';
  client?.terminate();
});

/** A subscription event's top-level `errors` (or a fatal socket close), handed to onError. */
export type SubscriptionError = GraphQLRequestError | NetworkError;

/**
 * Subscribes over the shared graphql-transport-ws connection (opened lazily, reconnected forever) and calls onData
 * with each event's data. Returns a function that ends the subscription.
 */
export function subscribe<T>(
  query: string,
  variables: Record<string, unknown>,
  onData: (data: T) => void,
  onError?: (error: SubscriptionError) => void,
): () => void {
  let active = true;
  const dispose = getClient().subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        if (!active) return;
        if (result.errors?.length) {
          onError?.(new GraphQLRequestError(result.errors as GraphQLErrorEntry[], 200));
          return;
        }
        if (result.data) onData(result.data as T);
      },
      error: (error: unknown) => {
        if (!active) return;
        if (Array.isArray(error)) onError?.(new GraphQLRequestError(error as GraphQLErrorEntry[], 200));
        else onError?.(new NetworkError('The live connection failed.', { cause: error }));
      },
      complete: () => {},
    },
  );
  return () => {
    active = false;
    dispose();
  };
}
