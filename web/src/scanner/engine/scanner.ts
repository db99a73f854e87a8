// The scanner's brain: verify a token offline, check it in online, queue it when the network is gone, upload the
// queue when it returns. No DOM here beyond navigator/window events, so the pages (and tests) drive it.
import { importEventKey, verifyOffline, type TicketClaims } from './token';
import {
  addPending,
  countPending,
  listPending,
  readState,
  removePending,
  updateState,
  writeState,
  type PendingScan,
} from './queue';

export type GraphQLRequest = <T = any>(query: string, variables?: Record<string, unknown>) => Promise<T>;

export type ScanState = 'green' | 'orange' | 'red' | 'pending';

/** Why a scan ended the way it did: the server's CheckInResult, an offline verdict, or a local condition. */
export type ScanReason =
  | 'OK'
  | 'ALREADY_CHECKED_IN'
  | 'INVALID_SIGNATURE'
  | 'REVOKED'
  | 'WRONG_EVENT'
  | 'NOT_VALID_FOR_LIST'
  | 'NOT_PAID'
  | 'MALFORMED'
  | 'OFFLINE_ACCEPTED'
  | 'OFFLINE_DUPLICATE'
  | 'ERROR';

export interface ScanOutcome {
  /** Unique id of this scan (the pending record's id for queued scans). */
  id: string;
  state: ScanState;
  reason: ScanReason;
  /** The scanned text. */
  code: string;
  /** A plain English explanation (the pages show a translated text built from `reason` and the fields below). */
  message: string;
  /** When it was scanned (ISO). */
  at: string;
  /** For orange: when the ticket was first admitted (ISO). */
  firstAt?: string;
  /** For orange: where it was first admitted (the gate name entered on the device that admitted it). */
  firstGate?: string;
  /** For orange: the check-in list of the first admission. */
  firstList?: string;
  holder?: string;
  ticketType?: string;
  /** For a queued scan once uploaded: what the server said. */
  uploaded?: ScanReason;
}

export interface SyncConflict {
  token: string;
  /** The scan's time on this device (ISO). */
  scannedAt: string;
  /** The server's verdict on the uploaded scan (ALREADY_CHECKED_IN, REVOKED…), or OK for a replaced admission. */
  result: string;
  message: string;
  firstAt?: string;
  firstGate?: string;
  firstList?: string;
  /** True when this (earlier) offline scan replaced an admission recorded by another device. */
  replaced?: boolean;
  holder?: string;
  listId: string;
}

export interface SyncReport {
  uploaded: number;
  conflicts: SyncConflict[];
  failed: boolean;
  /** Why the upload failed (network, batch refused…). */
  error?: string;
}

export type SyncStatus = 'online' | 'offline' | 'syncing';

export interface Scanner {
  submit(token: string): Promise<ScanOutcome>;
  pendingCount(): Promise<number>;
  sync(): Promise<SyncReport>;
  onChange(cb: () => void): () => void;
  dispose(): void;
  /** online / offline (navigator offline, or the last request could not reach the server) / syncing. */
  status(): SyncStatus;
  /** The last scans at this list, newest first (kept across reloads). */
  history(): ScanOutcome[];
  /** Conflicts reported by uploads for this list, newest first (kept across reloads). */
  conflicts(): SyncConflict[];
  clearConflicts(): Promise<void>;
  /** The id sent to the server as deviceId (gate · device). */
  readonly deviceId: string;
}

export interface ScannerOptions {
  request: GraphQLRequest;
  eventId: string;
  listId: string;
  gate: string;
  device: string;
  publicKeyBase64Url: string;
  tokenEventId: string;
  /** How long an online check-in may take before the scan is queued instead (ms, default 6000). */
  timeoutMs?: number;
  /** Automatic upload period while scans are pending (ms, default 15000). */
  syncIntervalMs?: number;
}

const HISTORY_SIZE = 50;
const CONFLICTS_SIZE = 200;
const BATCH_SIZE = 500;

const CHECK_IN = `mutation ScannerCheckIn($input: CheckInInput!) {
  checkIn(input: $input) {
    result
    ticket { id ticketTypeName holderEmail }
    firstCheckIn { listName scannedAt deviceId offline }
    errors { __typename ... on Error { message } }
  }
}`;

const UPLOAD = `mutation ScannerUpload($input: UploadOfflineScansInput!) {
  uploadOfflineScans(input: $input) {
    results {
      index
      result
      ticket { ticketTypeName holderEmail }
      firstCheckIn { listName scannedAt deviceId offline }
      replacedCheckIn { listName scannedAt deviceId offline }
    }
    errors { __typename ... on Error { message } }
  }
}`;

interface CheckInRecord {
  listName: string;
  scannedAt: string;
  deviceId: string;
  offline: boolean;
}

interface CheckInTicket {
  id?: string;
  ticketTypeName: string;
  holderEmail: string;
}

interface CheckInData {
  checkIn: {
    result: ScanReason | null;
    ticket: CheckInTicket | null;
    firstCheckIn: CheckInRecord | null;
    errors: Array<{ __typename: string; message?: string }>;
  };
}

interface UploadData {
  uploadOfflineScans: {
    results: Array<{
      index: number;
      result: ScanReason;
      ticket: CheckInTicket | null;
      firstCheckIn: CheckInRecord | null;
      replacedCheckIn: CheckInRecord | null;
    }> | null;
    errors: Array<{ __typename: string; message?: string }>;
  };
}

/** An admission this device knows of (to answer orange while offline), one IndexedDB entry per ticket and list. */
interface Admitted {
  at: string;
  gate: string;
}

const SEPARATOR = ' · ';

/** The deviceId the server records: the gate's name and the device's own id, so "already checked in" says where. */
export function deviceIdFor(gate: string, device: string): string {
  const g = gate.trim();
  return (g ? `${g}${SEPARATOR}${device}` : device).slice(0, 100);
}

/** The gate part of a deviceId made by deviceIdFor (the whole id for other devices). */
export function gateOf(deviceId: string): string {
  const i = deviceId.lastIndexOf(SEPARATOR);
  return i > 0 ? deviceId.slice(0, i) : deviceId;
}

export function isNetworkError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { name?: string; status?: number };
  if (e.name === 'NetworkError' || e.name === 'TimeoutError' || error instanceof TypeError) return true;
  // The server answered but failed (5xx): treat like no network, the scan is kept and uploaded later.
  return typeof e.status === 'number' && e.status >= 500;
}

function browserOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

function newId(at: string): string {
  const b = new Uint8Array(4);
  crypto.getRandomValues(b);
  return `${at}|${Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')}`;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      const error = new Error('The server did not answer in time.');
      error.name = 'TimeoutError';
      reject(error);
    }, ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

const RED_MESSAGES: Partial<Record<ScanReason, string>> = {
  MALFORMED: 'Not a Tickr ticket.',
  INVALID_SIGNATURE: 'Forged or altered ticket.',
  WRONG_EVENT: 'A ticket for another event.',
  REVOKED: 'Refunded, cancelled or transferred ticket.',
  NOT_VALID_FOR_LIST: 'This ticket type is not admitted at this list.',
  NOT_PAID: 'The order is not paid.',
};

export async function createScanner(opts: ScannerOptions): Promise<Scanner> {
  const key = await importEventKey(opts.publicKeyBase64Url);
  const deviceId = deviceIdFor(opts.gate, opts.device);
  const timeoutMs = opts.timeoutMs ?? 6000;
  const historyKey = `history:${opts.listId}`;
  const conflictsKey = `conflicts:${opts.listId}`;
  const admittedKey = (ticketTag: string) => `admitted:${opts.listId}:${ticketTag}`;

  let historyList: ScanOutcome[] = (await readState<ScanOutcome[]>(historyKey)) ?? [];
  let conflictList: SyncConflict[] = (await readState<SyncConflict[]>(conflictsKey)) ?? [];
  let unreachable = false;
  let syncing: Promise<SyncReport> | null = null;
  let disposed = false;
  const listeners = new Set<() => void>();

  const notify = () => {
    for (const cb of [...listeners]) {
      try {
        cb();
      } catch {
        // A listener's failure is not the scanner's.
      }
    }
  };

  async function remember(outcome: ScanOutcome): Promise<void> {
    historyList = [outcome, ...historyList.filter((h) => h.id !== outcome.id)].slice(0, HISTORY_SIZE);
    await writeState(historyKey, historyList);
  }

  async function admit(claims: TicketClaims, at: string): Promise<void> {
    await writeState<Admitted>(admittedKey(claims.ticketTag), { at, gate: opts.gate });
  }

  async function queue(token: string, claims: TicketClaims, at: string): Promise<ScanOutcome> {
    const known = await readState<Admitted>(admittedKey(claims.ticketTag)).catch(() => undefined);
    if (known) {
      return {
        id: newId(at),
        state: 'orange',
        reason: 'OFFLINE_DUPLICATE',
        code: token,
        message: `Already admitted by this device at ${known.at} (${known.gate}).`,
        at,
        firstAt: known.at,
        firstGate: known.gate,
      };
    }
    const record = await addPending({
      token,
      scannedAt: at,
      eventId: opts.eventId,
      listId: opts.listId,
      deviceId,
      ticketTag: claims.ticketTag,
    });
    await admit(claims, at);
    return {
      id: record.id,
      state: 'pending',
      reason: 'OFFLINE_ACCEPTED',
      code: token,
      message: 'Authentic ticket, admitted offline: it will be uploaded when the network returns.',
      at,
    };
  }

  async function checkInOnline(token: string, claims: TicketClaims, at: string): Promise<ScanOutcome> {
    let data: CheckInData;
    try {
      data = await withTimeout(
        opts.request<CheckInData>(CHECK_IN, { input: { token, listId: opts.listId, deviceId, scannedAt: at } }),
        // Once a request has failed, answer faster: the scan is kept either way.
        unreachable ? Math.min(timeoutMs, 2500) : timeoutMs,
      );
    } catch (error) {
      if (isNetworkError(error)) {
        unreachable = true;
        return queue(token, claims, at);
      }
      const message = error instanceof Error ? error.message : String(error);
      return { id: newId(at), state: 'red', reason: 'ERROR', code: token, message, at };
    }
    unreachable = false;
    const payload = data.checkIn;
    const base = {
      id: newId(at),
      code: token,
      at,
      holder: payload.ticket?.holderEmail,
      ticketType: payload.ticket?.ticketTypeName,
    };
    if (!payload.result) {
      const message = payload.errors.map((e) => e.message ?? e.__typename).join('; ') || 'The scan was refused.';
      return { ...base, state: 'red', reason: 'ERROR', message };
    }
    switch (payload.result) {
      case 'OK':
        await admit(claims, at);
        return { ...base, state: 'green', reason: 'OK', message: 'Welcome.' };
      case 'ALREADY_CHECKED_IN': {
        const first = payload.firstCheckIn;
        const firstGate = first ? gateOf(first.deviceId) : undefined;
        return {
          ...base,
          state: 'orange',
          reason: 'ALREADY_CHECKED_IN',
          message: first ? `Already checked in at ${first.scannedAt} (${firstGate}, ${first.listName}).` : 'Already checked in.',
          firstAt: first?.scannedAt,
          firstGate,
          firstList: first?.listName,
        };
      }
      default:
        return { ...base, state: 'red', reason: payload.result, message: RED_MESSAGES[payload.result] ?? payload.result };
    }
  }

  async function submit(raw: string): Promise<ScanOutcome> {
    const token = raw.trim();
    const at = new Date().toISOString();
    const verdict = await verifyOffline(token, key, opts.tokenEventId);
    let outcome: ScanOutcome;
    if (!verdict.ok) {
      outcome = { id: newId(at), state: 'red', reason: verdict.reason, code: token, message: RED_MESSAGES[verdict.reason] ?? verdict.reason, at };
    } else if (browserOffline()) {
      outcome = await queue(token, verdict.claims, at);
    } else {
      outcome = await checkInOnline(token, verdict.claims, at);
    }
    await remember(outcome);
    notify();
    if (outcome.state === 'pending') schedule();
    return outcome;
  }

  function conflictOf(scan: PendingScan, r: NonNullable<UploadData['uploadOfflineScans']['results']>[number]): SyncConflict | null {
    const common = { token: scan.token, scannedAt: scan.scannedAt, listId: scan.listId, holder: r.ticket?.holderEmail };
    if (r.result === 'OK') {
      if (!r.replacedCheckIn) return null;
      const rep = r.replacedCheckIn;
      return {
        ...common,
        result: 'OK',
        replaced: true,
        message: `Earlier than the admission at ${rep.scannedAt} (${gateOf(rep.deviceId)}), which it replaced.`,
        firstAt: rep.scannedAt,
        firstGate: gateOf(rep.deviceId),
        firstList: rep.listName,
      };
    }
    if (r.result === 'ALREADY_CHECKED_IN') {
      const first = r.firstCheckIn;
      // A check-in that did reach the server although this device timed out and queued it: not a conflict.
      if (first && first.deviceId === scan.deviceId && Math.abs(Date.parse(first.scannedAt) - Date.parse(scan.scannedAt)) < 10_000) {
        return null;
      }
      return {
        ...common,
        result: r.result,
        message: first ? `Already checked in at ${first.scannedAt} (${gateOf(first.deviceId)}).` : 'Already checked in.',
        firstAt: first?.scannedAt,
        firstGate: first ? gateOf(first.deviceId) : undefined,
        firstList: first?.listName,
      };
    }
    return { ...common, result: r.result, message: RED_MESSAGES[r.result] ?? r.result };
  }

  async function runSync(): Promise<SyncReport> {
    const report: SyncReport = { uploaded: 0, conflicts: [], failed: false };
    const all = await listPending();
    if (!all.length) return report;
    // Group by list and device: one uploadOfflineScans call per group and batch.
    const groups = new Map<string, PendingScan[]>();
    for (const scan of all) {
      const k = `${scan.listId}\n${scan.deviceId}`;
      const group = groups.get(k);
      if (group) group.push(scan);
      else groups.set(k, [scan]);
    }
    const outcomes = new Map<string, ScanReason>();
    for (const group of groups.values()) {
      for (let i = 0; i < group.length; i += BATCH_SIZE) {
        const batch = group.slice(i, i + BATCH_SIZE);
        let data: UploadData;
        try {
          data = await opts.request<UploadData>(UPLOAD, {
            input: {
              listId: batch[0].listId,
              deviceId: batch[0].deviceId,
              scans: batch.map((s) => ({ token: s.token, scannedAt: s.scannedAt })),
            },
          });
        } catch (error) {
          report.failed = true;
          report.error = error instanceof Error ? error.message : String(error);
          if (isNetworkError(error)) {
            unreachable = true;
            return finish(report, outcomes);
          }
          continue;
        }
        unreachable = false;
        const payload = data.uploadOfflineScans;
        if (!payload.results) {
          report.failed = true;
          report.error = payload.errors.map((e) => e.message ?? e.__typename).join('; ') || 'The upload was refused.';
          continue;
        }
        const done: string[] = [];
        for (const r of payload.results) {
          const scan = batch[r.index];
          if (!scan) continue;
          done.push(scan.id);
          outcomes.set(scan.id, r.result);
          const conflict = conflictOf(scan, r);
          if (conflict) report.conflicts.push(conflict);
        }
        await removePending(done);
        report.uploaded += done.length;
      }
    }
    return finish(report, outcomes);
  }

  async function finish(report: SyncReport, outcomes: Map<string, ScanReason>): Promise<SyncReport> {
    if (report.conflicts.length) {
      const mine = report.conflicts.filter((c) => c.listId === opts.listId);
      conflictList = [...mine.reverse(), ...conflictList].slice(0, CONFLICTS_SIZE);
      await writeState(conflictsKey, conflictList);
      // Conflicts of other lists (scanned earlier on this device) are kept for their own screens.
      const others = report.conflicts.filter((c) => c.listId !== opts.listId);
      for (const c of others) {
        await updateState<SyncConflict[]>(`conflicts:${c.listId}`, (old) => [c, ...(old ?? [])].slice(0, CONFLICTS_SIZE));
      }
    }
    if (outcomes.size) {
      historyList = historyList.map((h) => (outcomes.has(h.id) ? { ...h, uploaded: outcomes.get(h.id) } : h));
      await writeState(historyKey, historyList);
    }
    return report;
  }

  function sync(): Promise<SyncReport> {
    if (syncing) return syncing;
    syncing = (async () => {
      notify();
      try {
        return await runSync();
      } catch (error) {
        return { uploaded: 0, conflicts: [], failed: true, error: error instanceof Error ? error.message : String(error) };
      } finally {
        syncing = null;
        notify();
      }
    })();
    return syncing;
  }

  // Automatic upload: when the browser says the network is back, and every syncIntervalMs while scans are pending.
  let timer: ReturnType<typeof setInterval> | null = null;
  function schedule(): void {
    if (timer || disposed) return;
    timer = setInterval(async () => {
      const n = await countPending();
      if (n === 0) {
        if (timer) clearInterval(timer);
        timer = null;
        return;
      }
      if (!browserOffline()) void sync();
    }, opts.syncIntervalMs ?? 15_000);
  }

  const onOnline = () => {
    unreachable = false;
    notify();
    void countPending().then((n) => {
      if (n > 0) void sync();
    });
  };
  const onOffline = () => notify();
  if (typeof window !== 'undefined') {
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
  }

  if ((await countPending()) > 0) {
    schedule();
    if (!browserOffline()) void sync();
  }

  return {
    deviceId,
    submit,
    pendingCount: countPending,
    sync,
    onChange(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    dispose() {
      disposed = true;
      listeners.clear();
      if (timer) clearInterval(timer);
      timer = null;
      if (typeof window !== 'undefined') {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
      }
    },
    status() {
      if (syncing) return 'syncing';
      return browserOffline() || unreachable ? 'offline' : 'online';
    },
    history: () => historyList,
    conflicts: () => conflictList,
    async clearConflicts() {
      conflictList = [];
      await writeState(conflictsKey, conflictList);
      notify();
    },
  };
}
