// The organisation's classification scheme (default: the government scheme
// 機密性3/2/1, 完全性2/1, 可用性2/1). Levels can be relabelled and added; a
// level that assets use cannot be removed (the server names them).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, seg } from '../../api/client';
import { AXES, type Axis, type Classification, type ClassificationLevel } from '../../api/isms';
import { Dialog } from '../../components/Dialog';
import { FormError, TextAreaField, TextField, useApiForm } from '../../components/Form';
import { useOrgPath } from '../settings/SettingsLayout';
import { inUseText } from '../scope/conflicts';

function LevelDialog({
  axis,
  level,
  onClose,
  onSaved,
}: {
  axis: Axis;
  level: ClassificationLevel;
  onClose: () => void;
  onSaved: (s: Classification) => void;
}) {
  const { t } = useTranslation();
  const base = useOrgPath();
  const form = useApiForm();
  const [ja, setJa] = useState(level.label_ja);
  const [en, setEn] = useState(level.label_en);
  const [description, setDescription] = useState(level.description);
  const submit = async () => {
    const r = await form.run(() =>
      api.put<Classification>(`${base}/classification/${seg(axis)}/${level.level}`, { label_ja: ja.trim(), label_en: en.trim(), description }),
    );
    if (r !== undefined) onSaved(r);
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={t('assets.scheme.editLevel', { axis: t(`assets.axis.${axis}`), level: level.level })}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="level-form" className="btn btn-primary" disabled={form.busy}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <form id="level-form" ref={form.formRef} onSubmit={form.onSubmit(submit)} noValidate className="form">
        <div className="form-grid">
          <TextField name="label_ja" label={t('assets.scheme.labelJa')} required value={ja} onChange={(e) => setJa(e.target.value)} apiForm={form} />
          <TextField name="label_en" label={t('assets.scheme.labelEn')} required value={en} onChange={(e) => setEn(e.target.value)} apiForm={form} />
        </div>
        <TextAreaField name="description" label={t('assets.scheme.description')} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} apiForm={form} />
        <FormError error={form.formError} />
      </form>
    </Dialog>
  );
}

export function ClassificationPanel({ scheme, canWrite, onChanged }: { scheme: Classification; canWrite: boolean; onChanged: (s: Classification) => void }) {
  const { t, i18n } = useTranslation();
  const base = useOrgPath();
  const [editing, setEditing] = useState<{ axis: Axis; level: ClassificationLevel } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const en = i18n.language.startsWith('en');
  const remove = async (axis: Axis, level: number) => {
    setError(null);
    try {
      onChanged(await api.del<Classification>(`${base}/classification/${seg(axis)}/${level}`));
    } catch (e) {
      setError(inUseText(e));
    }
  };
  return (
    <section className="panel" aria-labelledby="scheme-title">
      <div className="panel-head">
        <h2 id="scheme-title">{t('assets.scheme.title')}</h2>
        {scheme.is_default && <span className="badge badge-ext">{t('assets.scheme.default')}</span>}
      </div>
      <p className="muted small">{t('assets.scheme.intro')}</p>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <div className="scheme-axes">
        {AXES.map((axis) => {
          const levels = scheme[axis];
          const next = Math.max(0, ...levels.map((l) => l.level)) + 1;
          return (
            <div key={axis}>
              <h3>{t(`assets.axis.${axis}`)}</h3>
              <ol>
                {[...levels].reverse().map((l) => (
                  <li key={l.level}>
                    <span className={`badge badge-level badge-level-${l.level}`}>{l.level}</span> <strong>{en ? l.label_en : l.label_ja}</strong>
                    {l.description && <div className="small muted">{l.description}</div>}
                    {canWrite && (
                      <span className="btn-row">
                        <button type="button" className="btn btn-small" onClick={() => setEditing({ axis, level: l })}>
                          {t('common.edit')}
                          <span className="visually-hidden">: {en ? l.label_en : l.label_ja}</span>
                        </button>
                        {levels.length > 1 && (
                          <button type="button" className="btn btn-small" onClick={() => void remove(axis, l.level)}>
                            {t('common.delete')}
                            <span className="visually-hidden">: {en ? l.label_en : l.label_ja}</span>
                          </button>
                        )}
                      </span>
                    )}
                  </li>
                ))}
              </ol>
              {canWrite && next <= 9 && (
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => setEditing({ axis, level: { level: next, label_ja: '', label_en: '', description: '' } })}
                >
                  {t('assets.scheme.addLevel', { axis: t(`assets.axis.${axis}`) })}
                </button>
              )}
            </div>
          );
        })}
      </div>
      {editing && (
        <LevelDialog
          axis={editing.axis}
          level={editing.level}
          onClose={() => setEditing(null)}
          onSaved={(s) => {
            setEditing(null);
            onChanged(s);
          }}
        />
      )}
    </section>
  );
}
