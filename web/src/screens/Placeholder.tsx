import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../components/Misc';
import { EmptyState } from '../components/States';

export type Workflow = 'sheets' | 'soa' | 'risks' | 'assets' | 'audits' | 'documents' | 'incidents';

/** An honest empty state for a workflow that a later release fills. */
export function Placeholder({ workflow }: { workflow: Workflow }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageHeader title={t(`placeholder.${workflow}.title`)} />
      <EmptyState
        title={t('placeholder.notYet')}
        action={
          <Link className="btn" to="/catalogs">
            {t('placeholder.goCatalogs')}
          </Link>
        }
      >
        <p>{t(`placeholder.${workflow}.body`)}</p>
        <p className="muted">{t('placeholder.intro')}</p>
      </EmptyState>
    </div>
  );
}
