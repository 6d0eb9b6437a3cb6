import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router';
import { AuthProvider, can, useAuth } from './auth/AuthContext';
import { EmptyState, Loading } from './components/States';
import { MfaPage, PasswordPage } from './screens/account/AccountPages';
import { AppShell } from './screens/AppShell';
import { CatalogCheck } from './screens/catalogs/CatalogCheck';
import { CatalogList } from './screens/catalogs/CatalogList';
import { CatalogHome, CatalogPage } from './screens/catalogs/CatalogPage';
import { NodePage } from './screens/catalogs/NodePage';
import { LockScreen } from './screens/LockScreen';
import { LoginPage } from './screens/LoginPage';
import { Placeholder } from './screens/Placeholder';
import { SoaList } from './screens/soa/SoaList';
import { SoaPage } from './screens/soa/SoaPage';
import { IncomingList, IncomingPage } from './screens/library/IncomingSheets';
import { LibraryPage } from './screens/library/LibraryPage';
import { CriteriaEditor } from './screens/risks/CriteriaEditor';
import { RiskDashboardPage } from './screens/risks/RiskDashboardPage';
import { RiskPage } from './screens/risks/RiskPage';
import { RiskRegister } from './screens/risks/RiskRegister';
import { RisksLayout } from './screens/risks/RisksLayout';
import { StandardList } from './screens/standard/StandardList';
import { StandardPage } from './screens/standard/StandardPage';
import { AssetsPage } from './screens/assets/AssetsPage';
import { ScopePage } from './screens/scope/ScopePage';
import { ComparePage } from './screens/sheets/ComparePage';
import { ResponsePage } from './screens/sheets/ResponsePage';
import { ServiceListPage } from './screens/sheets/ServiceListPage';
import { SheetList } from './screens/sheets/SheetList';
import { SheetPage } from './screens/sheets/SheetPage';
import { AuditLogPage } from './screens/settings/AuditLog';
import { MemberDetailPage, MembersPage } from './screens/settings/Members';
import { OrgSettingsPage } from './screens/settings/OrgSettings';
import { SessionsPage } from './screens/settings/Sessions';
import { SettingsLayout } from './screens/settings/SettingsLayout';
import { TokensPage } from './screens/settings/Tokens';

/** The app proper: only for an active session; otherwise the sign-in page. */
function RequireActive() {
  const auth = useAuth();
  const location = useLocation();
  switch (auth.state.status) {
    case 'loading':
      return (
        <div className="boot">
          <Loading />
        </div>
      );
    case 'locked_unknown':
      return <LockScreen />;
    case 'active':
      return <AppShell />;
    default: {
      // After an expired session, back to where the person was; after a
      // deliberate sign-out the next person (maybe with another role) starts
      // at home.
      const deliberate = auth.state.status === 'signed_out' && auth.state.reason === 'logged_out';
      return <Navigate to="/login" replace state={deliberate ? undefined : { from: location.pathname + location.search }} />;
    }
  }
}

function RequireRole({ allow }: { allow: (r: ReturnType<typeof useAuth>['role']) => boolean }) {
  const { role } = useAuth();
  const { t } = useTranslation();
  if (!allow(role)) return <EmptyState title={t('states.forbidden')} />;
  return <Outlet />;
}

function Home() {
  const { role } = useAuth();
  return <Navigate to={role === 'respondent' ? '/sheets' : '/catalogs'} replace />;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <EmptyState title={t('states.notFound')} />
    </div>
  );
}

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: <RequireActive />,
    children: [
      { index: true, element: <Home /> },
      { path: 'sheets', element: <SheetList /> },
      { path: 'sheets/service-list', element: <ServiceListPage /> },
      { path: 'sheets/:id', element: <SheetPage /> },
      { path: 'sheets/:id/compare', element: <ComparePage /> },
      { path: 'responses/:id', element: <ResponsePage /> },
      {
        element: <RequireRole allow={can.readRecords} />,
        children: [
          { path: 'library', element: <LibraryPage /> },
          { path: 'library/incoming', element: <IncomingList /> },
          { path: 'library/incoming/:id', element: <IncomingPage /> },
          { path: 'standard', element: <StandardList /> },
          { path: 'standard/:id', element: <StandardPage /> },
        ],
      },
      {
        element: <RequireRole allow={can.readRecords} />,
        children: [
          { path: 'soa', element: <SoaList /> },
          { path: 'soa/:id', element: <SoaPage /> },
        ],
      },
      {
        element: <RequireRole allow={can.readRecords} />,
        children: [
          {
            path: 'risks',
            element: <RisksLayout />,
            children: [
              { index: true, element: <RiskRegister /> },
              { path: 'dashboard', element: <RiskDashboardPage /> },
              { path: 'criteria', element: <CriteriaEditor /> },
            ],
          },
          { path: 'risks/:id', element: <RiskPage /> },
        ],
      },
      {
        element: <RequireRole allow={can.readRecords} />,
        children: [
          { path: 'scope', element: <ScopePage /> },
          { path: 'assets', element: <AssetsPage /> },
        ],
      },
      { path: 'audits', element: <Placeholder workflow="audits" /> },
      { path: 'documents', element: <Placeholder workflow="documents" /> },
      { path: 'incidents', element: <Placeholder workflow="incidents" /> },
      { path: 'catalogs', element: <CatalogList /> },
      { path: 'catalogs/check', element: <CatalogCheck /> },
      {
        path: 'catalogs/:id',
        element: <CatalogPage />,
        children: [
          { index: true, element: <CatalogHome /> },
          { path: 'nodes/:ref', element: <NodePage /> },
        ],
      },
      {
        path: 'settings',
        element: <RequireRole allow={can.readRecords} />,
        children: [
          {
            element: <SettingsLayout />,
            children: [
              { index: true, element: <OrgSettingsPage /> },
              { path: 'members', element: <MembersPage /> },
              { path: 'members/:userId', element: <MemberDetailPage /> },
              { element: <RequireRole allow={can.manageOrg} />, children: [
                { path: 'tokens', element: <TokensPage /> },
                { path: 'sessions', element: <SessionsPage /> },
              ] },
              { element: <RequireRole allow={can.readAuditLog} />, children: [{ path: 'audit-log', element: <AuditLogPage /> }] },
            ],
          },
        ],
      },
      { path: 'account/password', element: <PasswordPage /> },
      { path: 'account/mfa', element: <MfaPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

export function App() {
  return (
    <AuthProvider>
      <RouterProvider router={router} />
    </AuthProvider>
  );
}
