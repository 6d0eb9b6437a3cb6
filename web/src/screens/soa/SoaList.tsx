// 適用宣言書: one Statement of Applicability per cloud service, with its
// role, latest version, draft changes and finding counts; creating one for
// a service that has none.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, seg } from '../../api/client';
import type { CloudService } from '../../api/isms';
import type { SoaDetail, SoaSummary } from '../../api/soa';
import { useAuth } from '../../auth/AuthContext';
import { DataTable, type Column } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { FormError, SelectField, useApiForm } from '../../components/Form';
import { PageHeader } from '../../components/Misc';
import { Async } from '../../components/States';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import '../../styles/soa.css';
import { useOrgPath } from '../settings/SettingsLayout';

function CreateSoaDialog({ taken, onClose, onCreated }: { taken: Set<string>; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const base = useOrgPath();
  const form = useApiForm();
  const services = useApi<CloudService[]>(base ? `${base}/services` : null);
  const free = (services.data ?? []).filter((s) => !taken.has(s.id));
  const [service, setService] = useState('');
  const chosen = service || free[0]?.id || '';
  const submit = async () => {
    const r = await form.run(() => api.post<SoaDetail>(`${base}/soas`, { service_id: chosen }));
    if (r !== undefined) onCreated(r.id);
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={t('soa.create')}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="soa-create" className="btn btn-primary" disabled={form.busy || !chosen}>
            {t('soa.createSubmit')}
          </button>
        </>
      }
    >
      <form id="soa-create" ref={form.formRef} onSubmit={form.onSubmit(submit)} noValidate className="form">
        <p>{t('soa.createHelp')}</p>
        {free.length === 0 && !services.loading ? (
          <p className="muted">{t('soa.noFreeService')}</p>
        ) : (
          <SelectField
            name="service_id"
            label={t('soa.field.service')}
            options={free.map((s) => ({ value: s.id, label: `${s.name}（${t(`soa.role.${s.role}`)}）` }))}
            value={chosen}
            onChange={(e) => setService(e.target.value)}
            apiForm={form}
          />
        )}
        <FormError error={form.formError} />
      </form>
    </Dialog>
  );
}

export function FindingCounts({ errors, warnings }: { errors: number; warnings: number }) {
  const { t } = useTranslation();
  if (errors === 0 && warnings === 0) return <span className="badge soa-ok">{t('soa.noFindings')}</span>;
  return (
    <span className="soa-counts">
      {errors > 0 && <span className="badge soa-error">{t('soa.errorsN', { n: errors })}</span>}
      {warnings > 0 && <span className="badge soa-warning">{t('soa.warningsN', { n: warnings })}</span>}
    </span>
  );
}

export function SoaList() {
  const { t, i18n } = useTranslation();
  const base = useOrgPath();
  const navigate = useNavigate();
  const { role } = useAuth();
  const canWrite = role === 'admin' || role === 'isms_manager' || role === 'editor';
  const state = useApi<SoaSummary[]>(base ? `${base}/soas` : null);
  const [creating, setCreating] = useState(false);
  const columns = useMemo<Column<SoaSummary>[]>(
    () => [
      {
        id: 'service',
        header: t('soa.field.service'),
        hideable: false,
        value: (s) => s.service_name,
        cell: (s) => <Link to={`/soa/${seg(s.id)}`}>{s.service_name}</Link>,
      },
      { id: 'role', header: t('soa.field.role'), value: (s) => s.role, cell: (s) => <span className="badge">{t(`soa.role.${s.role}`)}</span> },
      {
        id: 'version',
        header: t('soa.field.version'),
        value: (s) => s.approved_version ?? 0,
        cell: (s) =>
          s.approved_version ? (
            <>
              {t('soa.versionN', { n: s.approved_version })}
              {s.draft_changes > 0 && <span className="badge soa-warning soa-gap">{t('soa.draftChangesN', { n: s.draft_changes })}</span>}
            </>
          ) : (
            <span className="badge badge-status badge-status-draft">{t('soa.notApproved')}</span>
          ),
      },
      { id: 'rows', header: t('soa.field.rows'), value: (s) => s.counts.rows, cell: (s) => t('soa.rowsSummary', { ...s.counts }) },
      {
        id: 'findings',
        header: t('soa.field.findings'),
        value: (s) => s.counts.errors * 1000 + s.counts.warnings,
        cell: (s) => <FindingCounts errors={s.counts.errors} warnings={s.counts.warnings} />,
      },
      { id: 'updated', header: t('soa.field.updated'), value: (s) => s.updated_at, cell: (s) => formatDateTime(s.updated_at) },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language],
  );
  return (
    <div className="page">
      <PageHeader
        title={t('soa.title')}
        subtitle={t('soa.intro')}
        actions={
          canWrite && (
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
              {t('soa.create')}
            </button>
          )
        }
      />
      <Async state={state}>
        {(rows) => (
          <>
            <DataTable rows={rows} columns={columns} rowKey={(s) => s.id} caption={t('soa.title')} empty={t('soa.empty')} />
            {creating && (
              <CreateSoaDialog
                taken={new Set(rows.map((r) => r.service_id))}
                onClose={() => setCreating(false)}
                onCreated={(id) => navigate(`/soa/${seg(id)}`)}
              />
            )}
          </>
        )}
      </Async>
    </div>
  );
}
