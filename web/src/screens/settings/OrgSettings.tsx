import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { OrgSettings } from '../../api/types';
import { can, useAuth } from '../../auth/AuthContext';
import { CheckboxField, FormError, TextAreaField, TextField, useApiForm } from '../../components/Form';
import { Async, Notice } from '../../components/States';
import { useApi } from '../../lib/useApi';
import { useOrgPath } from './SettingsLayout';

type Draft = {
  banner_ja: string;
  banner_en: string;
  require_mfa: boolean;
  password_min_length: string;
  idle_timeout_seconds: string;
  absolute_lifetime_seconds: string;
};

function toDraft(s: OrgSettings): Draft {
  return {
    banner_ja: s.banner_ja,
    banner_en: s.banner_en,
    require_mfa: s.require_mfa,
    password_min_length: String(s.password_min_length),
    idle_timeout_seconds: String(s.idle_timeout_seconds),
    absolute_lifetime_seconds: String(s.absolute_lifetime_seconds),
  };
}

function SettingsForm({ initial, onSaved }: { initial: OrgSettings; onSaved: (s: OrgSettings) => void }) {
  const { t } = useTranslation();
  const { role } = useAuth();
  const base = useOrgPath();
  const form = useApiForm();
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const [saved, setSaved] = useState(false);
  const editable = can.manageOrg(role);
  useEffect(() => setDraft(toDraft(initial)), [initial]);

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [k]: v }));
  };

  const submit = async () => {
    setSaved(false);
    // Send only what changed; numbers as numbers (the server names the field if one is wrong).
    const patch: Record<string, unknown> = {};
    const now = toDraft(initial);
    (Object.keys(draft) as (keyof Draft)[]).forEach((k) => {
      if (draft[k] === now[k]) return;
      if (k === 'banner_ja' || k === 'banner_en' || k === 'require_mfa') patch[k] = draft[k];
      else {
        const raw = String(draft[k]).trim();
        const n = Number(raw);
        patch[k] = raw !== '' && Number.isInteger(n) ? n : raw;
      }
    });
    if (Object.keys(patch).length === 0) {
      setSaved(true);
      return;
    }
    const r = await form.run(() => api.patch<OrgSettings>(`${base}/settings`, patch));
    if (r) {
      onSaved(r);
      setSaved(true);
    }
  };

  return (
    <form ref={form.formRef} onSubmit={form.onSubmit(submit)} noValidate className="form form-settings">
      {!editable && <Notice kind="info">{t('common.readOnly')}</Notice>}
      <fieldset className="fieldset" disabled={!editable}>
        <legend className="fieldset-legend">{t('settings.banner')}</legend>
        <p className="field-help">{t('settings.bannerHelp')}</p>
        <TextAreaField name="banner_ja" label={t('settings.bannerJa')} rows={3} maxLength={8000} value={draft.banner_ja} onChange={(e) => set('banner_ja', e.target.value)} apiForm={form} lang="ja" />
        <TextAreaField name="banner_en" label={t('settings.bannerEn')} rows={3} maxLength={8000} value={draft.banner_en} onChange={(e) => set('banner_en', e.target.value)} apiForm={form} lang="en" />
      </fieldset>
      <fieldset className="fieldset" disabled={!editable}>
        <legend className="fieldset-legend">{t('settings.policy')}</legend>
        <CheckboxField name="require_mfa" label={t('settings.requireMfa')} checked={draft.require_mfa} onChange={(e) => set('require_mfa', e.target.checked)} apiForm={form} />
        <div className="field-grid">
          <TextField name="password_min_length" label={t('settings.passwordMin')} help={t('settings.passwordMinHelp')} inputMode="numeric" value={draft.password_min_length} onChange={(e) => set('password_min_length', e.target.value)} apiForm={form} fieldClassName="field-short" />
          <TextField name="idle_timeout_seconds" label={t('settings.idleTimeout')} help={t('settings.idleTimeoutHelp')} inputMode="numeric" value={draft.idle_timeout_seconds} onChange={(e) => set('idle_timeout_seconds', e.target.value)} apiForm={form} fieldClassName="field-short" />
          <TextField name="absolute_lifetime_seconds" label={t('settings.lifetime')} help={t('settings.lifetimeHelp')} inputMode="numeric" value={draft.absolute_lifetime_seconds} onChange={(e) => set('absolute_lifetime_seconds', e.target.value)} apiForm={form} fieldClassName="field-short" />
        </div>
      </fieldset>
      <FormError error={form.formError} />
      {editable && (
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={form.busy} aria-busy={form.busy}>
            {form.busy ? t('common.saving') : t('common.save')}
          </button>
          <span role="status" aria-live="polite" className="text-success">
            {saved ? t('settings.savedSettings') : ''}
          </span>
        </div>
      )}
    </form>
  );
}

export function OrgSettingsPage() {
  const base = useOrgPath();
  const state = useApi<OrgSettings>(base ? `${base}/settings` : null);
  return <Async state={state}>{(s) => <SettingsForm initial={s} onSaved={(n) => state.setData(n)} />}</Async>;
}
