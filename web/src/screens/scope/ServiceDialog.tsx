// Create or edit a cloud service: its model, the organisation's role for it
// (JIP-ISMS517 4.1: a service provided on another provider's cloud service is
// "both"), what it runs on (the organisation's own services, or external ones
// by name with their ISMAP listing) and where its data is kept.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, seg } from '../../api/client';
import { SERVICE_MODELS, SERVICE_ROLES, type CloudService } from '../../api/isms';
import { Dialog } from '../../components/Dialog';
import { CheckboxField, FormError, SelectField, TextAreaField, TextField, useApiForm } from '../../components/Form';
import { useOrgPath } from '../settings/SettingsLayout';

export function lines(text: string): string[] {
  return text
    .split(/[\n,、]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function ServiceDialog({
  service,
  all,
  onClose,
  onSaved,
}: {
  service: CloudService | null;
  all: CloudService[];
  onClose: () => void;
  onSaved: (s: CloudService) => void;
}) {
  const { t } = useTranslation();
  const base = useOrgPath();
  const form = useApiForm();
  const [name, setName] = useState(service?.name ?? '');
  const [description, setDescription] = useState(service?.description ?? '');
  const [model, setModel] = useState<string>(service?.model ?? 'saas');
  const [role, setRole] = useState<string>(service?.role ?? 'provider');
  const [inScope, setInScope] = useState(service?.in_scope ?? true);
  const [owner, setOwner] = useState(service?.owner ?? '');
  const ownIds = (service?.runs_on ?? []).flatMap((d) => ('service_id' in d ? [d.service_id] : []));
  const externals = (service?.runs_on ?? []).flatMap((d) => ('external_name' in d ? [d] : []));
  const [own, setOwn] = useState<string[]>(ownIds);
  const [external, setExternal] = useState(externals.map((d) => d.external_name).join('\n'));
  const [ismap, setIsmap] = useState(externals.filter((d) => d.ismap_registered).map((d) => d.external_name).join('\n'));
  const [countries, setCountries] = useState((service?.data_countries ?? []).join(', '));
  const [note, setNote] = useState(service?.data_location_note ?? '');
  const others = all.filter((s) => s.id !== service?.id);

  const submit = async () => {
    const body = {
      name: name.trim(),
      description,
      model,
      role,
      in_scope: inScope,
      owner: owner.trim(),
      runs_on_services: own,
      runs_on_external: lines(external),
      ismap_registered_external: lines(ismap),
      data_countries: lines(countries),
      data_location_note: note,
    };
    const r = await form.run(() =>
      service ? api.patch<CloudService>(`${base}/services/${seg(service.id)}`, body) : api.post<CloudService>(`${base}/services`, body),
    );
    if (r !== undefined) onSaved(r);
  };

  return (
    <Dialog
      open
      onClose={onClose}
      size="large"
      title={service ? t('scope.service.edit', { name: service.name }) : t('scope.service.create')}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="service-form" className="btn btn-primary" disabled={form.busy}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <form id="service-form" ref={form.formRef} onSubmit={form.onSubmit(submit)} noValidate className="form">
        <TextField name="name" label={t('scope.service.name')} required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} apiForm={form} />
        <TextAreaField name="description" label={t('scope.service.description')} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} apiForm={form} />
        <div className="form-grid">
          <SelectField
            name="model"
            label={t('scope.service.model')}
            options={SERVICE_MODELS.map((m) => ({ value: m, label: t(`scope.model.${m}`) }))}
            value={model}
            onChange={(e) => setModel(e.target.value)}
            apiForm={form}
          />
          <SelectField
            name="role"
            label={t('scope.service.role')}
            help={t('scope.service.roleHelp')}
            options={SERVICE_ROLES.map((r) => ({ value: r, label: t(`scope.role.${r}`) }))}
            value={role}
            onChange={(e) => setRole(e.target.value)}
            apiForm={form}
          />
        </div>
        <div className="form-grid">
          <TextField name="owner" label={t('scope.service.owner')} maxLength={200} value={owner} onChange={(e) => setOwner(e.target.value)} apiForm={form} />
          <CheckboxField name="in_scope" label={t('scope.service.inScope')} checked={inScope} onChange={(e) => setInScope(e.target.checked)} apiForm={form} />
        </div>
        <fieldset className="fieldset">
          <legend>{t('scope.service.runsOn')}</legend>
          <p className="field-help">{t('scope.service.runsOnHelp')}</p>
          {others.length > 0 && (
            <div className="field" role="group" aria-label={t('scope.service.ownServices')}>
              <span className="field-label">{t('scope.service.ownServices')}</span>
              {others.map((o) => (
                <label key={o.id} className="choice">
                  <input
                    type="checkbox"
                    name="runs_on_services"
                    checked={own.includes(o.id)}
                    onChange={(e) => setOwn((old) => (e.target.checked ? [...old, o.id] : old.filter((x) => x !== o.id)))}
                  />{' '}
                  {o.name}
                </label>
              ))}
              {form.errors.runs_on && <p className="field-error">{form.errors.runs_on.message}</p>}
            </div>
          )}
          <div className="form-grid">
            <TextAreaField name="runs_on_external" label={t('scope.service.external')} help={t('scope.onePerLine')} rows={2} value={external} onChange={(e) => setExternal(e.target.value)} apiForm={form} />
            <TextAreaField name="ismap_registered_external" label={t('scope.service.ismap')} help={t('scope.service.ismapHelp')} rows={2} value={ismap} onChange={(e) => setIsmap(e.target.value)} apiForm={form} />
          </div>
        </fieldset>
        <div className="form-grid">
          <TextField name="data_countries" label={t('scope.service.countries')} help={t('scope.service.countriesHelp')} value={countries} onChange={(e) => setCountries(e.target.value)} apiForm={form} />
          <TextField name="data_location_note" label={t('scope.service.locationNote')} value={note} onChange={(e) => setNote(e.target.value)} apiForm={form} />
        </div>
        <FormError error={form.formError} />
      </form>
    </Dialog>
  );
}
