// The views of a tailored standard besides its items: the balance of
// attributes (seed 002 III.2: 予防/検知/是正, 機密性/完全性/可用性, …), audit
// scopes selected by attribute and saved, and approved versions with a diff.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, seg } from '../../api/client';
import type { AuditScope, Balance, DiffEntry, StandardDetail, StandardVersion, TailoredItem, VocabularyType } from '../../api/standards';
import { FormError, SelectField, TextAreaField, TextField, useApiForm } from '../../components/Form';
import { Async, EmptyState, Notice } from '../../components/States';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { useOrgPath } from '../settings/SettingsLayout';

/** The label of an attribute type or value in the current language (own attributes as written). */
export function useAttributeLabels(vocabulary: VocabularyType[]) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  const typeLabel = (type: string) => {
    const v = vocabulary.find((x) => x.key === type);
    return v ? (en ? v.en : v.ja) : type;
  };
  const valueLabel = (type: string, value: string) => {
    const v = vocabulary.find((x) => x.key === type)?.values.find((x) => x.key === value);
    return v ? (en ? v.en : v.ja) : value;
  };
  return { typeLabel, valueLabel };
}

export function AttributeChips({ item, vocabulary, only }: { item: TailoredItem; vocabulary: VocabularyType[]; only?: string[] }) {
  const { typeLabel, valueLabel } = useAttributeLabels(vocabulary);
  return (
    <span className="std-chips">
      {item.attributes
        .filter((a) => !only || only.includes(a.type))
        .flatMap((a) =>
          a.values.map((v) => (
            <span key={`${a.type}:${v}`} className={`std-chip${vocabulary.some((x) => x.key === a.type) ? '' : ' std-chip-own'}`} title={typeLabel(a.type)}>
              #{valueLabel(a.type, v)}
            </span>
          )),
        )}
    </span>
  );
}

export function BalancePanel({ standard }: { standard: StandardDetail }) {
  const { t } = useTranslation();
  const base = useOrgPath();
  const state = useApi<Balance>(`${base}/standards/${seg(standard.id)}/balance`);
  const { typeLabel, valueLabel } = useAttributeLabels(standard.vocabulary);
  return (
    <Async state={state}>
      {(b) => (
        <div className="std-balance">
          <p>{t('standard.balanceSummary', { total: b.total, required: b.required, recommended: b.recommended, technical: b.technical })}</p>
          {b.types.map((ty) => {
            const max = Math.max(1, ...ty.values.map((v) => v.count));
            return (
              <section key={ty.type} className="std-balance-type" aria-label={typeLabel(ty.type)}>
                <h3>{typeLabel(ty.type)}</h3>
                <dl className="std-bars">
                  {ty.values.map((v) => (
                    <div key={v.value} className="std-bar-row">
                      <dt>#{valueLabel(ty.type, v.value)}</dt>
                      <dd>
                        <span className="std-track">
                          <span className={`std-bar${v.count === 0 ? ' std-bar-empty' : ''}`} style={{ width: `${(100 * v.count) / max}%` }} />
                        </span>
                        <span className="std-bar-count">{v.count}</span>
                      </dd>
                    </div>
                  ))}
                  {ty.unclassified > 0 && (
                    <div className="std-bar-row std-bar-muted">
                      <dt>{t('standard.unclassified')}</dt>
                      <dd>
                        <span className="std-bar-count">{ty.unclassified}</span>
                      </dd>
                    </div>
                  )}
                </dl>
              </section>
            );
          })}
        </div>
      )}
    </Async>
  );
}

/** Every attribute type and value present in the vocabulary or on an item: what a filter can choose. */
export function attributeChoices(standard: StandardDetail): { type: string; values: string[] }[] {
  const out = standard.vocabulary.map((v) => ({ type: v.key, values: v.values.map((x) => x.key) }));
  for (const item of standard.items)
    for (const a of item.attributes) {
      let slot = out.find((o) => o.type === a.type);
      if (!slot) {
        slot = { type: a.type, values: [] };
        out.push(slot);
      }
      for (const v of a.values) if (!slot.values.includes(v)) slot.values.push(v);
    }
  return out;
}

export function ScopePanel({ standard, canWrite }: { standard: StandardDetail; canWrite: boolean }) {
  const { t } = useTranslation();
  const base = useOrgPath();
  const path = `${base}/standards/${seg(standard.id)}`;
  const scopes = useApi<AuditScope[]>(`${path}/audit-scopes`);
  const choices = attributeChoices(standard);
  const { typeLabel, valueLabel } = useAttributeLabels(standard.vocabulary);
  const [type, setType] = useState('control_type');
  const [value, setValue] = useState('detective');
  const [name, setName] = useState('');
  const [purpose, setPurpose] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const form = useApiForm();
  const preview = useApi<{ items: TailoredItem[] }>(`${path}/items`, value ? { attr: `${type}:${value}` } : undefined);
  const values = choices.find((c) => c.type === type)?.values ?? [];
  const submit = async () => {
    const r = await form.run(() => api.post<AuditScope>(`${path}/audit-scopes`, { name: name.trim(), purpose: purpose.trim(), attr: value ? [`${type}:${value}`] : [] }));
    if (r !== undefined) {
      setNotice(t('standard.scopeSaved', { name: r.name, count: r.items.length, version: r.version }));
      setName('');
      scopes.reload();
    }
  };
  return (
    <div className="scope-panel">
      {canWrite && (
        <form ref={form.formRef} onSubmit={form.onSubmit(submit)} noValidate className="form" aria-label={t('standard.scopeCreate')}>
          <h3>{t('standard.scopeCreate')}</h3>
          <div className="form-grid">
            <SelectField
              name="attr_type"
              label={t('standard.field.attrType')}
              options={choices.map((c) => ({ value: c.type, label: typeLabel(c.type) }))}
              value={type}
              onChange={(e) => {
                setType(e.target.value);
                setValue(choices.find((c) => c.type === e.target.value)?.values[0] ?? '');
              }}
            />
            <SelectField name="attr" label={t('standard.field.attrValue')} options={values.map((v) => ({ value: v, label: `#${valueLabel(type, v)}` }))} value={value} onChange={(e) => setValue(e.target.value)} apiForm={form} />
          </div>
          <p aria-live="polite">{preview.data ? t('standard.scopePreview', { count: preview.data.items.length }) : ''}</p>
          <TextField name="name" label={t('standard.field.scopeName')} required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} apiForm={form} />
          <TextAreaField name="purpose" label={t('standard.field.purpose')} rows={2} value={purpose} onChange={(e) => setPurpose(e.target.value)} apiForm={form} />
          <button type="submit" className="btn btn-primary" disabled={form.busy}>
            {t('standard.scopeSave')}
          </button>
          <FormError error={form.formError} />
        </form>
      )}
      {notice && <Notice>{notice}</Notice>}
      <h3>{t('standard.scopes')}</h3>
      <Async state={scopes}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState title={t('standard.noScopes')} />
          ) : (
            <ul className="std-scope-list">
              {list.map((s) => (
                <li key={s.id}>
                  <details>
                    <summary>
                      <strong>{s.name}</strong> — {t('standard.versionN', { n: s.version })}, {t('standard.scopeCount', { count: s.items.length })}{' '}
                      <span className="std-chips">
                        {s.filter.attributes.flatMap((a) => a.values.map((v) => <span key={a.type + v} className="std-chip">#{valueLabel(a.type, v)}</span>))}
                      </span>
                    </summary>
                    {s.purpose && <p className="small">{s.purpose}</p>}
                    <ul className="small">
                      {s.items.map((i) => (
                        <li key={i.key}>
                          <strong>{i.number}</strong> {i.title}
                        </li>
                      ))}
                    </ul>
                  </details>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </div>
  );
}

export function VersionsPanel({ standard }: { standard: StandardDetail }) {
  const { t } = useTranslation();
  const base = useOrgPath();
  const path = `${base}/standards/${seg(standard.id)}`;
  const versions = useApi<StandardVersion[]>(`${path}/versions`);
  const [from, setFrom] = useState('1');
  const [to, setTo] = useState('0');
  const diff = useApi<{ changes: DiffEntry[] }>(standard.approved_version > 0 ? `${path}/diff` : null, { from, to });
  const options = [
    ...(versions.data ?? []).map((v) => ({ value: String(v.version), label: t('standard.versionN', { n: v.version }) })),
    { value: '0', label: t('standard.draft') },
  ];
  return (
    <div>
      <Async state={versions}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState title={t('standard.noVersions')} />
          ) : (
            <table className="table">
              <caption className="visually-hidden">{t('standard.versions')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('standard.field.version')}</th>
                  <th scope="col">{t('standard.field.note')}</th>
                  <th scope="col">{t('standard.field.approvedBy')}</th>
                  <th scope="col">{t('standard.field.approvedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((v) => (
                  <tr key={v.version}>
                    <td>{t('standard.versionN', { n: v.version })}</td>
                    <td>{v.note}</td>
                    <td>{v.approved_by}</td>
                    <td>{formatDateTime(v.approved_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Async>
      {standard.approved_version > 0 && (
        <section aria-label={t('standard.diff')}>
          <h3>{t('standard.diff')}</h3>
          <div className="form-grid">
            <SelectField name="from" label={t('standard.diffFrom')} options={options.filter((o) => o.value !== '0')} value={from} onChange={(e) => setFrom(e.target.value)} />
            <SelectField name="to" label={t('standard.diffTo')} options={options} value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
          <Async state={diff}>
            {(d) =>
              d.changes.length === 0 ? (
                <EmptyState title={t('standard.noChanges')} />
              ) : (
                <table className="table">
                  <caption className="visually-hidden">{t('standard.diff')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('standard.field.number')}</th>
                      <th scope="col">{t('standard.field.change')}</th>
                      <th scope="col">{t('standard.before')}</th>
                      <th scope="col">{t('standard.after')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.changes.map((c) => (
                      <tr key={c.key}>
                        <td>{c.after?.number ?? c.before?.number}</td>
                        <td>
                          {c.changes.map((k) => (
                            <span key={k} className={`badge badge-change badge-change-${k}`}>
                              {t(`standard.change.${k}`)}
                            </span>
                          ))}
                        </td>
                        <td className="small">{c.before ? `${t(`standard.level.${c.before.level}`)} ${c.before.text.slice(0, 120)}` : '—'}</td>
                        <td className="small">{c.after ? `${t(`standard.level.${c.after.level}`)} ${c.after.text.slice(0, 120)}` : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )
            }
          </Async>
        </section>
      )}
    </div>
  );
}
