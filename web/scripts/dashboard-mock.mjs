// Renders the live dashboard against canned GraphQL answers (HTTP and graphql-transport-ws mocked by Playwright),
// for checking the page before the server has the issue-9 schema additions. Sign-in and the organization list go
// to the real server behind the dev server's proxy.
// Usage: node scripts/dashboard-mock.mjs [baseUrl] [outDir]
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';

const base = process.argv[2] ?? 'http://127.0.0.1:5173/app/';
const out = process.argv[3] ?? '/tmp/tickr-shots';
mkdirSync(out, { recursive: true });
const money = (minorUnits) => ({ minorUnits, currency: 'TND', minorUnitDigits: 3 });
const now = Date.now();
const minute = (i) => new Date(now - (now % 60000) - i * 60000).toISOString();
const series = Array.from({ length: 60 }, (_, i) => ({ minute: minute(59 - i), orders: Math.max(0, Math.round(3 + 3 * Math.sin(i / 5))), tickets: 0, gross: money(0) }));
const eventId = 'RXZlbnQ6bW9jaw';
const stats = {
  at: new Date().toISOString(), capacity: 600, sold: 212, held: 4, remaining: 384,
  gross: money(7420000), commission: money(296800), net: money(7123200), refunded: money(0),
  byTicketType: [
    { ticketTypeId: 'tt1', name: 'Early bird', capacity: 150, sold: 150, held: 0, remaining: 0 },
    { ticketTypeId: 'tt2', name: 'Normal', capacity: 450, sold: 62, held: 4, remaining: 384 },
  ],
  checkIns: [{ listId: 'l1', name: 'Entrée principale', checkedIn: 40, total: 212 }],
  ordersPerMinute: series,
  checkInsByGate: [
    { gate: 'Porte 1', checkedIn: 31, lastFiveMinutes: 9, perMinute: 1.8, lastAdmissionAt: new Date().toISOString() },
    { gate: 'Porte 2', checkedIn: 9, lastFiveMinutes: 2, perMinute: 0.4, lastAdmissionAt: new Date().toISOString() },
  ],
};
const attendees = Array.from({ length: 8 }, (_, i) => ({
  id: `tk${i}`, status: i === 7 ? 'REVOKED' : 'VALID', holderEmail: i === 3 ? '=HYPERLINK("x")@evil.tn' : `holder${i}@demo.tickr.tn`,
  issuedAt: new Date().toISOString(), checkedInAt: i % 3 === 0 ? new Date().toISOString() : null,
  ticketType: { name: i % 2 ? 'Normal' : 'Early bird' },
  order: { id: `ord${i >> 1}`, number: `TK-MOCK${i >> 1}`, status: i === 7 ? 'REFUNDED' : 'PAID', buyerEmail: `buyer${i >> 1}@demo.tickr.tn`, total: money(60000), refunded: money(0) },
}));

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const log = [];
for (const lang of (process.env.LANGS ?? 'fr,ar').split(',')) {
  for (const size of [{ n: 'mobile', width: 375, height: 812 }, { n: 'desktop', width: 1280, height: 800 }]) {
    const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, acceptDownloads: true });
    await context.addInitScript((l) => localStorage.setItem('tickr.lang', l), lang);
    const page = await context.newPage();
    page.on('pageerror', (e) => log.push(`pageerror ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && log.push(`console ${m.text()}`));
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON();
      const op = /(?:query|mutation)\s+(\w+)/.exec(body?.query ?? '')?.[1];
      if (op === 'DashboardEvent') {
        return route.fulfill({ json: { data: { node: { id: eventId, slug: 'mock', title: 'Nuit du malouf', startsAt: stats.at, timeZone: 'Africa/Tunis', status: 'PUBLISHED', organization: { name: 'Carthage Live', viewerRole: 'OWNER' }, stats } } } });
      }
      if (op === 'Attendees') {
        return route.fulfill({ json: { data: { node: { attendees: { nodes: attendees, pageInfo: { hasNextPage: false, endCursor: null }, totalCount: attendees.length } } } } });
      }
      if (op === 'Refund') return route.fulfill({ json: { data: { refundOrder: { order: { id: 'ord0', status: 'REFUNDED', refunded: money(60000) }, errors: [] } } } });
      return route.continue();
    });
    let pushSales = null;
    await page.routeWebSocket('**/graphql', (ws) => {
      ws.onMessage((raw) => {
        const msg = JSON.parse(String(raw));
        if (msg.type === 'connection_init') ws.send(JSON.stringify({ type: 'connection_ack' }));
        if (msg.type === 'ping') ws.send(JSON.stringify({ type: 'pong' }));
        if (msg.type !== 'subscribe') return;
        const q = msg.payload.query;
        const next = (data) => ws.send(JSON.stringify({ id: msg.id, type: 'next', payload: { data } }));
        if (q.includes('salesChanged')) {
          pushSales = (gross) => next({ salesChanged: { at: new Date().toISOString(), ticketsSold: 213, ordersPaid: 150, gross: money(gross), commission: money(gross * 0.04), net: money(gross * 0.96), refunded: money(0), ordersLastHour: series.map((m, i) => (i === 59 ? { ...m, orders: 9 } : m)) } });
          pushSales(7420000);
        }
        if (q.includes('checkInsChanged')) next({ checkInsChanged: { at: new Date().toISOString(), checkedIn: 41, lists: stats.checkIns, byGate: [{ ...stats.checkInsByGate[0], checkedIn: 32, perMinute: 2.2 }, stats.checkInsByGate[1]] } });
        if (q.includes('inventoryChanged')) setTimeout(() => next({ inventoryChanged: { at: new Date().toISOString(), ticketTypes: [{ ticketTypeId: 'tt1', remaining: 0, sold: 150, held: 0 }, { ticketTypeId: 'tt2', remaining: 381, sold: 65, held: 4 }] } }), 300);
      });
    });
    await page.goto(`${base}login?next=${encodeURIComponent('dashboard')}`);
    await page.fill('[data-testid=login-email]', 'organizer@demo.tickr.tn');
    await page.fill('[data-testid=login-password]', 'tickr-demo-2026');
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=org-select]');
    await page.screenshot({ path: `${out}/dash-home-${lang}-${size.n}.png` });
    await page.goto(`${base}dashboard/${eventId}`);
    await page.waitForSelector('[data-testid=live-status][data-state=live]');
    await page.waitForTimeout(800);
    pushSales?.(7480000);
    await page.waitForTimeout(300);
    const v = async (id) => page.locator(`[data-testid=${id}]`).getAttribute('data-value');
    log.push(`${lang} ${size.n}: sold=${await v('tile-sold')} remaining=${await v('tile-remaining')} gross=${await v('tile-gross')} checkins=${await v('tile-checkins')} gates=${await page.locator('[data-testid=gate-row]').count()} rows=${await page.locator('[data-testid=attendee-row]').count()} chart=${await page.locator('[data-testid=orders-chart] canvas').count()}`);
    await page.screenshot({ path: `${out}/dash-live-${lang}-${size.n}.png`, fullPage: true });
    if (lang === 'fr' && size.n === 'desktop') {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')]);
      const file = `${out}/attendees.csv`;
      await download.saveAs(file);
      log.push(`csv:\n${readFileSync(file, 'utf8').split('\r\n').slice(0, 5).join('\n')}`);
      await page.locator('[data-testid=refund-button]').first().click();
      await page.waitForSelector('dialog[open]');
      await page.screenshot({ path: `${out}/dash-refund-${lang}-${size.n}.png` });
      await page.click('[data-testid=refund-confirm]');
      await page.waitForSelector('dialog:not([open])', { state: 'attached' });
      await page.waitForTimeout(500);
      log.push(`after refund: ${await page.locator('.alert-ok').textContent()}`);
    }
    await context.close();
  }
}
await browser.close();
console.log(log.join('\n'));
