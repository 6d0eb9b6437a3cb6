import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { seg } from '../../api/client';
import { can, useAuth } from '../../auth/AuthContext';
import { PageHeader } from '../../components/Misc';

export function useOrgPath(): string {
  const { activeOrg } = useAuth();
  return activeOrg ? `orgs/${seg(activeOrg.id)}` : '';
}

export function SettingsLayout() {
  const { t } = useTranslation();
  const { role, activeOrg } = useAuth();
  const tabs = [
    { to: '/settings', label: t('settings.organisation'), end: true, show: true },
    { to: '/settings/members', label: t('settings.members'), end: false, show: true },
    { to: '/settings/tokens', label: t('settings.tokens'), end: false, show: can.manageOrg(role) },
    { to: '/settings/sessions', label: t('settings.sessions'), end: false, show: can.manageOrg(role) },
    { to: '/settings/audit-log', label: t('settings.auditLog'), end: false, show: can.readAuditLog(role) },
  ].filter((x) => x.show);
  return (
    <div className="page page-wide">
      <PageHeader title={t('settings.title')} kicker={activeOrg?.name} />
      <nav className="tabs" aria-label={t('settings.tabs')}>
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
