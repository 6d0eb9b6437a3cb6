// Level and status badges for risks: a level's colour comes from its rank
// among the organisation's levels, so any number of levels gets a scale.
import { useTranslation } from 'react-i18next';
import { levelLabel, levelTone, type LevelRef, type RiskStatus } from '../../api/risks';

export function LevelBadge({ level, count }: { level: LevelRef | null; count: number }) {
  const { t, i18n } = useTranslation();
  if (!level) return <span className="muted">{t('risks.notAssessed')}</span>;
  return (
    <span className={`badge risk-level risk-tone-${levelTone(level.rank, count)}`} title={level.acceptable ? t('risks.acceptable') : t('risks.aboveAcceptance')}>
      {levelLabel(level, i18n.language)}
    </span>
  );
}

export function RiskStatusBadge({ status }: { status: RiskStatus }) {
  const { t } = useTranslation();
  return <span className={`badge risk-status risk-status-${status}`}>{t(`risks.status.${status}`)}</span>;
}
