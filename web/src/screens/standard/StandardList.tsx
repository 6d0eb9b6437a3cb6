// 個別管理基準: the organisation's tailored control standards, and creating
// one from a base catalog by taking its items (step ①).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, seg } from '../../api/client';
import type { StandardDetail, StandardSummary } from '../../api/standards';
import type { CatalogSummary } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { DataTable, type Column } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { FormError, SelectField, TextAreaField, TextField, useApiForm } from '../../components/Form';
import { PageHeader } from '../../components/Misc';
import { Async } from '../../components/States';
import { formatDateTime, timeKey } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import '../../styles/standard.css';
import { useOrgPath } from '../settings/SettingsLayout';

function CreateStandardDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const base = useOrgPath();
  const form = useApiForm();
  const catalogs = useApi<CatalogSummary[]>('catalogs', undefined, { cached: true });
  const [name, setName] = useState('');
  const [catalog, setCatalog] = useState('ismap-2024');
  const [kind, setKind] = useState('objective');
  const [refs, setRefs] = useState('');
  const [review, setReview] = useState('12');
  const [reason, setReason] = useState('');
  const chosen = catalogs.data?.find((c) => c.id === catalog);
  const kinds = chosen?.definition.kinds ?? [];
  const submit = async () => {
    const body = {
      name: name.trim(),
      base_catalog_key: catalog,
      review_months: Number(review),
      refs: refs.split(/[\s,、]+/).filter(Boolean),
      kinds: kind ? [kind] : [],
      reason: reason.trim(),
    };
    const r = await form.run(() => api.post<StandardDetail>(`${base}/standards`, body));
    if (r !== undefined) onCreated(r.id);
  };
  return (
    <Dialog
      open
      onClose={onClose}
      size="large"
      title={t('standard.create')}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="standard-form" className="btn btn-primary" disabled={form.busy}>
            {t('standard.createSubmit')}
          </button>
        </>
      }
    >
      <form id="standard-form" ref={form.formRef} onSubmit={form.onSubmit(submit)} noValidate className="form">
        <TextField name="name" label={t('standard.field.name')} required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} apiForm={form} />
        <div className="form-grid">
          <SelectField
            name="base_catalog_key"
            label={t('standard.field.base')}
            options={(catalogs.data ?? [{ id: 'ismap-2024', title: 'ISMAP', version: '' } as CatalogSummary]).map((c) => ({
              value: c.id,
              label: `${i18n.language === 'en' && c.title_en ? c.title_en : c.title} (${c.version})`,
            }))}
            value={catalog}
            onChange={(e) => {
              setCatalog(e.target.value);
              setKind('');
            }}
            apiForm={form}
          />
          <SelectField
            name="kinds"
            label={t('standard.field.takeKind')}
            options={[{ value: '', label: t('standard.takeNone') }, ...kinds.map((k) => ({ value: k, label: k }))]}
            value={kind}
            onChange={(e) => setKind(e.target.value)}
            apiForm={form}
          />
          <TextField name="review_months" type="number" min={2} max={120} label={t('standard.field.reviewMonths')} value={review} onChange={(e) => setReview(e.target.value)} apiForm={form} fieldClassName="field-short" />
        </div>
        <TextAreaField name="refs" label={t('standard.field.refs')} help={t('standard.refsHelp')} rows={2} value={refs} onChange={(e) => setRefs(e.target.value)} apiForm={form} />
        <TextAreaField name="reason" label={t('standard.field.reason')} help={t('standard.takeReasonHelp')} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} apiForm={form} />
        <FormError error={form.formError} />
      </form>
    </Dialog>
  );
}

export function StandardList() {
  const { t, i18n } = useTranslation();
  const base = useOrgPath();
  const navigate = useNavigate();
  const { role } = useAuth();
  const canWrite = role === 'admin' || role === 'isms_manager' || role === 'editor';
  const state = useApi<StandardSummary[]>(base ? `${base}/standards` : null);
  const [creating, setCreating] = useState(false);
  const columns = useMemo<Column<StandardSummary>[]>(
    () => [
      {
        id: 'name',
        header: t('standard.field.name'),
        hideable: false,
        value: (s) => s.name,
        cell: (s) => <Link to={`/standard/${seg(s.id)}`}>{s.name}</Link>,
      },
      { id: 'base', header: t('standard.field.base'), value: (s) => s.base_catalog_key, cell: (s) => `${s.base_catalog_key} (${s.base_catalog_version})` },
      {
        id: 'version',
        header: t('standard.field.version'),
        value: (s) => s.approved_version,
        cell: (s) => (s.approved_version > 0 ? t('standard.versionN', { n: s.approved_version }) : <span className="badge badge-status badge-status-draft">{t('standard.notApproved')}</span>),
      },
      { id: 'operations', header: t('standard.field.operations'), value: (s) => s.operation_count, cell: (s) => s.operation_count },
      { id: 'updated', header: t('sheets.field.updated'), value: (s) => timeKey(s.updated_at), cell: (s) => formatDateTime(s.updated_at) },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language],
  );
  return (
    <div className="page">
      <PageHeader
        title={t('standard.title')}
        subtitle={t('standard.intro')}
        actions={
          canWrite && (
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
              {t('standard.create')}
            </button>
          )
        }
      />
      <Async state={state}>
        {(rows) => <DataTable rows={rows} columns={columns} rowKey={(s) => s.id} caption={t('standard.title')} empty={t('standard.empty')} />}
      </Async>
      {creating && <CreateStandardDialog onClose={() => setCreating(false)} onCreated={(id) => navigate(`/standard/${seg(id)}`)} />}
    </div>
  );
}
