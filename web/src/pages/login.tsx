import { useState } from 'preact/hooks';
import { LoginFailure, completeTwoFactorLogin, login } from '../auth/session';
import { formatDateTime, t } from '../i18n';
import { navigate, query } from '../router';
import { describeError } from '../ui/errors';
import { Page } from '../ui/components';

function failureText(error: unknown): string {
  if (error instanceof LoginFailure) {
    const key = `login.${error.code}`;
    const text = t(key, { until: formatDateTime(error.lockedUntil), code: error.code });
    return text === key ? t('login.failed', { code: error.code }) : text;
  }
  return describeError(error);
}

/** Where to go after signing in: the page that asked (an app path), never another site. */
function nextPath(): string {
  const next = query.value.get('next') ?? '';
  return /^[a-z0-9/_\-?=&%.]*$/i.test(next) && !next.startsWith('/') && !next.startsWith('login') ? next : '';
}

export function LoginPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(failureText(e));
      if (e instanceof LoginFailure && e.code === 'INVALID_TOKEN') setChallenge(null);
    } finally {
      setBusy(false);
    }
  };

  const submitPassword = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      const result = await login(email.trim(), password);
      if (result.kind === 'two-factor') {
        setChallenge(result.challengeToken);
        setPassword('');
      } else navigate(nextPath(), { replace: true });
    });
  };

  const submitCode = (e: Event) => {
    e.preventDefault();
    if (!challenge) return;
    void run(async () => {
      await completeTwoFactorLogin(challenge, code);
      navigate(nextPath(), { replace: true });
    });
  };

  return (
    <Page title={t('login.title')}>
      {challenge ? (
        <form class="card form" onSubmit={submitCode} noValidate>
          <label class="field">
            <span>{t('login.code')}</span>
            <input
              data-testid="login-code"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              value={code}
              onInput={(e) => setCode(e.currentTarget.value)}
            />
            <small class="muted">{t('login.codeHelp')}</small>
          </label>
          {error && (
            <p class="alert alert-error" role="alert" data-testid="login-error">
              {error}
            </p>
          )}
          <div class="actions">
            <button class="btn" data-testid="login-submit" type="submit" disabled={busy}>
              {t('login.verify')}
            </button>
            <button class="btn btn-ghost" type="button" onClick={() => { setChallenge(null); setCode(''); setError(null); }}>
              {t('login.restart')}
            </button>
          </div>
        </form>
      ) : (
        <form class="card form" onSubmit={submitPassword}>
          <label class="field">
            <span>{t('login.email')}</span>
            <input
              data-testid="login-email"
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          </label>
          <label class="field">
            <span>{t('login.password')}</span>
            <input
              data-testid="login-password"
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </label>
          {error && (
            <p class="alert alert-error" role="alert" data-testid="login-error">
              {error}
            </p>
          )}
          <div class="actions">
            <button class="btn" data-testid="login-submit" type="submit" disabled={busy}>
              {t('login.submit')}
            </button>
          </div>
        </form>
      )}
    </Page>
  );
}
