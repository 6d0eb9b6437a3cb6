// One Statement of Applicability (適用宣言書): the draft's rows grouped by
// catalog with filters, inline edit of applicability and status and a dialog
// for reason and evidence; the findings of the rules, each linking to its
// row; approval; versions and the diff between any two (or the draft);
// the .xlsx and a printable page (styles/soa.css, @media print).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, seg } from '../../api/client';
import { rowKey, type Applicable, type ImplStatus, type SoaDetail, type SoaFinding, type SoaRow, type SoaRowEdit } from '../../api/soa';
import { useAuth } from '../../auth/AuthContext';
import { Dialog } from '../../components/Dialog';
import { FormError, TextAreaField, TextField, useApiForm } from '../../components/Form';
import { PageHeader } from '../../components/Misc';
import { Async, Notice } from '../../components/States';
import { DownloadButton } from '../../components/Transfer';
import { errorText } from '../../components/errors';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import '../../styles/soa.css';
import { useOrgPath } from '../settings/SettingsLayout';
import { FindingCounts } from './SoaList';
import { VersionsPanel } from './SoaVersions';

type Tab = 'rows' | 'findings' | 'versions';
const CATALOGS = ['iso27001-2022', 'iso27017-2015', 'ismap-2024'] as const;
const APPLICABLE: Applicable[] = ['yes', 'no', 'unevaluated'];
const STATUSES: ImplStatus[] = ['implemented', 'partial', 'planned', 'not_implemented', 'unset'];

const anchorOf = (r: { catalog_key: string; ref: string }) => `soa-row-${r.catalog_key}-${r.ref}`.replace(/[^A-Za-z0-9_-]/g, '_');

function RowDialog({ row, onClose, onSave }: { row: SoaRow; onClose: () => void; onSave: (edit: SoaRowEdit) => Promise<boolean> }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const [reason, setReason] = useState(row.reason);
  const [evidence, setEvidence] = useState(row.evidence.join('\n'));
  const submit = async () => {
    const ok = await form.run(async () => {
      const saved = await onSave({
        catalog_key: row.catalog_key,
        ref: row.ref,
        reason: reason.trim(),
        evidence: evidence.split('\n').map((e) => e.trim()).filter(Boolean),
      });
      if (!saved) throw new Error(t('soa.saveFailed'));
      return saved;
    });
    if (ok) onClose();
  };
  return (
    <Dialog
      open
      onClose={onClose}
      size="large"
      title={t('soa.editTitle', { ref: row.ref })}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="soa-row-form" className="btn btn-primary" disabled={form.busy}>
            {t('soa.save')}
          </button>
        </>
      }
    >
      <form id="soa-row-form" ref={form.formRef} onSubmit={form.onSubmit(submit)} noValidate className="form">
        <p className="muted">{row.title}</p>
        <TextAreaField name="reason" label={t('soa.field.reason')} help={t('soa.reasonHelp')} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} apiForm={form} />
        <TextAreaField name="evidence" label={t('soa.field.evidence')} help={t('soa.evidenceHelp')} rows={4} value={evidence} onChange={(e) => setEvidence(e.target.value)} apiForm={form} />
        <FormError error={form.formError} />
      </form>
    </Dialog>
  );
}

function ApproveDialog({ soa, onClose, onDone }: { soa: SoaDetail; onClose: () => void; onDone: (s: SoaDetail) => void }) {
  const { t } = useTranslation();
  const base = useOrgPath();
  const form = useApiForm();
  const [comment, setComment] = useState('');
  const next = (soa.approved_version ?? 0) + 1;
  const submit = async () => {
    const r = await form.run(() => api.post<SoaDetail>(`${base}/soas/${seg(soa.id)}/approve`, { comment: comment.trim() }));
    if (r !== undefined) onDone(r);
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={t('soa.approveTitle', { n: next })}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="soa-approve" className="btn btn-primary" disabled={form.busy}>
            {t('soa.approve')}
          </button>
        </>
      }
    >
      <form id="soa-approve" ref={form.formRef} onSubmit={form.onSubmit(submit)} noValidate className="form">
        <p>{t('soa.approveHelp', { count: soa.counts.rows })}</p>
        {soa.counts.warnings > 0 && <Notice kind="warning">{t('soa.approveWarnings', { n: soa.counts.warnings })}</Notice>}
        <TextField name="comment" label={t('soa.field.comment')} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} apiForm={form} />
        <FormError error={form.formError} />
      </form>
    </Dialog>
  );
}

function FindingMessage({ f }: { f: SoaFinding }) {
  const { i18n } = useTranslation();
  return <>{i18n.language === 'en' ? f.message_en : f.message_ja}</>;
}

function FindingsPanel({ soa, onShow }: { soa: SoaDetail; onShow: (f: SoaFinding) => void }) {
  const { t } = useTranslation();
  if (soa.findings.length === 0) return <Notice>{t('soa.noFindingsLong')}</Notice>;
  return (
    <ul className="soa-findings" aria-label={t('soa.tab.findings')}>
      {soa.findings.map((f, i) => (
        <li key={`${f.rule}-${rowKey(f)}-${i}`} className={`soa-finding soa-finding-${f.severity}`}>
          <span className={`badge soa-${f.severity}`}>{t(`soa.severity.${f.severity}`)}</span> <strong>{t(`soa.rule.${f.rule}`, { defaultValue: f.rule })}</strong>
          <div>
            <FindingMessage f={f} />
          </div>
          <button type="button" className="btn btn-small btn-link" onClick={() => onShow(f)}>
            {t('soa.showRow', { ref: f.ref })}
          </button>
        </li>
      ))}
    </ul>
  );
}

function RowsPanel({
  soa,
  canWrite,
  focus,
  onSave,
}: {
  soa: SoaDetail;
  canWrite: boolean;
  focus: string;
  onSave: (edit: SoaRowEdit) => Promise<boolean>;
}) {
  const { t, i18n } = useTranslation();
  const [catalog, setCatalog] = useState('');
  const [applicable, setApplicable] = useState('');
  const [status, setStatus] = useState('');
  const [onlyFindings, setOnlyFindings] = useState(false);
  const [editing, setEditing] = useState<SoaRow | null>(null);
  const findingsByRow = useMemo(() => {
    const m = new Map<string, SoaFinding[]>();
    for (const f of soa.findings) m.set(rowKey(f), [...(m.get(rowKey(f)) ?? []), f]);
    return m;
  }, [soa.findings]);
  const shown = soa.rows.filter(
    (r) =>
      rowKey(r) === focus ||
      ((!catalog || r.catalog_key === catalog) &&
        (!applicable || r.applicable === applicable) &&
        (!status || r.status === status) &&
        (!onlyFindings || findingsByRow.has(rowKey(r)))),
  );
  return (
    <>
      <div className="soa-filters no-print" role="group" aria-label={t('soa.filters')}>
        <label>
          {t('soa.field.catalog')}
          <select value={catalog} onChange={(e) => setCatalog(e.target.value)}>
            <option value="">{t('soa.all')}</option>
            {CATALOGS.map((c) => (
              <option key={c} value={c}>
                {t(`soa.catalog.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('soa.field.applicable')}
          <select value={applicable} onChange={(e) => setApplicable(e.target.value)}>
            <option value="">{t('soa.all')}</option>
            {APPLICABLE.map((a) => (
              <option key={a} value={a}>
                {t(`soa.applicable.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('soa.field.status')}
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('soa.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`soa.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="soa-check">
          <input type="checkbox" checked={onlyFindings} onChange={(e) => setOnlyFindings(e.target.checked)} />
          {t('soa.onlyFindings')}
        </label>
        <span className="muted">{t('soa.shownN', { n: shown.length, total: soa.rows.length })}</span>
      </div>
      {CATALOGS.map((c) => {
        const rows = shown.filter((r) => r.catalog_key === c);
        if (rows.length === 0) return null;
        return (
          <section key={c} className="soa-group">
            <h2>{t(`soa.catalog.${c}`)}</h2>
            <table className="soa-table">
              <thead>
                <tr>
                  <th scope="col">{t('soa.field.ref')}</th>
                  <th scope="col">{t('soa.field.control')}</th>
                  <th scope="col">{t('soa.field.applicable')}</th>
                  <th scope="col">{t('soa.field.status')}</th>
                  <th scope="col">{t('soa.field.reason')}</th>
                  <th scope="col">{t('soa.field.treatments')}</th>
                  <th scope="col">{t('soa.field.evidence')}</th>
                  {canWrite && <th scope="col" className="no-print"><span className="visually-hidden">{t('soa.edit')}</span></th>}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const findings = findingsByRow.get(rowKey(r)) ?? [];
                  const severity = findings.some((f) => f.severity === 'error') ? 'error' : findings.length > 0 ? 'warning' : '';
                  return (
                    <tr key={rowKey(r)} id={anchorOf(r)} className={`${severity ? `soa-row-${severity}` : ''} ${rowKey(r) === focus ? 'soa-focus' : ''} soa-kind-${r.kind}`}>
                      <th scope="row" className="soa-ref">
                        {r.ref}
                      </th>
                      <td>
                        {i18n.language === 'en' && r.title_en ? r.title_en : r.title}
                        {findings.map((f, i) => (
                          <div key={i} className={`soa-inline-finding soa-inline-${f.severity}`}>
                            <FindingMessage f={f} />
                          </div>
                        ))}
                      </td>
                      <td>
                        {canWrite ? (
                          <select
                            aria-label={t('soa.applicableOf', { ref: r.ref })}
                            value={r.applicable}
                            className={`soa-app-${r.applicable}`}
                            onChange={(e) => void onSave({ catalog_key: r.catalog_key, ref: r.ref, applicable: e.target.value as Applicable })}
                          >
                            {APPLICABLE.map((a) => (
                              <option key={a} value={a}>
                                {t(`soa.applicable.${a}`)}
                              </option>
                            ))}
                          </select>
                        ) : (
                          <span className={`badge soa-app-${r.applicable}`}>{t(`soa.applicable.${r.applicable}`)}</span>
                        )}
                      </td>
                      <td>
                        {canWrite && r.applicable !== 'no' ? (
                          <select
                            aria-label={t('soa.statusOf', { ref: r.ref })}
                            value={r.status}
                            onChange={(e) => void onSave({ catalog_key: r.catalog_key, ref: r.ref, status: e.target.value as ImplStatus })}
                          >
                            {STATUSES.map((s) => (
                              <option key={s} value={s}>
                                {t(`soa.status.${s}`)}
                              </option>
                            ))}
                          </select>
                        ) : (
                          <span className={`soa-status-${r.status}`}>{r.status === 'unset' ? '—' : t(`soa.status.${r.status}`)}</span>
                        )}
                      </td>
                      <td className="soa-reason">{r.reason}</td>
                      <td>
                        {r.treatments.map((id) => (
                          <div key={id}>
                            <Link to={`/risks/${seg(id)}`}>{soa.risks[id] || id}</Link>
                          </div>
                        ))}
                      </td>
                      <td>
                        {r.evidence.map((e, i) => (
                          <div key={i}>{e}</div>
                        ))}
                      </td>
                      {canWrite && (
                        <td className="no-print">
                          <button type="button" className="btn btn-small" onClick={() => setEditing(r)} aria-label={t('soa.editTitle', { ref: r.ref })}>
                            {t('soa.edit')}
                          </button>
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        );
      })}
      {editing && <RowDialog row={editing} onClose={() => setEditing(null)} onSave={onSave} />}
    </>
  );
}

export function SoaPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const base = useOrgPath();
  const { role, activeOrg } = useAuth();
  const canWrite = role === 'admin' || role === 'isms_manager' || role === 'editor';
  const canApprove = role === 'admin' || role === 'isms_manager';
  const state = useApi<SoaDetail>(base ? `${base}/soas/${seg(id)}` : null);
  const [tab, setTab] = useState<Tab>('rows');
  const [focus, setFocus] = useState('');
  const [approving, setApproving] = useState(false);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');

  const save = async (edit: SoaRowEdit) => {
    setError('');
    try {
      const r = await api.patch<SoaDetail>(`${base}/soas/${seg(id)}/rows`, { rows: [edit] });
      state.setData(r);
      setNotice(t('soa.saved', { ref: edit.ref }));
      return true;
    } catch (e) {
      const { message, detail } = errorText(e);
      setError(detail ? `${message} (${detail})` : message);
      return false;
    }
  };
  const show = (f: SoaFinding) => {
    setTab('rows');
    setFocus(rowKey(f));
    window.setTimeout(() => document.getElementById(anchorOf(f))?.scrollIntoView({ block: 'center' }), 50);
  };

  return (
    <div className="page soa-page">
      <Async state={state}>
        {(soa) => (
          <>
            <div className="soa-print-header print-only">
              <div>{activeOrg?.name}</div>
              <h1>
                {t('soa.title')}: {soa.service_name}
              </h1>
              <div>
                {t('soa.field.role')}: {t(`soa.role.${soa.role}`)} ／ {t('soa.field.version')}: {soa.approved_version ? t('soa.draftAfter', { n: soa.approved_version }) : t('soa.draftOnly')}
                {soa.approved_version ? ` ／ ${t('soa.lastApproved', { n: soa.approved_version, by: soa.approved_by ?? '', at: formatDateTime(soa.approved_at) })}` : ''}
              </div>
            </div>
            <PageHeader
              kicker={<Link to="/soa">{t('soa.title')}</Link>}
              title={soa.service_name}
              subtitle={
                <>
                  <span className="badge">{t(`soa.role.${soa.role}`)}</span>{' '}
                  {soa.approved_version
                    ? t('soa.lastApproved', { n: soa.approved_version, by: soa.approved_by ?? '', at: formatDateTime(soa.approved_at) })
                    : t('soa.notApproved')}
                  {soa.approved_version && soa.draft_changes > 0 ? ` ／ ${t('soa.draftChangesN', { n: soa.draft_changes })}` : ''}{' '}
                  <FindingCounts errors={soa.counts.errors} warnings={soa.counts.warnings} />
                </>
              }
              actions={
                <div className="soa-actions no-print">
                  <DownloadButton path={`${base}/soas/${seg(soa.id)}/export.xlsx`} fallbackName="soa.xlsx">
                    {t('soa.export')}
                  </DownloadButton>
                  <button type="button" className="btn" onClick={() => window.print()}>
                    {t('soa.print')}
                  </button>
                  {canApprove && (
                    <button
                      type="button"
                      className="btn btn-primary"
                      disabled={!soa.can_approve}
                      title={soa.can_approve ? undefined : soa.counts.errors > 0 ? t('soa.approveBlocked') : t('soa.nothingToApprove')}
                      onClick={() => setApproving(true)}
                    >
                      {t('soa.approve')}
                    </button>
                  )}
                </div>
              }
            />
            {soa.counts.errors > 0 && <Notice kind="warning">{t('soa.blockedNotice', { n: soa.counts.errors })}</Notice>}
            {notice && <div className="muted no-print" role="status">{notice}</div>}
            {error && (
              <div className="form-error" role="alert">
                {error}
              </div>
            )}
            <div className="soa-tabs no-print" role="tablist" aria-label={t('soa.views')}>
              {(['rows', 'findings', 'versions'] as Tab[]).map((k) => (
                <button key={k} type="button" role="tab" aria-selected={tab === k} className="tab" onClick={() => setTab(k)}>
                  {t(`soa.tab.${k}`)}
                  {k === 'findings' && soa.findings.length > 0 ? ` (${soa.findings.length})` : ''}
                </button>
              ))}
            </div>
            {tab === 'rows' && <RowsPanel soa={soa} canWrite={canWrite} focus={focus} onSave={save} />}
            {tab === 'findings' && <FindingsPanel soa={soa} onShow={show} />}
            {tab === 'versions' && <VersionsPanel soa={soa} />}
            {approving && (
              <ApproveDialog
                soa={soa}
                onClose={() => setApproving(false)}
                onDone={(s) => {
                  state.setData(s);
                  setApproving(false);
                  setNotice(t('soa.approvedNotice', { n: s.approved_version }));
                }}
              />
            )}
          </>
        )}
      </Async>
    </div>
  );
}
