// The approved versions of an SoA (who, when, comment, warnings accepted)
// and the diff between any two of them or a version and the draft.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { seg } from '../../api/client';
import type { Applicable, ImplStatus, SoaComparison, SoaDetail, SoaVersion } from '../../api/soa';
import { Async, EmptyState } from '../../components/States';
import { DownloadButton } from '../../components/Transfer';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { useOrgPath } from '../settings/SettingsLayout';

type DiffField = 'applicable' | 'reason' | 'status' | 'evidence' | 'treatments';

function useFieldValue() {
  const { t } = useTranslation();
  return (field: string, value: string) => {
    if (value === '') return '—';
    if (field === 'applicable') return t(`soa.applicable.${value as Applicable}`);
    if (field === 'status') return t(`soa.status.${value as ImplStatus}`);
    return value;
  };
}

function DiffView({ soa, from, to }: { soa: SoaDetail; from: string; to: string }) {
  const { t } = useTranslation();
  const base = useOrgPath();
  const fieldValue = useFieldValue();
  const diff = useApi<SoaComparison>(`${base}/soas/${seg(soa.id)}/diff`, { from, to });
  return (
    <Async state={diff}>
      {(d) =>
        d.changes.length === 0 ? (
          <EmptyState title={t('soa.noDiff')} />
        ) : (
          <table className="table soa-diff">
            <caption className="visually-hidden">{t('soa.diff')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('soa.field.ref')}</th>
                <th scope="col">{t('soa.field.change')}</th>
                <th scope="col">{t('soa.field.field')}</th>
                <th scope="col">{t('soa.field.before')}</th>
                <th scope="col">{t('soa.field.after')}</th>
              </tr>
            </thead>
            <tbody>
              {d.changes.flatMap((c) =>
                (c.fields.length ? c.fields : [null]).map((f, i) => (
                  <tr key={`${c.catalog_key}:${c.ref}:${i}`} className={`soa-diff-${c.kind}`}>
                    {i === 0 && (
                      <th scope="row" rowSpan={Math.max(1, c.fields.length)}>
                        <span className="soa-ref">{c.ref}</span>
                        <div className="muted small">{c.title}</div>
                      </th>
                    )}
                    {i === 0 && <td rowSpan={Math.max(1, c.fields.length)}>{t(`soa.change.${c.kind}`)}</td>}
                    <td>{f ? t(`soa.field.${f.field as DiffField}`) : '—'}</td>
                    <td className="soa-before">{f ? fieldValue(f.field, f.before) : ''}</td>
                    <td className="soa-after">{f ? fieldValue(f.field, f.after) : ''}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        )
      }
    </Async>
  );
}

export function VersionsPanel({ soa }: { soa: SoaDetail }) {
  const { t } = useTranslation();
  const base = useOrgPath();
  const versions = useApi<SoaVersion[]>(`${base}/soas/${seg(soa.id)}/versions`);
  const latest = soa.approved_version ?? 0;
  const [from, setFrom] = useState(latest > 0 ? String(latest) : 'draft');
  const [to, setTo] = useState('draft');
  return (
    <Async state={versions}>
      {(list) => {
        const sides = [...list.map((v) => ({ value: String(v.version), label: t('soa.versionN', { n: v.version }) })), { value: 'draft', label: t('soa.draft') }];
        return (
          <>
            {list.length === 0 ? (
              <EmptyState title={t('soa.noVersions')} />
            ) : (
              <table className="table">
                <caption className="visually-hidden">{t('soa.tab.versions')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('soa.field.version')}</th>
                    <th scope="col">{t('soa.field.approvedBy')}</th>
                    <th scope="col">{t('soa.field.approvedAt')}</th>
                    <th scope="col">{t('soa.field.comment')}</th>
                    <th scope="col">{t('soa.field.findings')}</th>
                    <th scope="col">{t('soa.export')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...list].reverse().map((v) => (
                    <tr key={v.version}>
                      <th scope="row">{t('soa.versionN', { n: v.version })}</th>
                      <td>{v.approved_by}</td>
                      <td>{formatDateTime(v.approved_at)}</td>
                      <td>{v.comment || '—'}</td>
                      <td>{v.findings.length === 0 ? '—' : t('soa.warningsN', { n: v.findings.length })}</td>
                      <td>
                        <DownloadButton className="btn btn-small" path={`${base}/soas/${seg(soa.id)}/export.xlsx`} query={{ version: String(v.version) }} fallbackName={`soa-v${v.version}.xlsx`}>
                          .xlsx
                        </DownloadButton>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <h2>{t('soa.diff')}</h2>
            <div className="soa-filters" role="group" aria-label={t('soa.diff')}>
              <label>
                {t('soa.diffFrom')}
                <select value={from} onChange={(e) => setFrom(e.target.value)}>
                  {sides.map((s) => (
                    <option key={s.value} value={s.value}>
                      {s.label}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('soa.diffTo')}
                <select value={to} onChange={(e) => setTo(e.target.value)}>
                  {sides.map((s) => (
                    <option key={s.value} value={s.value}>
                      {s.label}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <DiffView key={`${from}-${to}`} soa={soa} from={from} to={to} />
          </>
        );
      }}
    </Async>
  );
}
