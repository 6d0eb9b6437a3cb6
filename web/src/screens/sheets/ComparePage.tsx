// Several vendors' answers to one sheet, side by side: one row per required
// item, one column per vendor, and each vendor's verdict on top.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { seg } from '../../api/client';
import type { Comparison } from '../../api/sheets';
import { PageHeader } from '../../components/Misc';
import { Async } from '../../components/States';
import { useApi } from '../../lib/useApi';
import { useOrgPath } from '../settings/SettingsLayout';
import { StatusBadge, VerdictBadge } from './SheetBadges';

export function ComparePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const base = useOrgPath();
  const state = useApi<Comparison>(base ? `${base}/sheets/${seg(id)}/compare` : null);
  return (
    <div className="page">
      <PageHeader kicker={<Link to={`/sheets/${seg(id)}`}>{t('sheets.backToSheet')}</Link>} title={t('sheets.compare.title')} subtitle={t('sheets.compare.intro')} />
      <Async state={state}>
        {(c) => (
          <div className="table-scroll">
            <table className="table compare-table">
              <caption className="visually-hidden">{t('sheets.compare.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('sheets.field.ref')}</th>
                  <th scope="col">{t('sheets.field.itemTitle')}</th>
                  {c.responses.map((r) => (
                    <th key={r.id} scope="col">
                      <Link to={`/responses/${seg(r.id)}`}>{r.vendor}</Link>
                      <div>
                        <VerdictBadge verdict={r.verdict} />
                      </div>
                      <div className="muted small">{t('sheets.countsText', { ...r.counts })}</div>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {c.items.map((i) => (
                  <tr key={i.ref}>
                    <th scope="row">{i.ref}</th>
                    <td>{i.title}</td>
                    {c.responses.map((r) => (
                      <td key={r.id}>{i.statuses[r.id] ? <StatusBadge status={i.statuses[r.id]} /> : '—'}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Async>
    </div>
  );
}
