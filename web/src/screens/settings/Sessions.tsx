import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, seg } from '../../api/client';
import type { LiveSession } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { DataTable, type Column } from '../../components/DataTable';
import { ConfirmDialog } from '../../components/Dialog';
import { errorString } from '../../components/errors';
import { Async, Notice } from '../../components/States';
import { formatDateTime, timeKey } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { useOrgPath } from './SettingsLayout';

export function SessionsPage() {
  const { t, i18n } = useTranslation();
  const base = useOrgPath();
  const { account } = useAuth();
  const state = useApi<LiveSession[]>(base ? `${base}/sessions` : null);
  const [ending, setEnding] = useState<LiveSession | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const currentId = account?.session?.id;

  const columns = useMemo<Column<LiveSession>[]>(
    () => [
      {
        id: 'user',
        header: t('sessions.user'),
        hideable: false,
        value: (s) => s.email,
        cell: (s) => (
          <>
            {s.email}
            {s.id === currentId && <span className="badge badge-current">{t('sessions.current')}</span>}
          </>
        ),
      },
      {
        id: 'state',
        header: t('sessions.state'),
        value: (s) => (s.locked ? 'locked' : s.stage),
        cell: (s) => <span className={`badge badge-status badge-status-${s.locked ? 'expired' : 'active'}`}>{s.locked ? t('sessions.locked') : t('sessions.active')}</span>,
      },
      { id: 'created', header: t('sessions.createdAt'), value: (s) => timeKey(s.created_at), filterText: (s) => formatDateTime(s.created_at), cell: (s) => formatDateTime(s.created_at), className: 'col-nowrap' },
      { id: 'seen', header: t('sessions.lastSeen'), value: (s) => timeKey(s.last_seen_at), filterText: (s) => formatDateTime(s.last_seen_at), cell: (s) => formatDateTime(s.last_seen_at), className: 'col-nowrap' },
      { id: 'expires', header: t('sessions.expiresAt'), value: (s) => timeKey(s.expires_at), filterText: (s) => formatDateTime(s.expires_at), cell: (s) => formatDateTime(s.expires_at), className: 'col-nowrap', defaultHidden: true },
      { id: 'ip', header: t('sessions.sourceIp'), value: (s) => s.source_ip, cell: (s) => <code>{s.source_ip}</code> },
      { id: 'ua', header: t('sessions.userAgent'), value: (s) => s.user_agent, cell: (s) => <span className="cell-ua">{s.user_agent}</span>, defaultHidden: true },
      {
        id: 'actions',
        header: t('common.actions'),
        hideable: false,
        className: 'col-actions',
        cell: (s) => (
          <button type="button" className="btn btn-small btn-danger-outline" onClick={() => setEnding(s)}>
            {t('sessions.end')}
            <span className="visually-hidden">: {s.email}</span>
          </button>
        ),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language, currentId],
  );

  return (
    <section aria-labelledby="sessions-title">
      <div className="section-head">
        <h2 id="sessions-title" className="section-title">
          {t('sessions.title')}
        </h2>
        <button type="button" className="btn" onClick={state.reload}>
          {t('common.retry')}
        </button>
      </div>
      <p className="muted">{t('sessions.intro')}</p>
      {notice && <Notice>{notice}</Notice>}
      <Async state={state}>
        {(rows) => <DataTable rows={rows} columns={columns} rowKey={(s) => s.id} caption={t('sessions.title')} initialSort={{ id: 'seen', dir: 'desc' }} />}
      </Async>
      <ConfirmDialog
        open={ending !== null}
        title={t('sessions.end')}
        message={t('sessions.endConfirm', { email: ending?.email ?? '' })}
        confirmLabel={t('sessions.end')}
        danger
        busy={busy}
        error={error && <div className="alert alert-error" role="alert">{error}</div>}
        onCancel={() => {
          setEnding(null);
          setError(null);
        }}
        onConfirm={async () => {
          if (!ending) return;
          setBusy(true);
          setError(null);
          try {
            await api.del(`${base}/sessions/${seg(ending.id)}`);
            setNotice(t('sessions.ended'));
            setEnding(null);
            state.setData((old) => (old ?? []).filter((s) => s.id !== ending.id));
          } catch (e) {
            setError(errorString(e));
          } finally {
            setBusy(false);
          }
        }}
      />
    </section>
  );
}
