// リスク: the register, the dashboard and the criteria as tabs (like 設定).
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { useAuth } from '../../auth/AuthContext';
import { PageHeader } from '../../components/Misc';
import './risks.css';

export function RisksLayout() {
  const { t } = useTranslation();
  const { activeOrg } = useAuth();
  const tabs = [
    { to: '/risks', label: t('risks.tabs.register'), end: true },
    { to: '/risks/dashboard', label: t('risks.tabs.dashboard'), end: false },
    { to: '/risks/criteria', label: t('risks.tabs.criteria'), end: false },
  ];
  return (
    <div className="page page-wide">
      <PageHeader title={t('risks.title')} subtitle={t('risks.intro')} kicker={activeOrg?.name} />
      <nav className="tabs" aria-label={t('risks.tabs.label')}>
        <ul className="tabs-list">
          {tabs.map((tab) => (
            <li key={tab.to}>
              <NavLink to={tab.to} end={tab.end} className="tab">
                {tab.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="tabs-panel">
        <Outlet />
      </div>
    </div>
  );
}
