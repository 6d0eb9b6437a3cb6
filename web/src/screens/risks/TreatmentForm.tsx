// A risk's treatment (JIS Q 27001 6.1.3): the option, controls from any
// catalog, the plan and its actions (owner, due date, done), the residual
// rating and, when it is above the acceptance level, why it is accepted.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, seg } from '../../api/client';
import { levelLabel, TREATMENT_OPTIONS, type Risk, type RiskCriteria, type Treatment, type TreatmentAction } from '../../api/risks';
import { CheckboxField, FormError, SelectField, TextAreaField, TextField, useApiForm } from '../../components/Form';
import { useOrgPath } from '../settings/SettingsLayout';
import { ControlPicker } from './ControlPicker';

export function TreatmentForm({ risk, criteria, canWrite, onSaved }: { risk: Risk; criteria: RiskCriteria; canWrite: boolean; onSaved: (r: Risk) => void }) {
  const { t, i18n } = useTranslation();
  const base = useOrgPath();
  const form = useApiForm();
  const [tr, setTr] = useState<Treatment>(risk.treatment);
  const set = (patch: Partial<Treatment>) => setTr((old) => ({ ...old, ...patch }));
  const setAction = (i: number, patch: Partial<TreatmentAction>) => set({ actions: tr.actions.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  const scale = (levels: RiskCriteria['likelihood']) => [
    { value: '0', label: t('risks.notAssessed') },
    ...levels.map((l, i) => ({ value: String(i + 1), label: `${i + 1}: ${levelLabel(l, i18n.language)}` })),
  ];
  const residual =
    tr.residual_likelihood > 0 && tr.residual_impact > 0 ? criteria.matrix[tr.residual_likelihood - 1]?.[tr.residual_impact - 1] : undefined;
  const above = residual !== undefined && residual > criteria.acceptance_level;
  const save = async () => {
    const body = { ...tr, controls: tr.controls.map(({ catalog_key, ref }) => ({ catalog_key, ref })) };
    const r = await form.run(() => api.put<Risk>(`${base}/risks/${seg(risk.id)}/treatment`, body));
    if (r !== undefined) onSaved(r);
  };
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit(save)} noValidate className="form" aria-label={t('risks.treatment.title')}>
      <SelectField
        name="option"
        label={t('risks.field.option')}
        options={[{ value: '', label: t('risks.treatment.undecided') }, ...TREATMENT_OPTIONS.map((o) => ({ value: o, label: t(`risks.option.${o}`) }))]}
        value={tr.option ?? ''}
        onChange={(e) => set({ option: (e.target.value || null) as Treatment['option'] })}
        disabled={!canWrite}
        apiForm={form}
      />
      <fieldset className="risk-section">
        <legend>{t('risks.treatment.controls')}</legend>
        <ul>
          {tr.controls.map((c, i) => (
            <li key={`${c.catalog_key} ${c.ref}`}>
              <strong>
                {c.catalog_key} {c.ref}
              </strong>{' '}
              {c.title}{' '}
              {canWrite && (
                <button type="button" className="btn btn-small" onClick={() => set({ controls: tr.controls.filter((_, j) => j !== i) })}>
                  {t('common.delete')}
                  <span className="visually-hidden">: {c.ref}</span>
                </button>
              )}
              {(['ref', 'catalog_key'] as const).map((part) => {
                const err = form.errors[`controls[${i}].${part}`];
                return err ? (
                  <span key={part} className="field-error">
                    {err.message}
                    {err.detail ? ` — ${err.detail}` : ''}
                  </span>
                ) : null;
              })}
            </li>
          ))}
          {tr.controls.length === 0 && <li className="muted">{t('risks.treatment.noControls')}</li>}
        </ul>
        {canWrite && <ControlPicker chosen={tr.controls} onAdd={(c) => set({ controls: [...tr.controls, c] })} />}
      </fieldset>
      <TextAreaField name="plan" label={t('risks.treatment.plan')} rows={3} value={tr.plan} onChange={(e) => set({ plan: e.target.value })} readOnly={!canWrite} apiForm={form} />
      <fieldset className="risk-section">
        <legend>{t('risks.treatment.actions')}</legend>
        <div className="risk-list-editor">
          {tr.actions.map((a, i) => (
            <div className="risk-list-row" key={i}>
              <TextField name={`actions[${i}].description`} label={t('risks.treatment.action')} value={a.description} onChange={(e) => setAction(i, { description: e.target.value })} readOnly={!canWrite} apiForm={form} />
              <TextField name={`actions[${i}].owner`} label={t('risks.treatment.actionOwner')} value={a.owner} onChange={(e) => setAction(i, { owner: e.target.value })} readOnly={!canWrite} apiForm={form} />
              <TextField name={`actions[${i}].due_on`} type="date" label={t('risks.treatment.due')} value={a.due_on} onChange={(e) => setAction(i, { due_on: e.target.value })} readOnly={!canWrite} apiForm={form} fieldClassName="field-short" />
              <CheckboxField
                name={`actions[${i}].done`}
                label={t('risks.treatment.done')}
                checked={a.done}
                disabled={!canWrite}
                onChange={(e) => setAction(i, { done: e.target.checked, done_on: e.target.checked ? a.done_on || new Date().toISOString().slice(0, 10) : '' })}
                apiForm={form}
              />
              {a.done && (
                <TextField name={`actions[${i}].done_on`} type="date" label={t('risks.treatment.doneOn')} value={a.done_on} onChange={(e) => setAction(i, { done_on: e.target.value })} readOnly={!canWrite} apiForm={form} fieldClassName="field-short" />
              )}
              {canWrite && (
                <button type="button" className="btn btn-small" onClick={() => set({ actions: tr.actions.filter((_, j) => j !== i) })}>
                  {t('common.delete')}
                  <span className="visually-hidden">: {a.description}</span>
                </button>
              )}
            </div>
          ))}
          {canWrite && (
            <div>
              <button type="button" className="btn btn-small" onClick={() => set({ actions: [...tr.actions, { description: '', owner: '', due_on: '', done: false, done_on: '' }] })}>
                {t('risks.treatment.addAction')}
              </button>
            </div>
          )}
        </div>
      </fieldset>
      <div className="form-grid">
        <SelectField name="residual_likelihood" label={t('risks.treatment.residualLikelihood')} options={scale(criteria.likelihood)} value={String(tr.residual_likelihood)} onChange={(e) => set({ residual_likelihood: Number(e.target.value) })} disabled={!canWrite} apiForm={form} />
        <SelectField name="residual_impact" label={t('risks.treatment.residualImpact')} options={scale(criteria.impact)} value={String(tr.residual_impact)} onChange={(e) => set({ residual_impact: Number(e.target.value) })} disabled={!canWrite} apiForm={form} />
      </div>
      {residual !== undefined && (
        <p>
          {t('risks.field.residualLevel')}: <strong>{levelLabel(criteria.levels[residual - 1], i18n.language)}</strong> {above ? `(${t('risks.aboveAcceptance')})` : `(${t('risks.acceptable')})`}
        </p>
      )}
      <TextAreaField
        name="acceptance_statement"
        label={t('risks.treatment.acceptance')}
        help={t('risks.treatment.acceptanceHelp')}
        rows={2}
        value={tr.acceptance_statement}
        onChange={(e) => set({ acceptance_statement: e.target.value })}
        readOnly={!canWrite}
        apiForm={form}
      />
      <FormError error={form.formError} />
      {canWrite && (
        <button type="submit" className="btn btn-primary" disabled={form.busy}>
          {t('risks.treatment.save')}
        </button>
      )}
    </form>
  );
}
