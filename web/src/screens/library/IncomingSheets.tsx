// Answering a customer's sheet from the library: upload their .xlsx (any
// layout), see each question with the proposed answer, its source and a
// confidence; accept, edit or skip each (or accept all above a confidence);
// download their own file with the answers written in, layout untouched.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, seg } from '../../api/client';
import type { IncomingQuestion, IncomingSheet, IncomingSheetDetail } from '../../api/library';
import type { AnswerValue } from '../../api/sheets';
import { DataTable, type Column } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { errorString } from '../../components/errors';
import { FormError, SelectField, TextAreaField, useApiForm } from '../../components/Form';
import { PageHeader } from '../../components/Misc';
import { Async, Notice } from '../../components/States';
import { DownloadButton, FileUpload } from '../../components/Transfer';
import { formatDateTime, timeKey } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { useOrgPath } from '../settings/SettingsLayout';
import { ProblemList } from '../sheets/ProblemList';
import { AnswerMark } from '../sheets/SheetBadges';

export function IncomingList() {
  const { t, i18n } = useTranslation();
  const base = useOrgPath();
  const navigate = useNavigate();
  const state = useApi<IncomingSheet[]>(base ? `${base}/incoming-sheets` : null);
  const [customer, setCustomer] = useState('');
  const [service, setService] = useState('');
  const [error, setError] = useState<unknown>(null);
  const columns = useMemo<Column<IncomingSheet>[]>(
    () => [
      { id: 'file', header: t('incoming.file'), hideable: false, value: (s) => s.file_name, cell: (s) => <Link to={`/library/incoming/${seg(s.id)}`}>{s.file_name}</Link> },
      { id: 'customer', header: t('incoming.customer'), value: (s) => s.customer, cell: (s) => s.customer || '—' },
      { id: 'service', header: t('incoming.service'), value: (s) => s.service, cell: (s) => s.service || '—' },
      { id: 'questions', header: t('incoming.questions'), value: (s) => s.question_count, cell: (s) => s.question_count },
      { id: 'uploaded', header: t('incoming.uploaded'), value: (s) => timeKey(s.uploaded_at), cell: (s) => formatDateTime(s.uploaded_at), className: 'col-nowrap' },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language],
  );
  const query = new URLSearchParams();
  if (customer.trim()) query.set('customer', customer.trim());
  if (service.trim()) query.set('service', service.trim());
  const qs = query.toString();
  return (
    <div className="page">
      <PageHeader kicker={<Link to="/library">{t('library.title')}</Link>} title={t('incoming.title')} subtitle={t('incoming.intro')} />
      <section className="panel">
        <div className="form-grid">
          <div className="field">
            <label className="field-label" htmlFor="in-customer">
              {t('incoming.customer')}
            </label>
            <input id="in-customer" className="input" value={customer} onChange={(e) => setCustomer(e.target.value)} />
          </div>
          <div className="field">
            <label className="field-label" htmlFor="in-service">
              {t('incoming.service')}
            </label>
            <input id="in-service" className="input" value={service} onChange={(e) => setService(e.target.value)} />
          </div>
        </div>
        <FileUpload<IncomingSheetDetail>
          label={t('incoming.upload')}
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          maxBytes={32 * 1024 * 1024}
          path={`${base}/incoming-sheets${qs ? `?${qs}` : ''}`}
          contentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          fileNameParam="file_name"
          submitLabel={t('incoming.submit')}
          onResult={(r) => {
            setError(r.ok ? null : r.error);
            if (r.ok && r.data) navigate(`/library/incoming/${seg(r.data.id)}`);
          }}
        />
        {error !== null && <ProblemList error={error} />}
      </section>
      <Async state={state}>{(rows) => <DataTable rows={rows} columns={columns} rowKey={(s) => s.id} caption={t('incoming.title')} initialSort={{ id: 'uploaded', dir: 'desc' }} />}</Async>
    </div>
  );
}

function EditDialog({ path, q, onClose, onDone }: { path: string; q: IncomingQuestion; onClose: () => void; onDone: (q: IncomingQuestion) => void }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const start = q.decision === 'proposed' ? q.proposal : { answer: q.final_answer, explanation: q.final_explanation };
  const [answer, setAnswer] = useState<string>(start.answer === 'blank' || start.answer === 'unreadable' ? 'yes' : start.answer);
  const [explanation, setExplanation] = useState(start.explanation);
  const submit = async () => {
    const r = await form.run(() => api.put<IncomingQuestion>(`${path}/questions/${q.seq}`, { decision: 'edited', answer, explanation }));
    if (r) onDone(r);
  };
  return (
    <Dialog
      open
      onClose={onClose}
      size="large"
      title={t('incoming.editTitle', { row: q.row })}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="incoming-edit" className="btn btn-primary" disabled={form.busy}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <p className="quote">{q.question}</p>
      <form id="incoming-edit" ref={form.formRef} onSubmit={form.onSubmit(submit)} noValidate className="form">
        <SelectField name="answer" label={t('library.field.answer')} options={(['yes', 'no', 'na'] as const).map((a) => ({ value: a, label: t(`sheets.form.choice.${a}`) }))} value={answer} onChange={(e) => setAnswer(e.target.value)} apiForm={form} />
        <TextAreaField name="explanation" label={t('library.field.explanation')} rows={4} value={explanation} onChange={(e) => setExplanation(e.target.value)} apiForm={form} />
        <FormError error={form.formError} />
      </form>
    </Dialog>
  );
}

export function IncomingPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const base = useOrgPath();
  const path = `${base}/incoming-sheets/${seg(id)}`;
  const state = useApi<IncomingSheetDetail>(base ? path : null);
  const [editing, setEditing] = useState<IncomingQuestion | null>(null);
  const [minConfidence, setMinConfidence] = useState('0.3');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const replace = (q: IncomingQuestion) =>
    state.setData((old) => (old ? { ...old, questions: old.questions.map((x) => (x.seq === q.seq ? q : x)) } : (old as unknown as IncomingSheetDetail)));

  const decide = async (q: IncomingQuestion, decision: 'accepted' | 'skipped') => {
    try {
      replace(await api.put<IncomingQuestion>(`${path}/questions/${q.seq}`, { decision }));
    } catch (e) {
      setError(errorString(e));
    }
  };

  const columns = useMemo<Column<IncomingQuestion>[]>(
    () => [
      { id: 'row', header: t('incoming.row'), value: (q) => q.seq, cell: (q) => `${q.sheet}!${q.row}`, className: 'col-nowrap' },
      { id: 'question', header: t('incoming.question'), hideable: false, value: (q) => q.question, cell: (q) => <span className="clamp-3">{q.question}</span> },
      {
        id: 'proposal',
        header: t('incoming.proposal'),
        value: (q) => q.proposal.confidence,
        cell: (q) =>
          q.proposal.source === 'none' ? (
            <span className="muted">{t('incoming.noProposal')}</span>
          ) : (
            <div>
              <AnswerMark answer={q.proposal.answer} /> <span className="small clamp-3">{q.proposal.explanation}</span>
              <div className="muted small">
                {t(`incoming.source.${q.proposal.source}`)} {q.proposal.catalog ?? ''} {q.proposal.catalog_title} · {t('incoming.confidence', { value: Math.round(q.proposal.confidence * 100) })}
                {q.proposal.conditional && ` · ${t('library.conditional')}`}
                {q.proposal.out_of_scope && ` · ${t('incoming.outOfScope')}`}
                {q.proposal.review_overdue && ` · ${t('library.overdue')}`}
              </div>
            </div>
          ),
      },
      {
        id: 'decision',
        header: t('incoming.decision'),
        value: (q) => q.decision,
        cell: (q) => (
          <div>
            <span className={`badge badge-status badge-status-${q.decision}`}>{t(`incoming.decisions.${q.decision}`)}</span>
            {(q.decision === 'accepted' || q.decision === 'edited') && (
              <div className="small">
                <AnswerMark answer={q.final_answer as AnswerValue} />
              </div>
            )}
          </div>
        ),
      },
      {
        id: 'actions',
        header: t('common.actions'),
        hideable: false,
        className: 'col-actions',
        cell: (q) => (
          <span className="btn-row">
            {q.proposal.source !== 'none' && q.decision !== 'accepted' && (
              <button type="button" className="btn btn-small btn-primary" onClick={() => void decide(q, 'accepted')}>
                {t('incoming.accept')}
                <span className="visually-hidden">: {q.row}</span>
              </button>
            )}
            <button type="button" className="btn btn-small" onClick={() => setEditing(q)}>
              {t('common.edit')}
              <span className="visually-hidden">: {q.row}</span>
            </button>
            {q.decision !== 'skipped' && (
              <button type="button" className="btn btn-small" onClick={() => void decide(q, 'skipped')}>
                {t('incoming.skip')}
                <span className="visually-hidden">: {q.row}</span>
              </button>
            )}
          </span>
        ),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language, path],
  );

  return (
    <div className="page">
      <Async state={state}>
        {(s) => (
          <>
            <PageHeader
              kicker={<Link to="/library/incoming">{t('incoming.title')}</Link>}
              title={s.file_name}
              subtitle={t('incoming.summary', { count: s.questions.length, library: s.counts.source.library, catalog: s.counts.source.catalog, none: s.counts.source.none })}
              actions={
                <DownloadButton path={`${path}/answered.xlsx`} fallbackName="answered.xlsx" className="btn btn-primary">
                  {t('incoming.download')}
                </DownloadButton>
              }
            />
            {notice && <Notice>{notice}</Notice>}
            {error && <div className="alert alert-error" role="alert">{error}</div>}
            <div className="toolbar">
              <label className="choice">
                {t('incoming.minConfidence')}{' '}
                <input className="input field-short" inputMode="decimal" value={minConfidence} onChange={(e) => setMinConfidence(e.target.value)} />
              </label>
              <button
                type="button"
                className="btn"
                onClick={async () => {
                  try {
                    const r = await api.post<IncomingSheetDetail & { accepted: number }>(`${path}/accept-all`, { min_confidence: Number(minConfidence) });
                    state.setData(r);
                    setNotice(t('incoming.acceptedAll', { count: r.accepted }));
                  } catch (e) {
                    setError(errorString(e));
                  }
                }}
              >
                {t('incoming.acceptAll')}
              </button>
            </div>
            <DataTable rows={s.questions} columns={columns} rowKey={(q) => String(q.seq)} caption={t('incoming.questions')} initialPageSize={100} />
          </>
        )}
      </Async>
      {editing && (
        <EditDialog
          path={path}
          q={editing}
          onClose={() => setEditing(null)}
          onDone={(q) => {
            replace(q);
            setEditing(null);
          }}
        />
      )}
    </div>
  );
}
