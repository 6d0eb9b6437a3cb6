// Picks controls for a treatment from any loaded catalog: choose the catalog,
// search its items (Japanese substrings, any width), add a hit.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { seg } from '../../api/client';
import type { ControlRef } from '../../api/risks';
import type { CatalogNode, CatalogSummary } from '../../api/types';
import { SelectField, TextField } from '../../components/Form';
import { useApi } from '../../lib/useApi';

export function ControlPicker({ chosen, onAdd }: { chosen: ControlRef[]; onAdd: (c: ControlRef) => void }) {
  const { t } = useTranslation();
  const catalogs = useApi<CatalogSummary[]>('catalogs', undefined, { cached: true });
  const [catalog, setCatalog] = useState('iso27001-2022');
  const [q, setQ] = useState('');
  const hits = useApi<CatalogNode[]>(q.trim() ? `catalogs/${seg(catalog)}/search` : null, q.trim() ? { q: q.trim(), limit: 20 } : undefined);
  const taken = (ref: string) => chosen.some((c) => c.catalog_key === catalog && c.ref === ref);
  return (
    <div className="risk-list-editor">
      <div className="risk-list-row">
        <SelectField
          name="control_catalog"
          label={t('risks.treatment.catalog')}
          options={(catalogs.data ?? [{ id: catalog, title: catalog } as CatalogSummary]).map((c) => ({ value: c.id, label: `${c.id} — ${c.title}` }))}
          value={catalog}
          onChange={(e) => setCatalog(e.target.value)}
        />
        <TextField name="control_search" type="search" label={t('risks.treatment.search')} value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      {q.trim() && (
        <ul className="small" aria-label={t('risks.treatment.hits')}>
          {(hits.data ?? []).map((n) => (
            <li key={n.ref}>
              <button type="button" className="btn btn-small" disabled={taken(n.ref)} onClick={() => onAdd({ catalog_key: catalog, ref: n.ref, title: n.title })}>
                {t('common.add')}
                <span className="visually-hidden">: {n.ref}</span>
              </button>{' '}
              <strong>{n.ref}</strong> {n.title}
            </li>
          ))}
          {hits.data && hits.data.length === 0 && <li className="muted">{t('risks.treatment.noHits')}</li>}
        </ul>
      )}
    </div>
  );
}
