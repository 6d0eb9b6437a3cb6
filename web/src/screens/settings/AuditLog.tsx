import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { AuditEntry } from '../../api/types';
import { DataTable, type Column } from '../../components/DataTable';
import { describeDetails, OutcomeBadge } from '../../components/Detail';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { DownloadButton } from '../../components/Transfer';
import { formatDateTime } from '../../lib/format';
import { useOrgPath } from './SettingsLayout';

const PAGE = 200;

export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const base = useOrgPath();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [done, setDone] = useState(false);

  const load = async (before?: string) => {
    setLoading(true);
    setError(null);
    try {
      const page = await api.get<AuditEntry[]>(`${base}/audit-log`, { limit: PAGE, before });
      setEntries((old) => [...(before ? (old ?? []) : []), ...page]);
      setDone(page.length < PAGE);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    if (base) void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [base]);

  const columns = useMemo<Column<AuditEntry>[]>(
    () => [
      { id: 'at', header: t('audit.at'), value: (e) => e.at, filterText: (e) => formatDateTime(e.at, true), cell: (e) => <time dateTime={e.at}>{formatDateTime(e.at, true)}</time>, className: 'col-nowrap', hideable: false },
      { id: 'actor', header: t('audit.actor'), value: (e) => e.actor, cell: (e) => e.actor },
      { id: 'action', header: t('audit.action'), value: (e) => e.action, cell: (e) => <code>{e.action}</code> },
      { id: 'object', header: t('audit.object'), value: (e) => `${e.object_type} ${e.object_id}`, cell: (e) => <span className="cell-object"><span className="muted">{e.object_type}</span> <code className="id-short" title={e.object_id}>{e.object_id.slice(0, 8)}</code></span> },
      { id: 'outcome', header: t('audit.outcome'), value: (e) => e.outcome, cell: (e) => <OutcomeBadge outcome={e.outcome} /> },
      { id: 'privileged', header: t('audit.privileged'), value: (e) => (e.privileged ? 1 : 0), cell: (e) => (e.privileged ? <span className="badge badge-priv">{t('audit.privileged')}</span> : '') },
      { id: 'ip', header: t('audit.sourceIp'), value: (e) => e.source_ip, cell: (e) => <code>{e.source_ip}</code>, defaultHidden: false },
      { id: 'details', header: t('audit.details'), value: (e) => describeDetails(e.details), cell: (e) => <span className="cell-details">{describeDetails(e.details)}</span> },
      { id: 'seq', header: t('audit.seq'), value: (e) => e.seq, cell: (e) => e.seq, className: 'col-num', defaultHidden: true },
      { id: 'chain', header: t('audit.chain'), value: (e) => e.chain, cell: (e) => <code className="id-short">{e.chain.slice(0, 8)}</code>, defaultHidden: true },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language],
  );

  const last = entries && entries.length > 0 ? entries[entries.length - 1] : undefined;

  return (
    <section aria-labelledby="audit-title">
      <div className="section-head">
        <h2 id="audit-title" className="section-title">
          {t('audit.title')}
        </h2>
        <div className="section-tools">
          <DownloadButton path={`${base}/audit-log/export`} fallbackName="mamori-audit.jsonl">
            {t('audit.export')}
          </DownloadButton>
        </div>
      </div>
      <p className="muted">
        {t('audit.intro')} {t('audit.exportNote')}
      </p>
      {error !== null && entries === null ? (
        <ErrorState error={error} onRetry={() => void load()} />
      ) : entries === null ? (
        <Loading />
      ) : entries.length === 0 ? (
        <EmptyState />
      ) : (
        <DataTable
          rows={entries}
          columns={columns}
          rowKey={(e) => e.id}
          caption={t('audit.title')}
          initialPageSize={50}
          footer={
            <div className="table-footer" aria-live="polite">
              {error !== null && <ErrorState error={error} />}
              {done ? (
                <p className="muted">{t('audit.noMore')}</p>
              ) : (
                <button type="button" className="btn" disabled={loading} aria-busy={loading} onClick={() => last && void load(last.id)}>
                  {loading ? t('common.loading') : t('audit.older')}
                </button>
              )}
            </div>
          }
        />
      )}
    </section>
  );
}
