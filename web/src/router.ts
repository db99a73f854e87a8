import { signal } from '@preact/signals';

/** The app's base path ('/app/'), from Vite's `base`. */
export const BASE = import.meta.env.BASE_URL;

/** The current location, relative to BASE, without leading slash: '' (home), 'events/nuit-du-malouf', … */
export const location = signal(currentPath());
/** The current query string, parsed. */
export const query = signal(new URLSearchParams(window.location.search));

function currentPath(): string {
  const path = window.location.pathname;
  const base = BASE.replace(/\/$/, '');
  const relative = path === base || path.startsWith(BASE) ? path.slice(BASE.length) : path.replace(/^\//, '');
  return relative.replace(/\/+$/, '');
}

function sync(): void {
  location.value = currentPath();
  query.value = new URLSearchParams(window.location.search);
}

/** An app href for a relative path: href('events/x') → '/app/events/x'. */
export function href(path: string): string {
  return BASE + path.replace(/^\//, '');
}

/** Goes to an app path ('tickets', 'orders/abc?x=1'), pushing (or replacing) a history entry. */
export function navigate(path: string, options: { replace?: boolean; keepScroll?: boolean } = {}): void {
  const url = href(path);
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  sync();
  if (!options.keepScroll) window.scrollTo(0, 0);
}

/** Replaces the current page's query string (search boxes), without a new history entry or scrolling. */
export function replaceQuery(params: Record<string, string>): void {
  const search = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '')).toString();
  history.replaceState(null, '', href(location.value) + (search ? `?${search}` : ''));
  query.value = new URLSearchParams(window.location.search);
}

/** The current app path with its query, for "come back here after login". */
export function currentAppPath(): string {
  return location.value + window.location.search;
}

window.addEventListener('popstate', sync);

// Same-origin links under BASE are handled without a page load (modifier keys, targets and downloads excepted).
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin || !url.pathname.startsWith(BASE)) return;
  event.preventDefault();
  navigate(url.pathname.slice(BASE.length) + url.search);
});

export type RouteParams = Record<string, string>;

/** Matches 'events/:slug' against a path; returns the decoded params or null. */
export function match(pattern: string, path: string): RouteParams | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: RouteParams = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const h = have[i]!;
    if (w.startsWith(':')) {
      try {
        params[w.slice(1)] = decodeURIComponent(h);
      } catch {
        return null;
      }
    } else if (w !== h) return null;
  }
  return params;
}
