// チェックシート: a procurer's sheets (create from a template, open one), or,
// for a respondent, the responses assigned to it.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, seg } from '../../api/client';
import { CLASSIFICATIONS, SHEET_TEMPLATES, type ResponseListEntry, type Sheet } from '../../api/sheets';
import { useAuth } from '../../auth/AuthContext';
import { DataTable, type Column } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { FormError, SelectField, TextAreaField, TextField, useApiForm } from '../../components/Form';
import { PageHeader } from '../../components/Misc';
import { Async, EmptyState } from '../../components/States';
import { formatDateTime, timeKey } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { useOrgPath } from '../settings/SettingsLayout';
import { ResponseStatusBadge, SheetStatusBadge, useCanWriteSheets } from './SheetBadges';

function CreateSheetDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const base = useOrgPath();
  const navigate = useNavigate();
  const form = useApiForm();
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState<string>(SHEET_TEMPLATES[0]);
  const [counterparty, setCounterparty] = useState('');
  const [service, setService] = useState('');
  const [due, setDue] = useState('');
  const [classification, setClassification] = useState('');
  const [details, setDetails] = useState('');

  const submit = async () => {
    const created = await form.run(() =>
      api.post<Sheet>(`${base}/sheets`, {
        title: title.trim(),
        template,
        counterparty: counterparty.trim(),
        service_name: service.trim(),
        due_date: due,
        classification,
        information_details: details.trim(),
      }),
    );
    if (created) navigate(`/sheets/${seg(created.id)}`);
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="large"
      title={t('sheets.create')}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="sheet-form" className="btn btn-primary" disabled={form.busy}>
            {t('common.create')}
          </button>
        </>
      }
    >
      <form id="sheet-form" ref={form.formRef} onSubmit={form.onSubmit(submit)} noValidate className="form">
        <TextField name="title" label={t('sheets.field.title')} required maxLength={400} value={title} onChange={(e) => setTitle(e.target.value)} apiForm={form} />
        <SelectField
          name="template"
          label={t('sheets.field.template')}
          help={t('sheets.templateHelp')}
          options={SHEET_TEMPLATES.map((x) => ({ value: x, label: t(`sheets.template.${x}`) }))}
          value={template}
          onChange={(e) => setTemplate(e.target.value)}
          apiForm={form}
        />
        <TextField name="counterparty" label={t('sheets.field.counterparty')} maxLength={800} value={counterparty} onChange={(e) => setCounterparty(e.target.value)} apiForm={form} />
        <TextField name="service_name" label={t('sheets.field.service')} maxLength={800} value={service} onChange={(e) => setService(e.target.value)} apiForm={form} />
        <TextField name="due_date" type="date" label={t('sheets.field.due')} value={due} onChange={(e) => setDue(e.target.value)} apiForm={form} fieldClassName="field-short" />
        <SelectField
          name="classification"
          label={t('sheets.field.classification')}
          help={t('sheets.classificationHelp')}
          options={[{ value: '', label: t('sheets.undecided') }, ...CLASSIFICATIONS.map((c) => ({ value: c, label: t('sheets.classification', { level: c }) }))]}
          value={classification}
          onChange={(e) => setClassification(e.target.value)}
          apiForm={form}
        />
        <TextAreaField name="information_details" label={t('sheets.field.details')} rows={3} maxLength={16000} value={details} onChange={(e) => setDetails(e.target.value)} apiForm={form} />
        <FormError error={form.formError} />
      </form>
    </Dialog>
  );
}

function ProcurerSheets() {
  const { t, i18n } = useTranslation();
  const base = useOrgPath();
  const canWrite = useCanWriteSheets();
  const state = useApi<Sheet[]>(base ? `${base}/sheets` : null);
  const [creating, setCreating] = useState(false);
  const columns = useMemo<Column<Sheet>[]>(
    () => [
      {
        id: 'title',
        header: t('sheets.field.title'),
        hideable: false,
        value: (s) => s.title,
        cell: (s) => <Link to={`/sheets/${seg(s.id)}`}>{s.title}</Link>,
      },
      { id: 'counterparty', header: t('sheets.field.counterparty'), value: (s) => s.counterparty, cell: (s) => s.counterparty },
      { id: 'service', header: t('sheets.field.service'), value: (s) => s.service_name, cell: (s) => s.service_name },
      { id: 'template', header: t('sheets.field.template'), value: (s) => s.template, cell: (s) => t(`sheets.template.${s.template}`, s.template) },
      { id: 'classification', header: t('sheets.field.classification'), value: (s) => s.classification, cell: (s) => (s.classification ? t('sheets.classification', { level: s.classification }) : '—') },
      { id: 'due', header: t('sheets.field.due'), value: (s) => s.due_date ?? '', cell: (s) => s.due_date ?? '—', className: 'col-nowrap' },
      { id: 'status', header: t('sheets.field.status'), value: (s) => s.status, cell: (s) => <SheetStatusBadge status={s.status} /> },
      { id: 'updated', header: t('sheets.field.updated'), value: (s) => timeKey(s.updated_at), filterText: (s) => formatDateTime(s.updated_at), cell: (s) => formatDateTime(s.updated_at), className: 'col-nowrap' },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language],
  );
  return (
    <div className="page">
      <PageHeader
        title={t('sheets.title')}
        subtitle={t('sheets.intro')}
        actions={
          <>
            <Link className="btn" to="/sheets/service-list">
              {t('sheets.serviceList.title')}
            </Link>
            {canWrite && (
              <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
                {t('sheets.create')}
              </button>
            )}
          </>
        }
      />
      <Async state={state}>
        {(rows) =>
          rows.length === 0 ? (
            <EmptyState title={t('sheets.none')} />
          ) : (
            <DataTable rows={rows} columns={columns} rowKey={(s) => s.id} caption={t('sheets.title')} initialSort={{ id: 'updated', dir: 'desc' }} />
          )
        }
      </Async>
      <CreateSheetDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

/** A respondent's to-do list: the responses assigned to it. */
function RespondentSheets() {
  const { t } = useTranslation();
  const base = useOrgPath();
  const state = useApi<ResponseListEntry[]>(base ? `${base}/responses` : null);
  return (
    <div className="page">
      <PageHeader title={t('sheets.myResponses')} subtitle={t('sheets.myResponsesIntro')} />
      <Async state={state}>
        {(rows) =>
          rows.length === 0 ? (
            <EmptyState title={t('sheets.noAssigned')} />
          ) : (
            <ul className="card-list">
              {rows.map((r) => (
                <li key={r.id} className="card">
                  <Link to={`/responses/${seg(r.id)}`} className="card-title">
                    {r.sheet_title ?? r.vendor}
                  </Link>
                  <p className="muted">
                    {r.vendor} · {t('sheets.field.due')}: {r.due_date ?? '—'} · <ResponseStatusBadge status={r.status} />
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </div>
  );
}

export function SheetList() {
  const { role } = useAuth();
  return role === 'respondent' ? <RespondentSheets /> : <ProcurerSheets />;
}
