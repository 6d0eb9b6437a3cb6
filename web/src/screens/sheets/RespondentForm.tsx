// The web form a vendor's respondent answers in: items 1 and 2 (機密性, the
// information, the ISMAP listing), then every question with ○ / × / － and
// the alternative measure or the reason; evidence files; submit. Each answer
// is saved as soon as it is chosen, so nothing is lost if the page closes.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, seg } from '../../api/client';
import type { AnswerValue, ResponseQuestion, ResponseView, SheetResponse } from '../../api/sheets';
import { ConfirmDialog } from '../../components/Dialog';
import { errorString } from '../../components/errors';
import { PageHeader } from '../../components/Misc';
import { Notice } from '../../components/States';
import { FileUpload } from '../../components/Transfer';
import { formatBytes } from '../../lib/format';
import { ResponseStatusBadge } from './SheetBadges';

const CHOICES = ['yes', 'no', 'na'] as const;

function QuestionRow({ q, responsePath, locked, onSaved }: { q: ResponseQuestion; responsePath: string; locked: boolean; onSaved: (q: ResponseQuestion) => void }) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState<AnswerValue>(q.answer?.answer ?? 'blank');
  const [alternative, setAlternative] = useState(q.answer?.alternative ?? '');
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'error'>('idle');
  const [error, setError] = useState('');
  const save = async (next: AnswerValue, text: string) => {
    setState('saving');
    try {
      await api.put(`${responsePath}/answers/${seg(q.ref)}`, { answer: next, alternative: text });
      setState('saved');
      onSaved({ ...q, answer: { answer: next, written: '', alternative: text, updated_at: new Date().toISOString() } });
    } catch (e) {
      setState('error');
      setError(errorString(e));
    }
  };
  const needsText = answer === 'no' || answer === 'na';
  const name = `answer-${q.ref}`;
  return (
    <fieldset className="question" disabled={locked} data-ref={q.ref}>
      <legend className="question-title">
        <span className="question-ref">{q.ref}</span> {q.title}
        {q.ismap_ref && <span className="muted small"> (ISMAP {q.ismap_ref})</span>}
      </legend>
      {q.requirement && <p className="question-text">{q.requirement}</p>}
      <div className="choice-row" role="radiogroup" aria-label={t('sheets.form.answerFor', { ref: q.ref })}>
        {CHOICES.map((c) => (
          <label key={c} className={`choice choice-${c}`}>
            <input
              type="radio"
              name={name}
              value={c}
              checked={answer === c}
              onChange={() => {
                setAnswer(c);
                void save(c, alternative);
              }}
            />
            {t(`sheets.form.choice.${c}`)}
          </label>
        ))}
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${name}-alt`}>
          {answer === 'na' ? t('sheets.form.reason') : t('sheets.form.alternative')}
          {needsText && <span className="required-mark"> *</span>}
        </label>
        <textarea
          id={`${name}-alt`}
          className="input"
          rows={2}
          maxLength={16000}
          value={alternative}
          onChange={(e) => setAlternative(e.target.value)}
          onBlur={() => {
            if (alternative !== (q.answer?.alternative ?? '')) void save(answer, alternative);
          }}
          aria-describedby={`${name}-state`}
        />
        <p id={`${name}-state`} className="field-help" aria-live="polite">
          {needsText && !alternative.trim() && <span className="text-warning">{answer === 'na' ? t('sheets.form.reasonNeeded') : t('sheets.form.alternativeNeeded')} </span>}
          {state === 'saving' && t('sheets.form.saving')}
          {state === 'saved' && t('sheets.form.saved')}
          {state === 'error' && <span className="text-error">{error}</span>}
        </p>
      </div>
    </fieldset>
  );
}

function ListingSection({ view, responsePath, locked, onSaved }: { view: ResponseView; responsePath: string; locked: boolean; onSaved: (r: SheetResponse) => void }) {
  const { t } = useTranslation();
  const r = view.response;
  const [classification, setClassification] = useState(r.classification || view.sheet.classification || '');
  const [details, setDetails] = useState(r.details || view.sheet.information_details || '');
  const [conformity, setConformity] = useState(r.listing.conformity === 'yes' || r.listing.conformity === 'no' ? r.listing.conformity : 'blank');
  const [provider, setProvider] = useState(r.listing.provider);
  const [service, setService] = useState(r.listing.service);
  const [kind, setKind] = useState(r.listing.kind);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const save = async () => {
    try {
      const saved = await api.patch<SheetResponse>(responsePath, {
        classification,
        details,
        listing_conformity: conformity,
        listing_provider: provider,
        listing_service: service,
        listing_kind: kind,
      });
      setMessage({ ok: true, text: t('sheets.form.saved') });
      onSaved(saved);
    } catch (e) {
      setMessage({ ok: false, text: errorString(e) });
    }
  };
  return (
    <fieldset className="question" disabled={locked}>
      <legend className="question-title">{t('sheets.form.section1')}</legend>
      <div className="field">
        <label className="field-label" htmlFor="f-classification">
          {t('sheets.field.classification')}
        </label>
        <select id="f-classification" className="input field-short" value={classification} onChange={(e) => setClassification(e.target.value)}>
          <option value="">{t('sheets.undecided')}</option>
          {['3B', '3C', '2'].map((c) => (
            <option key={c} value={c}>
              {t('sheets.classification', { level: c })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor="f-details">
          {t('sheets.field.details')}
        </label>
        <textarea id="f-details" className="input" rows={2} value={details} onChange={(e) => setDetails(e.target.value)} />
      </div>
      <div className="field">
        <span className="field-label" id="f-listing">
          {t('sheets.form.listingQuestion')}
        </span>
        <div className="choice-row" role="radiogroup" aria-labelledby="f-listing">
          {(['yes', 'no'] as const).map((c) => (
            <label key={c} className="choice">
              <input type="radio" name="listing" value={c} checked={conformity === c} onChange={() => setConformity(c)} />
              {t(`sheets.form.listing.${c}`)}
            </label>
          ))}
        </div>
      </div>
      {conformity === 'yes' && (
        <div className="form-grid">
          <div className="field">
            <label className="field-label" htmlFor="f-provider">
              {t('sheets.form.provider')}
            </label>
            <input id="f-provider" className="input" value={provider} onChange={(e) => setProvider(e.target.value)} />
          </div>
          <div className="field">
            <label className="field-label" htmlFor="f-service">
              {t('sheets.form.service')}
            </label>
            <input id="f-service" className="input" value={service} onChange={(e) => setService(e.target.value)} />
          </div>
          <div className="field">
            <label className="field-label" htmlFor="f-kind">
              {t('sheets.form.kind')}
            </label>
            <select id="f-kind" className="input field-short" value={kind} onChange={(e) => setKind(e.target.value)}>
              <option value="">—</option>
              <option value="ISMAP">ISMAP</option>
              <option value="ISMAP-LIU">ISMAP-LIU</option>
            </select>
          </div>
        </div>
      )}
      <div className="btn-row">
        <button type="button" className="btn" onClick={() => void save()}>
          {t('common.save')}
        </button>
        {message && <span className={message.ok ? 'text-success' : 'text-error'} aria-live="polite">{message.text}</span>}
      </div>
    </fieldset>
  );
}

export function RespondentForm({ view, responsePath, onChanged }: { view: ResponseView; responsePath: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const [questions, setQuestions] = useState(view.questions);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const locked = view.response.status === 'submitted' || view.response.status === 'imported';
  const unanswered = questions.filter((q) => !q.answer || q.answer.answer === 'blank').length;
  return (
    <div className="page">
      <PageHeader
        title={view.sheet.title}
        subtitle={
          <>
            {view.response.vendor} · {t('sheets.field.due')}: {view.sheet.due_date ?? '—'} · <ResponseStatusBadge status={view.response.status} />
          </>
        }
      />
      {locked ? <Notice kind="info">{t('sheets.form.locked')}</Notice> : <p className="muted">{t('sheets.form.intro')}</p>}
      {notice && <Notice>{notice}</Notice>}
      <ListingSection view={view} responsePath={responsePath} locked={locked} onSaved={() => undefined} />
      <h2 className="section-title">{t('sheets.form.section2', { count: questions.length })}</h2>
      {questions.map((q) => (
        <QuestionRow key={q.ref} q={q} responsePath={responsePath} locked={locked} onSaved={(nq) => setQuestions((old) => old.map((x) => (x.ref === nq.ref ? nq : x)))} />
      ))}
      <section className="panel" aria-labelledby="evidence-title">
        <h2 id="evidence-title" className="section-title">
          {t('sheets.evidence.title')}
        </h2>
        <EvidenceList view={view} responsePath={responsePath} />
        {!locked && (
          <FileUpload
            label={t('sheets.evidence.file')}
            maxBytes={10 * 1024 * 1024}
            path={`${responsePath}/evidence`}
            contentType=""
            fileNameParam="file_name"
            submitLabel={t('sheets.evidence.upload')}
            help={t('sheets.evidence.help')}
            onResult={(r) => {
              if (r.ok) {
                setNotice(t('sheets.evidence.uploaded'));
                onChanged();
              } else setError(errorString(r.error));
            }}
          />
        )}
      </section>
      {error && <div className="alert alert-error" role="alert">{error}</div>}
      {!locked && (
        <div className="btn-row submit-row">
          <button type="button" className="btn btn-primary" onClick={() => setConfirming(true)}>
            {t('sheets.form.submit')}
          </button>
          {unanswered > 0 && <span className="text-warning">{t('sheets.form.unanswered', { count: unanswered })}</span>}
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('sheets.form.submit')}
        message={unanswered > 0 ? t('sheets.form.submitConfirmUnanswered', { count: unanswered }) : t('sheets.form.submitConfirm')}
        confirmLabel={t('sheets.form.submit')}
        busy={busy}
        onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          setBusy(true);
          try {
            await api.post(`${responsePath}/submit`);
            setConfirming(false);
            setNotice(t('sheets.form.submitted'));
            onChanged();
          } catch (e) {
            setError(errorString(e));
            setConfirming(false);
          } finally {
            setBusy(false);
          }
        }}
      />
    </div>
  );
}

export function EvidenceList({ view, responsePath }: { view: ResponseView; responsePath: string }) {
  const { t } = useTranslation();
  if (view.evidence.length === 0) return <p className="muted">{t('sheets.evidence.none')}</p>;
  return (
    <ul className="evidence-list">
      {view.evidence.map((e) => (
        <li key={e.id}>
          <a href={`/api/v1/${responsePath}/evidence/${seg(e.id)}`} download={e.file_name}>
            {e.file_name}
          </a>{' '}
          <span className="muted small">
            ({formatBytes(e.size)}
            {e.ref ? ` · ${e.ref}` : ''})
          </span>
        </li>
      ))}
    </ul>
  );
}
