// The risk dashboard: risks by level now and after treatment, the heat map on
// the matrix, and progress against each risk goal (seed 002 I.3: how top
// management monitors 「高は半年以内に中以下」).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { seg } from '../../api/client';
import { levelLabel, levelTone, type RiskDashboard } from '../../api/risks';
import { TextField } from '../../components/Form';
import { Async } from '../../components/States';
import { useApi } from '../../lib/useApi';
import { useOrgPath } from '../settings/SettingsLayout';

function HeatMap({ d, residual }: { d: RiskDashboard; residual: boolean }) {
  const { t, i18n } = useTranslation();
  const c = d.criteria;
  const heat = residual ? d.residual_heat : d.heat;
  return (
    <table className="risk-matrix">
      <caption>{residual ? t('risks.dashboard.residualHeat') : t('risks.dashboard.heat')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('risks.field.likelihood')} \ {t('risks.field.impact')}</th>
          {c.impact.map((im, i) => (
            <th scope="col" key={i}>
              {levelLabel(im, i18n.language)}
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
              <th scope="row">{levelLabel(lk, i18n.language)}</th>
              {c.impact.map((_, i) => {
                const level = c.matrix[l][i];
                return (
                  <td key={i} className={`risk-cell risk-tone-${levelTone(level, c.levels.length)}`} title={levelLabel(c.levels[level - 1], i18n.language)}>
                    <span className="risk-heat-count">{heat[l][i]}</span>
                    <span className="visually-hidden"> ({levelLabel(c.levels[level - 1], i18n.language)})</span>
                  </td>
                );
              })}
            </tr>
          ))}
      </tbody>
    </table>
  );
}

export function RiskDashboardPage() {
  const { t, i18n } = useTranslation();
  const base = useOrgPath();
  const [asOf, setAsOf] = useState('');
  const state = useApi<RiskDashboard>(base ? `${base}/risks/dashboard` : null, asOf ? { as_of: asOf } : undefined);
  return (
    <div>
      <div className="risk-filters">
        <TextField name="as_of" type="date" label={t('risks.dashboard.asOf')} value={asOf} onChange={(e) => setAsOf(e.target.value)} fieldClassName="field-short" />
      </div>
      <Async state={state}>
        {(d) => (
          <>
            <div className="risk-cards">
              <div className="risk-card">
                {t('risks.dashboard.total')}
                <strong>{d.total}</strong>
              </div>
              <div className="risk-card">
                {t('risks.dashboard.aboveAcceptance')}
                <strong>{d.above_acceptance}</strong>
              </div>
              <div className="risk-card">
                {t('risks.dashboard.notAssessed')}
                <strong>{d.residual_not_assessed}</strong>
              </div>
              <div className="risk-card">
                {t('risks.status.closed')}
                <strong>{d.closed}</strong>
              </div>
            </div>
            <section className="risk-section">
              <h2>{t('risks.dashboard.byLevel')}</h2>
              <table className="risk-matrix">
                <thead>
                  <tr>
                    <th scope="col">{t('risks.field.level')}</th>
                    <th scope="col">{t('risks.dashboard.current')}</th>
                    <th scope="col">{t('risks.dashboard.residual')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...d.levels].reverse().map((l) => (
                    <tr key={l.rank}>
                      <th scope="row" className={`risk-tone-${levelTone(l.rank, d.levels.length)}`}>
                        {levelLabel(l, i18n.language)}
                      </th>
                      <td>{l.count}</td>
                      <td>{l.residual_count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section className="risk-section">
              <h2>{t('risks.dashboard.heatTitle')}</h2>
              <div className="btn-row">
                <HeatMap d={d} residual={false} />
                <HeatMap d={d} residual />
              </div>
            </section>
            <section className="risk-section" aria-labelledby="risk-goals">
              <h2 id="risk-goals">{t('risks.dashboard.goals')}</h2>
              {d.goals.length === 0 && <p className="muted">{t('risks.dashboard.noGoals')}</p>}
              {d.goals.map((g) => (
                <div className="risk-goal" key={g.from_level.rank}>
                  <h3>
                    {t('risks.dashboard.goal', {
                      from: levelLabel(g.from_level, i18n.language),
                      target: levelLabel(g.target_level, i18n.language),
                      months: g.within_months,
                    })}
                  </h3>
                  <div className="risk-goal-counts">
                    <span>
                      {t('risks.dashboard.goalTotal')}: <strong>{g.total}</strong>
                    </span>
                    <span>
                      {t('risks.goalState.met')}: <strong>{g.met}</strong>
                    </span>
                    <span>
                      {t('risks.goalState.met_late')}: <strong>{g.met_late}</strong>
                    </span>
                    <span>
                      {t('risks.goalState.open')}: <strong>{g.open}</strong>
                    </span>
                    <span className={g.overdue > 0 ? 'risk-goal-overdue' : ''}>
                      {t('risks.goalState.overdue')}: <strong>{g.overdue}</strong>
                    </span>
                  </div>
                  {g.risks.length > 0 && (
                    <table className="table">
                      <thead>
                        <tr>
                          <th scope="col">{t('risks.field.title')}</th>
                          <th scope="col">{t('risks.dashboard.deadline')}</th>
                          <th scope="col">{t('risks.dashboard.reachedOn')}</th>
                          <th scope="col">{t('risks.field.status')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {g.risks.map((r) => (
                          <tr key={r.id}>
                            <td>
                              <Link to={`/risks/${seg(r.id)}`}>{r.title}</Link>
                            </td>
                            <td>{r.deadline}</td>
                            <td>{r.reached_on || '—'}</td>
                            <td className={r.state === 'overdue' ? 'risk-goal-overdue' : ''}>{t(`risks.goalState.${r.state}`)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </div>
              ))}
            </section>
          </>
        )}
      </Async>
    </div>
  );
}
