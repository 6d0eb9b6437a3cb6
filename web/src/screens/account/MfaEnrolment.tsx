import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { FormError, TextField, useApiForm } from '../../components/Form';
import { CopyButton } from '../../components/Misc';

interface Enrolment {
  secret: string;
  otpauth_uri: string;
  qr_svg: string;
}

function svgDataUri(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `data:image/svg+xml;base64,${btoa(bin)}`;
}

function grouped(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/** The recovery codes, shown once: copy, save as a file, and confirm before going on. */
export function RecoveryCodes({ codes, onDone, doneLabel }: { codes: string[]; onDone: () => void; doneLabel?: string }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const text = codes.join('\n');
  const fileHref = `data:text/plain;charset=utf-8,${encodeURIComponent(`mamori recovery codes\n${text}\n`)}`;
  return (
    <section className="recovery" aria-labelledby="recovery-title">
      <h2 id="recovery-title" className="section-title">
        {t('mfa.codesTitle')}
      </h2>
      <p className="alert alert-warning">{t('mfa.codesIntro')}</p>
      <ol className="codes" aria-label={t('mfa.codesTitle')}>
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <div className="inline-actions">
        <CopyButton text={text} />
        <a className="btn btn-small" href={fileHref} download="mamori-recovery-codes.txt">
          {t('common.download')} (.txt)
        </a>
      </div>
      <div className="check-row check-confirm">
        <input id="codes-saved" type="checkbox" className="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} />
        <label htmlFor="codes-saved">{t('mfa.codesSaved')}</label>
      </div>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={!saved} onClick={onDone}>
          {doneLabel ?? t('mfa.codesDone')}
        </button>
      </div>
    </section>
  );
}

/** TOTP enrolment: QR code, secret for typing in, confirm with a code, recovery codes. */
export function MfaEnrolment({ onDone, autoStart = false }: { onDone: () => void | Promise<void>; autoStart?: boolean }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const started = useRef(false);

  const start = async () => {
    const e = await form.run(() => api.post<Enrolment>('auth/mfa/totp/start'));
    if (e) setEnrolment(e);
  };
  useEffect(() => {
    if (autoStart && !started.current) {
      started.current = true;
      void start();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [autoStart]);

  const confirm = async () => {
    const r = await form.run(() => api.post<{ recovery_codes: string[] }>('auth/mfa/totp/confirm', { totp: code.replace(/\s/g, '') }));
    if (r) setCodes(r.recovery_codes);
  };

  if (codes) return <RecoveryCodes codes={codes} onDone={() => void onDone()} />;

  if (!enrolment) {
    return (
      <div className="form">
        <FormError error={form.formError} />
        <div className="form-actions">
          <button type="button" className="btn btn-primary" onClick={() => void start()} disabled={form.busy} aria-busy={form.busy}>
            {form.busy ? t('common.loading') : t('mfa.start')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="enrol">
      <p>{t('mfa.step1')}</p>
      <div className="enrol-grid">
        <img className="qr" src={svgDataUri(enrolment.qr_svg)} alt={t('mfa.qrAlt')} width={200} height={200} />
        <div className="enrol-secret">
          <p className="field-help">{t('mfa.manual')}</p>
          <p className="secret-label">{t('mfa.secret')}</p>
          <div className="secret-row">
            <code className="secret-value" tabIndex={0} aria-label={t('mfa.secret')}>
              {grouped(enrolment.secret)}
            </code>
            <CopyButton text={enrolment.secret} />
          </div>
        </div>
      </div>
      <p>{t('mfa.step2')}</p>
      <form ref={form.formRef} onSubmit={form.onSubmit(confirm)} noValidate className="form form-narrow">
        <TextField
          name="totp"
          label={t('login.totp')}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]*"
          maxLength={8}
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
          apiForm={form}
          fieldClassName="field-code"
        />
        <FormError error={form.formError} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={form.busy} aria-busy={form.busy}>
            {t('mfa.confirm')}
          </button>
        </div>
      </form>
    </div>
  );
}
