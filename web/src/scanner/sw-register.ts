// Registers the app's service worker (web/src/sw.ts → /app/sw.js, scope /app/): the scanner then opens and works
// without the network after a first visit. Harmless elsewhere; a no-op in `vite dev` (no sw.js there).
let registered = false;

export function registerServiceWorker(): void {
  if (registered || typeof navigator === 'undefined' || !('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  registered = true;
  const base = import.meta.env.BASE_URL; // '/app/'
  const register = () => {
    navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).catch(() => {
      registered = false; // e.g. private mode: try again on the next page
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
