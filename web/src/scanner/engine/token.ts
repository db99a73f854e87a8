// Offline verification of Tickr ticket tokens (format TKR1), mirroring src/Tickr.Domain/Ticketing/TicketToken.cs:
//   "TKR1." + base64url(payload, 53 bytes) + "." + base64url(signature, 64 bytes) — 163 ASCII characters.
//   payload: version byte (1) | event id | ticket id | ticket type id (16 bytes each, RFC 4122 byte order) | int32 BE version
//   signature: ECDSA P-256 / SHA-256, IEEE P1363 (r || s, low s) over the ASCII text before the second dot.
// Parsing is as strict as the server's: any other spelling is MALFORMED.

export interface TicketClaims {
  /** The event id bytes, unpadded base64url (compare with TicketPublicKey.tokenEventId). */
  eventTag: string;
  /** The ticket id as a UUID string (RFC 4122 order). */
  ticketTag: string;
  /** The ticket type id as a UUID string. */
  ticketTypeTag: string;
  version: number;
}

export type OfflineVerdict =
  | { ok: true; claims: TicketClaims }
  | { ok: false; reason: 'MALFORMED' | 'INVALID_SIGNATURE' | 'WRONG_EVENT' };

const PREFIX = 'TKR1.';
const TOKEN_LENGTH = 163;
const PAYLOAD_SIZE = 53;
const SIGNATURE_SIZE = 64;
const ENCODED_PAYLOAD_LENGTH = 71;
const SIGNED_LENGTH = PREFIX.length + ENCODED_PAYLOAD_LENGTH; // 76
const FORMAT_VERSION = 1;

// n / 2 for P-256's group order n: a signature with a larger s is never produced by the server and is refused.
const HALF_ORDER = BigInt('0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551') >> 1n;

function sextet(code: number): number {
  if (code >= 65 && code <= 90) return code - 65; // A-Z
  if (code >= 97 && code <= 122) return code - 97 + 26; // a-z
  if (code >= 48 && code <= 57) return code - 48 + 52; // 0-9
  if (code === 45) return 62; // -
  if (code === 95) return 63; // _
  return -1;
}

/** Decodes canonical unpadded base64url into exactly `size` bytes, or null. */
export function decodeBase64UrlExact(text: string, size: number): Uint8Array<ArrayBuffer> | null {
  if (text.length !== Math.floor((size * 8 + 5) / 6)) return null;
  const out = new Uint8Array(size);
  let buffer = 0;
  let bits = 0;
  let written = 0;
  for (let i = 0; i < text.length; i++) {
    const value = sextet(text.charCodeAt(i));
    if (value < 0) return null;
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[written++] = (buffer >> bits) & 0xff;
      buffer &= (1 << bits) - 1;
    }
  }
  return written === size && buffer === 0 ? out : null;
}

/** Decodes unpadded (or padded) base64url of any length; throws on a bad character. */
export function decodeBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const trimmed = text.replace(/=+$/, '');
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < trimmed.length; i++) {
    const value = sextet(trimmed.charCodeAt(i));
    if (value < 0) throw new Error('Not base64url.');
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
      buffer &= (1 << bits) - 1;
    }
  }
  return Uint8Array.from(out);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Unpadded base64url. */
export function encodeBase64Url(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += ALPHABET[(buffer >> bits) & 63];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (6 - bits)) & 63];
  return out;
}

function uuid(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The 16 bytes of a UUID string (RFC 4122 order), e.g. to build a tokenEventId from a raw event id. */
export function uuidBytes(id: string): Uint8Array<ArrayBuffer> | null {
  const hex = id.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) return null;
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

interface ParsedToken {
  claims: TicketClaims;
  eventBytes: Uint8Array<ArrayBuffer>;
  signature: Uint8Array<ArrayBuffer>;
  signed: Uint8Array<ArrayBuffer>;
}

/** Parses a token without checking its signature (null when malformed). Nothing read here is trustworthy yet. */
export function parseToken(token: string): ParsedToken | null {
  if (typeof token !== 'string' || token.length !== TOKEN_LENGTH || !token.startsWith(PREFIX) || token[SIGNED_LENGTH] !== '.') {
    return null;
  }
  const payload = decodeBase64UrlExact(token.slice(PREFIX.length, SIGNED_LENGTH), PAYLOAD_SIZE);
  const signature = decodeBase64UrlExact(token.slice(SIGNED_LENGTH + 1), SIGNATURE_SIZE);
  if (!payload || !signature || payload[0] !== FORMAT_VERSION) return null;
  const version = new DataView(payload.buffer, payload.byteOffset + 49, 4).getInt32(0, false);
  if (version < 0) return null;
  const eventBytes = payload.slice(1, 17);
  const signed = new Uint8Array(SIGNED_LENGTH);
  for (let i = 0; i < SIGNED_LENGTH; i++) signed[i] = token.charCodeAt(i); // ASCII: checked by the decoder above
  return {
    claims: {
      eventTag: encodeBase64Url(eventBytes),
      ticketTag: uuid(payload.slice(17, 33)),
      ticketTypeTag: uuid(payload.slice(33, 49)),
      version,
    },
    eventBytes,
    signature,
    signed,
  };
}

/** Imports an event's public key (DER SubjectPublicKeyInfo, base64url) for ECDSA P-256 verification. */
export function importEventKey(publicKeyBase64Url: string): Promise<CryptoKey> {
  const der = decodeBase64Url(publicKeyBase64Url.trim());
  return crypto.subtle.importKey('spki', der, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
}

function highS(signature: Uint8Array): boolean {
  let s = 0n;
  for (let i = 32; i < 64; i++) s = (s << 8n) | BigInt(signature[i]);
  return s > HALF_ORDER;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/**
 * Checks a scanned token against the event's key without the network, in the server's order (CheckInDesk):
 * MALFORMED (not a Tickr token), WRONG_EVENT (a well-formed token naming another event: its key is not ours anyway),
 * INVALID_SIGNATURE (forged or altered), else ok with the claims.
 */
export async function verifyOffline(token: string, key: CryptoKey, tokenEventId: string): Promise<OfflineVerdict> {
  const parsed = parseToken(typeof token === 'string' ? token.trim() : token);
  if (!parsed) return { ok: false, reason: 'MALFORMED' };
  let expected: Uint8Array | null = null;
  try {
    expected = decodeBase64Url(tokenEventId);
  } catch {
    expected = null;
  }
  if (!expected || !sameBytes(expected, parsed.eventBytes)) return { ok: false, reason: 'WRONG_EVENT' };
  if (highS(parsed.signature)) return { ok: false, reason: 'INVALID_SIGNATURE' };
  let valid = false;
  try {
    valid = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, parsed.signature, parsed.signed);
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'INVALID_SIGNATURE' };
  return { ok: true, claims: parsed.claims };
}

/**
 * The tokenEventId of an event from its global id, for servers without TicketPublicKey.tokenEventId: Tickr's global
 * ids are base64("Event:" + the UUID's 32 hex digits). Null when the id is not of that shape.
 */
export function tokenEventIdFromGlobalId(globalId: string): string | null {
  try {
    const text = atob(globalId.replace(/-/g, '+').replace(/_/g, '/'));
    const match = /^Event:([0-9a-fA-F]{32})$/.exec(text);
    const bytes = match ? uuidBytes(match[1]) : null;
    return bytes ? encodeBase64Url(bytes) : null;
  } catch {
    return null;
  }
}
