// Gzipped bytes each route downloads (JS + CSS), from dist/.vite/manifest.json: the entry and its static imports,
// plus the lazily imported page module and its static imports. Run after `npm run build`.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', dist), 'utf8'));
const gz = (file) => gzipSync(readFileSync(new URL(file, dist)), { level: 9 }).length;

function closure(keys) {
  const files = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return [...files];
}

const routes = {
  'buyer (/app/, events, tickets)': ['index.html'],
  'dashboard (/app/dashboard/:id)': ['index.html', 'src/dashboard/index.tsx'],
  'scanner (/app/scanner/…)': ['index.html', 'src/scanner/pages.tsx'],
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const [route, keys] of Object.entries(routes)) {
  const files = closure(keys);
  const total = files.reduce((sum, f) => sum + gz(f), 0);
  console.log(`${route}: ${kb(total)} gzipped`);
  for (const f of files) console.log(`  ${f}  ${kb(gz(f))}`);
}
