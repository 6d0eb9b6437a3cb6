// One tailored standard (個別管理基準): its items with 必須/推奨, 技術的検証項目
// and attribute chips, filtered by attribute; each item's history with the
// reason of every change; the operations of the seven steps; the balance
// view; audit scopes; approval, versions and their diff; the .xlsx.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, seg } from '../../api/client';
import type { StandardDetail, TailoredItem } from '../../api/standards';
import { useAuth } from '../../auth/AuthContext';
import { DataTable, type Column } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { FormError, SelectField, TextField, useApiForm } from '../../components/Form';
import { PageHeader } from '../../components/Misc';
import { Async, Notice } from '../../components/States';
import { DownloadButton } from '../../components/Transfer';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import '../../styles/standard.css';
import { useOrgPath } from '../settings/SettingsLayout';
import { OperationDialog, type DialogKind } from './OperationDialog';
import { AttributeChips, attributeChoices, BalancePanel, ScopePanel, useAttributeLabels, VersionsPanel } from './StandardPanels';

type Tab = 'items' | 'balance' | 'scopes' | 'versions' | 'log';

function ItemHistoryDialog({ item, standard, onClose }: { item: TailoredItem; standard: StandardDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { typeLabel, valueLabel } = useAttributeLabels(standard.vocabulary);
  return (
    <Dialog open onClose={onClose} size="large" title={t('standard.itemTitle', { number: item.number })}>
      <h3>{item.title}</h3>
      <p className="std-text">{item.text}</p>
      <dl className="std-facts">
        <dt>{t('standard.field.level')}</dt>
        <dd>{t(`standard.level.${item.level}`)}</dd>
        <dt>{t('standard.field.technical')}</dt>
        <dd>{item.technical ? t('standard.technicalEvery', { months: item.review_months }) : '—'}</dd>
        <dt>{t('standard.field.origin')}</dt>
        <dd>{[...item.origin, item.source].filter(Boolean).join(', ') || t('standard.ownItem')}</dd>
        <dt>{t('standard.field.regulations')}</dt>
        <dd>{item.regulations.map((r) => `${r.name} ${r.clause}`.trim()).join(', ') || '—'}</dd>
        {item.attributes.map((a) => (
          <div key={a.type} className="std-facts-row">
            <dt>{typeLabel(a.type)}</dt>
            <dd>{a.values.map((v) => `#${valueLabel(a.type, v)}`).join(' ')}</dd>
          </div>
        ))}
      </dl>
      <h3>{t('standard.history')}</h3>
      <ol className="std-history">
        {item.history.map((h) => (
          <li key={h.seq}>
            <span className="badge std-step">{h.step === 0 ? t('standard.stepAttributes') : t('standard.stepN', { n: h.step })}</span> <strong>{t(`standard.op.${h.kind}`)}</strong> — {h.reason}
            <div className="muted small">
              {h.by}, {formatDateTime(h.at)}
            </div>
          </li>
        ))}
      </ol>
    </Dialog>
  );
}

function ApproveDialog({ standard, onClose, onDone }: { standard: StandardDetail; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const base = useOrgPath();
  const form = useApiForm();
  const [note, setNote] = useState('');
  const submit = async () => {
    const r = await form.run(() => api.post(`${base}/standards/${seg(standard.id)}/approve`, { note: note.trim() }));
    if (r !== undefined) onDone();
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={t('standard.approveTitle', { n: standard.approved_version + 1 })}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="approve-form" className="btn btn-primary" disabled={form.busy}>
            {t('standard.approve')}
          </button>
        </>
      }
    >
      <form id="approve-form" ref={form.formRef} onSubmit={form.onSubmit(submit)} noValidate className="form">
        <p>{t('standard.approveHelp', { count: standard.items.length })}</p>
        <TextField name="note" label={t('standard.field.note')} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} apiForm={form} />
        <FormError error={form.formError} />
      </form>
    </Dialog>
  );
}

function ItemsPanel({ standard, canWrite, onChanged }: { standard: StandardDetail; canWrite: boolean; onChanged: (s: StandardDetail) => void }) {
  const { t, i18n } = useTranslation();
  const [filterType, setFilterType] = useState('');
  const [filterValue, setFilterValue] = useState('');
  const [level, setLevel] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<{ kind: DialogKind; targets: TailoredItem[] } | null>(null);
  const [history, setHistory] = useState<TailoredItem | null>(null);
  const choices = attributeChoices(standard);
  const { typeLabel, valueLabel } = useAttributeLabels(standard.vocabulary);
  const rows = standard.items.filter(
    (i) =>
      (!filterType || !filterValue || i.attributes.some((a) => a.type === filterType && a.values.includes(filterValue))) &&
      (!level || (level === 'technical' ? i.technical : i.level === level)),
  );
  const toggle = (key: string) => {
    const next = new Set(selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setSelected(next);
  };
  const open = (kind: DialogKind, targets: TailoredItem[]) => setDialog({ kind, targets });
  const columns = useMemo<Column<TailoredItem>[]>(
    () => [
      ...(canWrite
        ? [
            {
              id: 'select',
              header: t('standard.select'),
              hideable: false,
              cell: (i: TailoredItem) => (
                <input type="checkbox" aria-label={t('standard.selectItem', { number: i.number })} checked={selected.has(i.key)} onChange={() => toggle(i.key)} />
              ),
            },
          ]
        : []),
      { id: 'number', header: t('standard.field.number'), hideable: false, value: (i) => i.number, cell: (i) => <strong>{i.number}</strong>, className: 'col-nowrap' },
      { id: 'title', header: t('standard.field.itemTitle'), hideable: false, value: (i) => i.title, filterText: (i) => `${i.title} ${i.text}`, cell: (i) => <span className="clamp-3">{i.title}</span> },
      {
        id: 'level',
        header: t('standard.field.level'),
        value: (i) => i.level,
        cell: (i) => (
          <span>
            <span className={`badge std-level-${i.level}`}>{t(`standard.level.${i.level}`)}</span>
            {i.technical && (
              <span className="badge std-technical" title={t('standard.technicalEvery', { months: i.review_months })}>
                {t('standard.technicalBadge', { months: i.review_months })}
              </span>
            )}
          </span>
        ),
      },
      { id: 'attributes', header: t('standard.field.attributes'), cell: (i) => <AttributeChips item={i} vocabulary={standard.vocabulary} /> },
      { id: 'origin', header: t('standard.field.origin'), value: (i) => i.origin.join(' '), cell: (i) => <span className="small">{i.origin.join(', ') || i.source || t('standard.ownItem')}</span>, defaultHidden: true },
      {
        id: 'history',
        header: t('standard.history'),
        value: (i) => i.history.length,
        cell: (i) => (
          <button type="button" className="btn btn-small btn-link" onClick={() => setHistory(i)}>
            {t('standard.changes', { count: i.history.length })}
            <span className="visually-hidden">: {i.number}</span>
          </button>
        ),
      },
      ...(canWrite
        ? [
            {
              id: 'actions',
              header: t('common.actions'),
              hideable: false,
              className: 'col-actions',
              cell: (i: TailoredItem) => (
                <span className="std-actions">
                  {(['reword', 'split', 'align', 'set_level', 'set_technical', 'set_attributes', 'remove'] as const).map((k) => (
                    <button key={k} type="button" className="btn btn-small" onClick={() => open(k, [i])}>
                      {t(`standard.opShort.${k}`)}
                      <span className="visually-hidden">: {i.number}</span>
                    </button>
                  ))}
                </span>
              ),
            },
          ]
        : []),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language, canWrite, selected, standard],
  );
  const selectedItems = standard.items.filter((i) => selected.has(i.key));
  return (
    <>
      <div className="std-toolbar" role="group" aria-label={t('standard.filter')}>
        <SelectField
          name="filter_type"
          label={t('standard.field.attrType')}
          options={[{ value: '', label: t('standard.any') }, ...choices.map((c) => ({ value: c.type, label: typeLabel(c.type) }))]}
          value={filterType}
          onChange={(e) => {
            setFilterType(e.target.value);
            setFilterValue(choices.find((c) => c.type === e.target.value)?.values[0] ?? '');
          }}
        />
        {filterType && (
          <SelectField
            name="filter_value"
            label={t('standard.field.attrValue')}
            options={(choices.find((c) => c.type === filterType)?.values ?? []).map((v) => ({ value: v, label: `#${valueLabel(filterType, v)}` }))}
            value={filterValue}
            onChange={(e) => setFilterValue(e.target.value)}
          />
        )}
        <SelectField
          name="filter_level"
          label={t('standard.field.level')}
          options={[
            { value: '', label: t('standard.any') },
            { value: 'required', label: t('standard.level.required') },
            { value: 'recommended', label: t('standard.level.recommended') },
            { value: 'technical', label: t('standard.field.technical') },
          ]}
          value={level}
          onChange={(e) => setLevel(e.target.value)}
        />
        {canWrite && (
          <span className="btn-row">
            <button type="button" className="btn" onClick={() => open('add', [])}>
              {t('standard.op.add')}
            </button>
            <button type="button" className="btn" disabled={selectedItems.length < 2} onClick={() => open('merge', selectedItems)}>
              {t('standard.mergeSelected', { count: selectedItems.length })}
            </button>
            <button type="button" className="btn" disabled={selectedItems.length < 1} onClick={() => open('set_level', selectedItems)}>
              {t('standard.levelSelected', { count: selectedItems.length })}
            </button>
          </span>
        )}
      </div>
      <p className="muted small" aria-live="polite">
        {t('standard.shown', { shown: rows.length, total: standard.items.length })}
      </p>
      <DataTable rows={rows} columns={columns} rowKey={(i) => i.key} caption={t('standard.items')} initialPageSize={50} />
      {dialog && (
        <OperationDialog
          kind={dialog.kind}
          standard={standard}
          targets={dialog.targets}
          onClose={() => setDialog(null)}
          onDone={(s) => {
            setDialog(null);
            setSelected(new Set());
            onChanged(s);
          }}
        />
      )}
      {history && <ItemHistoryDialog item={history} standard={standard} onClose={() => setHistory(null)} />}
    </>
  );
}

function LogPanel({ standard }: { standard: StandardDetail }) {
  const { t } = useTranslation();
  const numbers = new Map(standard.items.map((i) => [i.key, i.number]));
  return (
    <ol className="std-history">
      {[...standard.operations].reverse().map((o) => (
        <li key={o.seq}>
          <span className="badge std-step">{o.step === 0 ? t('standard.stepAttributes') : t('standard.stepN', { n: o.step })}</span> <strong>#{o.seq} {t(`standard.op.${o.kind}`)}</strong>{' '}
          {o.kind === 'take' ? t('standard.takenCount', { count: o.numbers.length }) : [...o.items.map((k) => numbers.get(k) ?? k), ...o.numbers].join(', ')} — {o.reason}
          <div className="muted small">
            {o.created_by}, {formatDateTime(o.created_at)}
          </div>
        </li>
      ))}
    </ol>
  );
}

export function StandardPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const base = useOrgPath();
  const { role } = useAuth();
  const canWrite = role === 'admin' || role === 'isms_manager' || role === 'editor';
  const canApprove = role === 'admin' || role === 'isms_manager';
  const state = useApi<StandardDetail>(base ? `${base}/standards/${seg(id)}` : null);
  const [tab, setTab] = useState<Tab>('items');
  const [approving, setApproving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const tabs: Tab[] = ['items', 'balance', 'scopes', 'versions', 'log'];
  return (
    <Async state={state}>
      {(s) => (
        <div className="page">
          <PageHeader
            kicker={<Link to="/standard">{t('standard.title')}</Link>}
            title={s.name}
            subtitle={
              <>
                {t('standard.baseLine', { base: `${s.base_catalog_key} (${s.base_catalog_version})`, months: s.review_months })}{' '}
                {s.approved_version > 0 ? <span className="badge badge-status badge-status-approved">{t('standard.versionN', { n: s.approved_version })}</span> : null}{' '}
                {(s.draft_changes || s.approved_version === 0) && <span className="badge badge-status badge-status-draft">{t('standard.draftChanges')}</span>}
              </>
            }
            actions={
              <>
                <DownloadButton path={`${base}/standards/${seg(s.id)}/export.xlsx`} fallbackName="standard.xlsx">
                  {t('standard.export')}
                </DownloadButton>
                {canApprove && (s.draft_changes || s.approved_version === 0) && (
                  <button type="button" className="btn btn-primary" onClick={() => setApproving(true)}>
                    {t('standard.approve')}
                  </button>
                )}
              </>
            }
          />
          {s.description && <p>{s.description}</p>}
          {notice && <Notice>{notice}</Notice>}
          <div className="std-tabs" role="tablist" aria-label={t('standard.views')}>
            {tabs.map((k) => (
              <button key={k} type="button" role="tab" aria-selected={tab === k} className="tab" onClick={() => setTab(k)}>
                {t(`standard.tab.${k}`)}
              </button>
            ))}
          </div>
          <div role="tabpanel" aria-label={t(`standard.tab.${tab}`)}>
            {tab === 'items' && (
              <ItemsPanel
                standard={s}
                canWrite={canWrite}
                onChanged={(next) => {
                  state.setData(next);
                  setNotice(t('standard.recorded'));
                }}
              />
            )}
            {tab === 'balance' && <BalancePanel key={s.operation_count} standard={s} />}
            {tab === 'scopes' && <ScopePanel standard={s} canWrite={canWrite} />}
            {tab === 'versions' && <VersionsPanel key={`${s.approved_version}-${s.operation_count}`} standard={s} />}
            {tab === 'log' && <LogPanel standard={s} />}
          </div>
          {approving && (
            <ApproveDialog
              standard={s}
              onClose={() => setApproving(false)}
              onDone={() => {
                setApproving(false);
                setNotice(t('standard.approvedNotice'));
                state.reload();
              }}
            />
          )}
        </div>
      )}
    </Async>
  );
}
