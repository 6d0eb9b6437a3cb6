// One catalog: its contents as a tree on the left, search and the chosen item
// on the right.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useMatch, useNavigate, useOutletContext, useParams, useSearchParams } from 'react-router';
import { ApiError, seg } from '../../api/client';
import type { CatalogNode, CatalogSummary } from '../../api/types';
import { FlagBadges, Highlight, snippet } from '../../components/Misc';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { DownloadButton } from '../../components/Transfer';
import { Tree } from '../../components/Tree';
import { currentLang, tk } from '../../i18n';
import { useApi } from '../../lib/useApi';
import { catalogTitle } from './CatalogList';

export interface CatalogContext {
  catalog: CatalogSummary;
  nodes: CatalogNode[];
  catalogs: CatalogSummary[];
}

export function useCatalog(): CatalogContext {
  return useOutletContext<CatalogContext>();
}

export function nodeTitle(n: { title: string; title_en?: string }): string {
  return currentLang() === 'en' && n.title_en ? n.title_en : n.title;
}

/** The language of what nodeTitle() gives: Japanese text keeps Japanese line breaking in the English UI. */
export function nodeTitleLang(n: { title: string; title_en?: string }): 'ja' | 'en' {
  return currentLang() === 'en' && n.title_en ? 'en' : 'ja';
}

function SearchBox({ catalogId }: { catalogId: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const onIndex = useMatch('/catalogs/:id');
  const urlQ = onIndex ? (params.get('q') ?? '') : '';
  const [q, setQ] = useState(urlQ);
  const typing = useRef(false);

  useEffect(() => {
    if (!typing.current) setQ(urlQ);
  }, [urlQ]);

  // Search as one types (after a short pause); Enter searches at once.
  // The pending search is dropped when Enter has searched already or the
  // person has gone elsewhere (clicked a result) in the meantime: otherwise
  // a quick click on a result within the pause was undone by the late
  // search navigating back to the results (seen once the answers came
  // from the response cache fast enough to click within 300 ms).
  const pending = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!typing.current) return;
    const from = window.location.pathname;
    pending.current = window.setTimeout(() => {
      pending.current = undefined;
      if (!typing.current || window.location.pathname !== from) return;
      typing.current = false;
      const target = q.trim() ? `/catalogs/${seg(catalogId)}?q=${encodeURIComponent(q.trim())}` : `/catalogs/${seg(catalogId)}`;
      navigate(target, { replace: Boolean(onIndex) });
    }, 300);
    return () => {
      window.clearTimeout(pending.current);
      pending.current = undefined;
    };
  }, [q, catalogId, navigate, onIndex]);

  return (
    <form
      role="search"
      className="catalog-search keep-focus"
      onSubmit={(e) => {
        e.preventDefault();
        window.clearTimeout(pending.current);
        pending.current = undefined;
        typing.current = false;
        const v = q.trim();
        navigate(v ? `/catalogs/${seg(catalogId)}?q=${encodeURIComponent(v)}` : `/catalogs/${seg(catalogId)}`, {
          replace: Boolean(onIndex),
        });
      }}
    >
      <label htmlFor="catalog-q" className="field-label">
        {t('catalogs.searchLabel')}
      </label>
      <div className="search-row">
        <input
          id="catalog-q"
          name="q"
          type="search"
          className="input input-search"
          placeholder={t('catalogs.searchPlaceholder')}
          value={q}
          maxLength={1000}
          aria-describedby="catalog-q-hint"
          onChange={(e) => {
            typing.current = true;
            setQ(e.target.value);
          }}
        />
        <button type="submit" className="btn btn-primary">
          {t('catalogs.search')}
        </button>
      </div>
      <p id="catalog-q-hint" className="field-help">
        {t('catalogs.searchHint')}
      </p>
    </form>
  );
}

function ExportButtons({ catalogId }: { catalogId: string }) {
  const { t } = useTranslation();
  const formats: { f: string; label: string; ext: string }[] = [
    { f: 'xlsx', label: 'Excel (.xlsx)', ext: 'xlsx' },
    { f: 'yaml', label: 'YAML', ext: 'yaml' },
    { f: 'json', label: 'JSON', ext: 'json' },
  ];
  return (
    <div className="export" role="group" aria-label={t('catalogs.export')}>
      <span className="export-label" aria-hidden="true">
        {t('catalogs.export')}
      </span>
      {formats.map(({ f, label, ext }) => (
        <DownloadButton
          key={f}
          path={`catalogs/${seg(catalogId)}/export`}
          query={{ format: f }}
          fallbackName={`${catalogId}.${ext}`}
          className="btn btn-small"
        >
          {label}
        </DownloadButton>
      ))}
    </div>
  );
}

export function CatalogPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const refMatch = useMatch('/catalogs/:id/nodes/:ref');
  const selected = refMatch?.params.ref ? decodeURIComponent(refMatch.params.ref) : undefined;
  const navigate = useNavigate();
  const catalogs = useApi<CatalogSummary[]>('catalogs', undefined, { cached: true });
  const nodes = useApi<CatalogNode[]>(`catalogs/${seg(id)}/nodes`, undefined, { cached: true });
  const [expandSignal, setExpandSignal] = useState({ all: false, n: 0 });
  const lang = i18n.language;

  const catalog = catalogs.data?.find((c) => c.id === id);
  const treeNodes = useMemo(() => (nodes.data ?? []).map((n) => ({ ...n, id: n.ref })), [nodes.data]);

  if (catalogs.error) return <ErrorState error={catalogs.error} onRetry={catalogs.reload} />;
  if (nodes.error) return <ErrorState error={nodes.error} onRetry={nodes.reload} />;
  if (!catalogs.data || !nodes.data) return <Loading />;
  if (!catalog) return <ErrorState error={new ApiError(404, { reason: 'not_found' })} />;

  const ctx: CatalogContext = { catalog, nodes: nodes.data, catalogs: catalogs.data };
  const flags = catalog.definition?.flags ?? [];

  return (
    <div className="page page-wide catalog-page">
      <p className="breadcrumb">
        <Link to="/catalogs">{t('catalogs.title')}</Link>
      </p>
      <div className="page-header catalog-header">
        <div className="page-header-text">
          <h1 className="page-title">
            <Link to={`/catalogs/${seg(id)}`} className="title-link">
              {catalogTitle(catalog)}
            </Link>
          </h1>
          <p className="page-subtitle">
            {lang === 'en' ? catalog.title : catalog.title_en}
            <span className="meta-sep" aria-hidden="true" />
            {t('catalogs.version')} {catalog.version}
            {catalog.publisher && (
              <>
                <span className="meta-sep" aria-hidden="true" />
                {catalog.publisher}
              </>
            )}
            <span className="meta-sep" aria-hidden="true" />
            {t('catalogs.nodeCount')} {catalog.nodes.toLocaleString()}
          </p>
        </div>
        <div className="page-actions">
          <ExportButtons catalogId={id} />
        </div>
      </div>
      <SearchBox catalogId={id} />
      <div className="catalog-grid">
        <section className="catalog-tree panel" aria-labelledby="tree-title">
          <div className="panel-head">
            <h2 id="tree-title" className="section-title">
              {t('catalogs.tree')}
            </h2>
            <div className="inline-actions">
              <button type="button" className="btn btn-small" onClick={() => setExpandSignal((s) => ({ all: true, n: s.n + 1 }))}>
                {t('catalogs.expandAll')}
              </button>
              <button type="button" className="btn btn-small" onClick={() => setExpandSignal((s) => ({ all: false, n: s.n + 1 }))}>
                {t('catalogs.collapseAll')}
              </button>
            </div>
          </div>
          <div className="tree-scroll">
            <Tree
              nodes={treeNodes}
              label={t('catalogs.treeLabel', { title: catalogTitle(catalog) })}
              selectedId={selected}
              expandAllSignal={expandSignal}
              onActivate={(n) => navigate(`/catalogs/${seg(id)}/nodes/${encodeURIComponent(n.ref)}`)}
              renderLabel={(n) => (
                <>
                  <span className="tree-ref">{n.ref}</span>
                  <span className="tree-title" title={nodeTitle(n)} lang={nodeTitleLang(n)}>
                    {nodeTitle(n)}
                  </span>
                  <FlagBadges flags={n.flags} vocabulary={flags} />
                </>
              )}
            />
          </div>
        </section>
        <div className="catalog-content">
          <Outlet context={ctx} />
        </div>
      </div>
    </div>
  );
}

/** The right-hand side without a chosen item: search results or the catalog's description. */
export function CatalogHome() {
  const { t } = useTranslation();
  const { catalog } = useCatalog();
  const [params] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  if (q) return <SearchResults catalogId={catalog.id} q={q} />;
  return (
    <section className="panel catalog-about" aria-labelledby="about-title">
      <h2 id="about-title" className="section-title">
        {catalogTitle(catalog)}
      </h2>
      <p className="muted">{t('catalogs.selectNode')}</p>
      {catalog.source && (
        <dl className="facts facts-stacked">
          <div className="fact">
            <dt>{t('catalogs.source')}</dt>
            <dd>{catalog.source}</dd>
          </div>
        </dl>
      )}
      {catalog.notes && (
        <details className="notes">
          <summary>{t('catalogs.showNotes')}</summary>
          <p className="text-block" lang="en">
            {catalog.notes}
          </p>
        </details>
      )}
    </section>
  );
}

const LIMIT = 200;

function SearchResults({ catalogId, q }: { catalogId: string; q: string }) {
  const { t } = useTranslation();
  const { catalog } = useCatalog();
  const state = useApi<CatalogNode[]>(`catalogs/${seg(catalogId)}/search`, { q, limit: LIMIT });
  const flags = catalog.definition?.flags ?? [];
  return (
    <section className="panel search-results" aria-labelledby="results-title">
      <h2 id="results-title" className="section-title" aria-live="polite">
        {state.loading ? t('catalogs.searching') : state.data ? t('catalogs.results', { count: state.data.length }) : t('catalogs.search')}
      </h2>
      {state.error ? (
        <ErrorState error={state.error} onRetry={state.reload} />
      ) : !state.data ? (
        <Loading label={t('catalogs.searching')} />
      ) : state.data.length === 0 ? (
        <EmptyState>{t('catalogs.noResults', { q })}</EmptyState>
      ) : (
        <>
          {state.data.length >= LIMIT && <p className="muted">{t('catalogs.resultsTruncated', { count: LIMIT })}</p>}
          <ol className="results" data-testid="search-results">
            {state.data.map((n) => {
              const title = nodeTitle(n);
              const showText = n.text && n.text !== n.title;
              return (
                <li key={n.ref} className="result">
                  <Link to={`/catalogs/${seg(catalogId)}/nodes/${encodeURIComponent(n.ref)}`} className="result-link">
                    <span className="result-ref">{n.ref}</span>
                    <span className="result-title" lang={nodeTitleLang(n)}>
                      <Highlight text={title} query={q} />
                    </span>
                  </Link>
                  <div className="result-meta">
                    <span className="kind">{tk(`kinds.${n.kind}`, n.kind)}</span>
                    <FlagBadges flags={n.flags} vocabulary={flags} />
                  </div>
                  {showText && (
                    <p className="result-snippet" lang="ja">
                      <Highlight text={snippet(n.text, q)} query={q} />
                    </p>
                  )}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}
