import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { FormError, TextField, useApiForm, useRetryBlock } from '../../components/Form';

/** New password (twice) and, unless given, the current one. */
export function PasswordForm({
  current,
  onDone,
  submitLabel,
}: {
  /** The password typed at sign-in, when the server asks for a change right after. */
  current?: string | null;
  onDone: () => void | Promise<void>;
  submitLabel?: string;
}) {
  const { t } = useTranslation();
  const form = useApiForm();
  const [askCurrent, setAskCurrent] = useState(!current);
  const [currentPw, setCurrentPw] = useState('');
  const [pw, setPw] = useState('');
  const [pw2, setPw2] = useState('');
  const [blocked, onCountdown] = useRetryBlock();

  const submit = async () => {
    if (pw !== pw2) {
      form.setFieldError('new_password_confirm', t('password.mismatch'));
      return;
    }
    const ok = await form.run(() =>
      api.post('auth/password', { current_password: askCurrent ? currentPw : (current ?? ''), new_password: pw }),
    );
    if (ok !== undefined) {
      await onDone();
      return;
    }
  };

  // An error about the current password we did not ask for: ask for it.
  useEffect(() => {
    if (form.formError && (form.formError as { field?: string }).field === 'current_password') setAskCurrent(true);
  }, [form.formError]);

  return (
    <form ref={form.formRef} onSubmit={form.onSubmit(submit)} noValidate className="form">
      {askCurrent && (
        <TextField
          name="current_password"
          type="password"
          label={t('password.current')}
          autoComplete="current-password"
          required
          value={currentPw}
          onChange={(e) => setCurrentPw(e.target.value)}
          apiForm={form}
        />
      )}
      <TextField
        name="new_password"
        type="password"
        label={t('password.new')}
        help={t('password.hintGeneric')}
        autoComplete="new-password"
        required
        value={pw}
        onChange={(e) => setPw(e.target.value)}
        apiForm={form}
      />
      <TextField
        name="new_password_confirm"
        type="password"
        label={t('password.confirm')}
        autoComplete="new-password"
        required
        value={pw2}
        onChange={(e) => setPw2(e.target.value)}
        apiForm={form}
      />
      <FormError error={form.formError} onCountdownChange={onCountdown} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={form.busy || blocked} aria-busy={form.busy}>
          {form.busy ? t('common.saving') : (submitLabel ?? t('password.submit'))}
        </button>
      </div>
    </form>
  );
}
