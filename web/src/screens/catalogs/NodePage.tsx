// One item of a catalog: its text, objective, footnotes, flags and attributes,
// where it sits in the tree, and how it maps to other catalogs.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError, seg } from '../../api/client';
import type { AttributeDef, NodeDetail, Reference } from '../../api/types';
import { FlagBadges } from '../../components/Misc';
import { ErrorState, Loading } from '../../components/States';
import { currentLang, tk } from '../../i18n';
import { useApi } from '../../lib/useApi';
import { catalogTitle } from './CatalogList';
import { nodeTitle, nodeTitleLang, useCatalog } from './CatalogPage';

function attributeName(defs: AttributeDef[], key: string, value?: string): string {
  const lang = currentLang();
  const def = defs.find((d) => d.key === key);
  if (value === undefined) return def ? def.name[lang] || def.name.ja : key.replace(/_/g, ' ');
  const v = def?.values.find((x) => x.key === value);
  return v ? v.name[lang] || v.name.ja : value.replace(/_/g, ' ');
}

function referenceText(r: Reference): string {
  const parts = [r.standard, r.clause].filter(Boolean);
  if (parts.length) return parts.join(' ');
  return JSON.stringify(r);
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section className="node-section" aria-labelledby={`sec-${id}`}>
      <h3 id={`sec-${id}`} className="node-section-title">
        {title}
      </h3>
      {children}
    </section>
  );
}

function refLink(catalog: string, ref: string): string {
  return `/catalogs/${seg(catalog)}/nodes/${encodeURIComponent(ref)}`;
}

export function NodePage() {
  const { t, i18n } = useTranslation();
  const { ref = '' } = useParams();
  const { catalog, catalogs } = useCatalog();
  const state = useApi<NodeDetail>(`catalogs/${seg(catalog.id)}/nodes/${encodeURIComponent(ref)}`);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const lang = i18n.language;

  useEffect(() => {
    document.title = `${ref} — ${catalogTitle(catalog)} — mamori`;
  }, [ref, catalog, lang]);

  if (state.error) {
    if (isApiError(state.error) && state.error.status === 404) {
      return (
        <div className="panel">
          <p className="state-title">{t('node.notFound')}</p>
          <p>
            <code>{ref}</code>
          </p>
        </div>
      );
    }
    return <ErrorState error={state.error} onRetry={state.reload} />;
  }
  if (!state.data || state.data.ref !== ref) return <Loading />;
  const n = state.data;
  const flags = catalog.definition?.flags ?? [];
  const attrDefs = catalog.definition?.attributes ?? [];
  const title = nodeTitle(n);
  const titleIsText = n.text && n.text.trim() === n.title.trim();
  const catalogName = (id: string) => catalogTitle(catalogs.find((c) => c.id === id)) || id;

  return (
    <article className="panel node" aria-labelledby="node-title" data-testid="node-page">
      <header className="node-header">
        <p className="node-kicker">
          <span className="node-ref" data-testid="node-ref">
            {n.ref}
          </span>
          <span className="kind">{tk(`kinds.${n.kind}`, n.kind)}</span>
          <FlagBadges flags={n.flags} vocabulary={flags} />
        </p>
        <h2 id="node-title" className={`node-title${titleIsText ? ' node-title-text' : ''}`} ref={headingRef} lang={lang === 'en' && n.title_en ? 'en' : 'ja'} data-testid="node-title">
          {title}
        </h2>
        {lang === 'en' && n.title_en && n.title_en !== title && <p className="node-title-alt">{n.title_en}</p>}
        {lang === 'en' && n.title_en && (
          <p className="node-title-alt" lang="ja">
            {n.title}
          </p>
        )}
        {lang !== 'en' && n.title_en && (
          <p className="node-title-alt" lang="en">
            {n.title_en}
          </p>
        )}
      </header>

      {!titleIsText && n.text && (
      <Section id="text" title={t('node.text')}>
        {n.text ? (
          <p className="text-block" lang="ja" data-testid="node-text">
            {n.text}
          </p>
        ) : (
          <p className="muted">{t('node.empty')}</p>
        )}
      </Section>
      )}

      {n.objective && (
        <Section id="objective" title={t('node.objective')}>
          <p className="text-block" lang="ja">
            {n.objective}
          </p>
        </Section>
      )}

      {n.footnotes && n.footnotes.length > 0 && (
        <Section id="footnotes" title={t('node.footnotes')}>
          <ol className="footnotes" lang="ja">
            {n.footnotes.map((f, i) => (
              <li key={i} className="text-block">
                {f}
              </li>
            ))}
          </ol>
        </Section>
      )}

      {(n.flags.length > 0 || n.label || (n.references && n.references.length > 0) || n.required !== undefined || (n.refers_to && n.refers_to.length > 0)) && (
      <dl className="facts node-facts">
        {n.flags.length > 0 && (
          <div className="fact fact-wide">
            <dt>{t('node.flags')}</dt>
            <dd>
              <FlagBadges flags={n.flags} vocabulary={flags} long />
            </dd>
          </div>
        )}
        {n.label && (
          <div className="fact">
            <dt>{t('node.label')}</dt>
            <dd>{n.label}</dd>
          </div>
        )}
        {n.references && n.references.length > 0 && (
          <div className="fact">
            <dt>{t('node.references')}</dt>
            <dd>
              <ul className="plain-list">
                {n.references.map((r, i) => (
                  <li key={i}>{referenceText(r)}</li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        {n.required !== undefined && (
          <div className="fact">
            <dt>{t('node.required')}</dt>
            <dd>{n.required ? t('common.yes') : t('common.no')}</dd>
          </div>
        )}
        {n.refers_to && n.refers_to.length > 0 && (
          <div className="fact">
            <dt>{t('node.refersTo')}</dt>
            <dd>
              <ul className="plain-list">
                {n.refers_to.map((r) => {
                  const [cat, ...rest] = r.split(':');
                  const target = rest.join(':');
                  return (
                    <li key={r}>
                      {target ? (
                        <Link to={refLink(cat, target)}>
                          {catalogName(cat)} {target}
                        </Link>
                      ) : (
                        r
                      )}
                    </li>
                  );
                })}
              </ul>
            </dd>
          </div>
        )}
      </dl>
      )}

      {n.attributes && Object.keys(n.attributes).length > 0 && (
        <Section id="attributes" title={t('node.attributes')}>
          <dl className="attributes">
            {Object.entries(n.attributes).map(([key, values]) => (
              <div className="attribute" key={key}>
                <dt>{attributeName(attrDefs, key)}</dt>
                <dd>
                  {values.map((v) => (
                    <span key={v} className="badge badge-attr">
                      {attributeName(attrDefs, key, v)}
                    </span>
                  ))}
                </dd>
              </div>
            ))}
          </dl>
        </Section>
      )}

      <div className="node-family">
        <Section id="parent" title={t('node.parent')}>
          {n.parent_node ? (
            <p>
              <Link to={refLink(catalog.id, n.parent_node.ref)} className="node-link">
                <span className="node-link-ref">{n.parent_node.ref}</span> <span lang={nodeTitleLang(n.parent_node)}>{nodeTitle(n.parent_node)}</span>
              </Link>
            </p>
          ) : (
            <p>
              <Link to={`/catalogs/${seg(catalog.id)}`}>{catalogTitle(catalog)}</Link>
            </p>
          )}
        </Section>
        <Section id="children" title={t('node.children')}>
          {n.children.length === 0 ? (
            <p className="muted">{t('node.noChildren')}</p>
          ) : (
            <ul className="node-children" data-testid="node-children">
              {n.children.map((c) => (
                <li key={c.ref}>
                  <Link to={refLink(catalog.id, c.ref)} className="node-link">
                    <span className="node-link-ref">{c.ref}</span>
                    <span className="node-link-title" lang={nodeTitleLang(c)}>
                      {nodeTitle(c)}
                    </span>
                  </Link>
                  <FlagBadges flags={c.flags} vocabulary={flags} />
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>

      <Section id="mappings" title={t('node.mappings')}>
        {n.mappings.length === 0 ? (
          <p className="muted">{t('node.noMappings')}</p>
        ) : (
          <div className="table-scroll">
            <table className="table mappings" data-testid="mappings">
              <thead>
                <tr>
                  <th scope="col" className="col-nowrap">
                    {t('node.relationship')}
                  </th>
                  <th scope="col">{t('node.mappingTitle')}</th>
                </tr>
              </thead>
              <tbody>
                {n.mappings.map((m, i) => (
                  <tr key={`${m.catalog}:${m.ref}:${i}`}>
                    <td className="col-nowrap">
                      <span
                        className={`badge badge-rel badge-rel-${m.relationship}`}
                        title={tk(`relationshipHelp.${m.relationship}`, '') || undefined}
                        data-testid="relationship"
                      >
                        {tk(`relationship.${m.relationship}`, m.relationship)}
                      </span>
                    </td>
                    <td>
                      <p className="mapping-catalog">{catalogName(m.catalog)}</p>
                      <p className="mapping-target">
                        <Link to={refLink(m.catalog, m.ref)} className="link-strong mapping-ref">
                          {m.ref}
                        </Link>
                        <span lang={nodeTitleLang(m)}>{nodeTitle(m)}</span>
                      </p>
                      {m.note && (
                        <p className="mapping-source">
                          {t('node.note')}: {m.note}
                        </p>
                      )}
                      {m.source && (
                        <p className="mapping-source">
                          {t('node.source')}: {m.source}
                        </p>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </article>
  );
}
