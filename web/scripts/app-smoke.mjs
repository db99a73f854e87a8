// End-to-end smoke check of the buyer pages and the live dashboard against a real Tickr server with the demo data,
// in Chromium. The app is served either by Tickr.Graph itself (/app/) or by `node scripts/serve-dist.mjs`.
// Usage: node scripts/app-smoke.mjs [appBase=http://127.0.0.1:4173/app/]
// Prints one line per check; exits 1 when one fails.
import { chromium } from 'playwright-core';
import jsQR from 'jsqr';

const base = process.argv[2] ?? 'http://127.0.0.1:4173/app/';
const api = new URL('/graphql', base).href;
const PASSWORD = 'tickr-demo-2026';
const results = [];
const check = (name, ok, detail = '') => {
  results.push(ok);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
};
async function gql(query, variables = {}, token) {
  const response = await fetch(api, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}
const tokenFor = async (email) =>
  (await gql('mutation L($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { email, password: PASSWORD } })).login.accessToken;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const problems = [];
async function newPage(viewport = { width: 375, height: 812 }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return page;
}
async function signIn(page, email, next) {
  await page.goto(`${base}login?next=${encodeURIComponent(next)}`);
  await page.fill('[data-testid=login-email]', email);
  await page.fill('[data-testid=login-password]', PASSWORD);
  await page.click('[data-testid=login-submit]');
  await page.waitForURL((u) => !u.pathname.endsWith('/login'));
}
const value = (page, testId) => page.locator(`[data-testid=${testId}]`).first().getAttribute('data-value');

try {
  // ---- buyer: search, buy through the login detour, order PAID, tickets with decodable QR codes
  const buyer = await newPage();
  await buyer.goto(base);
  await buyer.fill('[data-testid=event-search]', 'malouf');
  await buyer.waitForFunction(() => document.querySelectorAll('[data-testid=event-card]').length === 1);
  check('search narrows the catalog', true);
  await buyer.click('[data-testid=event-card][data-slug=nuit-du-malouf]');
  await buyer.waitForSelector('[data-testid=ticket-type]');
  const row = buyer.locator('[data-testid=ticket-type]').nth(1);
  const before = Number(await row.locator('[data-testid=ticket-remaining]').getAttribute('data-value'));
  await row.locator('[data-testid=ticket-qty]').fill('2');
  await buyer.click('[data-testid=buy-button]');
  await buyer.waitForURL(/\/login/);
  await buyer.fill('[data-testid=login-email]', 'participant@demo.tickr.tn');
  await buyer.fill('[data-testid=login-password]', PASSWORD);
  await buyer.click('[data-testid=login-submit]');
  await buyer.waitForURL(/\/events\/nuit-du-malouf/);
  check('quantities survive the login detour', (await buyer.locator('[data-testid=ticket-qty]').nth(1).inputValue()) === '2');
  await buyer.click('[data-testid=buy-button]');
  await buyer.waitForSelector('[data-testid=order-status][data-value=PAID]', { timeout: 15000 });
  check('reserve + checkout (DEVELOPMENT) ends PAID', true, new URL(buyer.url()).pathname);
  await buyer.click('[data-testid=tickets-link]');
  await buyer.waitForSelector('[data-testid=ticket-qr]');
  const qr = await buyer.evaluate(async () => {
    const card = document.querySelector('[data-testid=ticket-card]');
    const svg = card.querySelector('[data-testid=ticket-qr]');
    const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(svg)], { type: 'image/svg+xml' }));
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = new OffscreenCanvas(400, 400);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0, 400, 400);
    return { token: card.querySelector('[data-testid=ticket-token]').textContent, pixels: Array.from(ctx.getImageData(0, 0, 400, 400).data) };
  });
  check('ticket QR decodes to its token', jsQR(Uint8ClampedArray.from(qr.pixels), 400, 400)?.data === qr.token);
  await buyer.goto(`${base}events/nuit-du-malouf`);
  await buyer.waitForSelector('[data-testid=ticket-remaining]');
  const after = Number(await buyer.locator('[data-testid=ticket-type]').nth(1).locator('[data-testid=ticket-remaining]').getAttribute('data-value'));
  check('remaining went down by the purchase', after <= before - 2, `${before} → ${after}`);

  // ---- live remaining: another buyer reserves through the API, the open page updates without reloading
  const participant = await tokenFor('participant@demo.tickr.tn');
  const event = (await gql('{ event(slug: "nuit-du-malouf") { id ticketTypes { id } } }')).event;
  const shown = await value(buyer, 'ticket-remaining');
  const reserved = await gql(
    'mutation R($i: ReserveTicketsInput!) { reserveTickets(input: $i) { order { id } errors { __typename } } }',
    { i: { eventId: event.id, items: [{ ticketTypeId: event.ticketTypes[0].id, quantity: 1 }] } },
    participant,
  );
  const moved = await buyer
    .waitForFunction((v) => document.querySelector('[data-testid=ticket-remaining]').getAttribute('data-value') !== v, shown, { timeout: 10000 })
    .then(() => true, () => false);
  check('inventoryChanged updates remaining live', moved, `${shown} → ${await value(buyer, 'ticket-remaining')}`);
  await gql('mutation C($i: CancelOrderInput!) { cancelOrder(input: $i) { order { status } } }', { i: { orderId: reserved.reserveTickets.order.id } }, participant);

  // ---- token refresh: expired access token, then a token the server refuses (401)
  const s0 = await buyer.evaluate(() => JSON.parse(localStorage.getItem('tickr.session')));
  await buyer.evaluate(() => {
    const s = JSON.parse(localStorage.getItem('tickr.session'));
    s.accessTokenExpiresAt = new Date(Date.now() - 1000).toISOString();
    localStorage.setItem('tickr.session', JSON.stringify(s));
  });
  await buyer.goto(`${base}tickets`);
  await buyer.waitForSelector('[data-testid=ticket-card]');
  const s1 = await buyer.evaluate(() => JSON.parse(localStorage.getItem('tickr.session')));
  check('expired access token is refreshed before the request', s1.refreshToken !== s0.refreshToken);
  await buyer.evaluate(() => {
    const s = JSON.parse(localStorage.getItem('tickr.session'));
    s.accessToken = 'not.a.token';
    localStorage.setItem('tickr.session', JSON.stringify(s));
  });
  await buyer.reload();
  await buyer.waitForSelector('[data-testid=ticket-card]');
  const s2 = await buyer.evaluate(() => JSON.parse(localStorage.getItem('tickr.session')));
  check('a refused token (401) is refreshed and the request retried', s2.refreshToken !== s1.refreshToken);

  // ---- dashboard: pick the organization and event, live tiles, a sale moves them, attendees, CSV, refund
  const dash = await newPage({ width: 1280, height: 800 });
  await signIn(dash, 'organizer@demo.tickr.tn', 'dashboard');
  await dash.waitForSelector('[data-testid=org-select]');
  await dash.click(`[data-testid=event-link][data-event-id="${event.id}"]`);
  await dash.waitForSelector('[data-testid=live-status][data-state=live]', { timeout: 15000 });
  check('dashboard goes live', true);
  const sold0 = Number(await value(dash, 'tile-sold'));
  const gross0 = Number(await value(dash, 'tile-gross'));
  const tiles = await Promise.all(['tile-sold', 'tile-remaining', 'tile-gross', 'tile-commission', 'tile-net', 'tile-checkins'].map((id) => value(dash, id)));
  check('tiles carry integer data-value', tiles.every((v) => /^\d+$/.test(v ?? '')), tiles.join(' '));
  check('chart and type bars render', (await dash.locator('[data-testid=orders-chart] canvas').count()) > 0 && (await dash.locator('[data-testid=type-bar]').count()) >= 1);
  const order = await gql(
    'mutation R($i: ReserveTicketsInput!) { reserveTickets(input: $i) { order { id number } errors { __typename } } }',
    { i: { eventId: event.id, items: [{ ticketTypeId: event.ticketTypes[1].id, quantity: 1 }], idempotencyKey: `smoke-${Date.now()}` } },
    participant,
  );
  await gql('mutation P($i: CheckoutInput!) { checkout(input: $i) { order { status } } }', { i: { orderId: order.reserveTickets.order.id, provider: 'DEVELOPMENT' } }, participant);
  const live = await dash
    .waitForFunction(([s, g]) => {
      const v = (id) => Number(document.querySelector(`[data-testid=${id}]`).getAttribute('data-value'));
      return v('tile-sold') > s && v('tile-gross') > g;
    }, [sold0, gross0], { timeout: 10000 })
    .then(() => true, () => false);
  check('a sale updates sold and gross live', live, `sold ${sold0} → ${await value(dash, 'tile-sold')}, gross ${gross0} → ${await value(dash, 'tile-gross')}`);
  await dash.waitForSelector('[data-testid=attendee-row]');
  await dash.fill('[data-testid=attendee-search]', order.reserveTickets.order.number);
  await dash.waitForTimeout(1200);
  const rows = await dash.locator('[data-testid=attendee-row]').count();
  const matching = await dash.locator(`[data-testid=attendee-row][data-order-id="${order.reserveTickets.order.id}"]`).count();
  check('attendee search by order number', rows === 1 && matching === 1, `${rows} rows`);
  const [download] = await Promise.all([dash.waitForEvent('download'), dash.click('[data-testid=export-csv]')]);
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  const csv = readFileSync(path, 'utf8');
  check('CSV export has a header and rows', csv.split('\r\n').filter(Boolean).length >= 2 && csv.includes('"holder_email"'));
  const target = dash.locator(`[data-testid=attendee-row][data-order-id="${order.reserveTickets.order.id}"]`).first();
  await target.locator('[data-testid=refund-button]').click();
  await dash.click('[data-testid=refund-confirm]');
  const refunded = await dash
    .waitForSelector(`[data-testid=attendee-row][data-order-id="${order.reserveTickets.order.id}"] [data-testid=refund-button]`, { state: 'detached', timeout: 10000 })
    .then(() => true, () => false);
  check('refund from the dashboard', refunded);
} catch (error) {
  check('smoke run', false, error.message.split('\n')[0]);
} finally {
  await browser.close();
}
check('no page errors or CSP reports', problems.length === 0, problems.slice(0, 5).join(' | '));
process.exit(results.every(Boolean) ? 0 : 1);
