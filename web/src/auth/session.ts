import { computed, effect, signal } from '@preact/signals';
import { GraphQLRequestError, postGraphQL } from '../api/transport';
import { currentAppPath, navigate } from '../router';

/** What is kept in localStorage under `tickr.session`. */
export interface Session {
  accessToken: string;
  /** ISO instant. */
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  user: SessionUser;
}

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
}

const STORAGE_KEY = 'tickr.session';
/** Refresh this long before the access token's expiry, so a request never leaves with a token about to die. */
const EXPIRY_MARGIN_MS = 30_000;

function load(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Session>;
    if (typeof parsed.accessToken !== 'string' || typeof parsed.refreshToken !== 'string' || !parsed.user) return null;
    if (parsed.refreshTokenExpiresAt && Date.parse(parsed.refreshTokenExpiresAt) < Date.now()) return null;
    return parsed as Session;
  } catch {
    return null;
  }
}

function save(value: Session | null): void {
  try {
    if (value) localStorage.setItem(STORAGE_KEY, JSON.stringify(value));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Private mode / quota: the session lives in memory only.
  }
}

/** The signed-in session (null when signed out). Components reading `.value` re-render on login/logout. */
export const session = signal<Session | null>(load());
export const currentUser = computed(() => session.value?.user ?? null);
export const isLoggedIn = computed(() => session.value !== null);

effect(() => save(session.value));

// Another tab signed in, out, or refreshed the tokens: adopt its session (refresh tokens are single-use).
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === STORAGE_KEY) session.value = load();
  });
}

const TOKENS = 'accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { id email displayName }';

interface TokenPayload {
  accessToken: string | null;
  accessTokenExpiresAt: string | null;
  refreshToken: string | null;
  refreshTokenExpiresAt: string | null;
  user: SessionUser | null;
}

interface TypedError {
  __typename: string;
  code: string;
  message: string;
  lockedUntil?: string;
}

function toSession(p: TokenPayload): Session | null {
  if (!p.accessToken || !p.refreshToken || !p.user) return null;
  return {
    accessToken: p.accessToken,
    accessTokenExpiresAt: p.accessTokenExpiresAt ?? new Date(Date.now() + 10 * 60_000).toISOString(),
    refreshToken: p.refreshToken,
    refreshTokenExpiresAt: p.refreshTokenExpiresAt ?? new Date(Date.now() + 86_400_000).toISOString(),
    user: p.user,
  };
}

/** A business failure of login / completeTwoFactorLogin, with the server's error code (INVALID_CREDENTIALS…). */
export class LoginFailure extends Error {
  override name = 'LoginFailure';
  constructor(
    readonly code: string,
    message: string,
    readonly lockedUntil?: string,
  ) {
    super(message);
  }
}

export type LoginResult = { kind: 'signed-in' } | { kind: 'two-factor'; challengeToken: string };

const LOGIN = `mutation Login($input: LoginInput!) {
  login(input: $input) {
    ${TOKENS}
    twoFactorChallenge { challengeToken expiresAt }
    errors { __typename ... on Error { code message } ... on AccountLockedError { lockedUntil } }
  }
}`;

export async function login(email: string, password: string): Promise<LoginResult> {
  const data = await postGraphQL<{
    login: TokenPayload & { twoFactorChallenge: { challengeToken: string } | null; errors: TypedError[] };
  }>(LOGIN, { input: { email, password } }, null);
  const p = data.login;
  const error = p.errors[0];
  if (error) throw new LoginFailure(error.code, error.message, error.lockedUntil);
  if (p.twoFactorChallenge) return { kind: 'two-factor', challengeToken: p.twoFactorChallenge.challengeToken };
  const next = toSession(p);
  if (!next) throw new LoginFailure('NO_SESSION', 'The server started no session.');
  session.value = next;
  return { kind: 'signed-in' };
}

const COMPLETE_2FA = `mutation CompleteTwoFactorLogin($input: CompleteTwoFactorLoginInput!) {
  completeTwoFactorLogin(input: $input) {
    ${TOKENS}
    errors { __typename ... on Error { code message } ... on AccountLockedError { lockedUntil } }
  }
}`;

/** Second step of a two-factor sign-in: a 6-digit authenticator code, or else a recovery code. */
export async function completeTwoFactorLogin(challengeToken: string, code: string): Promise<void> {
  const trimmed = code.replace(/\s+/g, '');
  const input = /^\d{6}$/.test(trimmed) ? { challengeToken, code: trimmed } : { challengeToken, recoveryCode: code.trim() };
  const data = await postGraphQL<{ completeTwoFactorLogin: TokenPayload & { errors: TypedError[] } }>(
    COMPLETE_2FA,
    { input },
    null,
  );
  const p = data.completeTwoFactorLogin;
  const error = p.errors[0];
  if (error) throw new LoginFailure(error.code, error.message, error.lockedUntil);
  const next = toSession(p);
  if (!next) throw new LoginFailure('NO_SESSION', 'The server started no session.');
  session.value = next;
}

const LOGOUT = `mutation Logout($input: LogoutInput!) { logout(input: $input) { loggedOut } }`;

/** Signs out here at once, and tells the server (best effort) so the refresh token stops working. */
export async function logout(): Promise<void> {
  const current = session.value;
  session.value = null;
  if (!current) return;
  try {
    await postGraphQL(LOGOUT, { input: { refreshToken: current.refreshToken } }, null);
  } catch {
    // Offline or already revoked: the local session is gone either way.
  }
}

const REFRESH = `mutation RefreshToken($input: RefreshTokenInput!) {
  refreshToken(input: $input) { ${TOKENS} errors { __typename ... on Error { code message } } }
}`;

let refreshing: Promise<Session | null> | null = null;

async function exchange(stale: Session): Promise<Session | null> {
  // Another tab may have refreshed already (each refresh token works once): take its tokens.
  const stored = load();
  if (stored && stored.refreshToken !== stale.refreshToken) {
    session.value = stored;
    return stored;
  }
  let data: { refreshToken: TokenPayload & { errors: TypedError[] } };
  try {
    data = await postGraphQL(REFRESH, { input: { refreshToken: stale.refreshToken } }, null);
  } catch (error) {
    // Offline: keep the session, the caller's request fails with NetworkError and may be retried later.
    if (error instanceof GraphQLRequestError) {
      session.value = null;
      return null;
    }
    throw error;
  }
  const error = data.refreshToken.errors[0];
  // Rate limited: the refresh token is still good, so keep the session and let this request fail.
  if (error?.__typename === 'RateLimitedError') throw new LoginFailure(error.code, error.message);
  const next = error ? null : toSession(data.refreshToken);
  session.value = next;
  return next;
}

/**
 * Exchanges the refresh token for new tokens (once at a time, across tabs when the Web Locks API exists).
 * Resolves null — and signs out — when the server refuses the refresh token.
 */
export function refreshSession(): Promise<Session | null> {
  const stale = session.value;
  if (!stale) return Promise.resolve(null);
  if (!refreshing) {
    const run = () => exchange(stale);
    const locked =
      typeof navigator !== 'undefined' && navigator.locks
        ? navigator.locks.request('tickr.session.refresh', run)
        : run();
    refreshing = locked.finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

/** A valid access token (refreshed first when it expires within 30 s), or null when signed out. */
export async function accessToken(): Promise<string | null> {
  const current = session.value;
  if (!current) return null;
  if (Date.parse(current.accessTokenExpiresAt) - EXPIRY_MARGIN_MS > Date.now()) return current.accessToken;
  const next = await refreshSession();
  return next?.accessToken ?? null;
}

/**
 * True when signed in; otherwise sends the user to the login page, which comes back to the current page after.
 * Use at the top of a page component: `if (!requireLogin()) return null;`.
 */
export function requireLogin(): boolean {
  if (session.value) return true;
  const back = currentAppPath();
  queueMicrotask(() => navigate(`login?next=${encodeURIComponent(back)}`, { replace: true }));
  return false;
}
