// The one place that speaks HTTP to /graphql. Everything else goes through request() (api/graphql.ts), which adds
// the session's bearer token and refreshes it.

/** The request could not reach the server (offline, DNS, connection reset, CORS…): retrying later may work. */
export class NetworkError extends Error {
  override name = 'NetworkError';
  constructor(message = 'network error', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** One entry of a GraphQL response's top-level `errors`. */
export interface GraphQLErrorEntry {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

/** A response carried top-level `errors` (a client fault, missing rights, a server failure…), or an HTTP error status. */
export class GraphQLRequestError extends Error {
  override name = 'GraphQLRequestError';
  readonly errors: readonly GraphQLErrorEntry[];
  readonly status: number;
  constructor(errors: readonly GraphQLErrorEntry[], status: number) {
    super(errors.map((e) => e.message).join('; ') || `HTTP ${status}`);
    this.errors = errors;
    this.status = status;
  }
  /** The first error's extensions.code (UNAUTHENTICATED, …). */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLErrorEntry[];
}

export const GRAPHQL_PATH = '/graphql';

/** POSTs one operation; returns data, or throws NetworkError / GraphQLRequestError. */
export async function postGraphQL<T>(
  query: string,
  variables: Record<string, unknown> | undefined,
  accessToken: string | null,
): Promise<T> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  let response: Response;
  try {
    response = await fetch(GRAPHQL_PATH, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables: variables ?? {} }),
      credentials: 'same-origin',
    });
  } catch (cause) {
    throw new NetworkError('The server could not be reached.', { cause });
  }
  let body: GraphQLResponse<T> | null = null;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch (cause) {
    if (response.ok) throw new NetworkError('The response could not be read.', { cause });
  }
  if (body?.errors?.length) throw new GraphQLRequestError(body.errors, response.status);
  if (!response.ok || !body || body.data == null) {
    if (response.status >= 502 && response.status <= 504) throw new NetworkError(`HTTP ${response.status}`);
    throw new GraphQLRequestError([{ message: `HTTP ${response.status}` }], response.status);
  }
  return body.data;
}
