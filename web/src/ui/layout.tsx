import { useEffect, useRef } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { currentUser, logout } from '../auth/session';
import { LANGS, lang, t, type Lang } from '../i18n';
import { href, location, navigate } from '../router';

const LANG_LABELS: Record<Lang, string> = { fr: 'Français', en: 'English', ar: 'العربية' };

function NavLink({ path, label }: { path: string; label: string }) {
  const here = location.value;
  const active = path === '' ? here === '' || here.startsWith('events/') : here === path || here.startsWith(`${path}/`);
  const link = useRef<HTMLAnchorElement>(null);
  // On a phone the nav scrolls sideways: keep the current section in view.
  useEffect(() => {
    if (active) link.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [active]);
  return (
    <a ref={link} href={href(path)} class={active ? 'nav-link active' : 'nav-link'} aria-current={active ? 'page' : undefined}>
      {label}
    </a>
  );
}

function LangSelect() {
  return (
    <select
      class="lang-select"
      data-testid="lang-select"
      aria-label={t('nav.language')}
      value={lang.value}
      onChange={(e) => {
        lang.value = (e.currentTarget as HTMLSelectElement).value as Lang;
      }}
    >
      {LANGS.map((l) => (
        <option key={l} value={l} lang={l}>
          {LANG_LABELS[l]}
        </option>
      ))}
    </select>
  );
}

function AccountButton() {
  const user = currentUser.value;
  if (!user) {
    return (
      <a class="btn btn-small" href={href(`login?next=${encodeURIComponent(location.value)}`)}>
        {t('nav.login')}
      </a>
    );
  }
  return (
    <span class="account">
      <span class="account-name" title={user.email}>
        {user.displayName}
      </span>
      <button
        type="button"
        class="btn btn-small btn-ghost"
        onClick={async () => {
          await logout();
          navigate('');
        }}
      >
        {t('nav.logout')}
      </button>
    </span>
  );
}

export function Layout({ children }: { children: ComponentChildren }) {
  return (
    <>
      <header class="topbar">
        <a class="brand" href={href('')}>
          Tickr
        </a>
        <nav class="nav" aria-label={t('nav.main')}>
          <NavLink path="" label={t('nav.events')} />
          <NavLink path="tickets" label={t('nav.tickets')} />
          <NavLink path="dashboard" label={t('nav.dashboard')} />
          <NavLink path="scanner" label={t('nav.scanner')} />
        </nav>
        <div class="topbar-tools">
          <LangSelect />
          <AccountButton />
        </div>
      </header>
      {children}
    </>
  );
}
