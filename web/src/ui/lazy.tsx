import { useEffect, useState } from 'preact/hooks';
import type { VNode } from 'preact';
import { ErrorBox, Loading } from './components';

type Loaded<M> = { state: 'loading' } | { state: 'ready'; module: M } | { state: 'failed'; error: unknown };

const cache = new Map<() => Promise<unknown>, unknown>();

/** Renders render(module) once loader() (a dynamic import) resolves: the module's chunk is fetched on first use. */
export function Lazy<M>({ loader, render }: { loader: () => Promise<M>; render: (module: M) => VNode | null }) {
  const cached = cache.get(loader) as M | undefined;
  const [loaded, setLoaded] = useState<Loaded<M>>(cached ? { state: 'ready', module: cached } : { state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (loaded.state === 'ready') return;
    let live = true;
    loader().then(
      (module) => {
        cache.set(loader, module);
        if (live) setLoaded({ state: 'ready', module });
      },
      (error: unknown) => live && setLoaded({ state: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, [loader, attempt]);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') return <ErrorBox error={loaded.error} onRetry={() => { setLoaded({ state: 'loading' }); setAttempt(attempt + 1); }} />;
  return render(loaded.module);
}
