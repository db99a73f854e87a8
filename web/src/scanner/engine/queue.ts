// What the scanner keeps in IndexedDB, so that it survives a reload (and a reload while offline):
//  - the pending scans: verified offline, let in, not yet uploaded (store "pending", one record per scan);
//  - small per-list state: recent history, conflicts reported by uploads, tickets admitted offline (store "state");
//  - the events' public keys, so the scanning screen starts without the network (store "state", key "event:<id>").
import { createStore, del, delMany, get, set, update, values, type UseStore } from 'idb-keyval';

export interface PendingScan {
  /** Unique, sortable by scan time: `<scannedAt>|<random>`. */
  id: string;
  token: string;
  /** ISO instant of the scan on this device (kept as the admission's time on upload). */
  scannedAt: string;
  eventId: string;
  listId: string;
  deviceId: string;
  /** The ticket id read from the token (to spot a second scan of the same ticket while offline). */
  ticketTag: string;
}

let pendingStore: UseStore | null = null;
let stateStore: UseStore | null = null;

// One database per store (idb-keyval opens a database with a single object store).
function pending(): UseStore {
  return (pendingStore ??= createStore('tickr-scanner-queue', 'pending'));
}
function state(): UseStore {
  return (stateStore ??= createStore('tickr-scanner-state', 'state'));
}

function randomId(): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function addPending(scan: Omit<PendingScan, 'id'>): Promise<PendingScan> {
  const record: PendingScan = { ...scan, id: `${scan.scannedAt}|${randomId()}` };
  await set(record.id, record, pending());
  return record;
}

/** Every pending scan (all lists), oldest first. */
export async function listPending(): Promise<PendingScan[]> {
  const all = await values<PendingScan>(pending());
  return all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export async function countPending(): Promise<number> {
  return (await values(pending())).length;
}

export async function removePending(ids: string[]): Promise<void> {
  if (ids.length) await delMany(ids, pending());
}

export async function readState<T>(key: string): Promise<T | undefined> {
  return get<T>(key, state());
}

export async function writeState<T>(key: string, value: T): Promise<void> {
  await set(key, value, state());
}

export async function updateState<T>(key: string, updater: (old: T | undefined) => T): Promise<void> {
  await update<T>(key, updater, state());
}

export async function deleteState(key: string): Promise<void> {
  await del(key, state());
}

/** What the scanning screen needs of an event to work offline. */
export interface CachedEvent {
  eventId: string;
  title: string;
  startsAt?: string;
  publicKeyBase64Url: string;
  keyId?: string;
  tokenEventId: string;
  lists: Array<{ id: string; name: string }>;
  savedAt: string;
}

export function saveEvent(event: CachedEvent): Promise<void> {
  return writeState(`event:${event.eventId}`, event);
}

export function loadEvent(eventId: string): Promise<CachedEvent | undefined> {
  return readState<CachedEvent>(`event:${eventId}`);
}
