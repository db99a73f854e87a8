// Offline token verification against real tokens issued by the Tickr server (fixtures/tokens.json).
// Run from web/: node --test src/scanner/engine/token.test.mjs   (Node 20+: globalThis.crypto.subtle)
// token.ts is compiled on the fly with Vite's own TypeScript transform (no extra dependency).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transformWithOxc } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const source = await readFile(join(here, 'token.ts'), 'utf8');
const { code } = await transformWithOxc(source, 'token.ts', { lang: 'ts' });
const out = join(await mkdtemp(join(tmpdir(), 'tickr-token-')), 'token.mjs');
await writeFile(out, code);
const { importEventKey, verifyOffline, parseToken, encodeBase64Url, decodeBase64Url } = await import(pathToFileURL(out).href);
const fx = JSON.parse(await readFile(join(here, 'fixtures', 'tokens.json'), 'utf8'));

const key = await importEventKey(fx.event.publicKeyBase64Url);
const otherKey = await importEventKey(fx.otherEvent.publicKeyBase64Url);

/** The token with character i replaced by another base64url character that keeps the encoding canonical. */
function flip(token, i) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const c = token[i];
  const replacement = alphabet[(alphabet.indexOf(c) + 1) % 64];
  return token.slice(0, i) + replacement + token.slice(i + 1);
}

test('a real token verifies with its event key, and its claims are read', async () => {
  const verdict = await verifyOffline(fx.validToken, key, fx.event.tokenEventId);
  assert.equal(verdict.ok, true);
  assert.equal(verdict.claims.eventTag, fx.event.tokenEventId);
  assert.equal(verdict.claims.version, 1);
  assert.match(verdict.claims.ticketTag, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
});

test('the event bytes in the token are the event id in RFC 4122 order (tokenEventId)', () => {
  const parsed = parseToken(fx.validToken);
  assert.equal(Buffer.from(parsed.eventBytes).toString('hex'), fx.event.uuid);
  assert.equal(encodeBase64Url(decodeBase64Url(fx.event.tokenEventId)), fx.event.tokenEventId);
});

test('surrounding whitespace from a scanner or a paste is tolerated', async () => {
  assert.equal((await verifyOffline(`  ${fx.validToken}\n`, key, fx.event.tokenEventId)).ok, true);
});

test('a tampered signature is INVALID_SIGNATURE', async () => {
  // Character 100 is inside the signature (after the second dot at 76).
  const verdict = await verifyOffline(flip(fx.validToken, 100), key, fx.event.tokenEventId);
  assert.deepEqual(verdict, { ok: false, reason: 'INVALID_SIGNATURE' });
});

test('a tampered payload (another ticket id) is INVALID_SIGNATURE', async () => {
  // Character 40 is inside the ticket id bytes of the payload.
  const verdict = await verifyOffline(flip(fx.validToken, 40), key, fx.event.tokenEventId);
  assert.deepEqual(verdict, { ok: false, reason: 'INVALID_SIGNATURE' });
});

test('a token checked against another event key is refused', async () => {
  // Same event id expected but another key: the signature does not match.
  assert.deepEqual(await verifyOffline(fx.validToken, otherKey, fx.event.tokenEventId), { ok: false, reason: 'INVALID_SIGNATURE' });
  // At the other event's door: the token names another event.
  assert.deepEqual(await verifyOffline(fx.validToken, otherKey, fx.otherEvent.tokenEventId), { ok: false, reason: 'WRONG_EVENT' });
  // And the other event's genuine token at our door.
  assert.deepEqual(await verifyOffline(fx.otherEvent.validToken, key, fx.event.tokenEventId), { ok: false, reason: 'WRONG_EVENT' });
  assert.equal((await verifyOffline(fx.otherEvent.validToken, otherKey, fx.otherEvent.tokenEventId)).ok, true);
});

test('a high-s twin of a valid signature is refused, as the server does', async () => {
  const parsed = parseToken(fx.validToken);
  const n = BigInt('0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551');
  let s = 0n;
  for (const b of parsed.signature.slice(32)) s = (s << 8n) | BigInt(b);
  const high = (n - s).toString(16).padStart(64, '0');
  const signature = new Uint8Array([...parsed.signature.slice(0, 32), ...Buffer.from(high, 'hex')]);
  const twin = fx.validToken.slice(0, 77) + encodeBase64Url(signature);
  assert.equal(twin.length, 163);
  assert.deepEqual(await verifyOffline(twin, key, fx.event.tokenEventId), { ok: false, reason: 'INVALID_SIGNATURE' });
});

test('anything but the exact shape is MALFORMED', async () => {
  const t = fx.validToken;
  const cases = [
    '',
    'hello',
    t.slice(0, -1),
    t + 'A',
    'TKR2' + t.slice(4),
    t.slice(0, 76) + '=' + t.slice(77),
    t.slice(0, 10) + '+' + t.slice(11),
    t.slice(0, 75) + flipUnusedBits(t[75]) + t.slice(76), // non-canonical last payload character
    'TKR1.' + Buffer.from([2, ...Buffer.from(t.slice(5, 76), 'base64url').subarray(1)]).toString('base64url') + t.slice(76), // format version 2
  ];
  for (const bad of cases) {
    assert.deepEqual(await verifyOffline(bad, key, fx.event.tokenEventId), { ok: false, reason: 'MALFORMED' }, JSON.stringify(bad));
  }
});

/** 53 bytes in 71 characters leave 2 unused bits in the last one: set one of them. */
function flipUnusedBits(c) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return alphabet[alphabet.indexOf(c) ^ 1];
}

test('tokenEventIdFromGlobalId reads the event bytes from a global id', async () => {
  const { tokenEventIdFromGlobalId } = await import(pathToFileURL(out).href);
  assert.equal(tokenEventIdFromGlobalId(fx.event.id), fx.event.tokenEventId);
  assert.equal(tokenEventIdFromGlobalId(fx.otherEvent.id), fx.otherEvent.tokenEventId);
  assert.equal(tokenEventIdFromGlobalId('not an id'), null);
});
