// The frame of the signed-in app: header (organisation, language, account),
// navigation by workflow, and the main area.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { can, useAuth } from '../auth/AuthContext';
import { errorString } from '../components/errors';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { MenuButton } from '../components/Menu';
import { tk } from '../i18n';
import { LockScreen } from './LockScreen';

type NavKey = 'sheets' | 'library' | 'scope' | 'standard' | 'soa' | 'risks' | 'assets' | 'audits' | 'documents' | 'incidents' | 'catalogs' | 'settings';

const WORK: { key: NavKey; to: string }[] = [
  { key: 'sheets', to: '/sheets' },
  { key: 'library', to: '/library' },
  { key: 'scope', to: '/scope' },
  { key: 'assets', to: '/assets' },
  { key: 'risks', to: '/risks' },
  { key: 'soa', to: '/soa' },
  { key: 'standard', to: '/standard' },
  { key: 'audits', to: '/audits' },
  { key: 'documents', to: '/documents' },
  { key: 'incidents', to: '/incidents' },
];

export function AppShell() {
  const { t } = useTranslation();
  const auth = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [navOpen, setNavOpen] = useState(false);
  const [switchError, setSwitchError] = useState<string | null>(null);
  const mainRef = useRef<HTMLElement>(null);
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  const navRef = useRef<HTMLElement>(null);
  const first = useRef(true);

  // A new page: close the menu, and move focus to the content (not when the
  // person is moving through the catalog tree with the keyboard).
  useEffect(() => {
    setNavOpen(false);
    if (first.current) {
      first.current = false;
      return;
    }
    const active = document.activeElement;
    if (active?.closest('[role=tree]') || active?.closest('.keep-focus')) return;
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location.pathname]);

  useEffect(() => {
    if (!navOpen) return;
    navRef.current?.querySelector<HTMLElement>('a')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setNavOpen(false);
        menuButtonRef.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [navOpen]);

  const account = auth.account;
  const role = auth.role;
  const orgs = account?.organisations ?? [];

  const navItems = [
    ...WORK.filter((w) => role !== 'respondent' || w.key === 'sheets'),
    { key: 'catalogs' as NavKey, to: '/catalogs' },
    ...(can.readRecords(role) ? [{ key: 'settings' as NavKey, to: '/settings' }] : []),
  ];

  return (
    <>
      <div className={`app${auth.locked ? ' app-locked' : ''}`} inert={auth.locked}>
        <a className="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        <header className="app-header">
          <div className="header-start">
            <button
              ref={menuButtonRef}
              type="button"
              className="btn-icon menu-toggle"
              aria-expanded={navOpen}
              aria-controls="app-nav"
              onClick={() => setNavOpen((o) => !o)}
              data-testid="menu-button"
            >
              <span className="hamburger" aria-hidden="true" />
              <span className="menu-toggle-text">{navOpen ? t('nav.closeMenu') : t('nav.menu')}</span>
            </button>
            <NavLink to="/" className="brand brand-link" aria-label="mamori">
              <span className="brand-mark" aria-hidden="true" />
              <span className="brand-name">mamori</span>
              <span className="brand-ja" lang="ja">
                守り
              </span>
            </NavLink>
          </div>
          <div className="header-end">
            {orgs.length > 1 ? (
              <MenuButton
                label={
                  <span className="org-label">
                    <span className="org-label-caption">{t('header.organisation')}</span>
                    <span className="org-label-name">{auth.activeOrg?.name}</span>
                  </span>
                }
                ariaLabel={`${t('header.switchOrganisation')}: ${auth.activeOrg?.name ?? ''}`}
                buttonClassName="btn btn-header"
                items={orgs.map((o) => ({
                  key: o.id,
                  label: `${o.name} (${tk(`roles.${o.role}`, o.role)})`,
                  checked: o.id === auth.activeOrg?.id,
                  onSelect: () => {
                    if (o.id === auth.activeOrg?.id) return;
                    setSwitchError(null);
                    auth.switchOrganisation(o.id).catch((e: unknown) => setSwitchError(errorString(e)));
                  },
                }))}
              />
            ) : auth.activeOrg ? (
              <span className="org-static">
                <span className="org-label-caption">{t('header.organisation')}</span>
                <span className="org-label-name">{auth.activeOrg.name}</span>
              </span>
            ) : null}
            <LanguageSwitch className="lang-switch-header" />
            <MenuButton
              label={
                <span className="user-label">
                  <span className="avatar" aria-hidden="true">
                    {(account?.display_name || account?.email || '?').slice(0, 1)}
                  </span>
                  <span className="user-label-name">{account?.display_name || account?.email}</span>
                </span>
              }
              ariaLabel={t('header.userMenu')}
              buttonClassName="btn btn-header"
              header={
                <div className="user-card">
                  <p className="user-card-name">{account?.display_name}</p>
                  <p className="user-card-email">{account?.email}</p>
                  {role && (
                    <p className="user-card-role">
                      {t('header.role')}: {tk(`roles.${role}`, role)}
                    </p>
                  )}
                </div>
              }
              items={[
                { key: 'pw', label: t('header.changePassword'), onSelect: () => navigate('/account/password') },
                { key: 'mfa', label: t('header.mfa'), onSelect: () => navigate('/account/mfa') },
                { key: 'logout', label: t('header.logout'), onSelect: () => void auth.logout(), separatorBefore: true, danger: true },
              ]}
            />
          </div>
        </header>
        {switchError && (
          <div className="alert alert-error app-alert" role="alert">
            {switchError}
          </div>
        )}
        <div className="app-body">
          <nav id="app-nav" ref={navRef} className={`app-nav${navOpen ? ' app-nav-open' : ''}`} aria-label={t('nav.label')}>
            <ul className="nav-list">
              {navItems.map((item, i) => (
                <li key={item.key} className={item.key === 'catalogs' && i > 0 ? 'nav-sep-before' : undefined}>
                  <NavLink to={item.to} className="nav-link">
                    <span>{t(`nav.${item.key}`)}</span>
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <main id="main" className="app-main" ref={mainRef} tabIndex={-1}>
            <Outlet key={auth.orgEpoch} />
          </main>
        </div>
      </div>
      {auth.locked && <LockScreen />}
    </>
  );
}
