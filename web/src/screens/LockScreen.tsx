// Shown over the app when the session is idle-locked; the app stays underneath
// (hidden and inert) and carries on after the unlock.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { FormError, TextField, useApiForm, useRetryBlock } from '../components/Form';
import { LanguageSwitch } from '../components/LanguageSwitch';

export function LockScreen() {
  const { t } = useTranslation();
  const auth = useAuth();
  const form = useApiForm();
  const [password, setPassword] = useState('');
  const [blocked, onCountdown] = useRetryBlock();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    ref.current?.querySelector<HTMLInputElement>('input[name=password]')?.focus();
  }, []);

  const submit = async () => {
    await form.run(async () => {
      try {
        await auth.unlock(password);
      } catch (e) {
        if (isApiError(e) && e.status === 401 && e.reason !== 'invalid_credentials') {
          // the session is gone meanwhile: back to sign-in
          if (['session_expired', 'session_ended', 'no_session', 'not_signed_in'].includes(e.reason)) {
            await auth.logout();
            return;
          }
        }
        throw e;
      }
    });
  };

  return (
    <div className="lock-overlay" ref={ref}>
      <div className="lock-card" role="dialog" aria-modal="true" aria-labelledby="lock-title" aria-describedby="lock-intro">
        <div className="lock-top">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true" />
            <span className="brand-name">mamori</span>
          </div>
          <LanguageSwitch />
        </div>
        <h1 id="lock-title" className="lock-title">
          <span className="lock-icon" aria-hidden="true" />
          {t('lock.title')}
        </h1>
        <p id="lock-intro">{t('lock.intro')}</p>
        {auth.account && (
          <p className="lock-account">
            {t('lock.account')}: <strong>{auth.account.email}</strong>
          </p>
        )}
        <form ref={form.formRef} onSubmit={form.onSubmit(submit)} noValidate className="form">
          <input type="email" name="username" autoComplete="username" value={auth.account?.email ?? ''} readOnly hidden />
          <TextField
            name="password"
            type="password"
            label={t('login.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            apiForm={form}
          />
          <FormError error={form.formError} onCountdownChange={onCountdown} />
          <div className="form-actions form-actions-split">
            <button type="button" className="btn btn-link" onClick={() => void auth.logout()}>
              {t('lock.signOut')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={form.busy || blocked} aria-busy={form.busy}>
              {form.busy ? t('lock.unlocking') : t('lock.unlock')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
