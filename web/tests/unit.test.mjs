// Unit tests of the app's pure modules (dashboard state, CSV, money strings), loaded through Vite's SSR module
// loader so TypeScript and imports resolve as in the app. Run from web/: node --test tests/
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'vite';

const vite = await createServer({ configFile: false, root: new URL('..', import.meta.url).pathname, logLevel: 'silent', server: { middlewareMode: true, hmr: false }, appType: 'custom' });
after(() => vite.close());
const model = await vite.ssrLoadModule('/src/dashboard/model.ts');
const csv = await vite.ssrLoadModule('/src/dashboard/csv.ts');
const money = await vite.ssrLoadModule('/src/i18n/money.ts');

const tnd = (minorUnits) => ({ minorUnits, currency: 'TND', minorUnitDigits: 3 });
const stats = {
  at: '2026-12-04T20:00:30Z', capacity: 500, sold: 100, held: 10, remaining: 390,
  gross: tnd(3000000), commission: tnd(120000), net: tnd(2880000), refunded: tnd(0),
  byTicketType: [
    { ticketTypeId: 'a', name: 'A', capacity: 500, sold: 60, held: 10, remaining: 390 },
    { ticketTypeId: 'b', name: 'B', capacity: 500, sold: 40, held: 0, remaining: 390 },
  ],
  checkIns: [{ listId: 'l1', name: 'Main', checkedIn: 7, total: 100 }, { listId: 'l2', name: 'VIP', checkedIn: 3, total: 20 }],
  ordersPerMinute: [{ minute: '2026-12-04T19:59:00Z', orders: 2, tickets: 3, gross: tnd(1) }, { minute: '2026-12-04T20:00:00Z', orders: 1, tickets: 1, gross: tnd(1) }],
  checkInsByGate: [],
};

test('fromStats sums admissions over lists', () => {
  const s = model.fromStats(stats);
  assert.equal(s.checkedIn, 10);
  assert.equal(s.sold, 100);
  assert.equal(s.minutes.get(Date.parse('2026-12-04T20:00:00Z')), 1);
});

test('inventory: per-type counts replaced, remaining follows sold + held (shared quota not counted twice)', () => {
  const s = model.applyInventory(model.fromStats(stats), {
    at: stats.at,
    ticketTypes: [{ ticketTypeId: 'a', sold: 63, held: 9, remaining: 388 }, { ticketTypeId: 'b', sold: 40, held: 0, remaining: 388 }],
  });
  assert.equal(s.sold, 103);
  assert.equal(s.held, 9);
  assert.equal(s.remaining, 388); // 390 - ((103 + 9) - (100 + 10))
  assert.deepEqual(s.types.map((t) => t.remaining), [388, 388]);
});

test('sales: money replaced and minutes merged', () => {
  const s = model.applySales(model.fromStats(stats), {
    at: '2026-12-04T20:01:10Z', ticketsSold: 104, ordersPaid: 80, gross: tnd(3100000), commission: tnd(124000), net: tnd(2976000), refunded: tnd(0),
    ordersLastHour: [{ minute: '2026-12-04T20:01:00Z', orders: 4, tickets: 4, gross: tnd(1) }],
  });
  assert.equal(s.gross.minorUnits, 3100000);
  assert.equal(s.net.minorUnits, 2976000);
  assert.equal(s.minutes.get(Date.parse('2026-12-04T20:01:00Z')), 4);
  assert.equal(s.minutes.get(Date.parse('2026-12-04T19:59:00Z')), 2);
});

test('check-ins replace the count, lists and gates', () => {
  const s = model.applyCheckIns(model.fromStats(stats), { at: stats.at, checkedIn: 12, lists: [], byGate: [{ gate: 'Porte 1', checkedIn: 12, lastFiveMinutes: 5, perMinute: 1, lastAdmissionAt: null }] });
  assert.equal(s.checkedIn, 12);
  assert.equal(s.gates[0].gate, 'Porte 1');
});

test('last hour series: 60 minutes ending now, zeros filled', () => {
  const now = Date.parse('2026-12-04T20:00:42Z');
  const [xs, ys] = model.lastHourSeries(model.fromStats(stats).minutes, now);
  assert.equal(xs.length, 60);
  assert.equal(xs[59], Date.parse('2026-12-04T20:00:00Z') / 1000);
  assert.equal(ys[59], 1);
  assert.equal(ys[58], 2);
  assert.equal(ys[0], 0);
});

test('CSV: quoting and formula-injection protection', () => {
  assert.equal(csv.csvCell('=1+2'), `"'=1+2"`);
  assert.equal(csv.csvCell('+33 6'), `"'+33 6"`);
  assert.equal(csv.csvCell('-x'), `"'-x"`);
  assert.equal(csv.csvCell('@SUM(A1)'), `"'@SUM(A1)"`);
  assert.equal(csv.csvCell('\tx'), `"'\tx"`);
  assert.equal(csv.csvCell('say "hi", ok'), `"say ""hi"", ok"`);
  assert.equal(csv.csvCell(null), '""');
  assert.equal(csv.csvCell(42), '"42"');
  assert.equal(csv.toCsv(['a', 'b'], [['x', '=y']]), `"a","b"\r\n"x","'=y"\r\n`);
});

test('money: exact decimal strings from minor units', () => {
  assert.equal(money.minorToDecimalString(48000, 3), '48.000');
  assert.equal(money.minorToDecimalString(5, 3), '0.005');
  assert.equal(money.minorToDecimalString(-1250, 2), '-12.50');
  assert.equal(money.minorToDecimalString(900719925474099, 3), '900719925474.099');
  assert.equal(money.minorToDecimalString(7, 0), '7');
});
