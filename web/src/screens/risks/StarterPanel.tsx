// The cloud risk sources of seed 003 4.2.1 proposed for one service by its
// role (customer / provider / both): each can become a risk of the service.
import { useTranslation } from 'react-i18next';
import type { StarterList, StarterProposal } from '../../api/risks';
import { Async } from '../../components/States';
import type { ApiState } from '../../lib/useApi';

export function StarterPanel({ state, canWrite, onAdd, onClose }: { state: ApiState<StarterList>; canWrite: boolean; onAdd: (p: StarterProposal) => void; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  return (
    <section className="risk-starter" aria-labelledby="risk-starter-title">
      <div className="btn-row">
        <h2 id="risk-starter-title">{t('risks.starter.title')}</h2>
        <button type="button" className="btn btn-small" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <Async state={state}>
        {(list) => (
          <>
            <p>{t('risks.starter.intro', { service: list.service_name, role: t(`risks.starter.role.${list.role as 'customer' | 'provider' | 'both'}`) })}</p>
            <ul>
              {list.proposals.map((p) => (
                <li key={p.source_key}>
                  <strong>{en ? p.title_en : p.title_ja}</strong> <span className="muted small">{p.reference}</span>
                  <div className="risk-threat small">{p.threat}</div>
                  <div className="small">
                    {t('risks.starter.controls')}: {p.controls.map((c) => `${c.catalog_key} ${c.ref}`).join(', ')}
                  </div>
                  {p.already_added ? (
                    <span className="badge">{t('risks.starter.added')}</span>
                  ) : (
                    canWrite && (
                      <button type="button" className="btn btn-small btn-primary" onClick={() => onAdd(p)}>
                        {t('risks.starter.add')}
                        <span className="visually-hidden">: {p.title_ja}</span>
                      </button>
                    )
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </Async>
    </section>
  );
}
