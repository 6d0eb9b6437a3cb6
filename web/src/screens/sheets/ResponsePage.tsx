// One vendor's response. A respondent gets the web form; the procurer gets
// the evaluation by the seed-000 rule: the verdict and its ground, warnings,
// every required item with its status, and, for each × with an alternative
// measure, an accept / reject decision with a comment (the verdict follows).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, seg } from '../../api/client';
import type { EvaluatedItem, Evaluation, ResponseView } from '../../api/sheets';
import { useAuth } from '../../auth/AuthContext';
import { DataTable, type Column } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { FormError, TextAreaField, useApiForm } from '../../components/Form';
import { PageHeader } from '../../components/Misc';
import { Async, Notice } from '../../components/States';
import { DownloadButton } from '../../components/Transfer';
import { currentLang } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { useOrgPath } from '../settings/SettingsLayout';
import { placeText } from './ProblemList';
import { EvidenceList, RespondentForm } from './RespondentForm';
import { AnswerMark, ResponseStatusBadge, StatusBadge, useCanReviewSheets, VerdictBadge } from './SheetBadges';

function ReviewDialog({ responsePath, item, decision, onClose, onDone }: { responsePath: string; item: EvaluatedItem; decision: 'accepted' | 'rejected'; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const [comment, setComment] = useState('');
  const submit = async () => {
    const r = await form.run(() => api.put(`${responsePath}/reviews/${seg(item.ref)}`, { decision, comment: comment.trim() }));
    if (r !== undefined) onDone();
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={t(`sheets.review.${decision}Title`, { ref: item.ref })}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="review-form" className={`btn ${decision === 'accepted' ? 'btn-primary' : 'btn-danger'}`} disabled={form.busy}>
            {t(`sheets.review.${decision}`)}
          </button>
        </>
      }
    >
      <p>
        <AnswerMark answer={item.answer} /> {item.title}
      </p>
      <blockquote className="quote">{item.alternative || '—'}</blockquote>
      <form id="review-form" ref={form.formRef} onSubmit={form.onSubmit(submit)} noValidate className="form">
        <TextAreaField name="comment" label={t('sheets.review.comment')} help={t('sheets.review.commentHelp')} required rows={3} maxLength={8000} value={comment} onChange={(e) => setComment(e.target.value)} apiForm={form} />
        <FormError error={form.formError} />
      </form>
    </Dialog>
  );
}

function EvaluationView({ view, responsePath }: { view: ResponseView; responsePath: string }) {
  const { t, i18n } = useTranslation();
  const canReview = useCanReviewSheets();
  const [asOf, setAsOf] = useState('');
  const state = useApi<Evaluation>(`${responsePath}/evaluation`, asOf ? { as_of: asOf } : undefined);
  const [review, setReview] = useState<{ item: EvaluatedItem; decision: 'accepted' | 'rejected' } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [onlyOpen, setOnlyOpen] = useState(false);
  const reviewable = view.response.status === 'submitted' || view.response.status === 'imported';

  const columns = useMemo<Column<EvaluatedItem>[]>(
    () => [
      { id: 'ref', header: t('sheets.field.ref'), hideable: false, value: (x) => x.ref, cell: (x) => <strong>{x.ref}</strong>, className: 'col-nowrap' },
      { id: 'title', header: t('sheets.field.itemTitle'), value: (x) => x.title ?? '', cell: (x) => x.title ?? '' },
      { id: 'ismap', header: t('sheets.field.ismapRef'), value: (x) => x.ismap_ref, cell: (x) => x.ismap_ref, className: 'col-nowrap' },
      { id: 'answer', header: t('sheets.field.answer'), value: (x) => x.answer, cell: (x) => <AnswerMark answer={x.answer} /> },
      { id: 'alternative', header: t('sheets.field.alternative'), value: (x) => x.alternative, cell: (x) => <span className="pre-wrap">{x.alternative}</span> },
      {
        id: 'status',
        header: t('sheets.field.status'),
        value: (x) => x.status,
        cell: (x) => (
          <div>
            <StatusBadge status={x.status} />
            {x.review && (
              <div className="small">
                {t(`sheets.review.decided.${x.review.decision}`)}: {x.review.comment}
                {x.review.reviewer && <span className="muted"> — {x.review.reviewer}</span>}
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
        cell: (x) => {
          const open = x.status === 'needs_review' || x.review !== undefined;
          if (!canReview || !reviewable || !open || x.alternative === '') return null;
          return (
            <span className="btn-row">
              <button type="button" className="btn btn-small" onClick={() => setReview({ item: x, decision: 'accepted' })}>
                {t('sheets.review.accepted')}
                <span className="visually-hidden">: {x.ref}</span>
              </button>
              <button type="button" className="btn btn-small btn-danger-outline" onClick={() => setReview({ item: x, decision: 'rejected' })}>
                {t('sheets.review.rejected')}
                <span className="visually-hidden">: {x.ref}</span>
              </button>
            </span>
          );
        },
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language, canReview, reviewable],
  );

  return (
    <Async state={state}>
      {(e) => {
        const rows = onlyOpen ? e.items.filter((x) => x.status !== 'met') : e.items;
        return (
          <>
            {notice && <Notice>{notice}</Notice>}
            <section className={`verdict-panel verdict-${e.verdict}`} aria-labelledby="verdict-title">
              <h2 id="verdict-title" className="section-title">
                {t('sheets.field.verdict')}: <VerdictBadge verdict={e.verdict} />
              </h2>
              <p>{e.ground === 'ismap_listing' ? t('sheets.ground.listing', { service: e.listing.entry?.service ?? '', registration: e.listing.entry?.registration ?? '', until: e.listing.entry?.valid_until ?? '' }) : t('sheets.ground.items', { ...e.counts })}</p>
              <p className="muted small">
                {t('sheets.listingStatus', { status: t(`sheets.listing.${e.listing.status}`, e.listing.status) })} · {t('sheets.asOf', { date: e.as_of })} ·{' '}
                {e.classification ? t('sheets.classification', { level: e.classification }) : t('sheets.undecided')}
              </p>
              {e.warnings.map((w) => (
                <p key={w.code} className="alert alert-warning" role="status">
                  {currentLang() === 'en' ? w.message_en : w.message}
                </p>
              ))}
            </section>
            {e.problems.length > 0 && (
              <details className="panel">
                <summary>{t('sheets.problems', { count: e.problems.length })}</summary>
                <ul className="problem-list">
                  {e.problems.map((p, i) => (
                    <li key={i}>
                      {placeText(p) && <strong>{placeText(p)}: </strong>}
                      {p.message}
                    </li>
                  ))}
                </ul>
              </details>
            )}
            <div className="toolbar">
              <label className="choice">
                <input type="checkbox" checked={onlyOpen} onChange={(ev) => setOnlyOpen(ev.target.checked)} /> {t('sheets.onlyOpen')}
              </label>
              <label className="choice">
                {t('sheets.asOfLabel')} <input type="date" className="input" value={asOf || e.as_of} onChange={(ev) => setAsOf(ev.target.value)} />
              </label>
              <DownloadButton path={`${responsePath}/report.xlsx`} query={asOf ? { as_of: asOf } : undefined} fallbackName="evaluation.xlsx" className="btn">
                {t('sheets.report')}
              </DownloadButton>
            </div>
            <DataTable
              rows={rows}
              columns={columns}
              rowKey={(x) => x.ref}
              caption={t('sheets.evaluationCaption')}
              initialPageSize={100}
              rowClassName={(x) => `row-status-${x.status}`}
            />
            {review && (
              <ReviewDialog
                responsePath={responsePath}
                item={review.item}
                decision={review.decision}
                onClose={() => setReview(null)}
                onDone={() => {
                  setNotice(t('sheets.review.saved', { ref: review.item.ref }));
                  setReview(null);
                  state.reload();
                }}
              />
            )}
          </>
        );
      }}
    </Async>
  );
}

export function ResponsePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { role } = useAuth();
  const base = useOrgPath();
  const responsePath = `${base}/responses/${seg(id)}`;
  const state = useApi<ResponseView>(base ? responsePath : null);
  return (
    <Async state={state}>
      {(v) =>
        role === 'respondent' ? (
          <RespondentForm view={v} responsePath={responsePath} onChanged={state.reload} />
        ) : (
          <div className="page">
            <PageHeader
              kicker={<Link to={`/sheets/${seg(v.sheet.id)}`}>{v.sheet.title}</Link>}
              title={v.response.vendor}
              subtitle={
                <>
                  <ResponseStatusBadge status={v.response.status} /> {t(`sheets.source.${v.response.source}`)}
                  {v.response.file_name && ` · ${v.response.file_name}`}
                  {v.response.submitted_at && ` · ${t('sheets.submittedAt', { time: formatDateTime(v.response.submitted_at) })}`}
                </>
              }
            />
            {v.response.status === 'invited' || v.response.status === 'in_progress' ? (
              <Notice kind="info">{t('sheets.waiting')}</Notice>
            ) : null}
            <EvaluationView view={v} responsePath={responsePath} />
            <section className="panel" aria-labelledby="evidence-title">
              <h2 id="evidence-title" className="section-title">
                {t('sheets.evidence.title')}
              </h2>
              <EvidenceList view={v} responsePath={responsePath} />
            </section>
          </div>
        )
      }
    </Async>
  );
}
