// 回答マスタ: the vendor's approved answers per catalog item, each with its
// explanation, evidence, where it holds (条件付き回答), owner and review date.
// Editing saves a new version with a reason; approval makes it usable.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, seg } from '../../api/client';
import type { LibraryAnswer } from '../../api/library';
import { useAuth } from '../../auth/AuthContext';
import { DataTable, type Column } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { errorString } from '../../components/errors';
import { FormError, SelectField, TextAreaField, TextField, useApiForm } from '../../components/Form';
import { PageHeader } from '../../components/Misc';
import { Async, Notice } from '../../components/States';
import { formatDateTime, timeKey } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { useOrgPath } from '../settings/SettingsLayout';
import { AnswerMark } from '../sheets/SheetBadges';

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function LibraryAnswerDialog({ answer, open, onClose, onSaved }: { answer: LibraryAnswer | null; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const base = useOrgPath();
  const form = useApiForm();
  const [catalog, setCatalog] = useState(answer?.catalog_key ?? 'ismap-2024');
  const [ref, setRef] = useState(answer?.ref ?? '');
  const [question, setQuestion] = useState(answer?.question ?? '');
  const [value, setValue] = useState<string>(answer?.answer ?? 'yes');
  const [explanation, setExplanation] = useState(answer?.explanation ?? '');
  const [evidence, setEvidence] = useState((answer?.evidence ?? []).join('\n'));
  const [services, setServices] = useState((answer?.scope.services ?? []).join('\n'));
  const [plans, setPlans] = useState((answer?.scope.plans ?? []).join('\n'));
  const [owner, setOwner] = useState(answer?.owner ?? '');
  const [review, setReview] = useState(answer?.review_due ?? '');
  const [reason, setReason] = useState('');
  const submit = async () => {
    const body = {
      catalog_key: catalog.trim(),
      ref: ref.trim(),
      question: question.trim(),
      answer: value,
      explanation: explanation.trim(),
      evidence: lines(evidence),
      scope_services: lines(services),
      scope_plans: lines(plans),
      owner: owner.trim(),
      review_due: review,
      reason: reason.trim(),
    };
    const r = await form.run(() => (answer ? api.patch(`${base}/library/${seg(answer.id)}`, body) : api.post(`${base}/library`, body)));
    if (r !== undefined) onSaved();
  };
  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="large"
      title={answer ? t('library.edit', { ref: answer.ref ?? '' }) : t('library.create')}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="library-form" className="btn btn-primary" disabled={form.busy}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <form id="library-form" ref={form.formRef} onSubmit={form.onSubmit(submit)} noValidate className="form">
        <div className="form-grid">
          <TextField name="catalog_key" label={t('library.field.catalog')} maxLength={64} value={catalog} onChange={(e) => setCatalog(e.target.value)} apiForm={form} />
          <TextField name="ref" label={t('library.field.ref')} maxLength={64} value={ref} onChange={(e) => setRef(e.target.value)} apiForm={form} fieldClassName="field-short" />
        </div>
        <TextAreaField name="question" label={t('library.field.question')} required rows={2} value={question} onChange={(e) => setQuestion(e.target.value)} apiForm={form} />
        <SelectField
          name="answer"
          label={t('library.field.answer')}
          options={(['yes', 'no', 'na'] as const).map((a) => ({ value: a, label: t(`sheets.form.choice.${a}`) }))}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          apiForm={form}
        />
        <TextAreaField name="explanation" label={t('library.field.explanation')} rows={4} value={explanation} onChange={(e) => setExplanation(e.target.value)} apiForm={form} />
        <TextAreaField name="evidence" label={t('library.field.evidence')} help={t('library.onePerLine')} rows={2} value={evidence} onChange={(e) => setEvidence(e.target.value)} apiForm={form} />
        <div className="form-grid">
          <TextAreaField name="scope_services" label={t('library.field.services')} help={t('library.scopeHelp')} rows={2} value={services} onChange={(e) => setServices(e.target.value)} apiForm={form} />
          <TextAreaField name="scope_plans" label={t('library.field.plans')} rows={2} value={plans} onChange={(e) => setPlans(e.target.value)} apiForm={form} />
        </div>
        <div className="form-grid">
          <TextField name="owner" label={t('library.field.owner')} maxLength={800} value={owner} onChange={(e) => setOwner(e.target.value)} apiForm={form} />
          <TextField name="review_due" type="date" label={t('library.field.reviewDue')} value={review} onChange={(e) => setReview(e.target.value)} apiForm={form} fieldClassName="field-short" />
        </div>
        <TextAreaField name="reason" label={t('library.field.reason')} required={answer !== null} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} apiForm={form} />
        <FormError error={form.formError} />
      </form>
    </Dialog>
  );
}

export function LibraryPage() {
  const { t, i18n } = useTranslation();
  const base = useOrgPath();
  const { role } = useAuth();
  const canWrite = role === 'admin' || role === 'isms_manager' || role === 'editor';
  const canApprove = role === 'admin' || role === 'isms_manager';
  const state = useApi<LibraryAnswer[]>(base ? `${base}/library` : null);
  const [editing, setEditing] = useState<LibraryAnswer | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const approve = async (a: LibraryAnswer) => {
    try {
      await api.post(`${base}/library/${seg(a.id)}/approve`);
      setNotice(t('library.approved', { ref: a.ref ?? a.question.slice(0, 20) }));
      state.reload();
    } catch (e) {
      setError(errorString(e));
    }
  };

  const columns = useMemo<Column<LibraryAnswer>[]>(
    () => [
      { id: 'ref', header: t('library.field.ref'), value: (a) => a.ref ?? '', cell: (a) => <strong>{a.ref ?? '—'}</strong>, className: 'col-nowrap' },
      { id: 'question', header: t('library.field.question'), hideable: false, value: (a) => a.question, cell: (a) => <span className="clamp-3">{a.question}</span> },
      { id: 'answer', header: t('library.field.answer'), value: (a) => a.answer, cell: (a) => <AnswerMark answer={a.answer} /> },
      { id: 'explanation', header: t('library.field.explanation'), value: (a) => a.explanation, cell: (a) => <span className="clamp-3 small">{a.explanation}</span> },
      {
        id: 'scope',
        header: t('library.field.scope'),
        value: (a) => (a.conditional ? 1 : 0),
        cell: (a) => (a.conditional ? <span className="badge badge-change badge-change-reworded" title={[...a.scope.services, ...a.scope.plans].join(', ')}>{t('library.conditional')}</span> : t('library.everywhere')),
      },
      {
        id: 'status',
        header: t('library.field.status'),
        value: (a) => a.status,
        cell: (a) => (
          <span>
            <span className={`badge badge-status badge-status-${a.status}`}>{t(`library.status.${a.status}`)}</span> v{a.version}
            {a.review_overdue && <span className="badge badge-item badge-item-unmet">{t('library.overdue')}</span>}
          </span>
        ),
      },
      { id: 'owner', header: t('library.field.owner'), value: (a) => a.owner, cell: (a) => a.owner, defaultHidden: true },
      { id: 'review', header: t('library.field.reviewDue'), value: (a) => a.review_due ?? '', cell: (a) => a.review_due ?? '—', className: 'col-nowrap' },
      { id: 'updated', header: t('sheets.field.updated'), value: (a) => timeKey(a.updated_at), cell: (a) => formatDateTime(a.updated_at), defaultHidden: true },
      {
        id: 'actions',
        header: t('common.actions'),
        hideable: false,
        className: 'col-actions',
        cell: (a) => (
          <span className="btn-row">
            {canWrite && a.status !== 'retired' && (
              <button type="button" className="btn btn-small" onClick={() => setEditing(a)}>
                {t('common.edit')}
                <span className="visually-hidden">: {a.ref}</span>
              </button>
            )}
            {canApprove && a.status !== 'retired' && a.approved_version !== a.version && (
              <button type="button" className="btn btn-small btn-primary" onClick={() => void approve(a)}>
                {t('library.approve')}
                <span className="visually-hidden">: {a.ref}</span>
              </button>
            )}
          </span>
        ),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language, canWrite, canApprove],
  );

  return (
    <div className="page">
      <PageHeader
        title={t('library.title')}
        subtitle={t('library.intro')}
        actions={
          <>
            <Link className="btn" to="/library/incoming">
              {t('incoming.title')}
            </Link>
            {canWrite && (
              <button type="button" className="btn btn-primary" onClick={() => setEditing(null)}>
                {t('library.create')}
              </button>
            )}
          </>
        }
      />
      {notice && <Notice>{notice}</Notice>}
      {error && <div className="alert alert-error" role="alert">{error}</div>}
      <Async state={state}>{(rows) => <DataTable rows={rows} columns={columns} rowKey={(a) => a.id} caption={t('library.title')} initialSort={{ id: 'ref', dir: 'asc' }} initialPageSize={50} />}</Async>
      {editing !== undefined && (
        <LibraryAnswerDialog
          key={editing?.id ?? 'new'}
          answer={editing}
          open
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            setNotice(t('library.saved'));
            state.reload();
          }}
        />
      )}
    </div>
  );
}
