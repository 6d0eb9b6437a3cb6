// One operation of the seven steps (seed 002 II) on a tailored standard,
// always with its reason: reword, split, merge, add, align, 必須/推奨,
// 技術的検証項目, attributes, remove.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, seg } from '../../api/client';
import type { OperationKind, StandardDetail, TailoredItem } from '../../api/standards';
import { Dialog } from '../../components/Dialog';
import { CheckboxField, FormError, SelectField, TextAreaField, TextField, useApiForm } from '../../components/Form';
import { useOrgPath } from '../settings/SettingsLayout';

export type DialogKind = Exclude<OperationKind, 'take'>;

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
}

function attributeLines(item: TailoredItem | undefined): string {
  return (item?.attributes ?? []).flatMap((a) => a.values.map((v) => `${a.type}:${v}`)).join('\n');
}

export function OperationDialog({
  kind,
  standard,
  targets,
  onClose,
  onDone,
}: {
  kind: DialogKind;
  standard: StandardDetail;
  targets: TailoredItem[];
  onClose: () => void;
  onDone: (s: StandardDetail) => void;
}) {
  const { t } = useTranslation();
  const base = useOrgPath();
  const form = useApiForm();
  const first = targets[0];
  const [number, setNumber] = useState(kind === 'reword' ? (first?.number ?? '') : '');
  const [title, setTitle] = useState(kind === 'reword' ? (first?.title ?? '') : '');
  const [text, setText] = useState(kind === 'reword' ? (first?.text ?? '') : kind === 'merge' ? targets.map((i) => i.text).join('\n') : '');
  const [reason, setReason] = useState('');
  const [parts, setParts] = useState([
    { number: first ? `${first.number}-1` : '', text: first?.text ?? '' },
    { number: first ? `${first.number}-2` : '', text: '' },
  ]);
  const [step, setStep] = useState('4');
  const [origin, setOrigin] = useState('');
  const [source, setSource] = useState('');
  const [after, setAfter] = useState(first?.key ?? '');
  const [regulations, setRegulations] = useState((first?.regulations ?? []).map((r) => `${r.name} | ${r.clause}`).join('\n'));
  const [level, setLevel] = useState(first?.level === 'required' ? 'recommended' : 'required');
  const [technical, setTechnical] = useState(!(first?.technical ?? false));
  const [months, setMonths] = useState(String(first?.review_months || Math.max(1, Math.min(6, standard.review_months - 1))));
  const [attributes, setAttributes] = useState(attributeLines(first));

  const submit = async () => {
    const keys = targets.map((i) => i.key);
    let body: Record<string, unknown> = { kind, reason: reason.trim() };
    switch (kind) {
      case 'reword':
        body = { ...body, items: keys, number: number.trim(), title: title.trim(), text };
        break;
      case 'split':
        body = { ...body, items: keys, part_numbers: parts.map((p) => p.number.trim()), part_texts: parts.map((p) => p.text) };
        break;
      case 'merge':
        body = { ...body, items: keys, number: number.trim(), title: title.trim(), text };
        break;
      case 'add':
        body = { ...body, step: Number(step), number: number.trim(), title: title.trim(), text, origin: lines(origin), source: source.trim(), after };
        break;
      case 'align': {
        const regs = lines(regulations).map((l) => l.split('|').map((s) => s.trim()));
        body = { ...body, items: keys, regulation_names: regs.map((r) => r[0] ?? ''), regulation_clauses: regs.map((r) => r[1] ?? ''), text };
        break;
      }
      case 'set_level':
        body = { ...body, items: keys, level };
        break;
      case 'set_technical':
        body = { ...body, items: keys, technical, ...(technical ? { review_months: Number(months) } : {}) };
        break;
      case 'set_attributes': {
        const now = lines(attributes);
        const types = new Set(now.map((l) => l.split(':')[0]));
        const cleared = (first?.attributes ?? []).map((a) => a.type).filter((ty) => !types.has(ty));
        body = { ...body, items: keys, ...(now.length ? { attributes: now } : {}), ...(cleared.length ? { clear_attributes: cleared } : {}) };
        break;
      }
      case 'remove':
        body = { ...body, items: keys };
        break;
    }
    const r = await form.run(() => api.post<StandardDetail>(`${base}/standards/${seg(standard.id)}/operations`, body));
    if (r !== undefined) onDone(r);
  };

  const targetLabel = targets.map((i) => i.number).join(', ');
  return (
    <Dialog
      open
      onClose={onClose}
      size="large"
      title={t(`standard.op.${kind}`) + (targetLabel ? `: ${targetLabel}` : '')}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="operation-form" className="btn btn-primary" disabled={form.busy}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <form id="operation-form" ref={form.formRef} onSubmit={form.onSubmit(submit)} noValidate className="form">
        <p className="muted small">{t(`standard.opHelp.${kind}`)}</p>
        {(kind === 'reword' || kind === 'merge' || kind === 'add') && (
          <>
            {kind === 'add' && (
              <SelectField
                name="step"
                label={t('standard.field.step')}
                options={(['2', '3', '4'] as const).map((s) => ({ value: s, label: t(`standard.step.${s}`) }))}
                value={step}
                onChange={(e) => setStep(e.target.value)}
                apiForm={form}
              />
            )}
            <div className="form-grid">
              <TextField name="number" label={t('standard.field.number')} required={kind !== 'reword'} maxLength={64} value={number} onChange={(e) => setNumber(e.target.value)} apiForm={form} fieldClassName="field-short" />
              <TextField name="title" label={t('standard.field.itemTitle')} maxLength={1000} value={title} onChange={(e) => setTitle(e.target.value)} apiForm={form} />
            </div>
            <TextAreaField name="text" label={t('standard.field.text')} required rows={6} value={text} onChange={(e) => setText(e.target.value)} apiForm={form} />
          </>
        )}
        {(kind === 'add' || kind === 'merge') && (
          <div className="form-grid">
            <TextAreaField name="origin" label={t('standard.field.origin')} help={t('standard.originHelp')} rows={2} value={origin} onChange={(e) => setOrigin(e.target.value)} apiForm={form} />
            <TextField name="source" label={t('standard.field.source')} help={t('standard.sourceHelp')} maxLength={500} value={source} onChange={(e) => setSource(e.target.value)} apiForm={form} />
          </div>
        )}
        {kind === 'add' && (
          <SelectField
            name="after"
            label={t('standard.field.after')}
            options={[{ value: '', label: t('standard.atEnd') }, ...standard.items.map((i) => ({ value: i.key, label: `${i.number} ${i.title.slice(0, 40)}` }))]}
            value={after}
            onChange={(e) => setAfter(e.target.value)}
            apiForm={form}
          />
        )}
        {kind === 'split' && (
          <fieldset className="fieldset">
            <legend>{t('standard.parts')}</legend>
            {parts.map((p, n) => (
              <div className="form-grid" key={n}>
                <TextField
                  name={n === 0 ? 'part_numbers' : `part_number_${n}`}
                  label={t('standard.partNumber', { n: n + 1 })}
                  required
                  value={p.number}
                  onChange={(e) => setParts(parts.map((x, i) => (i === n ? { ...x, number: e.target.value } : x)))}
                  apiForm={form}
                  fieldClassName="field-short"
                />
                <TextAreaField
                  name={n === 0 ? 'part_texts' : `part_text_${n}`}
                  label={t('standard.partText', { n: n + 1 })}
                  required
                  rows={3}
                  value={p.text}
                  onChange={(e) => setParts(parts.map((x, i) => (i === n ? { ...x, text: e.target.value } : x)))}
                  apiForm={form}
                />
              </div>
            ))}
            <button type="button" className="btn btn-small" onClick={() => setParts([...parts, { number: '', text: '' }])}>
              {t('standard.addPart')}
            </button>
          </fieldset>
        )}
        {kind === 'align' && (
          <>
            <TextAreaField name="regulation_names" label={t('standard.field.regulations')} help={t('standard.regulationsHelp')} required rows={3} value={regulations} onChange={(e) => setRegulations(e.target.value)} apiForm={form} />
            <TextAreaField name="text" label={t('standard.field.alignText')} rows={4} value={text} onChange={(e) => setText(e.target.value)} apiForm={form} />
          </>
        )}
        {kind === 'set_level' && (
          <SelectField
            name="level"
            label={t('standard.field.level')}
            options={(['required', 'recommended'] as const).map((l) => ({ value: l, label: t(`standard.level.${l}`) }))}
            value={level}
            onChange={(e) => setLevel(e.target.value as 'required' | 'recommended')}
            apiForm={form}
          />
        )}
        {kind === 'set_technical' && (
          <div className="form-grid">
            <CheckboxField name="technical" label={t('standard.field.technical')} checked={technical} onChange={(e) => setTechnical(e.target.checked)} apiForm={form} />
            {technical && (
              <TextField
                name="review_months"
                type="number"
                min={1}
                max={standard.review_months - 1}
                label={t('standard.field.technicalMonths', { max: standard.review_months })}
                value={months}
                onChange={(e) => setMonths(e.target.value)}
                apiForm={form}
                fieldClassName="field-short"
              />
            )}
          </div>
        )}
        {kind === 'set_attributes' && (
          <TextAreaField name="attributes" label={t('standard.field.attributes')} help={t('standard.attributesHelp')} rows={6} value={attributes} onChange={(e) => setAttributes(e.target.value)} apiForm={form} />
        )}
        <TextAreaField name="reason" label={t('standard.field.reason')} help={t('standard.reasonHelp')} required rows={2} value={reason} onChange={(e) => setReason(e.target.value)} apiForm={form} />
        <FormError error={form.formError} />
      </form>
    </Dialog>
  );
}
