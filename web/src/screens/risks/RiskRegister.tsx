// リスク登録簿: every risk with its level from the matrix, filters by level,
// status, service and owner, a dialog to add one, and (with ?service=…) the
// cloud risk sources proposed for that service.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { seg } from '../../api/client';
import { levelLabel, RISK_STATUSES, type Risk, type RiskList, type StarterList, type StarterProposal } from '../../api/risks';
import type { Member } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { DataTable, type Column } from '../../components/DataTable';
import { SelectField } from '../../components/Form';
import { Async, Notice } from '../../components/States';
import { useApi } from '../../lib/useApi';
import { useOrgPath } from '../settings/SettingsLayout';
import { LevelBadge, RiskStatusBadge } from './RiskBadges';
import { RiskDialog, type NamedRef, type RiskDraft } from './RiskDialog';
import { StarterPanel } from './StarterPanel';

export function useRiskReferences() {
  const base = useOrgPath();
  const members = useApi<Member[]>(base ? `${base}/members` : null);
  const services = useApi<NamedRef[]>(base ? `${base}/services` : null);
  const assets = useApi<NamedRef[]>(base ? `${base}/assets` : null);
  return { members: members.data ?? [], services: services.data ?? [], assets: assets.data ?? [] };
}

export function RiskRegister() {
  const { t, i18n } = useTranslation();
  const base = useOrgPath();
  const { role } = useAuth();
  const navigate = useNavigate();
  const canWrite = role === 'admin' || role === 'isms_manager' || role === 'editor';
  const [params, setParams] = useSearchParams();
  const starterService = params.get('service') ?? '';
  const state = useApi<RiskList>(base ? `${base}/risks` : null);
  const starter = useApi<StarterList>(base && starterService ? `${base}/risks/starter` : null, starterService ? { service: starterService } : undefined);
  const refs = useRiskReferences();
  const [level, setLevel] = useState('');
  const [status, setStatus] = useState('');
  const [service, setService] = useState(starterService);
  const [owner, setOwner] = useState('');
  const [draft, setDraft] = useState<RiskDraft | undefined>(undefined);
  const [pickService, setPickService] = useState(refs.services[0]?.id ?? '');
  const [notice, setNotice] = useState<string | null>(null);

  const serviceName = (id: string | null) => refs.services.find((s) => s.id === id)?.name ?? '';
  const memberName = (id: string) => {
    const m = refs.members.find((x) => x.user_id === id);
    return m ? m.display_name || m.email : id;
  };

  const columns = useMemo<Column<Risk>[]>(
    () => [
      { id: 'title', header: t('risks.field.title'), hideable: false, value: (r) => r.title, cell: (r) => <Link to={`/risks/${seg(r.id)}`}>{r.title}</Link>, className: 'risk-title-col' },
      { id: 'service', header: t('risks.field.service'), value: (r) => serviceName(r.service_id), cell: (r) => serviceName(r.service_id) || <span className="muted">{t('risks.wholeOrganisation')}</span> },
      { id: 'rating', header: t('risks.field.rating'), value: (r) => r.likelihood * 100 + r.impact, cell: (r) => `${r.likelihood} × ${r.impact}`, className: 'col-nowrap' },
      {
        id: 'level',
        header: t('risks.field.level'),
        value: (r) => r.level?.rank ?? 0,
        filterText: (r) => (r.level ? levelLabel(r.level, i18n.language) : ''),
        cell: (r) => <LevelBadge level={r.level} count={state.data?.criteria.levels.length ?? 3} />,
      },
      {
        id: 'residual',
        header: t('risks.field.residualLevel'),
        value: (r) => r.residual_level?.rank ?? 0,
        cell: (r) => <LevelBadge level={r.residual_level} count={state.data?.criteria.levels.length ?? 3} />,
      },
      { id: 'option', header: t('risks.field.option'), value: (r) => r.treatment.option ?? '', cell: (r) => (r.treatment.option ? t(`risks.option.${r.treatment.option}`) : '—') },
      { id: 'status', header: t('risks.field.status'), value: (r) => r.status, cell: (r) => <RiskStatusBadge status={r.status} /> },
      { id: 'owner', header: t('risks.field.owner'), value: (r) => memberName(r.owner_user_id), cell: (r) => memberName(r.owner_user_id) },
      { id: 'identified', header: t('risks.field.identified'), value: (r) => r.identified_on, cell: (r) => r.identified_on, className: 'col-nowrap' },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language, state.data, refs.services, refs.members],
  );

  const addFromStarter = (p: StarterProposal) =>
    setDraft({ title: i18n.language.startsWith('en') ? p.title_en : p.title_ja, threat: p.threat, service_id: starterService, source_key: p.source_key });

  return (
    <div>
      {notice && <Notice>{notice}</Notice>}
      {starterService ? (
        <StarterPanel state={starter} canWrite={canWrite} onAdd={addFromStarter} onClose={() => setParams({})} />
      ) : (
        refs.services.length > 0 && (
          <div className="risk-filters">
            <SelectField
              name="starter_service"
              label={t('risks.starter.pick')}
              options={refs.services.map((s) => ({ value: s.id, label: s.name }))}
              value={pickService || refs.services[0]?.id}
              onChange={(e) => setPickService(e.target.value)}
            />
            <button type="button" className="btn" onClick={() => setParams({ service: pickService || refs.services[0]?.id })}>
              {t('risks.starter.open')}
            </button>
          </div>
        )
      )}
      <Async state={state}>
        {(list) => {
          const rows = list.risks.filter(
            (r) =>
              (!level || String(r.level?.rank ?? '') === level) &&
              (!status || r.status === status) &&
              (!service || r.service_id === service) &&
              (!owner || r.owner_user_id === owner),
          );
          return (
            <>
              <div className="risk-filters" role="group" aria-label={t('risks.filters')}>
                <SelectField
                  name="filter_level"
                  label={t('risks.field.level')}
                  options={[{ value: '', label: t('risks.any') }, ...list.criteria.levels.map((l, i) => ({ value: String(i + 1), label: levelLabel(l, i18n.language) }))]}
                  value={level}
                  onChange={(e) => setLevel(e.target.value)}
                />
                <SelectField
                  name="filter_status"
                  label={t('risks.field.status')}
                  options={[{ value: '', label: t('risks.any') }, ...RISK_STATUSES.map((s) => ({ value: s, label: t(`risks.status.${s}`) }))]}
                  value={status}
                  onChange={(e) => setStatus(e.target.value)}
                />
                <SelectField
                  name="filter_service"
                  label={t('risks.field.service')}
                  options={[{ value: '', label: t('risks.any') }, ...refs.services.map((s) => ({ value: s.id, label: s.name }))]}
                  value={service}
                  onChange={(e) => setService(e.target.value)}
                />
                <SelectField
                  name="filter_owner"
                  label={t('risks.field.owner')}
                  options={[{ value: '', label: t('risks.any') }, ...refs.members.map((m) => ({ value: m.user_id, label: m.display_name || m.email }))]}
                  value={owner}
                  onChange={(e) => setOwner(e.target.value)}
                />
                {canWrite && (
                  <button type="button" className="btn btn-primary" onClick={() => setDraft({ service_id: service })}>
                    {t('risks.create')}
                  </button>
                )}
              </div>
              <DataTable rows={rows} columns={columns} rowKey={(r) => r.id} caption={t('risks.tabs.register')} initialSort={{ id: 'level', dir: 'desc' }} initialPageSize={50} />
              {draft !== undefined && (
                <RiskDialog
                  risk={null}
                  draft={draft}
                  criteria={list.criteria}
                  members={refs.members}
                  services={refs.services}
                  assets={refs.assets}
                  onClose={() => setDraft(undefined)}
                  onSaved={(r) => {
                    setDraft(undefined);
                    setNotice(t('risks.created', { title: r.title }));
                    state.reload();
                    starter.reload();
                    if (!starterService) navigate(`/risks/${seg(r.id)}`);
                  }}
                />
              )}
            </>
          );
        }}
      </Async>
    </div>
  );
}
