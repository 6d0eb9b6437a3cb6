import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CatalogSummary } from '../../api/types';
import { DataTable, type Column } from '../../components/DataTable';
import { PageHeader } from '../../components/Misc';
import { Async } from '../../components/States';
import { currentLang } from '../../i18n';
import { formatDateTime, timeKey } from '../../lib/format';
import { useApi } from '../../lib/useApi';

export function catalogTitle(c: { title: string; title_en?: string } | undefined, lang = currentLang()): string {
  if (!c) return '';
  return lang === 'en' && c.title_en ? c.title_en : c.title;
}

export function CatalogList() {
  const { t, i18n } = useTranslation();
  const state = useApi<CatalogSummary[]>('catalogs', undefined, { cached: true });
  const lang = i18n.language;

  const columns = useMemo<Column<CatalogSummary>[]>(
    () => [
      {
        id: 'title',
        header: t('catalogs.name'),
        hideable: false,
        value: (c) => `${c.title} ${c.title_en ?? ''}`,
        cell: (c) => (
          <div className="cell-title">
            <Link to={`/catalogs/${encodeURIComponent(c.id)}`} className="link-strong">
              {catalogTitle(c)}
            </Link>
            {c.title_en && <span className="cell-sub">{lang === 'en' ? c.title : c.title_en}</span>}
          </div>
        ),
      },
      { id: 'id', header: t('catalogs.id'), value: (c) => c.id, cell: (c) => <code>{c.id}</code>, className: 'col-nowrap' },
      { id: 'version', header: t('catalogs.version'), value: (c) => c.version, cell: (c) => c.version, className: 'col-nowrap' },
      { id: 'publisher', header: t('catalogs.publisher'), value: (c) => c.publisher ?? '', cell: (c) => c.publisher || '—' },
      { id: 'nodes', header: t('catalogs.nodeCount'), value: (c) => c.nodes, cell: (c) => c.nodes.toLocaleString(), className: 'col-num' },
      {
        id: 'loaded',
        header: t('catalogs.loadedAt'),
        value: (c) => timeKey(c.loaded_at), filterText: (c) => formatDateTime(c.loaded_at),
        cell: (c) => formatDateTime(c.loaded_at),
        className: 'col-nowrap',
        defaultHidden: true,
      },
    ],
    [t, lang],
  );

  return (
    <div className="page">
      <PageHeader
        title={t('catalogs.title')}
        subtitle={t('catalogs.intro')}
        actions={
          <Link to="/catalogs/check" className="btn">
            {t('catalogs.check')}
          </Link>
        }
      />
      <Async state={state}>
        {(catalogs) => (
          <DataTable rows={catalogs} columns={columns} rowKey={(c) => c.id} caption={t('catalogs.list')} initialPageSize={25} />
        )}
      </Async>
    </div>
  );
}
