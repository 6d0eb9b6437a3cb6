// The detail page of one object: its facts, its content, and its history from
// the audit log.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { seg } from '../api/client';
import type { AuditEntry } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { formatDateTime } from '../lib/format';
import { useApi } from '../lib/useApi';
import { PageHeader } from './Misc';
import { EmptyState, ErrorState, Loading } from './States';

export interface Fact {
  label: string;
  value: ReactNode;
}

export function DetailLayout({
  title,
  kicker,
  actions,
  facts,
  children,
  history,
  back,
}: {
  title: ReactNode;
  kicker?: ReactNode;
  actions?: ReactNode;
  facts?: Fact[];
  children?: ReactNode;
  history?: { objectType: string; objectId: string };
  back?: ReactNode;
}) {
  return (
    <div className="detail">
      {back && <div className="detail-back">{back}</div>}
      <PageHeader title={title} kicker={kicker} actions={actions} />
      <div className={`detail-grid${history ? ' detail-grid-history' : ''}`}>
        <div className="detail-main">
          {facts && facts.length > 0 && (
            <dl className="facts">
              {facts.map((f) => (
                <div className="fact" key={f.label}>
                  <dt>{f.label}</dt>
                  <dd>{f.value}</dd>
                </div>
              ))}
            </dl>
          )}
          {children}
        </div>
        {history && (
          <aside className="detail-side" aria-labelledby="history-title">
            <HistoryPanel objectType={history.objectType} objectId={history.objectId} />
          </aside>
        )}
      </div>
    </div>
  );
}

export function describeDetails(details: Record<string, unknown> | null | undefined): string {
  if (!details) return '';
  return Object.entries(details)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

export function OutcomeBadge({ outcome }: { outcome: string }) {
  const { t } = useTranslation();
  const label = outcome === 'success' ? t('audit.success') : outcome === 'failure' ? t('audit.failure') : outcome === 'denied' ? t('audit.denied') : outcome;
  return <span className={`badge badge-outcome badge-outcome-${outcome === 'success' ? 'ok' : 'bad'}`}>{label}</span>;
}

/** The audit entries of one object, oldest first, as a timeline. */
export function HistoryPanel({ objectType, objectId }: { objectType: string; objectId: string }) {
  const { t } = useTranslation();
  const { activeOrg } = useAuth();
  const state = useApi<AuditEntry[]>(activeOrg ? `orgs/${seg(activeOrg.id)}/history/${seg(objectType)}/${seg(objectId)}` : null);
  return (
    <section className="history panel">
      <h2 id="history-title" className="section-title">
        {t('history.title')}
      </h2>
      {state.error ? (
        <ErrorState error={state.error} onRetry={state.reload} />
      ) : !state.data ? (
        <Loading />
      ) : state.data.length === 0 ? (
        <EmptyState>{t('history.empty')}</EmptyState>
      ) : (
        <ol className="timeline">
          {[...state.data].reverse().map((e) => (
            <li key={e.id} className="timeline-item">
              <div className="timeline-head">
                <time dateTime={e.at}>{formatDateTime(e.at, true)}</time>
                <OutcomeBadge outcome={e.outcome} />
              </div>
              <p className="timeline-action">
                <code>{e.action}</code>
              </p>
              <p className="timeline-meta">
                {t('history.actor')}: {e.actor} · {t('history.sourceIp')}: {e.source_ip}
              </p>
              {e.details && Object.keys(e.details).length > 0 && <p className="timeline-details">{describeDetails(e.details)}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
