import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError, type ApiProblem } from '../../api/client';
import { PageHeader } from '../../components/Misc';
import { ErrorState, Notice } from '../../components/States';
import { FileUpload, type UploadResult } from '../../components/Transfer';

interface CheckOk {
  ok: boolean;
  catalogs: string[];
}

export function CatalogCheck() {
  const { t } = useTranslation();
  const [result, setResult] = useState<UploadResult<CheckOk> | null>(null);
  const problems: ApiProblem[] | undefined = result && !result.ok && isApiError(result.error) ? result.error.problems : undefined;
  const unavailable = result && !result.ok && isApiError(result.error) && (result.error.status === 404 || result.error.status === 405);

  return (
    <div className="page page-narrow">
      <p className="breadcrumb">
        <Link to="/catalogs">{t('catalogs.title')}</Link>
      </p>
      <PageHeader title={t('catalogs.check')} subtitle={t('catalogs.checkIntro')} />
      <section className="panel">
        <FileUpload<CheckOk>
          label={t('catalogs.checkFile')}
          accept=".yaml,.yml,application/yaml,text/yaml"
          maxBytes={32 * 1024 * 1024}
          path="catalogs/check"
          contentType="application/yaml"
          submitLabel={t('catalogs.checkSubmit')}
          onResult={setResult}
        />
      </section>
      <div aria-live="polite">
        {result?.ok && result.data && <Notice>{t('catalogs.checkOk', { catalogs: result.data.catalogs.join(', ') || '—' })}</Notice>}
        {unavailable && <Notice kind="warning">{t('catalogs.checkUnavailable')}</Notice>}
        {problems && problems.length > 0 && (
          <section className="panel problems" aria-labelledby="problems-title">
            <h2 id="problems-title" className="section-title section-title-error">
              {t('catalogs.checkProblems', { count: problems.length })}
            </h2>
            <div className="table-scroll">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col" className="col-num">
                      {t('catalogs.line')}
                    </th>
                    <th scope="col">{t('catalogs.message')}</th>
                  </tr>
                </thead>
                <tbody>
                  {problems.map((p, i) => (
                    <tr key={i}>
                      <td className="col-num">{p.line ?? '—'}</td>
                      <td className="cell-pre">{p.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        )}
        {result && !result.ok && !unavailable && !(problems && problems.length > 0) && <ErrorState error={result.error} />}
      </div>
    </div>
  );
}
