// Scanner pages: /app/scanner (pick event, check-in list and gate) and /app/scanner/:eventId/:listId (scan).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { request, GraphQLRequestError, NetworkError } from '../api/graphql';
import { isLoggedIn } from '../auth/session';
import { formatDateTime, formatTime, registerMessages, t } from '../i18n';
import { currentAppPath, href, navigate, query } from '../router';
import { ErrorBox, Loading, Page } from '../ui/components';
import { CameraError, startCamera } from './engine/camera';
import { loadEvent, readState, saveEvent, writeState, type CachedEvent } from './engine/queue';
import { createScanner, type ScanOutcome, type Scanner, type SyncConflict, type SyncReport, type SyncStatus } from './engine/scanner';
import { playVerdict, unlockAudio } from './engine/sound';
import { tokenEventIdFromGlobalId } from './engine/token';
import { scannerMessages } from './messages';
import { registerServiceWorker } from './sw-register';
import './scanner.css';

registerMessages(scannerMessages);
registerServiceWorker();

const DEFAULT_GATE = 'Porte 1';
const GATE_KEY = 'tickr.scanner.gate';
const DEVICE_KEY = 'tickr.scanner.device';
const HOME_CACHE = 'home';

function storedGate(): string {
  try {
    return localStorage.getItem(GATE_KEY) || DEFAULT_GATE;
  } catch {
    return DEFAULT_GATE;
  }
}

/** A short random id for this browser, kept in localStorage: shown to other gates as "checked in by …". */
function deviceName(): string {
  try {
    let id = localStorage.getItem(DEVICE_KEY);
    if (!id) {
      const bytes = new Uint8Array(3);
      crypto.getRandomValues(bytes);
      id = `scan-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
      localStorage.setItem(DEVICE_KEY, id);
    }
    return id;
  } catch {
    return 'scan-anon';
  }
}

function goToLogin(): void {
  navigate(`login?next=${encodeURIComponent(currentAppPath())}`, { replace: true });
}

// ---------------------------------------------------------------------------------------------------------------
// Home: event + list + gate

interface HomeEvent {
  id: string;
  title: string;
  startsAt: string;
  status: string;
  organization: string;
  checkInLists: Array<{ id: string; name: string }>;
}

const HOME_QUERY = `query ScannerHome {
  me {
    id
    memberships {
      role
      organization {
        id
        name
        events(status: [PUBLISHED, ENDED], first: 100) {
          nodes { id title startsAt status checkInLists { id name } }
        }
      }
    }
  }
}`;

interface HomeData {
  me: {
    memberships: Array<{
      role: string;
      organization: {
        name: string;
        events: { nodes: Array<Omit<HomeEvent, 'organization' | 'checkInLists'> & { checkInLists: HomeEvent['checkInLists'] | null }> };
      };
    }>;
  } | null;
}

function sortEvents(events: HomeEvent[]): HomeEvent[] {
  const now = Date.now();
  // Upcoming and today's events first (soonest first), then past ones (latest first).
  const soon = events.filter((e) => Date.parse(e.startsAt) > now - 24 * 3600_000 && e.status !== 'ENDED');
  const past = events.filter((e) => !soon.includes(e));
  soon.sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  past.sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt));
  return [...soon, ...past];
}

type HomeState =
  | { kind: 'loading' }
  | { kind: 'ready'; events: HomeEvent[]; cached: boolean }
  | { kind: 'failed'; error: unknown };

export function ScannerHome() {
  const [state, setState] = useState<HomeState>({ kind: 'loading' });
  const [eventId, setEventId] = useState('');
  const [listId, setListId] = useState('');
  const [gate, setGate] = useState(storedGate);
  const [attempt, setAttempt] = useState(0);
  const loggedIn = isLoggedIn.value;

  useEffect(() => {
    if (!loggedIn) {
      goToLogin();
      return;
    }
    let live = true;
    (async () => {
      try {
        const data = await request<HomeData>(HOME_QUERY);
        if (!data.me) {
          goToLogin();
          return;
        }
        const seen = new Set<string>();
        const events: HomeEvent[] = [];
        for (const m of data.me.memberships) {
          for (const e of m.organization.events.nodes) {
            if (seen.has(e.id)) continue;
            seen.add(e.id);
            events.push({ ...e, organization: m.organization.name, checkInLists: e.checkInLists ?? [] });
          }
        }
        const sorted = sortEvents(events);
        void writeState(HOME_CACHE, sorted).catch(() => undefined);
        if (live) setState({ kind: 'ready', events: sorted, cached: false });
      } catch (error) {
        // Offline: the events saved at the last visit still let the volunteer reopen a list.
        const cached = error instanceof NetworkError ? await readState<HomeEvent[]>(HOME_CACHE).catch(() => undefined) : undefined;
        if (!live) return;
        if (cached?.length) setState({ kind: 'ready', events: cached, cached: true });
        else setState({ kind: 'failed', error });
      }
    })();
    return () => {
      live = false;
    };
  }, [loggedIn, attempt]);

  // Keep the selection valid: the first event, and its first list.
  const events = state.kind === 'ready' ? state.events : [];
  const event = events.find((e) => e.id === eventId) ?? events[0];
  const lists = event?.checkInLists ?? [];
  const list = lists.find((l) => l.id === listId) ?? lists[0];

  const start = (e: Event) => {
    e.preventDefault();
    if (!event || !list) return;
    unlockAudio();
    const name = gate.trim() || DEFAULT_GATE;
    try {
      localStorage.setItem(GATE_KEY, name);
    } catch {
      // ignore
    }
    navigate(`scanner/${encodeURIComponent(event.id)}/${encodeURIComponent(list.id)}?gate=${encodeURIComponent(name)}`);
  };

  return (
    <Page title={t('scanner.title')}>
      <p class="muted">{t('scanner.intro')}</p>
      {state.kind === 'loading' && <Loading />}
      {state.kind === 'failed' && <ErrorBox error={state.error} onRetry={() => setAttempt(attempt + 1)} />}
      {state.kind === 'ready' && state.cached && <p class="alert alert-warn">{t('scanner.offlineEvents')}</p>}
      {state.kind === 'ready' && events.length === 0 && <p class="alert alert-warn">{t('scanner.noEvents')}</p>}
      {state.kind === 'ready' && events.length > 0 && (
        <form class="card stack scanner-setup" onSubmit={start}>
          <label class="field">
            <span>{t('scanner.event')}</span>
            <select
              class="scanner-input"
              data-testid="scanner-event"
              value={event?.id ?? ''}
              onChange={(e) => {
                setEventId((e.currentTarget as HTMLSelectElement).value);
                setListId('');
              }}
            >
              {events.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.title} — {formatDateTime(e.startsAt, undefined, 'short')}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span>{t('scanner.list')}</span>
            <select
              class="scanner-input"
              data-testid="scanner-list"
              value={list?.id ?? ''}
              disabled={lists.length === 0}
              onChange={(e) => setListId((e.currentTarget as HTMLSelectElement).value)}
            >
              {lists.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
          {lists.length === 0 && <p class="alert alert-warn">{t('scanner.noLists')}</p>}
          <label class="field">
            <span>{t('scanner.gate')}</span>
            <input
              class="scanner-input"
              data-testid="scanner-gate"
              value={gate}
              maxLength={60}
              autocomplete="off"
              onInput={(e) => setGate((e.currentTarget as HTMLInputElement).value)}
            />
          </label>
          <button type="submit" class="btn btn-block scanner-big-button" data-testid="scanner-start" disabled={!event || !list}>
            {t('scanner.start')}
          </button>
        </form>
      )}
    </Page>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Scanning screen

const EVENT_QUERY = `query ScannerEvent($id: ID!) {
  node(id: $id) {
    ... on Event {
      id title startsAt
      checkInLists { id name }
      ticketPublicKey { keyId publicKeyBase64Url tokenEventId }
    }
  }
}`;

// For a server without TicketPublicKey.tokenEventId: the event bytes are then read from the global id.
const EVENT_QUERY_LEGACY = EVENT_QUERY.replace(' tokenEventId', '');

interface EventNode {
  id: string;
  title: string;
  startsAt: string;
  checkInLists: Array<{ id: string; name: string }> | null;
  ticketPublicKey: { keyId: string; publicKeyBase64Url: string; tokenEventId?: string } | null;
}

class ScannerSetupError extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

async function fetchEvent(eventId: string): Promise<CachedEvent> {
  let data: { node: EventNode | null };
  try {
    data = await request<{ node: EventNode | null }>(EVENT_QUERY, { id: eventId });
  } catch (error) {
    if (error instanceof GraphQLRequestError && /tokenEventId/.test(error.message)) {
      data = await request<{ node: EventNode | null }>(EVENT_QUERY_LEGACY, { id: eventId });
    } else throw error;
  }
  const node = data.node;
  if (!node || !node.ticketPublicKey) throw new ScannerSetupError('scanner.noKey');
  const tokenEventId = node.ticketPublicKey.tokenEventId ?? tokenEventIdFromGlobalId(node.id);
  if (!tokenEventId) throw new ScannerSetupError('scanner.noKey');
  const cached: CachedEvent = {
    eventId,
    title: node.title,
    startsAt: node.startsAt,
    publicKeyBase64Url: node.ticketPublicKey.publicKeyBase64Url,
    keyId: node.ticketPublicKey.keyId,
    tokenEventId,
    lists: node.checkInLists ?? [],
    savedAt: new Date().toISOString(),
  };
  await saveEvent(cached).catch(() => undefined);
  return cached;
}

type ScreenState =
  | { kind: 'loading' }
  | { kind: 'ready'; event: CachedEvent; scanner: Scanner; fromCache: boolean }
  | { kind: 'failed'; error: unknown };

function reasonText(o: ScanOutcome): string {
  const time = o.firstAt ? formatTime(o.firstAt) : '—';
  const gate = o.firstList && o.firstGate !== o.firstList ? `${o.firstGate ?? '?'} (${t('scanner.firstList', { list: o.firstList })})` : (o.firstGate ?? '?');
  return t(`scanner.reason.${o.reason}`, { time, gate, message: o.message });
}

function conflictText(c: SyncConflict): string {
  const params = { time: c.firstAt ? formatDateTime(c.firstAt, undefined, 'short') : '—', gate: c.firstGate ?? '?' };
  if (c.replaced) return t('scanner.conflict.replaced', params);
  if (c.result === 'ALREADY_CHECKED_IN') return t('scanner.conflict.already', params);
  return t(`scanner.reason.${c.result}`, { message: c.message });
}

function shortCode(code: string): string {
  return code.length > 24 ? `${code.slice(0, 12)}…${code.slice(-6)}` : code;
}

export function ScannerScreen({ eventId, listId }: { eventId: string; listId: string }) {
  const gate = useMemo(() => (query.value.get('gate') ?? '').trim() || storedGate(), []);
  const device = useMemo(deviceName, []);
  const [state, setState] = useState<ScreenState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const loggedIn = isLoggedIn.value;

  useEffect(() => {
    let live = true;
    let made: Scanner | null = null;
    (async () => {
      try {
        // The key saved at an earlier visit makes the screen work offline; a fresh copy replaces it when online.
        const cached = await loadEvent(eventId).catch(() => undefined);
        let event = cached;
        let fromCache = true;
        if (!cached || navigator.onLine !== false) {
          if (!loggedIn) {
            if (!cached) {
              goToLogin();
              return;
            }
          } else {
            try {
              event = await fetchEvent(eventId);
              fromCache = false;
            } catch (error) {
              // At the door, a saved key beats an error page: any failure but a refused key falls back to it.
              if (!cached || error instanceof ScannerSetupError) throw error;
            }
          }
        }
        if (!event) throw new NetworkError();
        if (event.lists.length && !event.lists.some((l) => l.id === listId)) throw new ScannerSetupError('scanner.listMissing');
        const scanner = await createScanner({
          request,
          eventId,
          listId,
          gate,
          device,
          publicKeyBase64Url: event.publicKeyBase64Url,
          tokenEventId: event.tokenEventId,
        });
        made = scanner;
        if (!live) {
          scanner.dispose();
          return;
        }
        setState({ kind: 'ready', event, scanner, fromCache });
      } catch (error) {
        if (live) setState({ kind: 'failed', error });
      }
    })();
    return () => {
      live = false;
      made?.dispose();
    };
  }, [eventId, listId, attempt]);

  if (state.kind === 'loading') {
    return (
      <Page>
        <Loading />
      </Page>
    );
  }
  if (state.kind === 'failed') {
    const error = state.error;
    return (
      <Page title={t('scanner.title')}>
        {error instanceof ScannerSetupError ? (
          <p class="alert alert-error" role="alert">
            {t(error.key)}
          </p>
        ) : (
          <ErrorBox error={error} onRetry={() => setAttempt(attempt + 1)} />
        )}
        <a class="btn btn-ghost" href={href('scanner')}>
          {t('scanner.change')}
        </a>
      </Page>
    );
  }
  return <ScanningView event={state.event} listId={listId} gate={gate} device={device} scanner={state.scanner} fromCache={state.fromCache} />;
}

function ScanningView({
  event,
  listId,
  gate,
  device,
  scanner,
  fromCache,
}: {
  event: CachedEvent;
  listId: string;
  gate: string;
  device: string;
  scanner: Scanner;
  fromCache: boolean;
}) {
  // A callback ref kept in state: the camera starts once the element exists, whenever that is.
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const [result, setResult] = useState<ScanOutcome | null>(null);
  const [pending, setPending] = useState(0);
  const [status, setStatus] = useState<SyncStatus>(scanner.status());
  const [history, setHistory] = useState<ScanOutcome[]>(scanner.history());
  const [conflicts, setConflicts] = useState<SyncConflict[]>(scanner.conflicts());
  const [report, setReport] = useState<SyncReport | null>(null);
  const [manual, setManual] = useState('');
  const [cameraOn, setCameraOn] = useState(true);
  const [cameraError, setCameraError] = useState<CameraError | Error | null>(null);
  const [flash, setFlash] = useState(0);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const listName = event.lists.find((l) => l.id === listId)?.name ?? '';

  // Mirror the scanner's state.
  useEffect(() => {
    const refresh = () => {
      setStatus(scanner.status());
      setHistory([...scanner.history()]);
      setConflicts([...scanner.conflicts()]);
      void scanner.pendingCount().then(setPending);
    };
    refresh();
    const off = scanner.onChange(refresh);
    window.addEventListener('online', refresh);
    window.addEventListener('offline', refresh);
    return () => {
      off();
      window.removeEventListener('online', refresh);
      window.removeEventListener('offline', refresh);
    };
  }, [scanner]);

  // One scan at a time, in the order read.
  const submit = (code: string) => {
    const text = code.trim();
    if (!text) return Promise.resolve();
    const next = chain.current.then(async () => {
      const outcome = await scanner.submit(text);
      setResult(outcome);
      setFlash((f) => f + 1);
      playVerdict(outcome.state);
      if (navigator.vibrate) navigator.vibrate(outcome.state === 'red' ? [80, 60, 80] : outcome.state === 'orange' ? [60, 40, 60] : 40);
    });
    chain.current = next.catch(() => undefined);
    return next;
  };

  // Camera.
  useEffect(() => {
    if (!cameraOn || !video) return;
    let stop: (() => void) | null = null;
    let live = true;
    setCameraError(null);
    startCamera(video, (text) => void submit(text)).then(
      (s) => {
        if (live) stop = s;
        else s();
      },
      (error: unknown) => {
        if (live) setCameraError(error instanceof Error ? error : new Error(String(error)));
      },
    );
    return () => {
      live = false;
      stop?.();
    };
  }, [cameraOn, scanner, video]);

  // Keep the screen awake while scanning (where supported).
  useEffect(() => {
    let lock: { release(): Promise<void> } | null = null;
    const wake = (navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<{ release(): Promise<void> }> } }).wakeLock;
    const acquire = () => {
      if (wake && document.visibilityState === 'visible') {
        wake.request('screen').then((l) => (lock = l), () => undefined);
      }
    };
    acquire();
    document.addEventListener('visibilitychange', acquire);
    return () => {
      document.removeEventListener('visibilitychange', acquire);
      void lock?.release().catch(() => undefined);
    };
  }, []);

  const syncNow = async () => {
    const r = await scanner.sync();
    setReport(r);
  };

  const cameraMessage = cameraError
    ? cameraError instanceof CameraError
      ? t(`scanner.camera.${cameraError.kind}`, { message: cameraError.message })
      : t('scanner.camera.failed', { message: cameraError.message })
    : null;

  const state = result?.state ?? 'idle';

  return (
    <main class="page scanner-page" id="main">
      <header class="scanner-head">
        <div class="scanner-head-text">
          <h1 class="scanner-event-title">{event.title}</h1>
          <p class="muted scanner-meta">
            <span>{listName}</span> · <span>{gate}</span> · <span class="scanner-device">{t('scanner.device', { device })}</span>
          </p>
        </div>
        <a class="btn btn-small btn-ghost" href={href('scanner')}>
          {t('scanner.change')}
        </a>
      </header>

      <section
        class={`scan-result scan-${state}${flash % 2 ? ' scan-flash-a' : flash ? ' scan-flash-b' : ''}`}
        data-testid="scan-result"
        data-state={state}
        role="status"
        aria-live="assertive"
      >
        <p class="scan-result-title">{t(`scanner.state.${state}`)}</p>
        {result ? (
          <>
            <p class="scan-result-reason">{reasonText(result)}</p>
            {(result.holder || result.ticketType) && (
              <p class="scan-result-holder">{t('scanner.holder', { type: result.ticketType ?? '', holder: result.holder ?? '' })}</p>
            )}
            <p class="scan-result-time">{formatTime(result.at)}</p>
          </>
        ) : (
          <p class="scan-result-reason">{t('scanner.ready')}</p>
        )}
      </section>

      <div class="scanner-status-bar">
        <span class={`sync-status sync-${status}`} data-testid="sync-status" data-state={status}>
          <span class="sync-dot" aria-hidden="true" />
          {t(`scanner.sync.${status}`)}
        </span>
        <span class="pending-count" data-testid="pending-count" data-value={pending}>
          {t('scanner.pending')}: <strong>{pending}</strong>
        </span>
        {pending > 0 && (
          <button type="button" class="btn btn-small" onClick={syncNow} disabled={status === 'syncing'}>
            {t('scanner.syncNow')}
          </button>
        )}
      </div>
      {report && (report.failed ? (
        <p class="alert alert-warn">{t('scanner.syncFailed', { message: report.error ?? '' })}</p>
      ) : report.uploaded > 0 ? (
        <p class="alert alert-ok">{t('scanner.syncDone', { count: report.uploaded })}</p>
      ) : null)}

      <div class="scanner-camera">
        <video ref={setVideo} class="scanner-video" data-testid="scanner-video" muted playsInline autoplay />
        <div class="scanner-aim" aria-hidden="true" />
        <button type="button" class="btn btn-small scanner-camera-toggle" onClick={() => { unlockAudio(); setCameraOn(!cameraOn); }}>
          {cameraOn ? t('scanner.cameraStop') : t('scanner.cameraStart')}
        </button>
      </div>
      {cameraMessage && <p class="alert alert-warn">{cameraMessage}</p>}
      {fromCache && <p class="muted scanner-note">{t('scanner.cachedKey')}</p>}

      <form
        class="manual-entry"
        onSubmit={(e) => {
          e.preventDefault();
          unlockAudio();
          const code = manual;
          setManual('');
          void submit(code);
        }}
      >
        <label class="field manual-field">
          <span>{t('scanner.manual')}</span>
          <input
            class="scanner-input manual-input"
            data-testid="manual-code"
            value={manual}
            dir="ltr"
            autocomplete="off"
            autocapitalize="off"
            spellcheck={false}
            placeholder={t('scanner.manualPlaceholder')}
            onInput={(e) => setManual((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <button type="submit" class="btn scanner-big-button" data-testid="manual-submit">
          {t('scanner.manualSubmit')}
        </button>
      </form>

      {conflicts.length > 0 && (
        <section class="card scanner-conflicts">
          <div class="spread">
            <h2>{t('scanner.conflicts')}</h2>
            <button type="button" class="btn btn-small btn-ghost" onClick={() => void scanner.clearConflicts()}>
              {t('scanner.conflictsClear')}
            </button>
          </div>
          <ul class="scanner-list">
            {conflicts.map((c) => (
              <li key={`${c.token}|${c.scannedAt}`} class="conflict-row" data-testid="conflict-row" data-result={c.result}>
                <span class="scan-entry-time">{formatTime(c.scannedAt)}</span>
                <span class="scan-entry-text">
                  {conflictText(c)}
                  {c.holder && <span class="muted"> · {c.holder}</span>}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section class="card scanner-history" data-testid="scan-history">
        <h2>{t('scanner.history')}</h2>
        {history.length === 0 ? (
          <p class="muted">{t('scanner.historyEmpty')}</p>
        ) : (
          <ul class="scanner-list">
            {history.map((h) => (
              <li key={h.id} class={`scan-entry entry-${h.state}`} data-testid="scan-entry" data-state={h.state} data-reason={h.reason}>
                <span class="scan-entry-dot" aria-hidden="true" />
                <span class="scan-entry-time">{formatTime(h.at)}</span>
                <span class="scan-entry-text">
                  {t(`scanner.state.${h.state}`)} — {reasonText(h)}
                  {h.holder && <span class="muted"> · {h.holder}</span>}
                  {h.uploaded && (
                    <span class="muted">
                      {' · '}
                      {h.uploaded === 'OK' ? t('scanner.uploaded.OK') : t('scanner.uploaded.conflict', { result: t(`scanner.result.${h.uploaded}`) })}
                    </span>
                  )}
                </span>
                <code class="scan-entry-code" dir="ltr">{shortCode(h.code)}</code>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
