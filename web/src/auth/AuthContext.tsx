// Who is signed in, in which stage, and whether the session is locked.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  api,
  isApiError,
  lastActivityAt,
  markLocked,
  markSignedOut,
  markUnlocked,
  onSessionEvent,
  request,
  setCsrfToken,
} from '../api/client';
import type { Account, OrganisationRef, Role, StageResponse } from '../api/types';
import { clearApiCache } from '../lib/useApi';

export type AuthStatus =
  | { status: 'loading' }
  | { status: 'signed_out'; reason?: string }
  /** The session exists but is locked and we do not know the account yet (reload while locked). */
  | { status: 'locked_unknown' }
  | { status: 'stage'; account: Account }
  | { status: 'active'; account: Account };

interface AuthApi {
  state: AuthStatus;
  locked: boolean;
  /** Changes when the active organisation changes: screens keyed on it start afresh. */
  orgEpoch: number;
  account: Account | null;
  activeOrg: OrganisationRef | null;
  role: Role | null;
  refresh: () => Promise<Account | null>;
  applyStage: (r: StageResponse) => void;
  unlock: (password: string) => Promise<void>;
  logout: () => Promise<void>;
  switchOrganisation: (id: string) => Promise<void>;
  /** The password typed at sign-in, kept in memory only until the password-change step uses it. */
  rememberedPassword: React.MutableRefObject<string | null>;
}

const Ctx = createContext<AuthApi | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthStatus>({ status: 'loading' });
  const [locked, setLocked] = useState(false);
  const [orgEpoch, setOrgEpoch] = useState(0);
  const rememberedPassword = useRef<string | null>(null);

  const fromAccount = useCallback((account: Account) => {
    if (account.csrf_token) setCsrfToken(account.csrf_token);
    setState(account.stage === 'active' ? { status: 'active', account } : { status: 'stage', account });
    if (account.stage === 'active') rememberedPassword.current = null;
  }, []);

  const refresh = useCallback(async (): Promise<Account | null> => {
    try {
      const account = await request<Account>('GET', 'me', { session: false });
      fromAccount(account);
      return account;
    } catch (e) {
      if (isApiError(e) && e.status === 401) {
        if (e.reason === 'session_locked') {
          setState((s) => (s.status === 'active' ? s : { status: 'locked_unknown' }));
          void markLocked();
          return null;
        }
        setState({ status: 'signed_out' });
        return null;
      }
      throw e;
    }
  }, [fromAccount]);

  // First look: is there a session?
  useEffect(() => {
    refresh().catch(() => setState({ status: 'signed_out', reason: 'network' }));
  }, [refresh]);

  // Session events from any API call.
  useEffect(
    () =>
      onSessionEvent((e) => {
        if (e.type === 'locked') setLocked(true);
        else if (e.type === 'unlocked') setLocked(false);
        else {
          setLocked(false);
          clearApiCache();
          rememberedPassword.current = null;
          setState({ status: 'signed_out', reason: e.reason });
        }
      }),
    [],
  );

  // Idle lock: once the server's idle time has passed without any call, ask
  // the server where the session stands; when it is locked the lock screen
  // comes up at once (instead of at the next click).
  const idleSeconds = state.status === 'active' ? (state.account.session?.idle_timeout_seconds ?? 0) : 0;
  useEffect(() => {
    if (state.status !== 'active' || locked || idleSeconds <= 0) return;
    let probing = false;
    const timer = window.setInterval(() => {
      if (probing) return;
      if (Date.now() - lastActivityAt() < idleSeconds * 1000 + 750) return;
      probing = true;
      // auth/status does not count as activity, so asking cannot keep the
      // session alive; "locked" brings up the lock screen, and "expired" or
      // "ended" go through /me, which signs out with the reason.
      api
        .get<{ state: string }>('auth/status')
        .then((s) => {
          if (s.state === 'locked') return markLocked();
          if (s.state !== 'live') return api.get<Account>('me').then((a) => fromAccount(a));
          return undefined;
        })
        .catch(() => undefined)
        .finally(() => {
          probing = false;
        });
    }, 1000);
    return () => window.clearInterval(timer);
  }, [state.status, locked, idleSeconds, fromAccount]);

  const applyStage = useCallback(
    (r: StageResponse) => {
      setCsrfToken(r.csrf_token);
      fromAccount({ ...r.account, stage: r.stage });
    },
    [fromAccount],
  );

  const unlock = useCallback(
    async (password: string) => {
      await request<{ unlocked: boolean; csrf_token: string }>('POST', 'auth/unlock', {
        body: { password },
        session: false,
      });
      markUnlocked();
      setLocked(false);
      if (state.status !== 'active') await refresh();
    },
    [refresh, state.status],
  );

  const logout = useCallback(async () => {
    try {
      await request<void>('POST', 'auth/logout', { session: false });
    } catch {
      // the session may be gone already: signed out either way
    }
    markSignedOut('logged_out');
  }, []);

  const switchOrganisation = useCallback(
    async (id: string) => {
      await api.post<void>('me/organisation', { organisation_id: id });
      clearApiCache();
      await refresh();
      setOrgEpoch((n) => n + 1);
    },
    [refresh],
  );

  const account = state.status === 'active' || state.status === 'stage' ? state.account : null;
  const activeOrg = useMemo(() => {
    if (!account) return null;
    return account.organisations.find((o) => o.id === account.active_organisation) ?? account.organisations[0] ?? null;
  }, [account]);

  const value = useMemo<AuthApi>(
    () => ({
      state,
      locked,
      orgEpoch,
      account,
      activeOrg,
      role: activeOrg?.role ?? null,
      refresh,
      applyStage,
      unlock,
      logout,
      switchOrganisation,
      rememberedPassword,
    }),
    [state, locked, orgEpoch, account, activeOrg, refresh, applyStage, unlock, logout, switchOrganisation],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAuth(): AuthApi {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

// What each role may do (the server decides; the UI hides what would be refused).
export const can = {
  readRecords: (r: Role | null) => r !== null && r !== 'respondent',
  manageOrg: (r: Role | null) => r === 'admin',
  readAuditLog: (r: Role | null) => r === 'admin' || r === 'isms_manager' || r === 'auditor',
};
