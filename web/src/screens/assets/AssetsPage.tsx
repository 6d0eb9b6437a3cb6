// 資産台帳: the information asset inventory with its classification, personal
// information, where it is kept, the cloud services and suppliers it touches,
// and whether it is cloud service customer data or derived data (ISMAP
// 8.1.1.6.PB). Filters, multi-select bulk edit, .xlsx import and export, and
// the classification scheme.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, seg } from '../../api/client';
import { ASSET_TYPES, AXES, DATA_CATEGORIES, type Asset, type AssetImportReport, type Classification, type CloudService } from '../../api/isms';
import { useAuth } from '../../auth/AuthContext';
import { DataTable, type Column } from '../../components/DataTable';
import { ConfirmDialog } from '../../components/Dialog';
import { PageHeader } from '../../components/Misc';
import { Async, Notice } from '../../components/States';
import { DownloadButton, FileUpload } from '../../components/Transfer';
import { useApi } from '../../lib/useApi';
import { useOrgPath } from '../settings/SettingsLayout';
import { inUseText } from '../scope/conflicts';
import { ProblemList } from '../sheets/ProblemList';
import { AssetDialog, BulkDialog, levelLabel } from './AssetDialogs';
import { ClassificationPanel } from './ClassificationPanel';
import '../../styles/isms.css';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Filters {
  type: string;
  category: string;
  service: string;
  personal: string;
  confidentiality: string;
}

const NO_FILTERS: Filters = { type: '', category: '', service: '', personal: '', confidentiality: '' };

function matches(a: Asset, f: Filters): boolean {
  if (f.type && a.type !== f.type) return false;
  if (f.category && a.category !== f.category) return false;
  if (f.service && !a.service_ids.includes(f.service)) return false;
  if (f.personal && String(a.personal_info) !== f.personal) return false;
  if (f.confidentiality && String(a.confidentiality) !== f.confidentiality) return false;
  return true;
}

function FilterSelect({ id, label, value, onChange, options }: { id: string; label: string; value: string; onChange: (v: string) => void; options: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="input select" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('assets.filter.all')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function AssetsPage() {
  const { t, i18n } = useTranslation();
  const base = useOrgPath();
  const { role } = useAuth();
  const canWrite = role === 'admin' || role === 'isms_manager' || role === 'editor';
  const assets = useApi<Asset[]>(base ? `${base}/assets` : null);
  const services = useApi<CloudService[]>(base ? `${base}/services` : null);
  const scheme = useApi<Classification>(base ? `${base}/classification` : null);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<Asset | null | undefined>(undefined);
  const [bulk, setBulk] = useState(false);
  const [deleting, setDeleting] = useState<Asset | null>(null);
  const [importing, setImporting] = useState(false);
  const [importError, setImportError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const serviceNames = useMemo(() => new Map((services.data ?? []).map((s) => [s.id, s.name])), [services.data]);
  const rows = useMemo(() => (assets.data ?? []).filter((a) => matches(a, filters)), [assets.data, filters]);
  const setFilter = (k: keyof Filters) => (v: string) => setFilters((old) => ({ ...old, [k]: v }));
  const toggle = (id: string, on: boolean) =>
    setSelected((old) => {
      const next = new Set(old);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const allShownSelected = rows.length > 0 && rows.every((a) => selected.has(a.id));

  const columns = useMemo<Column<Asset>[]>(
    () => [
      ...(canWrite
        ? [
            {
              id: 'select',
              header: t('assets.select'),
              hideable: false,
              className: 'col-check',
              cell: (a: Asset) => (
                <input type="checkbox" checked={selected.has(a.id)} onChange={(e) => toggle(a.id, e.target.checked)} aria-label={t('assets.selectOne', { name: a.name })} />
              ),
            },
          ]
        : []),
      { id: 'name', header: t('assets.field.name'), hideable: false, value: (a) => a.name, cell: (a) => <strong>{a.name}</strong>, className: 'col-asset-name' },
      { id: 'type', header: t('assets.field.type'), value: (a) => t(`assets.type.${a.type}`), cell: (a) => t(`assets.type.${a.type}`) },
      { id: 'owner', header: t('assets.field.owner'), value: (a) => a.owner, cell: (a) => a.owner || '—' },
      {
        id: 'cia',
        header: t('assets.field.cia'),
        value: (a) => a.confidentiality * 100 + a.integrity * 10 + a.availability,
        filterText: (a) => AXES.map((axis) => levelLabel(scheme.data, axis, a[axis], i18n.language)).join(' '),
        cell: (a) => (
          <span className="badges">
            {AXES.map((axis) => (
              <span key={axis} className={`badge badge-level badge-level-${a[axis]}`} title={levelLabel(scheme.data, axis, a[axis], i18n.language)}>
                {t(`assets.axisShort.${axis}`)}
                {a[axis]}
              </span>
            ))}
          </span>
        ),
        className: 'col-nowrap',
      },
      {
        id: 'category',
        header: t('assets.field.category'),
        value: (a) => a.category,
        filterText: (a) => t(`assets.category.${a.category}`),
        cell: (a) => <span className={`badge badge-cat-${a.category}`}>{t(`assets.categoryShort.${a.category}`)}</span>,
      },
      {
        id: 'personal',
        header: t('assets.field.personalInfo'),
        value: (a) => (a.personal_info ? 1 : 0),
        cell: (a) => (a.personal_info ? <span className="badge badge-pi">{t('assets.personalYes')}</span> : '—'),
      },
      {
        id: 'services',
        header: t('assets.field.services'),
        value: (a) => a.service_ids.map((id) => serviceNames.get(id) ?? '').join(' '),
        cell: (a) => (a.service_ids.length ? a.service_ids.map((id) => serviceNames.get(id) ?? id).join('、') : '—'),
      },
      {
        id: 'where',
        header: t('assets.field.location'),
        value: (a) => `${a.storage_country} ${a.storage_location}`,
        cell: (a) => (
          <span className="small">
            {a.storage_country && <strong>{a.storage_country}</strong>} {a.storage_location}
          </span>
        ),
        defaultHidden: true,
      },
      { id: 'suppliers', header: t('assets.field.suppliers'), value: (a) => a.suppliers.join(' '), cell: (a) => a.suppliers.join('、') || '—', defaultHidden: true },
      {
        id: 'actions',
        header: t('common.actions'),
        hideable: false,
        className: 'col-actions',
        cell: (a) =>
          canWrite && (
            <span className="btn-row">
              <button type="button" className="btn btn-small" onClick={() => setEditing(a)}>
                {t('common.edit')}
                <span className="visually-hidden">: {a.name}</span>
              </button>
              <button type="button" className="btn btn-small btn-danger" onClick={() => setDeleting(a)}>
                {t('common.delete')}
                <span className="visually-hidden">: {a.name}</span>
              </button>
            </span>
          ),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language, canWrite, selected, serviceNames, scheme.data],
  );

  const levels = scheme.data?.confidentiality ?? [];
  return (
    <div className="page">
      <PageHeader
        title={t('assets.title')}
        subtitle={t('assets.intro')}
        actions={
          <>
            <DownloadButton path={`${base}/assets/export.xlsx`} fallbackName="assets.xlsx">
              {t('assets.export')}
            </DownloadButton>
            {canWrite && (
              <button type="button" className="btn" onClick={() => setImporting((v) => !v)} aria-expanded={importing}>
                {t('assets.import')}
              </button>
            )}
            {canWrite && (
              <button type="button" className="btn btn-primary" onClick={() => setEditing(null)} disabled={!scheme.data || !services.data}>
                {t('assets.create')}
              </button>
            )}
          </>
        }
      />
      {notice && <Notice>{notice}</Notice>}
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      {importing && (
        <section className="panel" aria-label={t('assets.import')}>
          <p className="small">{t('assets.importHelp')}</p>
          <FileUpload<AssetImportReport>
            label={t('assets.importFile')}
            accept={`.xlsx,${XLSX}`}
            maxBytes={16 * 1024 * 1024}
            path={`${base}/assets/import`}
            contentType={XLSX}
            fileNameParam="file_name"
            submitLabel={t('assets.importSubmit')}
            onResult={(r) => {
              setImportError(r.ok ? null : r.error);
              if (r.ok && r.data) {
                setNotice(t('assets.imported', { created: r.data.created, updated: r.data.updated, unchanged: r.data.unchanged }));
                setImporting(false);
                assets.reload();
              }
            }}
          />
          {importError != null && <ProblemList error={importError} />}
        </section>
      )}

      <section className="panel" aria-labelledby="asset-list-title">
        <h2 id="asset-list-title" className="visually-hidden">
          {t('assets.list')}
        </h2>
        <div className="asset-filters">
          <FilterSelect
            id="af-conf"
            label={t('assets.axis.confidentiality')}
            value={filters.confidentiality}
            onChange={setFilter('confidentiality')}
            options={levels.map((l) => ({ value: String(l.level), label: i18n.language.startsWith('en') ? l.label_en : l.label_ja }))}
          />
          <FilterSelect id="af-type" label={t('assets.field.type')} value={filters.type} onChange={setFilter('type')} options={ASSET_TYPES.map((x) => ({ value: x, label: t(`assets.type.${x}`) }))} />
          <FilterSelect id="af-service" label={t('assets.field.services')} value={filters.service} onChange={setFilter('service')} options={(services.data ?? []).map((s) => ({ value: s.id, label: s.name }))} />
          <FilterSelect
            id="af-personal"
            label={t('assets.field.personalInfo')}
            value={filters.personal}
            onChange={setFilter('personal')}
            options={[
              { value: 'true', label: t('assets.personalYes') },
              { value: 'false', label: t('assets.personalNo') },
            ]}
          />
          <FilterSelect id="af-category" label={t('assets.field.category')} value={filters.category} onChange={setFilter('category')} options={DATA_CATEGORIES.map((c) => ({ value: c, label: t(`assets.category.${c}`) }))} />
          <button type="button" className="btn btn-small" onClick={() => setFilters(NO_FILTERS)}>
            {t('assets.filter.clear')}
          </button>
        </div>
        {canWrite && (
          <div className="bulk-bar">
            <button
              type="button"
              className="btn btn-small"
              onClick={() =>
                setSelected((old) => {
                  const next = new Set(old);
                  for (const a of rows) {
                    if (allShownSelected) next.delete(a.id);
                    else next.add(a.id);
                  }
                  return next;
                })
              }
            >
              {allShownSelected ? t('assets.unselectShown') : t('assets.selectShown', { count: rows.length })}
            </button>
            <span aria-live="polite">{t('assets.selected', { count: selected.size })}</span>
            <button type="button" className="btn btn-small btn-primary" disabled={selected.size === 0 || !scheme.data} onClick={() => setBulk(true)}>
              {t('assets.bulk.open')}
            </button>
            {selected.size > 0 && (
              <button type="button" className="btn btn-small" onClick={() => setSelected(new Set())}>
                {t('assets.clearSelection')}
              </button>
            )}
          </div>
        )}
        <Async state={assets}>
          {() => <DataTable rows={rows} columns={columns} rowKey={(a) => a.id} caption={t('assets.list')} initialSort={{ id: 'name', dir: 'asc' }} initialPageSize={50} />}
        </Async>
      </section>

      {scheme.data && <ClassificationPanel scheme={scheme.data} canWrite={canWrite} onChanged={(s) => scheme.setData(s)} />}

      {editing !== undefined && scheme.data && services.data && (
        <AssetDialog
          key={editing?.id ?? 'new'}
          asset={editing}
          scheme={scheme.data}
          services={services.data}
          onClose={() => setEditing(undefined)}
          onSaved={(a) => {
            setEditing(undefined);
            setNotice(t('assets.saved', { name: a.name }));
            assets.reload();
          }}
        />
      )}
      {bulk && scheme.data && services.data && (
        <BulkDialog
          ids={[...selected]}
          scheme={scheme.data}
          services={services.data}
          onClose={() => setBulk(false)}
          onSaved={(changed) => {
            setBulk(false);
            setSelected(new Set());
            setNotice(t('assets.bulk.done', { count: changed.length }));
            assets.reload();
          }}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={t('assets.delete')}
        confirmLabel={t('common.delete')}
        danger
        message={t('assets.deleteBody', { name: deleting?.name ?? '' })}
        onCancel={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          try {
            await api.del(`${base}/assets/${seg(deleting.id)}`);
            setNotice(t('assets.deleted', { name: deleting.name }));
            setSelected((old) => {
              const next = new Set(old);
              next.delete(deleting.id);
              return next;
            });
            assets.reload();
          } catch (e) {
            setError(inUseText(e));
          }
          setDeleting(null);
        }}
      />
    </div>
  );
}
