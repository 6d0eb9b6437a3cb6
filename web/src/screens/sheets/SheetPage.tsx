// One procurement sheet: what it asks (tailoring while a draft, each change
// with a reason), sending it (Excel in the seed-000 layout, or a web-form
// invitation), importing a returned Excel file, and every vendor's response
// with its verdict.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, seg } from '../../api/client';
import type { Evaluation, Invitation, SheetDetail, SheetItem, ResponseSummary } from '../../api/sheets';
import { DataTable, type Column } from '../../components/DataTable';
import { errorString } from '../../components/errors';
import { Dialog } from '../../components/Dialog';
import { CheckboxField, FormError, TextAreaField, TextField, useApiForm } from '../../components/Form';
import { PageHeader, SecretValue } from '../../components/Misc';
import { Async, Notice } from '../../components/States';
import { DownloadButton, FileUpload } from '../../components/Transfer';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { useOrgPath } from '../settings/SettingsLayout';
import { ResponseStatusBadge, SheetStatusBadge, useCanWriteSheets, VerdictBadge } from './SheetBadges';
import { ProblemList } from './ProblemList';

type Tailoring = { kind: 'add' } | { kind: 'reword'; item: SheetItem } | { kind: 'drop'; item: SheetItem };

function TailorDialog({ sheetPath, action, onClose, onDone }: { sheetPath: string; action: Tailoring | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const item = action && action.kind !== 'add' ? action.item : null;
  const [ref, setRef] = useState('');
  const [title, setTitle] = useState(item?.title ?? '');
  const [requirement, setRequirement] = useState(item?.requirement ?? '');
  const [required, setRequired] = useState(item?.required ?? true);
  const [reason, setReason] = useState('');
  if (!action) return null;

  const submit = async () => {
    const done = await form.run(async () => {
      if (action.kind === 'add') return api.post(`${sheetPath}/items`, { ref: ref.trim(), title: title.trim(), requirement: requirement.trim(), required, reason: reason.trim() });
      if (action.kind === 'reword') return api.patch(`${sheetPath}/items/${seg(action.item.ref)}`, { title: title.trim(), requirement: requirement.trim(), required, reason: reason.trim() });
      return api.post(`${sheetPath}/items/${seg(action.item.ref)}/drop`, { reason: reason.trim() });
    });
    if (done !== undefined) onDone();
  };

  const titleText = action.kind === 'add' ? t('sheets.tailor.add') : action.kind === 'reword' ? t('sheets.tailor.reword', { ref: action.item.ref }) : t('sheets.tailor.drop', { ref: action.item.ref });
  return (
    <Dialog
      open
      onClose={onClose}
      size="large"
      title={titleText}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="tailor-form" className={`btn ${action.kind === 'drop' ? 'btn-danger' : 'btn-primary'}`} disabled={form.busy}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <form id="tailor-form" ref={form.formRef} onSubmit={form.onSubmit(submit)} noValidate className="form">
        {action.kind === 'add' && <TextField name="ref" label={t('sheets.field.ref')} required maxLength={64} value={ref} onChange={(e) => setRef(e.target.value)} apiForm={form} fieldClassName="field-short" />}
        {action.kind !== 'drop' && (
          <>
            <TextField name="title" label={t('sheets.field.itemTitle')} required maxLength={800} value={title} onChange={(e) => setTitle(e.target.value)} apiForm={form} />
            <TextAreaField name="requirement" label={t('sheets.field.requirement')} rows={4} maxLength={16000} value={requirement} onChange={(e) => setRequirement(e.target.value)} apiForm={form} />
            <CheckboxField name="required" label={t('sheets.field.required')} help={t('sheets.requiredHelp')} checked={required} onChange={(e) => setRequired(e.target.checked)} apiForm={form} />
          </>
        )}
        {action.kind === 'drop' && <p>{action.item.title}</p>}
        <TextAreaField name="reason" label={t('sheets.field.reason')} help={t('sheets.reasonHelp')} required rows={2} maxLength={4000} value={reason} onChange={(e) => setReason(e.target.value)} apiForm={form} />
        <FormError error={form.formError} />
      </form>
    </Dialog>
  );
}

function InviteDialog({ sheetPath, open, onClose, onDone }: { sheetPath: string; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const [vendor, setVendor] = useState('');
  const [email, setEmail] = useState('');
  const [result, setResult] = useState<Invitation | null>(null);
  const close = () => {
    setVendor('');
    setEmail('');
    setResult(null);
    form.clear();
    onClose();
  };
  const submit = async () => {
    const r = await form.run(() => api.post<Invitation>(`${sheetPath}/invitations`, { vendor_name: vendor.trim(), email: email.trim() }));
    if (r) {
      setResult(r);
      onDone();
    }
  };
  if (result) {
    return (
      <Dialog open={open} onClose={close} title={t('sheets.invite.done', { vendor: result.response.vendor })} footer={<button type="button" className="btn btn-primary" onClick={close}>{t('common.close')}</button>}>
        <p>{t('sheets.invite.doneBody', { email: result.email })}</p>
        {result.one_time_password ? (
          <>
            <p className="alert alert-warning">{t('sheets.invite.passwordOnce')}</p>
            <SecretValue value={result.one_time_password} label={t('sheets.invite.password')} />
          </>
        ) : (
          <p className="muted">{t('sheets.invite.existing')}</p>
        )}
      </Dialog>
    );
  }
  return (
    <Dialog
      open={open}
      onClose={close}
      title={t('sheets.invite.title')}
      footer={
        <>
          <button type="button" className="btn" onClick={close}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="invite-form" className="btn btn-primary" disabled={form.busy}>
            {t('sheets.invite.submit')}
          </button>
        </>
      }
    >
      <p className="muted">{t('sheets.invite.intro')}</p>
      <form id="invite-form" ref={form.formRef} onSubmit={form.onSubmit(submit)} noValidate className="form">
        <TextField name="vendor_name" label={t('sheets.field.vendor')} required maxLength={800} value={vendor} onChange={(e) => setVendor(e.target.value)} apiForm={form} />
        <TextField name="email" type="email" label={t('sheets.field.email')} required maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} apiForm={form} />
        <FormError error={form.formError} />
      </form>
    </Dialog>
  );
}

function ImportPanel({ sheetPath, onImported }: { sheetPath: string; onImported: (e: Evaluation) => void }) {
  const { t } = useTranslation();
  const [vendor, setVendor] = useState('');
  const [error, setError] = useState<unknown>(null);
  return (
    <section className="panel" aria-labelledby="import-title">
      <h2 id="import-title" className="section-title">
        {t('sheets.import.title')}
      </h2>
      <p className="muted">{t('sheets.import.intro')}</p>
      <div className="field">
        <label className="field-label" htmlFor="import-vendor">
          {t('sheets.field.vendor')}
        </label>
        <input id="import-vendor" name="vendor" className="input" maxLength={800} value={vendor} onChange={(e) => setVendor(e.target.value)} />
      </div>
      <FileUpload<Evaluation>
        label={t('sheets.import.file')}
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        maxBytes={32 * 1024 * 1024}
        path={`${sheetPath}/responses/import?vendor=${encodeURIComponent(vendor.trim() || t('sheets.import.unnamed'))}`}
        contentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        fileNameParam="file_name"
        submitLabel={t('sheets.import.submit')}
        onResult={(r) => {
          setError(r.ok ? null : r.error);
          if (r.ok && r.data) onImported(r.data);
        }}
      />
      {error !== null && <ProblemList error={error} />}
    </section>
  );
}

export function SheetPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const base = useOrgPath();
  const sheetPath = `${base}/sheets/${seg(id)}`;
  const state = useApi<SheetDetail>(base ? sheetPath : null);
  const canWrite = useCanWriteSheets();
  const [tailor, setTailor] = useState<Tailoring | null>(null);
  const [inviting, setInviting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Closing stops new responses (imports, invitations); a closed sheet can be reopened.
  const setStatus = async (status: 'sent' | 'closed') => {
    setError(null);
    try {
      await api.patch(sheetPath, { status });
      setNotice(status === 'closed' ? t('sheets.closed') : t('sheets.reopened'));
      state.reload();
    } catch (e) {
      setError(errorString(e));
    }
  };

  const itemColumns = useMemo<Column<SheetItem>[]>(
    () => [
      { id: 'ref', header: t('sheets.field.ref'), hideable: false, value: (x) => x.position, cell: (x) => <strong>{x.ref}</strong>, className: 'col-nowrap' },
      {
        id: 'title',
        header: t('sheets.field.itemTitle'),
        value: (x) => x.title,
        cell: (x) => (
          <div className={x.change === 'dropped' ? 'dropped' : undefined}>
            <div>{x.title}</div>
            {x.requirement && <div className="muted small clamp-3">{x.requirement}</div>}
            {x.change !== 'none' && (
              <div className="small">
                <span className={`badge badge-change badge-change-${x.change}`}>{t(`sheets.change.${x.change}`)}</span> {x.reason}
              </div>
            )}
          </div>
        ),
      },
      { id: 'ismap', header: t('sheets.field.ismapRef'), value: (x) => x.ismap_ref, cell: (x) => x.ismap_ref || '—', className: 'col-nowrap' },
      { id: 'required', header: t('sheets.field.required'), value: (x) => (x.required ? 1 : 0), cell: (x) => (x.required ? t('common.yes') : t('common.no')) },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language],
  );

  const responseColumns = useMemo<Column<ResponseSummary>[]>(
    () => [
      { id: 'vendor', header: t('sheets.field.vendor'), hideable: false, value: (r) => r.vendor, cell: (r) => <Link to={`/responses/${seg(r.id)}`}>{r.vendor}</Link> },
      { id: 'source', header: t('sheets.field.source'), value: (r) => r.source, cell: (r) => t(`sheets.source.${r.source}`) },
      { id: 'status', header: t('sheets.field.status'), value: (r) => r.status, cell: (r) => <ResponseStatusBadge status={r.status} /> },
      { id: 'verdict', header: t('sheets.field.verdict'), value: (r) => r.verdict, cell: (r) => (r.status === 'invited' || r.status === 'in_progress' ? <span className="muted">{t('sheets.notYet')}</span> : <VerdictBadge verdict={r.verdict} />) },
      { id: 'counts', header: t('sheets.field.counts'), value: (r) => r.counts.unmet, cell: (r) => t('sheets.countsText', { ...r.counts }) },
      { id: 'updated', header: t('sheets.field.updated'), value: (r) => r.updated_at, cell: (r) => formatDateTime(r.updated_at), className: 'col-nowrap' },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language],
  );

  return (
    <div className="page">
      <Async state={state}>
        {(s) => {
          const draft = s.status === 'draft';
          const tailorable = canWrite && draft;
          const rows = s.items.filter((x) => x.kind === 'question');
          return (
            <>
              <PageHeader
                kicker={<Link to="/sheets">{t('sheets.title')}</Link>}
                title={s.title}
                subtitle={
                  <>
                    <SheetStatusBadge status={s.status} /> {t(`sheets.template.${s.template}`, s.template)}
                  </>
                }
                actions={
                  <>
                    <DownloadButton path={`${sheetPath}/export.xlsx`} fallbackName="check-sheet.xlsx" className="btn">
                      {t('sheets.export')}
                    </DownloadButton>
                    {s.responses.length > 0 && (
                      <Link className="btn" to={`/sheets/${seg(s.id)}/compare`}>
                        {t('sheets.compare.title')}
                      </Link>
                    )}
                    {canWrite && s.status !== 'closed' && (
                      <button type="button" className="btn btn-primary" onClick={() => setInviting(true)}>
                        {t('sheets.invite.title')}
                      </button>
                    )}
                    {canWrite && s.status !== 'draft' && (
                      <button type="button" className="btn" onClick={() => void setStatus(s.status === 'closed' ? 'sent' : 'closed')}>
                        {s.status === 'closed' ? t('sheets.reopen') : t('sheets.close')}
                      </button>
                    )}
                  </>
                }
              />
              {notice && <Notice>{notice}</Notice>}
              {error && <div className="alert alert-error" role="alert">{error}</div>}
              <dl className="facts">
                <dt>{t('sheets.field.counterparty')}</dt>
                <dd>{s.counterparty || '—'}</dd>
                <dt>{t('sheets.field.service')}</dt>
                <dd>{s.service_name || '—'}</dd>
                <dt>{t('sheets.field.due')}</dt>
                <dd>{s.due_date ?? '—'}</dd>
                <dt>{t('sheets.field.classification')}</dt>
                <dd>{s.classification ? t('sheets.classification', { level: s.classification }) : t('sheets.undecided')}</dd>
                <dt>{t('sheets.field.details')}</dt>
                <dd className="pre-wrap">{s.information_details || '—'}</dd>
              </dl>

              <section aria-labelledby="responses-title">
                <h2 id="responses-title" className="section-title">
                  {t('sheets.responses')}
                </h2>
                {s.responses.length === 0 ? (
                  <p className="muted">{t('sheets.noResponses')}</p>
                ) : (
                  <DataTable rows={s.responses} columns={responseColumns} rowKey={(r) => r.id} caption={t('sheets.responses')} filterable={false} />
                )}
              </section>

              {canWrite && s.status !== 'closed' && (
                <ImportPanel
                  sheetPath={sheetPath}
                  onImported={(e) => {
                    setNotice(t('sheets.import.done', { vendor: e.vendor, verdict: t(`sheets.verdict.${e.verdict}`) }));
                    state.reload();
                  }}
                />
              )}

              <section aria-labelledby="items-title">
                <div className="section-head">
                  <h2 id="items-title" className="section-title">
                    {t('sheets.items', { count: rows.filter((x) => x.asked).length })}
                  </h2>
                  {tailorable && (
                    <button type="button" className="btn" onClick={() => setTailor({ kind: 'add' })}>
                      {t('sheets.tailor.add')}
                    </button>
                  )}
                </div>
                <p className="muted">{draft ? t('sheets.tailor.intro') : t('sheets.tailor.fixed')}</p>
                <DataTable
                  rows={rows}
                  columns={
                    tailorable
                      ? [
                          ...itemColumns,
                          {
                            id: 'actions',
                            header: t('common.actions'),
                            hideable: false,
                            className: 'col-actions',
                            cell: (x: SheetItem) =>
                              x.change === 'dropped' ? null : (
                                <span className="btn-row">
                                  <button type="button" className="btn btn-small" onClick={() => setTailor({ kind: 'reword', item: x })}>
                                    {t('sheets.tailor.rewordShort')}
                                    <span className="visually-hidden">: {x.ref}</span>
                                  </button>
                                  <button type="button" className="btn btn-small btn-danger-outline" onClick={() => setTailor({ kind: 'drop', item: x })}>
                                    {t('sheets.tailor.dropShort')}
                                    <span className="visually-hidden">: {x.ref}</span>
                                  </button>
                                </span>
                              ),
                          },
                        ]
                      : itemColumns
                  }
                  rowKey={(x) => x.ref}
                  caption={t('sheets.itemsCaption')}
                  initialSort={{ id: 'ref', dir: 'asc' }}
                  initialPageSize={100}
                />
              </section>
              <TailorDialog
                key={tailor ? `${tailor.kind}-${tailor.kind === 'add' ? '' : tailor.item.ref}` : 'none'}
                sheetPath={sheetPath}
                action={tailor}
                onClose={() => setTailor(null)}
                onDone={() => {
                  setTailor(null);
                  setNotice(t('sheets.tailor.saved'));
                  state.reload();
                }}
              />
              <InviteDialog sheetPath={sheetPath} open={inviting} onClose={() => setInviting(false)} onDone={() => state.reload()} />
            </>
          );
        }}
      </Async>
    </div>
  );
}
