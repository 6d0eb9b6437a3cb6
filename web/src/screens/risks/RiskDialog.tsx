// Add or edit a risk's assessment: title, service, assets, threat,
// vulnerability, existing controls, likelihood × impact on the
// organisation's scales, owner, status, identified date.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, seg } from '../../api/client';
import { levelLabel, RISK_STATUSES, type Risk, type RiskCriteria } from '../../api/risks';
import type { Member } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { FormError, SelectField, TextAreaField, TextField, useApiForm } from '../../components/Form';
import { useOrgPath } from '../settings/SettingsLayout';

export interface NamedRef {
  id: string;
  name: string;
  role?: string;
}

/** What a new risk starts from (a cloud risk source, or nothing). */
export interface RiskDraft {
  title?: string;
  threat?: string;
  service_id?: string;
  source_key?: string;
}

export function RiskDialog({
  risk,
  draft,
  criteria,
  members,
  services,
  assets,
  onClose,
  onSaved,
}: {
  risk: Risk | null;
  draft?: RiskDraft;
  criteria: RiskCriteria;
  members: Member[];
  services: NamedRef[];
  assets: NamedRef[];
  onClose: () => void;
  onSaved: (r: Risk) => void;
}) {
  const { t, i18n } = useTranslation();
  const base = useOrgPath();
  const form = useApiForm();
  const owners = members.filter((m) => m.role === 'admin' || m.role === 'isms_manager' || m.role === 'editor');
  const [title, setTitle] = useState(risk?.title ?? draft?.title ?? '');
  const [service, setService] = useState(risk?.service_id ?? draft?.service_id ?? '');
  const [assetIds, setAssetIds] = useState<string[]>(risk?.asset_ids ?? []);
  const [threat, setThreat] = useState(risk?.threat ?? draft?.threat ?? '');
  const [vulnerability, setVulnerability] = useState(risk?.vulnerability ?? '');
  const [existing, setExisting] = useState(risk?.existing_controls ?? '');
  const [likelihood, setLikelihood] = useState(String(risk?.likelihood ?? 1));
  const [impact, setImpact] = useState(String(risk?.impact ?? 1));
  const [owner, setOwner] = useState(risk?.owner_user_id ?? owners[0]?.user_id ?? '');
  const [status, setStatus] = useState<string>(risk?.status ?? 'open');
  const [identified, setIdentified] = useState(risk?.identified_on ?? '');
  const scale = (levels: RiskCriteria['likelihood']) =>
    levels.map((l, i) => ({ value: String(i + 1), label: `${i + 1}: ${levelLabel(l, i18n.language)}${l.description ? ` — ${l.description}` : ''}` }));
  const submit = async () => {
    const body: Record<string, unknown> = {
      title: title.trim(),
      service_id: service,
      asset_ids: assetIds,
      threat,
      vulnerability,
      existing_controls: existing,
      likelihood: Number(likelihood),
      impact: Number(impact),
      owner_user_id: owner,
      status,
    };
    if (identified) body.identified_on = identified;
    if (!risk && draft?.source_key) body.source_key = draft.source_key;
    const r = await form.run(() => (risk ? api.patch<Risk>(`${base}/risks/${seg(risk.id)}`, body) : api.post<Risk>(`${base}/risks`, body)));
    if (r !== undefined) onSaved(r);
  };
  return (
    <Dialog
      open
      onClose={onClose}
      size="large"
      title={risk ? t('risks.edit') : t('risks.create')}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="risk-form" className="btn btn-primary" disabled={form.busy}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <form id="risk-form" ref={form.formRef} onSubmit={form.onSubmit(submit)} noValidate className="form">
        <TextField name="title" label={t('risks.field.title')} required maxLength={800} value={title} onChange={(e) => setTitle(e.target.value)} apiForm={form} />
        <div className="form-grid">
          <SelectField
            name="service_id"
            label={t('risks.field.service')}
            options={[{ value: '', label: t('risks.wholeOrganisation') }, ...services.map((s) => ({ value: s.id, label: s.name }))]}
            value={service}
            onChange={(e) => setService(e.target.value)}
            apiForm={form}
          />
          <SelectField
            name="asset_ids"
            label={t('risks.field.assets')}
            help={t('risks.assetsHelp')}
            multiple
            size={Math.min(5, Math.max(2, assets.length))}
            options={assets.map((a) => ({ value: a.id, label: a.name }))}
            value={assetIds}
            onChange={(e) => setAssetIds(Array.from(e.target.selectedOptions, (o) => o.value))}
            apiForm={form}
          />
        </div>
        <TextAreaField name="threat" label={t('risks.field.threat')} rows={3} value={threat} onChange={(e) => setThreat(e.target.value)} apiForm={form} />
        <div className="form-grid">
          <TextAreaField name="vulnerability" label={t('risks.field.vulnerability')} rows={2} value={vulnerability} onChange={(e) => setVulnerability(e.target.value)} apiForm={form} />
          <TextAreaField name="existing_controls" label={t('risks.field.existingControls')} rows={2} value={existing} onChange={(e) => setExisting(e.target.value)} apiForm={form} />
        </div>
        <div className="form-grid">
          <SelectField name="likelihood" label={t('risks.field.likelihood')} options={scale(criteria.likelihood)} value={likelihood} onChange={(e) => setLikelihood(e.target.value)} apiForm={form} />
          <SelectField name="impact" label={t('risks.field.impact')} options={scale(criteria.impact)} value={impact} onChange={(e) => setImpact(e.target.value)} apiForm={form} />
        </div>
        <div className="form-grid">
          <SelectField
            name="owner_user_id"
            label={t('risks.field.owner')}
            help={t('risks.ownerHelp')}
            options={owners.map((m) => ({ value: m.user_id, label: m.display_name ? `${m.display_name} (${m.email})` : m.email }))}
            value={owner}
            onChange={(e) => setOwner(e.target.value)}
            apiForm={form}
          />
          <SelectField
            name="status"
            label={t('risks.field.status')}
            options={RISK_STATUSES.filter((s) => s !== 'accepted' || risk?.status === 'accepted').map((s) => ({ value: s, label: t(`risks.status.${s}`) }))}
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            apiForm={form}
          />
          <TextField name="identified_on" type="date" label={t('risks.field.identified')} value={identified} onChange={(e) => setIdentified(e.target.value)} apiForm={form} fieldClassName="field-short" />
        </div>
        <FormError error={form.formError} />
      </form>
    </Dialog>
  );
}
