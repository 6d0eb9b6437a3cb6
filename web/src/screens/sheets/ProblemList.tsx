// What an uploaded file got wrong, each with its place (sheet, row, column),
// as the server reported it: one error with `where`, or a list of problems.
import { useTranslation } from 'react-i18next';
import { isApiError, type FilePlace } from '../../api/client';
import { errorString } from '../../components/errors';
import { tk } from '../../i18n';

export function placeText(p: FilePlace): string {
  const t = (k: string, o: Record<string, unknown>) => tk(k, k, o);
  const parts: string[] = [];
  if (p.sheet) parts.push(t('sheets.place.sheet', { sheet: p.sheet }));
  if (p.row) parts.push(t('sheets.place.row', { row: p.row }));
  if (p.column) parts.push(t('sheets.place.column', { column: p.column }));
  if (p.line) parts.push(t('sheets.place.line', { line: p.line }));
  return parts.join(' ');
}

export function ProblemList({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const where = isApiError(error) ? error.where : undefined;
  const problems = isApiError(error) ? (error.problems ?? []) : [];
  return (
    <div className="alert alert-error" role="alert">
      <p>
        {errorString(error)}
        {where && placeText(where) && <> — {placeText(where)}</>}
      </p>
      {problems.length > 0 && (
        <ul className="problem-list">
          {problems.slice(0, 50).map((p, i) => (
            <li key={i}>
              {placeText(p) && <strong>{placeText(p)}: </strong>}
              {p.message}
            </li>
          ))}
          {problems.length > 50 && <li>{t('sheets.moreProblems', { count: problems.length - 50 })}</li>}
        </ul>
      )}
    </div>
  );
}
