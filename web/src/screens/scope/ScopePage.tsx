// 範囲・サービス: the ISMS scope (organisational, system and physical
// boundaries, interfaces, exclusions with reasons; seed 003 4.1) and the cloud
// services in it, each with the organisation's role, what it runs on and where
// its data is kept.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, seg } from '../../api/client';
import type { CloudService, Scope, ScopeExclusion, ServiceRole } from '../../api/isms';
import { useAuth } from '../../auth/AuthContext';
import { DataTable, type Column } from '../../components/DataTable';
import { ConfirmDialog, Dialog } from '../../components/Dialog';
import { FormError, TextAreaField, TextField, useApiForm } from '../../components/Form';
import { PageHeader } from '../../components/Misc';
import { Async, Notice } from '../../components/States';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { useOrgPath } from '../settings/SettingsLayout';
import { inUseText } from './conflicts';
import { ServiceDialog } from './ServiceDialog';
import '../../styles/isms.css';

const SECTIONS = ['organisational', 'system_boundary', 'physical', 'interfaces'] as const;
type Section = (typeof SECTIONS)[number];

export function RoleBadge({ role }: { role: ServiceRole }) {
  const { t } = useTranslation();
  return <span className={`badge badge-svc-role badge-svc-role-${role}`}>{t(`scope.role.${role}`)}</span>;
}

function ScopeTextDialog({ scope, onClose, onSaved }: { scope: Scope; onClose: () => void; onSaved: (s: Scope) => void }) {
  const { t } = useTranslation();
  const base = useOrgPath();
  const form = useApiForm();
  const [text, setText] = useState<Record<Section, string>>({
    organisational: scope.organisational,
    system_boundary: scope.system_boundary,
    physical: scope.physical,
    interfaces: scope.interfaces,
  });
  const submit = async () => {
    const r = await form.run(() => api.patch<Scope>(`${base}/scope`, text));
    if (r !== undefined) onSaved(r);
  };
  return (
    <Dialog
      open
      onClose={onClose}
      size="large"
      title={t('scope.editText')}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="scope-form" className="btn btn-primary" disabled={form.busy}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <form id="scope-form" ref={form.formRef} onSubmit={form.onSubmit(submit)} noValidate className="form">
        {SECTIONS.map((s) => (
          <TextAreaField
            key={s}
            name={s}
            label={t(`scope.section.${s}`)}
            help={t(`scope.sectionHelp.${s}`)}
            rows={4}
            value={text[s]}
            onChange={(e) => setText((old) => ({ ...old, [s]: e.target.value }))}
            apiForm={form}
          />
        ))}
        <FormError error={form.formError} />
      </form>
    </Dialog>
  );
}

function ExclusionDialog({ onClose, onSaved }: { onClose: () => void; onSaved: (s: Scope) => void }) {
  const { t } = useTranslation();
  const base = useOrgPath();
  const form = useApiForm();
  const [item, setItem] = useState('');
  const [reason, setReason] = useState('');
  const submit = async () => {
    const r = await form.run(() => api.post<Scope>(`${base}/scope/exclusions`, { item: item.trim(), reason: reason.trim() }));
    if (r !== undefined) onSaved(r);
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={t('scope.exclusion.add')}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="exclusion-form" className="btn btn-primary" disabled={form.busy}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <form id="exclusion-form" ref={form.formRef} onSubmit={form.onSubmit(submit)} noValidate className="form">
        <TextField name="item" label={t('scope.exclusion.item')} required value={item} onChange={(e) => setItem(e.target.value)} apiForm={form} />
        <TextAreaField name="reason" label={t('scope.exclusion.reason')} required rows={3} value={reason} onChange={(e) => setReason(e.target.value)} apiForm={form} />
        <FormError error={form.formError} />
      </form>
    </Dialog>
  );
}

function SupplyChain({ service }: { service: CloudService }) {
  const { t } = useTranslation();
  if (service.runs_on.length === 0) return <span className="muted">{t('scope.service.ownInfrastructure')}</span>;
  return (
    <ul className="chain">
      {service.runs_on.map((d, i) =>
        'external_name' in d ? (
          <li key={i}>
            {d.external_name} <span className="badge badge-ext">{t('scope.service.externalBadge')}</span>
            {d.ismap_registered && <span className="badge badge-ismap">ISMAP</span>}
          </li>
        ) : (
          <li key={i}>
            {d.name} {d.role && <RoleBadge role={d.role} />}
          </li>
        ),
      )}
    </ul>
  );
}

export function ScopePage() {
  const { t, i18n } = useTranslation();
  const base = useOrgPath();
  const { role } = useAuth();
  const canWrite = role === 'admin' || role === 'isms_manager' || role === 'editor';
  const scope = useApi<Scope>(base ? `${base}/scope` : null);
  const services = useApi<CloudService[]>(base ? `${base}/services` : null);
  const [editingText, setEditingText] = useState(false);
  const [addingExclusion, setAddingExclusion] = useState(false);
  const [removing, setRemoving] = useState<ScopeExclusion | null>(null);
  const [editing, setEditing] = useState<CloudService | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<CloudService | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const columns = useMemo<Column<CloudService>[]>(
    () => [
      { id: 'name', header: t('scope.service.name'), hideable: false, value: (s) => s.name, cell: (s) => <strong>{s.name}</strong> },
      { id: 'model', header: t('scope.service.model'), value: (s) => s.model, cell: (s) => t(`scope.model.${s.model}`) },
      { id: 'role', header: t('scope.service.role'), value: (s) => s.role, cell: (s) => <RoleBadge role={s.role} /> },
      { id: 'runs_on', header: t('scope.service.runsOn'), value: (s) => s.runs_on.length, cell: (s) => <SupplyChain service={s} /> },
      { id: 'countries', header: t('scope.service.countries'), value: (s) => s.data_countries.join(' '), cell: (s) => (s.data_countries.length ? s.data_countries.join(', ') : '—'), className: 'col-nowrap' },
      { id: 'in_scope', header: t('scope.service.inScope'), value: (s) => (s.in_scope ? 1 : 0), cell: (s) => (s.in_scope ? t('scope.inScopeYes') : t('scope.inScopeNo')) },
      { id: 'owner', header: t('scope.service.owner'), value: (s) => s.owner, cell: (s) => s.owner || '—', defaultHidden: true },
      { id: 'note', header: t('scope.service.locationNote'), value: (s) => s.data_location_note, cell: (s) => <span className="small">{s.data_location_note}</span>, defaultHidden: true },
      {
        id: 'actions',
        header: t('common.actions'),
        hideable: false,
        className: 'col-actions',
        cell: (s) =>
          canWrite && (
            <span className="btn-row">
              <button type="button" className="btn btn-small" onClick={() => setEditing(s)}>
                {t('common.edit')}
                <span className="visually-hidden">: {s.name}</span>
              </button>
              <button type="button" className="btn btn-small btn-danger" onClick={() => setDeleting(s)}>
                {t('common.delete')}
                <span className="visually-hidden">: {s.name}</span>
              </button>
            </span>
          ),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language, canWrite],
  );

  return (
    <div className="page">
      <PageHeader title={t('scope.title')} subtitle={t('scope.intro')} />
      {notice && <Notice>{notice}</Notice>}
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <section className="panel" aria-labelledby="scope-text-title">
        <div className="panel-head">
          <h2 id="scope-text-title">{t('scope.boundaries')}</h2>
          {canWrite && scope.data && (
            <button type="button" className="btn" onClick={() => setEditingText(true)}>
              {t('scope.editText')}
            </button>
          )}
        </div>
        <Async state={scope}>
          {(s) => (
            <>
              <dl className="scope-sections">
                {SECTIONS.map((k) => (
                  <div key={k} className="scope-section">
                    <dt>{t(`scope.section.${k}`)}</dt>
                    <dd>{s[k] ? <p className="pre-line">{s[k]}</p> : <span className="muted">{t('scope.notWritten')}</span>}</dd>
                  </div>
                ))}
              </dl>
              {s.updated_at && <p className="muted small">{t('scope.updated', { at: formatDateTime(s.updated_at) })}</p>}
              <div className="panel-head">
                <h3>{t('scope.exclusion.title')}</h3>
                {canWrite && (
                  <button type="button" className="btn btn-small" onClick={() => setAddingExclusion(true)}>
                    {t('scope.exclusion.add')}
                  </button>
                )}
              </div>
              {s.exclusions.length === 0 ? (
                <p className="muted">{t('scope.exclusion.none')}</p>
              ) : (
                <table className="table">
                  <caption className="visually-hidden">{t('scope.exclusion.title')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('scope.exclusion.item')}</th>
                      <th scope="col">{t('scope.exclusion.reason')}</th>
                      {canWrite && <th scope="col">{t('common.actions')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {s.exclusions.map((e) => (
                      <tr key={e.id}>
                        <td>{e.item}</td>
                        <td className="pre-line">{e.reason}</td>
                        {canWrite && (
                          <td>
                            <button type="button" className="btn btn-small" onClick={() => setRemoving(e)}>
                              {t('scope.exclusion.remove')}
                              <span className="visually-hidden">: {e.item}</span>
                            </button>
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          )}
        </Async>
      </section>

      <section className="panel" aria-labelledby="services-title">
        <div className="panel-head">
          <h2 id="services-title">{t('scope.services')}</h2>
          {canWrite && (
            <button type="button" className="btn btn-primary" onClick={() => setEditing(null)}>
              {t('scope.service.create')}
            </button>
          )}
        </div>
        <p className="muted small">{t('scope.rolesHelp')}</p>
        <Async state={services}>
          {(rows) => <DataTable rows={rows} columns={columns} rowKey={(s) => s.id} caption={t('scope.services')} initialSort={{ id: 'name', dir: 'asc' }} />}
        </Async>
      </section>

      {editingText && scope.data && (
        <ScopeTextDialog
          scope={scope.data}
          onClose={() => setEditingText(false)}
          onSaved={(s) => {
            setEditingText(false);
            scope.setData(s);
            setNotice(t('scope.saved'));
          }}
        />
      )}
      {addingExclusion && (
        <ExclusionDialog
          onClose={() => setAddingExclusion(false)}
          onSaved={(s) => {
            setAddingExclusion(false);
            scope.setData(s);
            setNotice(t('scope.saved'));
          }}
        />
      )}
      <ConfirmDialog
        open={removing !== null}
        title={t('scope.exclusion.remove')}
        confirmLabel={t('scope.exclusion.remove')}
        message={removing?.item ?? ''}
        onCancel={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          try {
            scope.setData(await api.del<Scope>(`${base}/scope/exclusions/${seg(removing.id)}`));
            setNotice(t('scope.saved'));
          } catch (e) {
            setError(inUseText(e));
          }
          setRemoving(null);
        }}
      />
      {editing !== undefined && services.data && (
        <ServiceDialog
          key={editing?.id ?? 'new'}
          service={editing}
          all={services.data}
          onClose={() => setEditing(undefined)}
          onSaved={(s) => {
            setEditing(undefined);
            setNotice(t('scope.service.saved', { name: s.name }));
            services.reload();
          }}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={t('scope.service.delete')}
        confirmLabel={t('common.delete')}
        danger
        message={t('scope.service.deleteBody', { name: deleting?.name ?? '' })}
        onCancel={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          try {
            await api.del(`${base}/services/${seg(deleting.id)}`);
            setNotice(t('scope.service.deleted', { name: deleting.name }));
            services.reload();
          } catch (e) {
            setError(inUseText(e));
          }
          setDeleting(null);
        }}
      />
    </div>
  );
}
