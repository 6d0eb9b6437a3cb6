// リスク基準: the likelihood and impact scales, the risk levels, the matrix
// grid (a level per cell), the acceptance level and the risk goals
// (「高は半年以内に中以下」). Any size; the server checks the shape and that
// the matrix is monotone. Saving re-derives every risk's level.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { levelLabel, levelTone, type RiskCriteria, type ScaleLevel } from '../../api/risks';
import { useAuth } from '../../auth/AuthContext';
import { FormError, SelectField, TextField, useApiForm } from '../../components/Form';
import { Async, Notice } from '../../components/States';
import { useApi } from '../../lib/useApi';
import { useOrgPath } from '../settings/SettingsLayout';

function resize(matrix: number[][], rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, l) => Array.from({ length: cols }, (_, i) => matrix[l]?.[i] ?? matrix[l]?.[matrix[l].length - 1] ?? 1));
}

function ScaleEditor({ name, scale, onChange, readOnly, form }: { name: 'likelihood' | 'impact' | 'levels'; scale: ScaleLevel[]; onChange: (s: ScaleLevel[]) => void; readOnly: boolean; form: ReturnType<typeof useApiForm> }) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<ScaleLevel>) => onChange(scale.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <fieldset className="risk-section">
      <legend>{t(`risks.criteria.${name}`)}</legend>
      <div className="risk-list-editor">
        {scale.map((s, i) => (
          <div className="risk-list-row" key={i}>
            <strong>{i + 1}</strong>
            <TextField name={`${name}[${i}].label_ja`} label={t('risks.criteria.labelJa')} value={s.label_ja} onChange={(e) => set(i, { label_ja: e.target.value })} readOnly={readOnly} apiForm={form} />
            <TextField name={`${name}[${i}].label_en`} label={t('risks.criteria.labelEn')} value={s.label_en} onChange={(e) => set(i, { label_en: e.target.value })} readOnly={readOnly} apiForm={form} />
            {name !== 'levels' && (
              <TextField name={`${name}[${i}].description`} label={t('risks.criteria.description')} value={s.description} onChange={(e) => set(i, { description: e.target.value })} readOnly={readOnly} apiForm={form} />
            )}
          </div>
        ))}
        {!readOnly && (
          <div className="btn-row">
            <button type="button" className="btn btn-small" onClick={() => onChange([...scale, { label_ja: '', label_en: '', description: '' }])}>
              {t('risks.criteria.addLevel')}
              <span className="visually-hidden">: {t(`risks.criteria.${name}`)}</span>
            </button>
            {scale.length > 2 && (
              <button type="button" className="btn btn-small" onClick={() => onChange(scale.slice(0, -1))}>
                {t('risks.criteria.removeLevel')}
                <span className="visually-hidden">: {t(`risks.criteria.${name}`)}</span>
              </button>
            )}
          </div>
        )}
      </div>
    </fieldset>
  );
}

function Editor({ initial, readOnly }: { initial: RiskCriteria; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const base = useOrgPath();
  const form = useApiForm();
  const [c, setC] = useState<RiskCriteria>(initial);
  const [notice, setNotice] = useState<string | null>(null);
  const levels = c.levels.map((l) => ({ ...l, description: '' }));
  const update = (patch: Partial<RiskCriteria>) =>
    setC((old) => {
      const next = { ...old, ...patch };
      return { ...next, matrix: resize(next.matrix, next.likelihood.length, next.impact.length) };
    });
  const levelOptions = c.levels.map((l, i) => ({ value: String(i + 1), label: `${i + 1}: ${levelLabel(l, i18n.language)}` }));
  const save = async () => {
    setNotice(null);
    const r = await form.run(() => api.put<RiskCriteria & { voided_approvals: string[] }>(`${base}/risk-criteria`, c));
    if (r !== undefined) setNotice(t('risks.criteria.saved', { count: r.voided_approvals.length }));
  };
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit(save)} noValidate className="form" aria-label={t('risks.tabs.criteria')}>
      {notice && <Notice>{notice}</Notice>}
      <p>{t('risks.criteria.intro')}</p>
      <ScaleEditor name="likelihood" scale={c.likelihood} onChange={(s) => update({ likelihood: s })} readOnly={readOnly} form={form} />
      <ScaleEditor name="impact" scale={c.impact} onChange={(s) => update({ impact: s })} readOnly={readOnly} form={form} />
      <ScaleEditor name="levels" scale={levels} onChange={(s) => update({ levels: s.map(({ label_ja, label_en }) => ({ label_ja, label_en })) })} readOnly={readOnly} form={form} />
      <fieldset className="risk-section">
        <legend>{t('risks.criteria.matrix')}</legend>
        <table className="risk-matrix">
          <caption className="risk-axis">{t('risks.criteria.matrixHelp')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('risks.field.likelihood')} \ {t('risks.field.impact')}</th>
              {c.impact.map((im, i) => (
                <th scope="col" key={i}>
                  {i + 1}: {levelLabel(im, i18n.language)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {c.likelihood
              .map((lk, l) => ({ lk, l }))
              .reverse()
              .map(({ lk, l }) => (
                <tr key={l}>
                  <th scope="row">
                    {l + 1}: {levelLabel(lk, i18n.language)}
                  </th>
                  {c.impact.map((_, i) => {
                    const value = c.matrix[l]?.[i] ?? 1;
                    const fieldName = `matrix[${l}][${i}]`;
                    return (
                      <td key={i} className={`risk-cell risk-tone-${levelTone(value, c.levels.length)}${form.errors[fieldName] ? ' field-invalid' : ''}`}>
                        <select
                          name={fieldName}
                          className="input select"
                          aria-label={t('risks.criteria.cell', { l: l + 1, i: i + 1 })}
                          value={String(value)}
                          disabled={readOnly}
                          onChange={(e) => update({ matrix: c.matrix.map((row, rl) => (rl === l ? row.map((v, ri) => (ri === i ? Number(e.target.value) : v)) : row)) })}
                        >
                          {levelOptions.map((o) => (
                            <option key={o.value} value={o.value}>
                              {o.label}
                            </option>
                          ))}
                        </select>
                      </td>
                    );
                  })}
                </tr>
              ))}
          </tbody>
        </table>
        {Object.entries(form.errors)
          .filter(([k]) => k.startsWith('matrix'))
          .map(([k, v]) => (
            <p key={k} className="field-error">
              {k}: {v?.message}
              {v?.detail ? ` — ${v.detail}` : ''}
            </p>
          ))}
      </fieldset>
      <SelectField name="acceptance_level" label={t('risks.criteria.acceptance')} help={t('risks.criteria.acceptanceHelp')} options={levelOptions} value={String(c.acceptance_level)} onChange={(e) => update({ acceptance_level: Number(e.target.value) })} disabled={readOnly} apiForm={form} />
      <fieldset className="risk-section">
        <legend>{t('risks.criteria.goals')}</legend>
        <div className="risk-list-editor">
          {c.goals.map((g, n) => (
            <div className="risk-list-row" key={n}>
              <SelectField name={`goals[${n}].from_level`} label={t('risks.criteria.goalFrom')} options={levelOptions} value={String(g.from_level)} disabled={readOnly} apiForm={form}
                onChange={(e) => update({ goals: c.goals.map((x, j) => (j === n ? { ...x, from_level: Number(e.target.value) } : x)) })} />
              <SelectField name={`goals[${n}].target_level`} label={t('risks.criteria.goalTarget')} options={levelOptions} value={String(g.target_level)} disabled={readOnly} apiForm={form}
                onChange={(e) => update({ goals: c.goals.map((x, j) => (j === n ? { ...x, target_level: Number(e.target.value) } : x)) })} />
              <TextField name={`goals[${n}].within_months`} type="number" min={1} max={120} label={t('risks.criteria.goalMonths')} value={String(g.within_months)} readOnly={readOnly} apiForm={form} fieldClassName="field-short"
                onChange={(e) => update({ goals: c.goals.map((x, j) => (j === n ? { ...x, within_months: Number(e.target.value) } : x)) })} />
              {!readOnly && (
                <button type="button" className="btn btn-small" onClick={() => update({ goals: c.goals.filter((_, j) => j !== n) })}>
                  {t('common.delete')}
                </button>
              )}
            </div>
          ))}
          {!readOnly && (
            <div>
              <button type="button" className="btn btn-small" onClick={() => update({ goals: [...c.goals, { from_level: c.levels.length, target_level: Math.max(1, c.levels.length - 1), within_months: 6 }] })}>
                {t('risks.criteria.addGoal')}
              </button>
            </div>
          )}
        </div>
      </fieldset>
      <FormError error={form.formError} />
      {!readOnly && (
        <button type="submit" className="btn btn-primary" disabled={form.busy}>
          {t('risks.criteria.save')}
        </button>
      )}
    </form>
  );
}

export function CriteriaEditor() {
  const base = useOrgPath();
  const { role } = useAuth();
  const state = useApi<RiskCriteria>(base ? `${base}/risk-criteria` : null);
  return <Async state={state}>{(c) => <Editor initial={c} readOnly={!(role === 'admin' || role === 'isms_manager')} />}</Async>;
}
