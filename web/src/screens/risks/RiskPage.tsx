// One risk: its assessment, its treatment (option, controls, plan, actions,
// residual) and the risk owner's approval of the plan and residual risk
// (JIS Q 27001 6.1.3 f). Only the owner sees the approval button.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, seg } from '../../api/client';
import type { Risk, RiskCriteria } from '../../api/risks';
import { useAuth } from '../../auth/AuthContext';
import { DetailLayout } from '../../components/Detail';
import { errorString } from '../../components/errors';
import { TextAreaField } from '../../components/Form';
import { Async, Notice } from '../../components/States';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { useOrgPath } from '../settings/SettingsLayout';
import { LevelBadge, RiskStatusBadge } from './RiskBadges';
import { RiskDialog } from './RiskDialog';
import { useRiskReferences } from './RiskRegister';
import { TreatmentForm } from './TreatmentForm';
import './risks.css';

export function RiskPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const base = useOrgPath();
  const { role, account } = useAuth();
  const canWrite = role === 'admin' || role === 'isms_manager' || role === 'editor';
  const state = useApi<Risk>(base ? `${base}/risks/${seg(id)}` : null);
  const criteria = useApi<RiskCriteria>(base ? `${base}/risk-criteria` : null);
  const refs = useRiskReferences();
  const [editing, setEditing] = useState(false);
  const [comment, setComment] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const name = (userId: string) => {
    const m = refs.members.find((x) => x.user_id === userId);
    return m ? m.display_name || m.email : userId;
  };
  const approve = async () => {
    setError(null);
    try {
      await api.post(`${base}/risks/${seg(id)}/approve`, { comment });
      setNotice(t('risks.approval.done'));
      setComment('');
      state.reload();
    } catch (e) {
      setError(errorString(e));
    }
  };

  return (
    <div className="page page-wide">
      <Async state={state}>
        {(risk) => {
          const c = criteria.data;
          const count = c?.levels.length ?? 3;
          const isOwner = account?.user_id === risk.owner_user_id;
          return (
            <DetailLayout
              back={<Link to="/risks">← {t('risks.tabs.register')}</Link>}
              kicker={t('risks.title')}
              title={risk.title}
              actions={
                canWrite && c ? (
                  <button type="button" className="btn" onClick={() => setEditing(true)}>
                    {t('risks.edit')}
                  </button>
                ) : undefined
              }
              facts={[
                { label: t('risks.field.level'), value: <LevelBadge level={risk.level} count={count} /> },
                { label: t('risks.field.rating'), value: `${risk.likelihood} × ${risk.impact}` },
                { label: t('risks.field.status'), value: <RiskStatusBadge status={risk.status} /> },
                { label: t('risks.field.owner'), value: name(risk.owner_user_id) },
                { label: t('risks.field.service'), value: refs.services.find((s) => s.id === risk.service_id)?.name ?? t('risks.wholeOrganisation') },
                { label: t('risks.field.assets'), value: risk.asset_ids.map((a) => refs.assets.find((x) => x.id === a)?.name ?? a).join('、') || '—' },
                { label: t('risks.field.identified'), value: risk.identified_on },
                { label: t('risks.field.residualLevel'), value: <LevelBadge level={risk.residual_level} count={count} /> },
              ]}
              history={{ objectType: 'risk', objectId: risk.id }}
            >
              {notice && <Notice>{notice}</Notice>}
              {error && (
                <div className="alert alert-error" role="alert">
                  {error}
                </div>
              )}
              <section className="risk-section">
                <h2>{t('risks.assessment')}</h2>
                <dl className="facts">
                  <div className="fact">
                    <dt>{t('risks.field.threat')}</dt>
                    <dd className="risk-threat">{risk.threat || '—'}</dd>
                  </div>
                  <div className="fact">
                    <dt>{t('risks.field.vulnerability')}</dt>
                    <dd className="risk-threat">{risk.vulnerability || '—'}</dd>
                  </div>
                  <div className="fact">
                    <dt>{t('risks.field.existingControls')}</dt>
                    <dd className="risk-threat">{risk.existing_controls || '—'}</dd>
                  </div>
                </dl>
              </section>
              <section className="risk-section">
                <h2>{t('risks.treatment.title')}</h2>
                {c && (
                  <TreatmentForm
                    key={risk.updated_at}
                    risk={risk}
                    criteria={c}
                    canWrite={canWrite && risk.status !== 'closed'}
                    onSaved={() => {
                      setNotice(t('risks.treatment.saved'));
                      state.reload();
                    }}
                  />
                )}
              </section>
              <section className="risk-section" aria-labelledby="risk-approval">
                <h2 id="risk-approval">{t('risks.approval.title')}</h2>
                {risk.approval ? (
                  <p>
                    {t('risks.approval.given', { who: name(risk.approval.by), when: formatDateTime(risk.approval.at) })}
                    {risk.approval.comment && <span className="risk-threat"> — {risk.approval.comment}</span>}
                  </p>
                ) : isOwner && canWrite ? (
                  <div className="form">
                    <p>{t('risks.approval.ownerHelp')}</p>
                    <TextAreaField name="comment" label={t('risks.approval.comment')} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
                    <button type="button" className="btn btn-primary" onClick={() => void approve()}>
                      {t('risks.approval.approve')}
                    </button>
                  </div>
                ) : (
                  <p className="muted">{t('risks.approval.onlyOwner', { owner: name(risk.owner_user_id) })}</p>
                )}
              </section>
              {editing && c && (
                <RiskDialog
                  risk={risk}
                  criteria={c}
                  members={refs.members}
                  services={refs.services}
                  assets={refs.assets}
                  onClose={() => setEditing(false)}
                  onSaved={() => {
                    setEditing(false);
                    setNotice(t('risks.saved'));
                    state.reload();
                  }}
                />
              )}
            </DetailLayout>
          );
        }}
      </Async>
    </div>
  );
}
