// Sign-in: the warning banner above the form, e-mail and password, then
// whatever the server asks for next (second factor, new password, MFA set-up).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useSearchParams } from 'react-router';
import { request } from '../api/client';
import type { Banner, StageResponse } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { FormError, TextField, useApiForm, useRetryBlock } from '../components/Form';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Loading } from '../components/States';
import { currentLang, tk } from '../i18n';
import { useApi } from '../lib/useApi';
import { MfaEnrolment } from './account/MfaEnrolment';
import { PasswordForm } from './account/PasswordForm';

function WarningBanner({ org }: { org: string | null }) {
  const { t } = useTranslation();
  const banner = useApi<Banner>('auth/banner', org ? { org } : undefined);
  const lang = currentLang();
  if (banner.error || !banner.data) {
    return banner.loading ? <div className="login-banner login-banner-loading" aria-hidden="true" /> : null;
  }
  const text = banner.data[lang] || banner.data.ja || banner.data.en;
  if (!text) return null;
  return (
    <section className="login-banner" aria-labelledby="banner-title" data-testid="login-banner">
      <h2 id="banner-title" className="login-banner-title">
        <span className="login-banner-icon" aria-hidden="true">
          !
        </span>
        {t('login.bannerLabel')}
      </h2>
      <p className="login-banner-text">{text}</p>
    </section>
  );
}

function CredentialsForm() {
  const { t } = useTranslation();
  const { applyStage, rememberedPassword } = useAuth();
  const form = useApiForm();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [blocked, onCountdown] = useRetryBlock();

  const submit = async () => {
    const r = await form.run(() =>
      request<StageResponse>('POST', 'auth/login', { body: { email: email.trim(), password }, session: false }),
    );
    if (r) {
      rememberedPassword.current = password;
      applyStage(r);
    }
  };

  return (
    <form ref={form.formRef} onSubmit={form.onSubmit(submit)} className="form" noValidate aria-labelledby="login-title">
      <TextField
        autoFocus
        name="email"
        type="email"
        label={t('login.email')}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        apiForm={form}
      />
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
      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-block" disabled={form.busy || blocked} aria-busy={form.busy}>
          {form.busy ? t('login.submitting') : t('login.submit')}
        </button>
      </div>
    </form>
  );
}

function SecondFactorForm() {
  const { t } = useTranslation();
  const { applyStage } = useAuth();
  const form = useApiForm();
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [blocked, onCountdown] = useRetryBlock();

  const submit = async () => {
    const body = useRecovery ? { recovery_code: value.trim() } : { totp: value.replace(/\s/g, '') };
    const r = await form.run(() => request<StageResponse>('POST', 'auth/totp', { body, session: false }));
    if (r) applyStage(r);
  };

  return (
    <>
      <p className="login-intro">{useRecovery ? t('login.recoveryIntro') : t('login.mfaIntro')}</p>
      <form ref={form.formRef} onSubmit={form.onSubmit(submit)} className="form" noValidate>
        <TextField
          key={useRecovery ? 'rc' : 'totp'}
          name={useRecovery ? 'recovery_code' : 'totp'}
          label={useRecovery ? t('login.recoveryCode') : t('login.totp')}
          inputMode={useRecovery ? 'text' : 'numeric'}
          autoComplete="one-time-code"
          autoFocus
          required
          maxLength={useRecovery ? 40 : 8}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          apiForm={form}
          fieldClassName={useRecovery ? undefined : 'field-code'}
        />
        <FormError error={form.formError} onCountdownChange={onCountdown} />
        <div className="form-actions form-actions-split">
          <button
            type="button"
            className="btn btn-link"
            onClick={() => {
              setUseRecovery((r) => !r);
              setValue('');
              form.clear();
            }}
          >
            {useRecovery ? t('login.useTotp') : t('login.useRecovery')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={form.busy || blocked} aria-busy={form.busy}>
            {t('login.verify')}
          </button>
        </div>
      </form>
    </>
  );
}

export function LoginPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const location = useLocation();
  const [params] = useSearchParams();
  const org = params.get('org');
  const from = (location.state as { from?: string } | null)?.from;
  const titleRef = useRef<HTMLHeadingElement>(null);

  const stage = auth.state.status === 'stage' ? auth.state.account.stage : null;
  useEffect(() => {
    if (stage) titleRef.current?.focus();
  }, [stage]);

  if (auth.state.status === 'active') return <Navigate to={from && from !== '/login' ? from : '/'} replace />;

  const reason = auth.state.status === 'signed_out' ? auth.state.reason : undefined;
  const reasonText = reason ? tk(`login.signedOut.${reason}`, tk(`reasons.${reason}`, '')) : '';

  let title = t('login.title');
  let body = <CredentialsForm />;
  if (auth.state.status === 'loading' || auth.state.status === 'locked_unknown') {
    body = <Loading />;
  } else if (stage === 'mfa') {
    title = t('login.mfaTitle');
    body = <SecondFactorForm />;
  } else if (stage === 'password_change') {
    title = t('login.passwordChangeTitle');
    body = (
      <>
        <p className="login-intro">{t('login.passwordChangeIntro')}</p>
        <PasswordForm
          current={auth.rememberedPassword.current}
          onDone={async () => {
            await auth.refresh();
          }}
        />
      </>
    );
  } else if (stage === 'mfa_enrolment') {
    title = t('login.enrolTitle');
    body = (
      <>
        <p className="login-intro">{t('login.enrolIntro')}</p>
        <MfaEnrolment autoStart onDone={async () => void (await auth.refresh())} />
      </>
    );
  }

  return (
    <div className="login-page">
      <header className="login-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">mamori</span>
          <span className="brand-ja" lang="ja">
            守り
          </span>
        </div>
        <LanguageSwitch />
      </header>
      <main id="main" className="login-main">
        <div className={`login-card${stage === 'mfa_enrolment' ? ' login-card-wide' : ''}`}>
          <WarningBanner org={org} />
          <div className="login-form-area">
            <h1 id="login-title" className="login-title" tabIndex={-1} ref={titleRef}>
              {title}
            </h1>
            {reasonText && !stage && (
              <div className={`alert ${reason === 'logged_out' ? 'alert-info' : 'alert-warning'}`} role="status">
                {reasonText}
              </div>
            )}
            {auth.state.status === 'stage' && <p className="login-account">{auth.state.account.email}</p>}
            {body}
            {stage && (
              <p className="login-restart">
                <button type="button" className="btn btn-link" onClick={() => void auth.logout()}>
                  {t('login.backToLogin')}
                </button>
              </p>
            )}
          </div>
        </div>
        <p className="login-footer">{t('login.footer')}</p>
      </main>
    </div>
  );
}
