import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { errorText } from './errors';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('states.loading')}</span>
    </div>
  );
}

export function EmptyState({ title, children, action }: { title?: string; children?: ReactNode; action?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="state state-empty">
      {title && <p className="state-title">{title}</p>}
      <div className="state-body">{children ?? t('states.empty')}</div>
      {action && <div className="state-action">{action}</div>}
    </div>
  );
}

export function ErrorState({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const { t } = useTranslation();
  const { message, detail } = errorText(error);
  const notFound = isApiError(error) && error.status === 404;
  const forbidden = isApiError(error) && error.status === 403 && error.reason === 'role_lacks_permission';
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{title ?? (notFound ? t('states.notFound') : forbidden ? t('states.forbidden') : t('states.errorTitle'))}</p>
      {!notFound && !forbidden && <p className="state-body">{message}</p>}
      {detail && <p className="state-detail">{detail}</p>}
      {onRetry && !notFound && !forbidden && (
        <button type="button" className="btn" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** Shows loading / error / the content, in that order. */
export function Async<T>({
  state,
  children,
}: {
  state: { data: T | undefined; error: unknown; loading: boolean; reload: () => void };
  children: (data: T) => ReactNode;
}) {
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) return <Loading />;
  return <>{children(state.data)}</>;
}

/** A polite live region for short confirmations (saved, copied…). */
export function Notice({ children, kind = 'success' }: { children: ReactNode; kind?: 'success' | 'info' | 'warning' }) {
  return (
    <div className={`notice notice-${kind}`} role="status" aria-live="polite">
      {children}
    </div>
  );
}
