// Screenshots of the app's pages in Chromium, for eyeballing layouts (375x812 and 1280x800, fr and ar).
// Usage: node scripts/screenshots.mjs [baseUrl] [outDir]   (baseUrl default http://127.0.0.1:5173/app/)
// Env: TICKR_EMAIL / TICKR_PASSWORD to sign in first; PAGES=comma-separated app paths.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] ?? 'http://127.0.0.1:5173/app/';
const out = process.argv[3] ?? '/tmp/tickr-shots';
const pages = (process.env.PAGES ?? ',events/nuit-du-malouf,tickets,login').split(',');
const langs = (process.env.LANGS ?? 'fr,ar').split(',');
const sizes = [
  { name: 'mobile', width: 375, height: 812 },
  { name: 'desktop', width: 1280, height: 800 },
];
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const errors = [];
try {
  for (const lang of langs) {
    for (const size of sizes) {
      const context = await browser.newContext({ viewport: { width: size.width, height: size.height } });
      await context.addInitScript((l) => localStorage.setItem('tickr.lang', l), lang);
      const page = await context.newPage();
      page.on('console', (m) => m.type() === 'error' && errors.push(`${lang} ${size.name}: ${m.text()}`));
      page.on('pageerror', (e) => errors.push(`${lang} ${size.name}: ${e.message}`));
      if (process.env.TICKR_EMAIL) {
        await page.goto(`${base}login`);
        await page.fill('[data-testid=login-email]', process.env.TICKR_EMAIL);
        await page.fill('[data-testid=login-password]', process.env.TICKR_PASSWORD ?? '');
        await page.click('[data-testid=login-submit]');
        await page.waitForURL((u) => !u.pathname.endsWith('/login'));
      }
      for (const path of pages) {
        await page.goto(base + path);
        await page.waitForTimeout(Number(process.env.WAIT ?? 1500));
        const file = `${out}/${(path || 'home').replace(/[^a-z0-9]+/gi, '_')}-${lang}-${size.name}.png`;
        await page.screenshot({ path: file, fullPage: process.env.FULL === '1' });
        console.log(file);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
}
if (errors.length) console.log('console errors:\n' + errors.join('\n'));
