// The app's service worker (built to dist/sw.js by build/sw-plugin.ts, served at /app/sw.js with scope /app/).
// - install: precache index.html and every file the build emitted (the list and version are injected at build);
// - activate: delete the caches of earlier versions;
// - fetch: navigations under /app/ → network first, the cached index.html when the network fails (the SPA then
//   routes offline); /app/assets/* (hashed, immutable) → cache first; other /app/ files → network, cache as fallback;
//   /graphql (HTTP and WebSocket) and anything outside /app/ → never intercepted.
// Self-contained on purpose: it is compiled alone, without the app's modules.

// Injected by build/sw-plugin.ts.
declare const __TICKR_PRECACHE__: string[];
declare const __TICKR_SW_VERSION__: string;

// The few service-worker types used here (the app's tsconfig has the DOM library, not WebWorker's).
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface ServiceWorkerScope {
  readonly location: Location;
  readonly registration: { readonly scope: string };
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}

const sw = self as unknown as ServiceWorkerScope;
const VERSION = __TICKR_SW_VERSION__;
const PRECACHE = __TICKR_PRECACHE__;
const CACHE_PREFIX = 'tickr-app-';
const CACHE = `${CACHE_PREFIX}${VERSION}`;
const SCOPE = new URL(sw.registration.scope).pathname; // '/app/'
const INDEX = `${SCOPE}index.html`;
const NAVIGATION_TIMEOUT_MS = 5000;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // cache: 'reload' skips the HTTP cache, so index.html is this version's, not an older copy.
      await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })));
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
      await sw.clients.claim();
    })(),
  );
});

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms));
}

async function navigation(request: Request): Promise<Response> {
  try {
    const response = await Promise.race([fetch(request), timeout(NAVIGATION_TIMEOUT_MS)]);
    // A server error page is worse than the app shell, which can still scan offline.
    if (response.status < 500) return response;
  } catch {
    // Offline, or too slow: the shell below.
  }
  const cached = await caches.match(INDEX, { cacheName: CACHE });
  return cached ?? (await caches.match(INDEX)) ?? Response.error();
}

async function cacheFirst(request: Request): Promise<Response> {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') {
    const copy = response.clone();
    void caches.open(CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

async function networkFirst(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await caches.match(request);
    if (cached) return cached;
    throw error;
  }
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  if (url.pathname === '/graphql' || url.pathname.startsWith('/graphql/')) return;
  if (!url.pathname.startsWith(SCOPE)) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigation(request));
  } else if (url.pathname.startsWith(`${SCOPE}assets/`)) {
    event.respondWith(cacheFirst(request));
  } else if (url.pathname !== `${SCOPE}sw.js`) {
    event.respondWith(networkFirst(request));
  }
});

export {};
