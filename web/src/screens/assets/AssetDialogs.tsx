// The asset dialogs: create or edit one asset, and change many at once
// (owner, classification, services) in one request.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, seg } from '../../api/client';
import { ASSET_TYPES, AXES, DATA_CATEGORIES, type Asset, type Axis, type Classification, type CloudService } from '../../api/isms';
import { Dialog } from '../../components/Dialog';
import { CheckboxField, FormError, SelectField, TextAreaField, TextField, useApiForm } from '../../components/Form';
import { useOrgPath } from '../settings/SettingsLayout';
import { lines } from '../scope/ServiceDialog';

export function levelLabel(scheme: Classification | undefined, axis: Axis, level: number, lang: string): string {
  const l = scheme?.[axis].find((x) => x.level === level);
  if (!l) return String(level);
  return lang.startsWith('en') ? l.label_en : l.label_ja;
}

function levelOptions(scheme: Classification, axis: Axis, lang: string) {
  return scheme[axis].map((l) => ({ value: String(l.level), label: lang.startsWith('en') ? l.label_en : l.label_ja }));
}

function ServiceChecks({ services, chosen, onChange, name }: { services: CloudService[]; chosen: string[]; onChange: (ids: string[]) => void; name: string }) {
  const { t } = useTranslation();
  if (services.length === 0) return <p className="muted small">{t('assets.noServices')}</p>;
  return (
    <div className="field" role="group" aria-label={t('assets.field.services')}>
      <span className="field-label">{t('assets.field.services')}</span>
      {services.map((s) => (
        <label key={s.id} className="choice">
          <input
            type="checkbox"
            name={name}
            checked={chosen.includes(s.id)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, s.id] : chosen.filter((x) => x !== s.id))}
          />{' '}
          {s.name}
        </label>
      ))}
    </div>
  );
}

export function AssetDialog({
  asset,
  scheme,
  services,
  onClose,
  onSaved,
}: {
  asset: Asset | null;
  scheme: Classification;
  services: CloudService[];
  onClose: () => void;
  onSaved: (a: Asset) => void;
}) {
  const { t, i18n } = useTranslation();
  const base = useOrgPath();
  const form = useApiForm();
  const lowest = (axis: Axis) => String(scheme[axis][0]?.level ?? 1);
  const [name, setName] = useState(asset?.name ?? '');
  const [type, setType] = useState<string>(asset?.type ?? 'information');
  const [description, setDescription] = useState(asset?.description ?? '');
  const [owner, setOwner] = useState(asset?.owner ?? '');
  const [levels, setLevels] = useState<Record<Axis, string>>({
    confidentiality: String(asset?.confidentiality ?? lowest('confidentiality')),
    integrity: String(asset?.integrity ?? lowest('integrity')),
    availability: String(asset?.availability ?? lowest('availability')),
  });
  const [personal, setPersonal] = useState(asset?.personal_info ?? false);
  const [category, setCategory] = useState<string>(asset?.category ?? 'own');
  const [location, setLocation] = useState(asset?.storage_location ?? '');
  const [country, setCountry] = useState(asset?.storage_country ?? '');
  const [serviceIds, setServiceIds] = useState<string[]>(asset?.service_ids ?? []);
  const [suppliers, setSuppliers] = useState((asset?.suppliers ?? []).join('\n'));

  const submit = async () => {
    const body = {
      name: name.trim(),
      type,
      description,
      owner: owner.trim(),
      confidentiality: Number(levels.confidentiality),
      integrity: Number(levels.integrity),
      availability: Number(levels.availability),
      personal_info: personal,
      category,
      storage_location: location.trim(),
      storage_country: country.trim(),
      service_ids: serviceIds,
      suppliers: lines(suppliers),
    };
    const r = await form.run(() => (asset ? api.patch<Asset>(`${base}/assets/${seg(asset.id)}`, body) : api.post<Asset>(`${base}/assets`, body)));
    if (r !== undefined) onSaved(r);
  };

  return (
    <Dialog
      open
      onClose={onClose}
      size="large"
      title={asset ? t('assets.edit', { name: asset.name }) : t('assets.create')}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="asset-form" className="btn btn-primary" disabled={form.busy}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <form id="asset-form" ref={form.formRef} onSubmit={form.onSubmit(submit)} noValidate className="form">
        <div className="form-grid">
          <TextField name="name" label={t('assets.field.name')} required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} apiForm={form} />
          <SelectField name="type" label={t('assets.field.type')} options={ASSET_TYPES.map((x) => ({ value: x, label: t(`assets.type.${x}`) }))} value={type} onChange={(e) => setType(e.target.value)} apiForm={form} />
        </div>
        <TextAreaField name="description" label={t('assets.field.description')} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} apiForm={form} />
        <TextField name="owner" label={t('assets.field.owner')} maxLength={200} value={owner} onChange={(e) => setOwner(e.target.value)} apiForm={form} />
        <div className="form-grid">
          {AXES.map((axis) => (
            <SelectField
              key={axis}
              name={axis}
              label={t(`assets.axis.${axis}`)}
              options={levelOptions(scheme, axis, i18n.language)}
              value={levels[axis]}
              onChange={(e) => setLevels((old) => ({ ...old, [axis]: e.target.value }))}
              apiForm={form}
            />
          ))}
        </div>
        <div className="form-grid">
          <SelectField
            name="category"
            label={t('assets.field.category')}
            help={t('assets.categoryHelp')}
            options={DATA_CATEGORIES.map((c) => ({ value: c, label: t(`assets.category.${c}`) }))}
            value={category}
            onChange={(e) => setCategory(e.target.value)}
            apiForm={form}
          />
          <CheckboxField name="personal_info" label={t('assets.field.personalInfo')} checked={personal} onChange={(e) => setPersonal(e.target.checked)} apiForm={form} />
        </div>
        <div className="form-grid">
          <TextField name="storage_location" label={t('assets.field.location')} value={location} onChange={(e) => setLocation(e.target.value)} apiForm={form} />
          <TextField name="storage_country" label={t('assets.field.country')} help={t('assets.countryHelp')} maxLength={2} value={country} onChange={(e) => setCountry(e.target.value)} apiForm={form} fieldClassName="field-short" />
        </div>
        <ServiceChecks services={services} chosen={serviceIds} onChange={setServiceIds} name="services" />
        <TextAreaField name="suppliers" label={t('assets.field.suppliers')} help={t('scope.onePerLine')} rows={2} value={suppliers} onChange={(e) => setSuppliers(e.target.value)} apiForm={form} />
        <FormError error={form.formError} />
      </form>
    </Dialog>
  );
}

export function BulkDialog({
  ids,
  scheme,
  services,
  onClose,
  onSaved,
}: {
  ids: string[];
  scheme: Classification;
  services: CloudService[];
  onClose: () => void;
  onSaved: (changed: Asset[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const base = useOrgPath();
  const form = useApiForm();
  const [owner, setOwner] = useState('');
  const [levels, setLevels] = useState<Record<Axis, string>>({ confidentiality: '', integrity: '', availability: '' });
  const [mode, setMode] = useState('');
  const [serviceIds, setServiceIds] = useState<string[]>([]);
  const submit = async () => {
    const body: Record<string, unknown> = { asset_ids: ids };
    if (owner.trim()) body.owner = owner.trim();
    for (const axis of AXES) if (levels[axis]) body[axis] = Number(levels[axis]);
    if (mode) {
      body.service_ids = serviceIds;
      body.service_mode = mode;
    }
    const r = await form.run(() => api.post<Asset[]>(`${base}/assets/bulk`, body));
    if (r !== undefined) onSaved(r);
  };
  const keep = { value: '', label: t('assets.bulk.keep') };
  return (
    <Dialog
      open
      onClose={onClose}
      size="large"
      title={t('assets.bulk.title', { count: ids.length })}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="bulk-form" className="btn btn-primary" disabled={form.busy}>
            {t('assets.bulk.apply')}
          </button>
        </>
      }
    >
      <form id="bulk-form" ref={form.formRef} onSubmit={form.onSubmit(submit)} noValidate className="form">
        <p className="field-help">{t('assets.bulk.help')}</p>
        <TextField name="owner" label={t('assets.field.owner')} placeholder={t('assets.bulk.keep')} value={owner} onChange={(e) => setOwner(e.target.value)} apiForm={form} />
        <div className="form-grid">
          {AXES.map((axis) => (
            <SelectField
              key={axis}
              name={axis}
              label={t(`assets.axis.${axis}`)}
              options={[keep, ...levelOptions(scheme, axis, i18n.language)]}
              value={levels[axis]}
              onChange={(e) => setLevels((old) => ({ ...old, [axis]: e.target.value }))}
              apiForm={form}
            />
          ))}
        </div>
        <SelectField
          name="service_mode"
          label={t('assets.bulk.services')}
          options={[keep, ...(['replace', 'add', 'remove'] as const).map((m) => ({ value: m, label: t(`assets.bulk.mode.${m}`) }))]}
          value={mode}
          onChange={(e) => setMode(e.target.value)}
          apiForm={form}
        />
        {mode && <ServiceChecks services={services} chosen={serviceIds} onChange={setServiceIds} name="service_ids" />}
        <FormError error={form.formError} />
      </form>
    </Dialog>
  );
}
