import type { ComponentChildren } from 'preact';
import { describeError } from './errors';
import { t } from '../i18n';

export function Loading() {
  return (
    <p class="muted" role="status" aria-live="polite">
      {t('common.loading')}
    </p>
  );
}

export function ErrorBox({ error, onRetry, testId }: { error: unknown; onRetry?: () => void; testId?: string }) {
  return (
    <div class="alert alert-error" role="alert" data-testid={testId}>
      <span>{describeError(error)}</span>
      {onRetry && (
        <button type="button" class="btn btn-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function Page({ title, children, wide }: { title?: string; children: ComponentChildren; wide?: boolean }) {
  return (
    <main class={wide ? 'page page-wide' : 'page'} id="main">
      {title && <h1>{title}</h1>}
      {children}
    </main>
  );
}
