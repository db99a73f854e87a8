#!/usr/bin/env node
// Local sanity check of the scanner PWA in Debian's Chromium (not the end-to-end tests, which run against the real
// server): serves dist/ under /app/ with the production CSP and a mock /graphql, feeds Chromium's fake camera a QR
// code of a real ticket token (fixtures/tokens.json), and checks: camera → green, same code not resubmitted,
// manual entry → orange with the first gate, forged → red, offline → pending, reload offline (service worker) →
// the screen still works, back online → uploaded, conflict shown. Screenshots go to $SHOTS (default /tmp/scanner-shots).
// Usage, from web/ after `npm run build`: node scripts/scanner-smoke.mjs [distDir]
// Against a real server instead of the mock: TICKR_API=http://127.0.0.1:5198 TICKR_EVENT_ID=<event id>
//   TICKR_TOKENS=<fresh token>,<another fresh token> (two unscanned tickets of that event; the event needs a check-in
//   list) [TICKR_EMAIL=scanner@demo.tickr.tn TICKR_PASSWORD=tickr-demo-2026]: /graphql is proxied there.
import { createServer } from 'node:http';
import { readFile, stat, mkdir } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { extname, join, resolve, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { qrY4m } from './qr-y4m.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(process.argv[2] ?? join(here, '..', 'dist'));
const shots = process.env.SHOTS ?? '/tmp/scanner-shots';
const fx = JSON.parse(await readFile(join(here, '..', 'src', 'scanner', 'engine', 'fixtures', 'tokens.json'), 'utf8'));
const API = process.env.TICKR_API;
const EVENT_ID = API ? process.env.TICKR_EVENT_ID : fx.event.id;
const LIST_ID = 'Q2hlY2tJbkxpc3Q6bWFpbg';
const [cameraToken, offlineToken] = API ? process.env.TICKR_TOKENS.split(',') : [fx.validToken, fx.moreValidTokens[0]];

async function api(query, variables, token) {
  const r = await fetch(`${API}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
  return (await r.json()).data;
}
const realSession = API
  ? (await api(`mutation($i: LoginInput!) { login(input: $i) { accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { id email displayName } } }`,
      { i: { email: process.env.TICKR_EMAIL ?? 'scanner@demo.tickr.tn', password: process.env.TICKR_PASSWORD ?? 'tickr-demo-2026' } })).login
  : null;

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; " +
  "media-src 'self' blob:; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.webmanifest': 'application/manifest+json', '.json': 'application/json', '.svg': 'image/svg+xml' };

// ---- mock GraphQL: just what the scanner asks
const admitted = new Map(); // token → { scannedAt, deviceId }
const uploads = [];
const unknownOps = [];
function record(scannedAt, deviceId) {
  return { listName: 'Entrée principale', scannedAt, deviceId, offline: false };
}
function graphql(body) {
  const q = body.query ?? '';
  const input = body.variables?.input;
  if (/query ScannerHome/.test(q)) {
    return { me: { id: 'u1', memberships: [{ role: 'SCANNER', organization: { id: 'o1', name: 'Carthage Live', events: { nodes: [
      { id: EVENT_ID, title: 'Nuit du malouf', startsAt: new Date(Date.now() + 3600_000).toISOString(), status: 'PUBLISHED', checkInLists: [{ id: LIST_ID, name: 'Entrée principale' }] },
      { id: fx.otherEvent.id, title: 'Jazz à Carthage', startsAt: new Date(Date.now() + 86400_000).toISOString(), status: 'PUBLISHED', checkInLists: [] },
    ] } } }] } };
  }
  if (/query ScannerEvent/.test(q)) {
    return { node: { id: EVENT_ID, title: 'Nuit du malouf', startsAt: new Date().toISOString(), checkInLists: [{ id: LIST_ID, name: 'Entrée principale' }],
      ticketPublicKey: { keyId: 'k', publicKeyBase64Url: fx.event.publicKeyBase64Url, tokenEventId: fx.event.tokenEventId } } };
  }
  if (/mutation ScannerCheckIn/.test(q)) {
    const first = admitted.get(input.token);
    if (first) return { checkIn: { result: 'ALREADY_CHECKED_IN', ticket: { id: 't', ticketTypeName: 'Normal', holderEmail: 'participant@demo.tickr.tn' }, firstCheckIn: record(first.scannedAt, first.deviceId), errors: [] } };
    admitted.set(input.token, { scannedAt: input.scannedAt, deviceId: input.deviceId });
    return { checkIn: { result: 'OK', ticket: { id: 't', ticketTypeName: 'Normal', holderEmail: 'participant@demo.tickr.tn' }, firstCheckIn: null, errors: [] } };
  }
  if (/mutation ScannerUpload/.test(q)) {
    uploads.push(input);
    return { uploadOfflineScans: { errors: [], results: input.scans.map((s, index) => {
      const first = admitted.get(s.token);
      if (first) return { index, result: 'ALREADY_CHECKED_IN', ticket: null, firstCheckIn: record(first.scannedAt, first.deviceId), replacedCheckIn: null };
      admitted.set(s.token, { scannedAt: s.scannedAt, deviceId: input.deviceId });
      return { index, result: 'OK', ticket: null, firstCheckIn: null, replacedCheckIn: null };
    }) } };
  }
  unknownOps.push(q.slice(0, 60));
  return null;
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/graphql' && req.method === 'POST') {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    if (API) {
      const upstream = await fetch(`${API}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) }, body: raw });
      const body = await upstream.text();
      if (/ScannerUpload/.test(raw)) uploads.push(JSON.parse(raw).variables.input);
      res.writeHead(upstream.status, { 'content-type': 'application/json' });
      res.end(body);
      return;
    }
    const data = graphql(JSON.parse(raw));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(data ? { data } : { data: null, errors: [{ message: 'not mocked' }] }));
    return;
  }
  if (url.pathname === '/app') {
    res.writeHead(301, { location: '/app/' });
    res.end();
    return;
  }
  if (!url.pathname.startsWith('/app/')) {
    res.writeHead(404);
    res.end();
    return;
  }
  let rel = decodeURIComponent(url.pathname.slice(5)) || 'index.html';
  let file = join(dist, rel);
  const isFile = await stat(file).then((s) => s.isFile(), () => false);
  if (!isFile) {
    if (extname(rel)) {
      res.writeHead(404);
      res.end();
      return;
    }
    rel = 'index.html';
    file = join(dist, rel);
  }
  const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' };
  headers['cache-control'] = rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  if (rel === 'sw.js') headers['service-worker-allowed'] = '/app/';
  res.writeHead(200, headers);
  res.end(await readFile(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

// ---- Chromium with a fake camera showing the valid token
const video = join(tmpdir(), 'tickr-scanner-valid.y4m');
writeFileSync(video, qrY4m(cameraToken, { frames: 30 }));
await mkdir(shots, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
    '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
});
const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, permissions: ['camera'] });
await context.addInitScript((real) => {
  if (!localStorage.getItem('tickr.session')) {
    const later = (ms) => new Date(Date.now() + ms).toISOString();
    localStorage.setItem('tickr.session', JSON.stringify(real ?? { accessToken: 'mock', accessTokenExpiresAt: later(3600_000), refreshToken: 'mock', refreshTokenExpiresAt: later(86400_000), user: { id: 'u1', email: 'scanner@demo.tickr.tn', displayName: 'Sami Gharbi' } }));
  }
}, realSession);
const page = await context.newPage();
const problems = [];
page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
page.on('pageerror', (e) => problems.push(String(e)));

let passed = 0;
let failed = 0;
async function check(name, fn) {
  const started = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok - ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    failed++;
    console.log(`not ok - ${name}: ${error.message.split('\n')[0]}`);
    await page.screenshot({ path: join(shots, `failed-${passed + failed}.png`) }).catch(() => undefined);
  }
}
const result = page.getByTestId('scan-result');
const attr = (testId, name) => page.getByTestId(testId).getAttribute(name);
async function waitAttr(testId, name, value, timeout = 10_000) {
  await page.waitForFunction(([id, n, v]) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute(n) === v, [testId, name, String(value)], { timeout });
}
function forge(token) {
  const i = 100;
  return token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
}

await check('home lists the events and lists, start opens the scanning screen', async () => {
  await page.goto(`${origin}/app/scanner`);
  await page.getByTestId('scanner-event').waitFor();
  if ((await page.getByTestId('scanner-gate').inputValue()) !== 'Porte 1') throw new Error('gate default');
  await page.getByTestId('scanner-event').selectOption(EVENT_ID);
  await page.screenshot({ path: join(shots, 'scanner-home-phone.png'), fullPage: true });
  await page.getByTestId('scanner-start').click();
  await page.waitForURL(/\/app\/scanner\/.+\/.+\?gate=Porte(%20|\+)1/);
});

await check('the camera reads the QR code: green', async () => {
  await waitAttr('scan-result', 'data-state', 'green', 20_000);
  await page.screenshot({ path: join(shots, 'scanner-green-phone.png'), fullPage: true });
});

await check('the same code in front of the camera is not submitted again', async () => {
  await page.waitForTimeout(4000);
  const n = await page.getByTestId('scan-entry').count();
  if (n !== 1) throw new Error(`${n} history entries`);
});

await check('manual entry of an admitted ticket: orange with the first time and gate', async () => {
  await page.getByTestId('manual-code').fill(cameraToken);
  await page.getByTestId('manual-submit').click();
  await waitAttr('scan-result', 'data-state', 'orange');
  const text = await result.innerText();
  if (!/Porte 1/.test(text) || !/\d{2}:\d{2}/.test(text)) throw new Error(text);
  await page.screenshot({ path: join(shots, 'scanner-orange-phone.png'), fullPage: true });
});

await check('a forged code: red', async () => {
  await page.getByTestId('manual-code').fill(forge(cameraToken));
  await page.getByTestId('manual-submit').click();
  await waitAttr('scan-result', 'data-state', 'red');
  await page.screenshot({ path: join(shots, 'scanner-red-phone.png'), fullPage: true });
});

await check('a ticket of another event: red (wrong event)', async () => {
  await page.getByTestId('manual-code').fill(fx.otherEvent.validToken);
  await page.getByTestId('manual-submit').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="scan-entry"]')?.getAttribute('data-reason') === 'WRONG_EVENT');
});

await check('the service worker controls the page', async () => {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 15_000 });
});

await check('offline: verified and queued (pending), sync-status offline', async () => {
  await context.setOffline(true);
  await waitAttr('sync-status', 'data-state', 'offline');
  await page.getByTestId('manual-code').fill(offlineToken);
  await page.getByTestId('manual-submit').click();
  await waitAttr('scan-result', 'data-state', 'pending');
  await waitAttr('pending-count', 'data-value', '1');
  await page.screenshot({ path: join(shots, 'scanner-pending-phone.png'), fullPage: true });
});

await check('offline: a second scan of the same ticket is orange locally', async () => {
  await page.getByTestId('manual-code').fill(offlineToken);
  await page.getByTestId('manual-submit').click();
  await waitAttr('scan-result', 'data-state', 'orange');
  await waitAttr('pending-count', 'data-value', '1');
});

await check('offline: a reload still opens the scanning screen (service worker + cached key)', async () => {
  await page.reload();
  await page.getByTestId('scan-result').waitFor({ timeout: 15_000 });
  await waitAttr('pending-count', 'data-value', '1');
  const n = await page.getByTestId('scan-entry').count();
  if (n < 5) throw new Error(`history lost: ${n}`);
  await page.getByTestId('manual-code').fill(forge(cameraToken));
  await page.getByTestId('manual-submit').click();
  await waitAttr('scan-result', 'data-state', 'red');
});

await check('back online: the pending scan is uploaded with its time, the conflict is shown', async () => {
  // Meanwhile another gate admitted that ticket online.
  const backOnlineAt = Date.now();
  if (API) {
    const listId = decodeURIComponent(new URL(page.url()).pathname.split('/')[4]);
    const r = await api(`mutation($i: CheckInInput!) { checkIn(input: $i) { result } }`, { i: { token: offlineToken, listId, deviceId: 'Porte 2 · scan-other' } }, realSession.accessToken);
    if (r.checkIn.result !== 'OK') throw new Error(`setup: ${JSON.stringify(r)}`);
  } else {
    admitted.set(offlineToken, { scannedAt: new Date(Date.now() - 60_000).toISOString(), deviceId: 'Porte 2 · scan-other' });
  }
  await context.setOffline(false);
  await waitAttr('pending-count', 'data-value', '0', 20_000);
  if (uploads.length !== 1 || uploads[0].scans.length !== 1 || (!API && uploads[0].listId !== LIST_ID)) throw new Error(JSON.stringify(uploads));
  const scannedAt = Date.parse(uploads[0].scans[0].scannedAt);
  if (!(scannedAt < backOnlineAt - 200)) throw new Error('scan time not kept');
  await page.getByTestId('conflict-row').first().waitFor();
  const text = await page.getByTestId('conflict-row').first().innerText();
  if (!/Porte 2/.test(text)) throw new Error(text);
  await waitAttr('sync-status', 'data-state', 'online');
  await page.screenshot({ path: join(shots, 'scanner-conflict-phone.png'), fullPage: true });
});

await check('Arabic (rtl) and desktop screenshots', async () => {
  await page.getByTestId('lang-select').selectOption('ar');
  if ((await page.evaluate(() => document.documentElement.dir)) !== 'rtl') throw new Error('not rtl');
  await page.screenshot({ path: join(shots, 'scanner-ar-phone.png'), fullPage: true });
  await page.getByTestId('lang-select').selectOption('fr');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: join(shots, 'scanner-desktop.png'), fullPage: true });
});

await check('no console errors or CSP violations', async () => {
  const real = problems.filter((p) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED|net::ERR/.test(p));
  if (real.length) throw new Error(real.join(' | '));
  if (unknownOps.length) console.log(`  (unmocked operations: ${unknownOps.join(' ; ')})`);
});

await browser.close();
server.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
