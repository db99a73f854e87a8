import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { liveState } from '../api/graphql';

export type Async<T> =
  | { state: 'loading'; data?: undefined; error?: undefined }
  | { state: 'ready'; data: T; error?: undefined }
  | { state: 'failed'; data?: undefined; error: unknown };

/**
 * Runs load() when deps change (latest call wins; stale answers are dropped). reload() runs it again;
 * setData() replaces the data in place (e.g. after a mutation or a live update).
 */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [result, setResult] = useState<Async<T>>({ state: 'loading' });
  const generation = useRef(0);
  const run = useCallback(() => {
    const mine = ++generation.current;
    setResult((r) => (r.state === 'ready' ? r : { state: 'loading' }));
    load().then(
      (data) => mine === generation.current && setResult({ state: 'ready', data }),
      (error: unknown) => mine === generation.current && setResult({ state: 'failed', error }),
    );
  }, deps);
  useEffect(() => {
    run();
    return () => {
      generation.current++;
    };
  }, [run]);
  const setData = useCallback((update: (data: T) => T) => {
    setResult((r) => (r.state === 'ready' ? { state: 'ready', data: update(r.data) } : r));
  }, []);
  return { ...result, reload: run, setData };
}

/** value, once it has stopped changing for delayMs. */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/** Re-renders every intervalMs (countdowns, "x minutes ago"). */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * Calls onReconnect each time the shared live connection comes back after having been live and then lost (not on
 * the first connection). Messages published while the socket was down are not replayed, so a page that shows live
 * figures reads them again here.
 */
export function useOnReconnect(enabled: boolean, onReconnect: () => void): void {
  const connection = liveState.value;
  const wasLive = useRef(false);
  const wasDown = useRef(false);
  const callback = useRef(onReconnect);
  callback.current = onReconnect;
  useEffect(() => {
    if (!enabled) return;
    if (connection !== 'live') {
      if (wasLive.current) wasDown.current = true;
      return;
    }
    wasLive.current = true;
    if (!wasDown.current) return;
    wasDown.current = false;
    callback.current();
  }, [connection, enabled]);
}
