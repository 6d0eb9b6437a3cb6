// The ISMAP / ISMAP-LIU cloud service list the evaluations check item 2
// against: import it from the published CSV or Excel file, see what it holds.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ServiceList } from '../../api/sheets';
import { DataTable, type Column } from '../../components/DataTable';
import { PageHeader } from '../../components/Misc';
import { Async, Notice } from '../../components/States';
import { FileUpload } from '../../components/Transfer';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { useOrgPath } from '../settings/SettingsLayout';
import { ProblemList } from './ProblemList';
import { useCanWriteSheets } from './SheetBadges';

type Entry = ServiceList['entries'][number];

export function ServiceListPage() {
  const { t, i18n } = useTranslation();
  const base = useOrgPath();
  const canWrite = useCanWriteSheets();
  const state = useApi<ServiceList>(base ? `${base}/service-list` : null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const today = new Date().toISOString().slice(0, 10);
  const columns = useMemo<Column<Entry>[]>(
    () => [
      { id: 'registration', header: t('sheets.serviceList.registration'), value: (e) => e.registration, cell: (e) => e.registration, className: 'col-nowrap' },
      { id: 'service', header: t('sheets.serviceList.service'), hideable: false, value: (e) => e.service, cell: (e) => e.service },
      { id: 'provider', header: t('sheets.serviceList.provider'), value: (e) => e.provider, cell: (e) => e.provider },
      { id: 'kind', header: t('sheets.serviceList.kind'), value: (e) => e.kind, cell: (e) => e.kind },
      { id: 'registered', header: t('sheets.serviceList.registered'), value: (e) => e.registered, cell: (e) => e.registered, className: 'col-nowrap' },
      {
        id: 'valid',
        header: t('sheets.serviceList.validUntil'),
        value: (e) => e.valid_until,
        cell: (e) => (e.valid_until && e.valid_until < today ? <span className="text-error">{e.valid_until} ({t('sheets.serviceList.expired')})</span> : e.valid_until),
        className: 'col-nowrap',
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language, today],
  );
  return (
    <div className="page">
      <PageHeader kicker={<Link to="/sheets">{t('sheets.title')}</Link>} title={t('sheets.serviceList.title')} subtitle={t('sheets.serviceList.intro')} />
      {notice && <Notice>{notice}</Notice>}
      {canWrite && (
        <section className="panel">
          <FileUpload<{ entries: number }>
            label={t('sheets.serviceList.file')}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxBytes={32 * 1024 * 1024}
            path={`${base}/service-list`}
            method="PUT"
            contentType=""
            fileNameParam="file_name"
            submitLabel={t('sheets.serviceList.import')}
            help={t('sheets.serviceList.help')}
            onResult={(r) => {
              setError(r.ok ? null : r.error);
              if (r.ok) {
                setNotice(t('sheets.serviceList.imported', { count: r.data?.entries ?? 0 }));
                state.reload();
              }
            }}
          />
          {error !== null && <ProblemList error={error} />}
        </section>
      )}
      <Async state={state}>
        {(l) => (
          <>
            <p className="muted">{l.imported_at ? t('sheets.serviceList.source', { file: l.file_name ?? '', time: formatDateTime(l.imported_at) }) : t('sheets.serviceList.empty')}</p>
            <DataTable rows={l.entries} columns={columns} rowKey={(e) => `${e.kind}-${e.registration}`} caption={t('sheets.serviceList.title')} />
          </>
        )}
      </Async>
    </div>
  );
}
