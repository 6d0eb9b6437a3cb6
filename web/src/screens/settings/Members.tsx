import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, seg } from '../../api/client';
import { ROLES, type AddMemberResponse, type Member, type Role } from '../../api/types';
import { can, useAuth } from '../../auth/AuthContext';
import { DataTable, type Column } from '../../components/DataTable';
import { DetailLayout } from '../../components/Detail';
import { ConfirmDialog, Dialog } from '../../components/Dialog';
import { errorString } from '../../components/errors';
import { FormError, SelectField, TextField, useApiForm } from '../../components/Form';
import { RoleBadge, SecretValue } from '../../components/Misc';
import { Async, ErrorState, Notice } from '../../components/States';
import { tk } from '../../i18n';
import { formatDateTime, timeKey } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { useOrgPath } from './SettingsLayout';

function roleOptions() {
  return ROLES.map((r) => ({ value: r, label: tk(`roles.${r}`, r) }));
}

function isLastAdmin(members: Member[], m: Member): boolean {
  return m.role === 'admin' && members.filter((x) => x.role === 'admin').length <= 1;
}

function AddMemberDialog({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: (r: AddMemberResponse) => void }) {
  const { t } = useTranslation();
  const base = useOrgPath();
  const form = useApiForm();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [result, setResult] = useState<AddMemberResponse | null>(null);

  const close = () => {
    setEmail('');
    setName('');
    setRole('viewer');
    setResult(null);
    form.clear();
    onClose();
  };

  const submit = async () => {
    const body: Record<string, string> = { email: email.trim(), role };
    if (name.trim()) body.display_name = name.trim();
    const r = await form.run(() => api.post<AddMemberResponse>(`${base}/members`, body));
    if (r) {
      setResult(r);
      onAdded(r);
    }
  };

  if (result) {
    return (
      <Dialog
        open={open}
        onClose={close}
        title={t('members.added', { email: result.member.email })}
        footer={
          <button type="button" className="btn btn-primary" onClick={close}>
            {t('common.close')}
          </button>
        }
      >
        {result.one_time_password ? (
          <>
            <p className="alert alert-warning">{t('members.oneTimeIntro')}</p>
            <SecretValue value={result.one_time_password} label={t('members.oneTimePassword')} />
          </>
        ) : (
          <p>{t('members.existingAccount')}</p>
        )}
      </Dialog>
    );
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={t('members.add')}
      footer={
        <>
          <button type="button" className="btn" onClick={close}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="add-member-form" className="btn btn-primary" disabled={form.busy}>
            {t('common.add')}
          </button>
        </>
      }
    >
      <form id="add-member-form" ref={form.formRef} onSubmit={form.onSubmit(submit)} noValidate className="form">
        <TextField name="email" type="email" label={t('members.email')} required autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} apiForm={form} />
        <TextField name="display_name" label={t('members.displayName')} maxLength={400} value={name} onChange={(e) => setName(e.target.value)} apiForm={form} />
        <SelectField name="role" label={t('members.role')} options={roleOptions()} value={role} onChange={(e) => setRole(e.target.value as Role)} apiForm={form} />
        <FormError error={form.formError} />
      </form>
    </Dialog>
  );
}

function RoleDialog({ member, onClose, onChanged }: { member: Member | null; onClose: () => void; onChanged: (m: Member) => void }) {
  const { t } = useTranslation();
  const base = useOrgPath();
  const form = useApiForm();
  const [role, setRole] = useState<Role>(member?.role ?? 'viewer');
  const [lastId, setLastId] = useState<string | null>(null);
  if (member && member.user_id !== lastId) {
    setLastId(member.user_id);
    setRole(member.role);
    form.clear();
  }
  const submit = async () => {
    if (!member) return;
    const r = await form.run(() => api.patch<Member>(`${base}/members/${seg(member.user_id)}`, { role }));
    if (r !== undefined) onChanged({ ...member, ...(r ?? {}), role });
  };
  return (
    <Dialog
      open={member !== null}
      onClose={onClose}
      title={`${t('members.changeRole')}: ${member?.display_name || member?.email || ''}`}
      size="small"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="role-form" className="btn btn-primary" disabled={form.busy}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <form id="role-form" ref={form.formRef} onSubmit={form.onSubmit(submit)} noValidate className="form">
        <SelectField name="role" label={t('members.role')} options={roleOptions()} value={role} onChange={(e) => setRole(e.target.value as Role)} apiForm={form} />
        <FormError error={form.formError} />
      </form>
    </Dialog>
  );
}

function useMemberActions(onChanged: (m: Member) => void, onRemoved: (m: Member) => void) {
  const { t } = useTranslation();
  const base = useOrgPath();
  const [roleFor, setRoleFor] = useState<Member | null>(null);
  const [removeFor, setRemoveFor] = useState<Member | null>(null);
  const [busy, setBusy] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const dialogs = (
    <>
      <RoleDialog
        member={roleFor}
        onClose={() => setRoleFor(null)}
        onChanged={(m) => {
          setRoleFor(null);
          setNotice(t('members.roleChanged', { name: m.display_name || m.email, role: tk(`roles.${m.role}`, m.role) }));
          onChanged(m);
        }}
      />
      <ConfirmDialog
        open={removeFor !== null}
        title={t('members.remove')}
        message={t('members.removeConfirm', { name: removeFor ? removeFor.display_name || removeFor.email : '' })}
        confirmLabel={t('members.remove')}
        danger
        busy={busy}
        error={removeError && <div className="alert alert-error" role="alert">{removeError}</div>}
        onCancel={() => {
          setRemoveFor(null);
          setRemoveError(null);
        }}
        onConfirm={async () => {
          if (!removeFor) return;
          setBusy(true);
          setRemoveError(null);
          try {
            await api.del(`${base}/members/${seg(removeFor.user_id)}`);
            setNotice(t('members.removed', { name: removeFor.display_name || removeFor.email }));
            onRemoved(removeFor);
            setRemoveFor(null);
          } catch (e) {
            setRemoveError(errorString(e));
          } finally {
            setBusy(false);
          }
        }}
      />
    </>
  );
  return { dialogs, setRoleFor, setRemoveFor, notice, setNotice };
}

export function MembersPage() {
  const { t, i18n } = useTranslation();
  const base = useOrgPath();
  const { role, account } = useAuth();
  const state = useApi<Member[]>(base ? `${base}/members` : null);
  const [adding, setAdding] = useState(false);
  const admin = can.manageOrg(role);
  const members = useMemo(() => state.data ?? [], [state.data]);
  const actions = useMemberActions(
    (m) => state.setData((old) => (old ?? []).map((x) => (x.user_id === m.user_id ? m : x))),
    (m) => state.setData((old) => (old ?? []).filter((x) => x.user_id !== m.user_id)),
  );

  const columns = useMemo<Column<Member>[]>(
    () => [
      {
        id: 'name',
        header: t('members.displayName'),
        hideable: false,
        value: (m) => m.display_name || m.email,
        cell: (m) => (
          <Link to={`/settings/members/${seg(m.user_id)}`} className="link-strong">
            {m.display_name || m.email}
            {m.user_id === account?.user_id && <span className="muted"> {t('common.you')}</span>}
          </Link>
        ),
      },
      { id: 'email', header: t('members.email'), value: (m) => m.email, cell: (m) => m.email },
      { id: 'role', header: t('members.role'), value: (m) => tk(`roles.${m.role}`, m.role), cell: (m) => <RoleBadge role={m.role} /> },
      { id: 'since', header: t('members.since'), value: (m) => timeKey(m.since), filterText: (m) => formatDateTime(m.since), cell: (m) => formatDateTime(m.since), className: 'col-nowrap' },
      ...(admin
        ? [
            {
              id: 'actions',
              header: t('common.actions'),
              hideable: false,
              className: 'col-actions',
              cell: (m: Member) => {
                const last = isLastAdmin(members, m);
                return (
                  <div className="row-actions">
                    <button type="button" className="btn btn-small" onClick={() => actions.setRoleFor(m)} disabled={last} title={last ? t('members.lastAdmin') : undefined}>
                      {t('members.changeRole')}
                      <span className="visually-hidden">: {m.email}</span>
                    </button>
                    <button type="button" className="btn btn-small btn-danger-outline" onClick={() => actions.setRemoveFor(m)} disabled={last} title={last ? t('members.lastAdmin') : undefined}>
                      {t('members.remove')}
                      <span className="visually-hidden">: {m.email}</span>
                    </button>
                  </div>
                );
              },
            } as Column<Member>,
          ]
        : []),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language, admin, members, account?.user_id],
  );

  return (
    <section aria-labelledby="members-title">
      <div className="section-head">
        <h2 id="members-title" className="section-title">
          {t('members.title')}
        </h2>
        {admin && (
          <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
            {t('members.add')}
          </button>
        )}
      </div>
      {actions.notice && <Notice>{actions.notice}</Notice>}
      {admin && members.some((m) => isLastAdmin(members, m)) && <p className="field-help">{t('members.lastAdmin')}</p>}
      <Async state={state}>
        {(rows) => <DataTable rows={rows} columns={columns} rowKey={(m) => m.user_id} caption={t('members.title')} initialSort={{ id: 'name', dir: 'asc' }} />}
      </Async>
      {admin && (
        <AddMemberDialog
          open={adding}
          onClose={() => setAdding(false)}
          onAdded={(r) => state.setData((old) => [...(old ?? []).filter((x) => x.user_id !== r.member.user_id), r.member])}
        />
      )}
      {actions.dialogs}
    </section>
  );
}

export function MemberDetailPage() {
  const { t } = useTranslation();
  const { userId = '' } = useParams();
  const base = useOrgPath();
  const navigate = useNavigate();
  const { role } = useAuth();
  const state = useApi<Member[]>(base ? `${base}/members` : null);
  const admin = can.manageOrg(role);
  const actions = useMemberActions(
    (m) => state.setData((old) => (old ?? []).map((x) => (x.user_id === m.user_id ? m : x))),
    () => navigate('/settings/members'),
  );
  const back = (
    <Link to="/settings/members" className="back-link">
      ← {t('members.title')}
    </Link>
  );
  return (
    <Async state={state}>
      {(members) => {
        const m = members.find((x) => x.user_id === userId);
        if (!m) {
          return (
            <>
              {back}
              <ErrorState error={new ApiError(404, { reason: 'not_found' })} />
            </>
          );
        }
        const last = isLastAdmin(members, m);
        return (
          <DetailLayout
            back={back}
            kicker={t('members.detail')}
            title={m.display_name || m.email}
            actions={
              admin && (
                <div className="row-actions">
                  <button type="button" className="btn" onClick={() => actions.setRoleFor(m)} disabled={last}>
                    {t('members.changeRole')}
                  </button>
                  <button type="button" className="btn btn-danger-outline" onClick={() => actions.setRemoveFor(m)} disabled={last}>
                    {t('members.remove')}
                  </button>
                </div>
              )
            }
            facts={[
              { label: t('members.email'), value: m.email },
              { label: t('members.displayName'), value: m.display_name || '—' },
              { label: t('members.role'), value: <RoleBadge role={m.role} /> },
              { label: t('members.since'), value: formatDateTime(m.since) },
            ]}
            history={{ objectType: 'membership', objectId: m.user_id }}
          >
            {actions.notice && <Notice>{actions.notice}</Notice>}
            {last && admin && <p className="field-help">{t('members.lastAdmin')}</p>}
            {actions.dialogs}
          </DetailLayout>
        );
      }}
    </Async>
  );
}
