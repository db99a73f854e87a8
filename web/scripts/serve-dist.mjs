// Serves web/dist under /app/ the way Tickr.Graph does (SPA fallback, the contract's CSP and headers) and proxies
// /graphql (HTTP and WebSocket) to a Tickr server, to check the production build in a browser.
// Usage: node scripts/serve-dist.mjs [port=4173] [api=http://127.0.0.1:5199]
import { createServer, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const port = Number(process.argv[2] ?? 4173);
const api = new URL(process.argv[3] ?? 'http://127.0.0.1:5199');
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; media-src 'self' blob:; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png', '.wav': 'audio/wav', '.mp3': 'audio/mpeg' };

async function file(path) {
  try {
    const s = await stat(path);
    return s.isFile() ? await readFile(path) : null;
  } catch {
    return null;
  }
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/graphql') {
    const upstream = httpRequest({ host: api.hostname, port: api.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
    return;
  }
  if (url.pathname === '/app') return res.writeHead(301, { Location: '/app/' }).end();
  if (!url.pathname.startsWith('/app/')) return res.writeHead(404).end();
  const relative = normalize(decodeURIComponent(url.pathname.slice('/app/'.length))).replace(/^(\.\.[/\\])+/, '');
  let path = join(dist, relative || 'index.html');
  let body = await file(path);
  if (!body && !extname(relative)) {
    path = join(dist, 'index.html');
    body = await file(path);
  }
  if (!body) return res.writeHead(404).end();
  res.writeHead(200, {
    'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
    'Cache-Control': relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(self)',
    ...(relative === 'sw.js' ? { 'Service-Worker-Allowed': '/app/' } : {}),
  });
  res.end(body);
});

// WebSocket upgrades to /graphql are piped to the API as raw TCP.
server.on('upgrade', (req, socket, head) => {
  const upstream = connect(Number(api.port), api.hostname, () => {
    const lines = [`${req.method} ${req.url} HTTP/1.1`, ...Object.entries(req.headers).map(([k, v]) => `${k}: ${v}`), '', ''];
    upstream.write(lines.join('\r\n'));
    if (head.length) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  upstream.on('error', () => socket.destroy());
  socket.on('error', () => upstream.destroy());
});

server.listen(port, '127.0.0.1', () => console.log(`http://127.0.0.1:${port}/app/ → ${api.origin}`));
