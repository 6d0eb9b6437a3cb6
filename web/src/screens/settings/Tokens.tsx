import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, seg } from '../../api/client';
import { ROLES, type ApiToken, type Role } from '../../api/types';
import { DataTable, type Column } from '../../components/DataTable';
import { ConfirmDialog, Dialog } from '../../components/Dialog';
import { errorString } from '../../components/errors';
import { FormError, SelectField, TextField, useApiForm } from '../../components/Form';
import { RoleBadge, SecretValue } from '../../components/Misc';
import { Async, Notice } from '../../components/States';
import { tk } from '../../i18n';
import { formatDateTime, timeKey } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { useOrgPath } from './SettingsLayout';

function status(tok: ApiToken): 'revoked' | 'expired' | 'active' {
  if (tok.revoked_at) return 'revoked';
  if (Date.parse(tok.expires_at) < Date.now()) return 'expired';
  return 'active';
}

function CreateTokenDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (t: ApiToken) => void }) {
  const { t } = useTranslation();
  const base = useOrgPath();
  const form = useApiForm();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [days, setDays] = useState('90');
  const [created, setCreated] = useState<ApiToken | null>(null);

  const close = () => {
    setName('');
    setRole('viewer');
    setDays('90');
    setCreated(null);
    form.clear();
    onClose();
  };

  const submit = async () => {
    const n = Number(days.trim());
    const r = await form.run(() =>
      api.post<ApiToken>(`${base}/api-tokens`, { name: name.trim(), role, expires_in_days: Number.isInteger(n) && days.trim() ? n : days }),
    );
    if (r) {
      setCreated(r);
      onCreated(r);
    }
  };

  if (created?.token) {
    return (
      <Dialog
        open={open}
        onClose={close}
        title={t('tokens.secretTitle')}
        footer={
          <button type="button" className="btn btn-primary" onClick={close}>
            {t('common.close')}
          </button>
        }
      >
        <p className="alert alert-warning">{t('tokens.secretIntro')}</p>
        <SecretValue value={created.token} label={`${t('tokens.secret')}: ${created.name}`} />
      </Dialog>
    );
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={t('tokens.create')}
      footer={
        <>
          <button type="button" className="btn" onClick={close}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="token-form" className="btn btn-primary" disabled={form.busy}>
            {t('common.create')}
          </button>
        </>
      }
    >
      <form id="token-form" ref={form.formRef} onSubmit={form.onSubmit(submit)} noValidate className="form">
        <TextField name="name" label={t('tokens.name')} required maxLength={400} value={name} onChange={(e) => setName(e.target.value)} apiForm={form} />
        <SelectField name="role" label={t('tokens.role')} options={ROLES.map((r) => ({ value: r, label: tk(`roles.${r}`, r) }))} value={role} onChange={(e) => setRole(e.target.value as Role)} apiForm={form} />
        <TextField name="expires_in_days" label={t('tokens.expiresInDays')} help={t('tokens.expiresHelp')} inputMode="numeric" required value={days} onChange={(e) => setDays(e.target.value)} apiForm={form} fieldClassName="field-short" />
        <FormError error={form.formError} />
      </form>
    </Dialog>
  );
}

export function TokensPage() {
  const { t, i18n } = useTranslation();
  const base = useOrgPath();
  const state = useApi<ApiToken[]>(base ? `${base}/api-tokens` : null);
  const [creating, setCreating] = useState(false);
  const [revoke, setRevoke] = useState<ApiToken | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const columns = useMemo<Column<ApiToken>[]>(
    () => [
      { id: 'name', header: t('tokens.name'), hideable: false, value: (x) => x.name, cell: (x) => <strong>{x.name}</strong> },
      { id: 'role', header: t('tokens.role'), value: (x) => x.role, cell: (x) => <RoleBadge role={x.role} /> },
      {
        id: 'status',
        header: t('tokens.status'),
        value: (x) => status(x),
        cell: (x) => <span className={`badge badge-status badge-status-${status(x)}`}>{t(`tokens.${status(x)}`)}</span>,
      },
      { id: 'created', header: t('tokens.createdAt'), value: (x) => timeKey(x.created_at), filterText: (x) => formatDateTime(x.created_at), cell: (x) => formatDateTime(x.created_at), className: 'col-nowrap' },
      { id: 'expires', header: t('tokens.expiresAt'), value: (x) => timeKey(x.expires_at), filterText: (x) => formatDateTime(x.expires_at), cell: (x) => formatDateTime(x.expires_at), className: 'col-nowrap' },
      {
        id: 'used',
        header: t('tokens.lastUsed'),
        value: (x) => timeKey(x.last_used_at), filterText: (x) => formatDateTime(x.last_used_at),
        cell: (x) => (x.last_used_at ? formatDateTime(x.last_used_at) : <span className="muted">{t('tokens.never')}</span>),
        className: 'col-nowrap',
      },
      {
        id: 'actions',
        header: t('common.actions'),
        hideable: false,
        className: 'col-actions',
        cell: (x) =>
          status(x) === 'active' ? (
            <button type="button" className="btn btn-small btn-danger-outline" onClick={() => setRevoke(x)}>
              {t('tokens.revoke')}
              <span className="visually-hidden">: {x.name}</span>
            </button>
          ) : null,
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language],
  );

  return (
    <section aria-labelledby="tokens-title">
      <div className="section-head">
        <h2 id="tokens-title" className="section-title">
          {t('tokens.title')}
        </h2>
        <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
          {t('tokens.create')}
        </button>
      </div>
      <p className="muted">{t('tokens.intro')}</p>
      {notice && <Notice>{notice}</Notice>}
      <Async state={state}>
        {(rows) => <DataTable rows={rows} columns={columns} rowKey={(x) => x.id} caption={t('tokens.title')} initialSort={{ id: 'created', dir: 'desc' }} />}
      </Async>
      <CreateTokenDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(tok) => {
          const { token: _secret, ...rest } = tok;
          void _secret;
          state.setData((old) => [rest, ...(old ?? [])]);
        }}
      />
      <ConfirmDialog
        open={revoke !== null}
        title={t('tokens.revoke')}
        message={t('tokens.revokeConfirm', { name: revoke?.name ?? '' })}
        confirmLabel={t('tokens.revoke')}
        danger
        busy={busy}
        error={error && <div className="alert alert-error" role="alert">{error}</div>}
        onCancel={() => {
          setRevoke(null);
          setError(null);
        }}
        onConfirm={async () => {
          if (!revoke) return;
          setBusy(true);
          setError(null);
          try {
            await api.del(`${base}/api-tokens/${seg(revoke.id)}`);
            setNotice(t('tokens.revokedDone', { name: revoke.name }));
            setRevoke(null);
            state.reload();
          } catch (e) {
            setError(errorString(e));
          } finally {
            setBusy(false);
          }
        }}
      />
    </section>
  );
}
