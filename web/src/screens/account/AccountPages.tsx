import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { Dialog } from '../../components/Dialog';
import { FormError, TextField, useApiForm } from '../../components/Form';
import { PageHeader } from '../../components/Misc';
import { Notice } from '../../components/States';
import { MfaEnrolment, RecoveryCodes } from './MfaEnrolment';
import { PasswordForm } from './PasswordForm';

export function PasswordPage() {
  const { t } = useTranslation();
  const [done, setDone] = useState(false);
  const [n, setN] = useState(0);
  return (
    <div className="page page-narrow">
      <PageHeader title={t('password.title')} subtitle={t('password.intro')} />
      {done && <Notice>{t('password.changed')}</Notice>}
      <section className="panel">
        <PasswordForm
          key={n}
          onDone={() => {
            setDone(true);
            setN((x) => x + 1);
          }}
        />
      </section>
    </div>
  );
}

/** Asks for the password, then calls `action` with it. */
function PasswordConfirmDialog({
  open,
  title,
  intro,
  confirmLabel,
  danger,
  onClose,
  action,
}: {
  open: boolean;
  title: string;
  intro: string;
  confirmLabel: string;
  danger?: boolean;
  onClose: () => void;
  action: (password: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const form = useApiForm();
  const [password, setPassword] = useState('');
  const close = () => {
    setPassword('');
    form.clear();
    onClose();
  };
  const submit = async () => {
    const ok = await form.run(async () => {
      await action(password);
      return true;
    });
    if (ok) {
      setPassword('');
      onClose();
    }
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title={title}
      size="small"
      footer={
        <>
          <button type="button" className="btn" onClick={close}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="pw-confirm-form" className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} disabled={form.busy}>
            {confirmLabel}
          </button>
        </>
      }
    >
      <p>{intro}</p>
      <form id="pw-confirm-form" ref={form.formRef} onSubmit={form.onSubmit(submit)} noValidate className="form">
        <TextField name="password" type="password" label={t('login.password')} autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} apiForm={form} />
        <FormError error={form.formError} />
      </form>
    </Dialog>
  );
}

export function MfaPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const account = auth.account;
  const [enrolling, setEnrolling] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [dialog, setDialog] = useState<'regenerate' | 'disable' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (!account) return null;

  return (
    <div className="page page-narrow">
      <PageHeader title={t('mfa.title')} />
      {notice && <Notice>{notice}</Notice>}
      {codes ? (
        <section className="panel">
          <RecoveryCodes
            codes={codes}
            onDone={() => {
              setCodes(null);
              void auth.refresh();
            }}
          />
        </section>
      ) : enrolling ? (
        <section className="panel" aria-labelledby="enrol-title">
          <h2 id="enrol-title" className="section-title">
            {t('mfa.enrol')}
          </h2>
          <MfaEnrolment
            autoStart
            onDone={async () => {
              setEnrolling(false);
              setNotice(t('mfa.enabled'));
              await auth.refresh();
            }}
          />
        </section>
      ) : (
        <section className="panel">
          <dl className="facts">
            <div className="fact">
              <dt>{t('mfa.status')}</dt>
              <dd>
                <span className={`badge badge-status badge-status-${account.mfa_enabled ? 'active' : 'expired'}`}>
                  {account.mfa_enabled ? t('mfa.statusOn') : t('mfa.statusOff')}
                </span>
                {account.mfa_required && <span className="muted"> — {t('mfa.required')}</span>}
              </dd>
            </div>
            {account.mfa_enabled && (
              <div className="fact">
                <dt>{t('mfa.codesLeft')}</dt>
                <dd>{t('mfa.codesLeftValue', { count: account.recovery_codes_left })}</dd>
              </div>
            )}
          </dl>
          <div className="inline-actions">
            {!account.mfa_enabled && (
              <button type="button" className="btn btn-primary" onClick={() => setEnrolling(true)}>
                {t('mfa.enrol')}
              </button>
            )}
            {account.mfa_enabled && (
              <>
                <button type="button" className="btn" onClick={() => setDialog('regenerate')}>
                  {t('mfa.regenerate')}
                </button>
                {!account.mfa_required && (
                  <button type="button" className="btn btn-danger-outline" onClick={() => setDialog('disable')}>
                    {t('mfa.disable')}
                  </button>
                )}
              </>
            )}
          </div>
        </section>
      )}
      <PasswordConfirmDialog
        open={dialog === 'regenerate'}
        title={t('mfa.regenerate')}
        intro={t('mfa.regenerateIntro')}
        confirmLabel={t('mfa.regenerate')}
        onClose={() => setDialog(null)}
        action={async (password) => {
          const r = await api.post<{ recovery_codes: string[] }>('auth/mfa/recovery-codes', { password });
          setCodes(r.recovery_codes);
        }}
      />
      <PasswordConfirmDialog
        open={dialog === 'disable'}
        title={t('mfa.disable')}
        intro={t('mfa.disableIntro')}
        confirmLabel={t('mfa.disable')}
        danger
        onClose={() => setDialog(null)}
        action={async (password) => {
          await api.post('auth/mfa/disable', { password });
          setNotice(t('mfa.disabled'));
          await auth.refresh();
        }}
      />
    </div>
  );
}
