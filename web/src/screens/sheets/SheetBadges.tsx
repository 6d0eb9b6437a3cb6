// Small pieces every sheet screen shows the same way: verdict, item status,
// answer and sheet/response status, each as a labelled badge (colour is never
// the only signal: the label says it).
import { useTranslation } from 'react-i18next';
import type { AnswerValue, ItemStatus, ResponseStatus, SheetStatus, Verdict } from '../../api/sheets';
import { useAuth } from '../../auth/AuthContext';

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const { t } = useTranslation();
  return <span className={`badge badge-verdict badge-verdict-${verdict}`}>{t(`sheets.verdict.${verdict}`)}</span>;
}

export function StatusBadge({ status }: { status: ItemStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge-item badge-item-${status}`}>{t(`sheets.itemStatus.${status}`)}</span>;
}

/** The answer as written on the sheet: the label carries the symbol (○ × －). */
export function AnswerMark({ answer }: { answer: AnswerValue }) {
  const { t } = useTranslation();
  return <span className={`answer-mark answer-${answer}`}>{t(`sheets.answer.${answer}`)}</span>;
}

export function SheetStatusBadge({ status }: { status: SheetStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge-status badge-status-${status}`}>{t(`sheets.sheetStatus.${status}`)}</span>;
}

export function ResponseStatusBadge({ status }: { status: ResponseStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge-status badge-status-${status}`}>{t(`sheets.responseStatus.${status}`)}</span>;
}

/** Who may change sheets and review: the roles with write_records on the server. */
export function useCanWriteSheets(): boolean {
  const { role } = useAuth();
  return role === 'admin' || role === 'isms_manager' || role === 'editor';
}

/** Who may accept or reject an alternative measure: accepting a vendor's gap is an approval (approve_records). */
export function useCanReviewSheets(): boolean {
  const { role } = useAuth();
  return role === 'admin' || role === 'isms_manager';
}
