// The one way the UI talks to the mamori server.
//
// - JSON in and out; every write carries X-CSRF-Token. The token lives only in
//   this module's memory (never in storage): it comes from the sign-in steps and
//   from GET /api/v1/me after a reload.
// - A 401 session_locked pauses the call: the lock screen is shown, and once the
//   session is unlocked the call is sent again, so the screen underneath carries
//   on as if nothing happened.
// - A 401 that means the session is gone (expired, ended, none) tells the app to
//   go back to the sign-in page.

/** A place in an uploaded file: a CSV/YAML line, or an Excel sheet, row and column. */
export interface FilePlace {
  file?: string;
  sheet?: string;
  row?: number;
  column?: string;
  line?: number;
}

export interface ApiProblem extends FilePlace {
  message: string;
}

export interface ApiErrorBody {
  code?: string;
  reason?: string;
  message?: string;
  field?: string;
  problems?: ApiProblem[];
  where?: FilePlace;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly reason: string;
  readonly field?: string;
  readonly retryAfter?: number;
  readonly problems?: ApiProblem[];
  readonly where?: FilePlace;

  constructor(status: number, body: ApiErrorBody, retryAfter?: number) {
    super(body.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code ?? (status === 0 ? 'network' : 'error');
    this.reason = body.reason ?? body.code ?? (status === 0 ? 'network' : status === 404 ? 'not_found' : 'error');
    this.field = body.field;
    this.retryAfter = retryAfter;
    this.problems = body.problems;
    this.where = body.where;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** Reasons that mean the session is gone for good. */
export const SIGNED_OUT_REASONS = new Set([
  'session_expired',
  'session_ended',
  'no_session',
  'not_signed_in',
  'account_disabled',
]);

export type SessionEvent = { type: 'locked' } | { type: 'unlocked' } | { type: 'signed_out'; reason: string };

type Listener = (e: SessionEvent) => void;

let csrfToken: string | null = null;
let lastActivity = Date.now();
const listeners = new Set<Listener>();

interface Gate {
  promise: Promise<void>;
  resolve: () => void;
  reject: (e: unknown) => void;
}
let lockGate: Gate | null = null;

export function setCsrfToken(token: string | null | undefined): void {
  if (token) csrfToken = token;
  else if (token === null) csrfToken = null;
}

export function hasCsrfToken(): boolean {
  return csrfToken !== null;
}

export function lastActivityAt(): number {
  return lastActivity;
}

export function onSessionEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(e: SessionEvent): void {
  for (const l of [...listeners]) l(e);
}

export function isLocked(): boolean {
  return lockGate !== null;
}

/** Marks the session locked (from a 401 or the idle timer) and returns the gate. */
export function markLocked(): Promise<void> {
  if (!lockGate) {
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    promise.catch(() => undefined);
    lockGate = { promise, resolve, reject };
    emit({ type: 'locked' });
  }
  return lockGate.promise;
}

/** Called after a successful unlock: waiting calls are sent again. */
export function markUnlocked(): void {
  const gate = lockGate;
  lockGate = null;
  gate?.resolve();
  emit({ type: 'unlocked' });
}

/** The session is gone: waiting calls fail, the app shows the sign-in page. */
export function markSignedOut(reason: string): void {
  csrfToken = null;
  const gate = lockGate;
  lockGate = null;
  gate?.reject(new ApiError(401, { code: 'unauthorized', reason, message: reason }));
  emit({ type: 'signed_out', reason });
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function buildUrl(path: string, query?: Query): string {
  const url = path.startsWith('/') ? path : `/api/v1/${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  if (!qs) return url;
  return url.includes('?') ? `${url}&${qs}` : `${url}?${qs}`;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A raw body (string or Blob) with its own content type. */
  rawBody?: BodyInit;
  contentType?: string;
  signal?: AbortSignal;
  /** false: a 401 is only thrown, the session events are not raised (sign-in steps). */
  session?: boolean;
}

function retryAfterOf(res: Response): number | undefined {
  const h = res.headers.get('Retry-After');
  if (!h) return undefined;
  const n = Number(h);
  if (Number.isFinite(n)) return Math.max(0, Math.round(n));
  const when = Date.parse(h);
  return Number.isNaN(when) ? undefined : Math.max(0, Math.round((when - Date.now()) / 1000));
}

export async function errorFromResponse(res: Response): Promise<ApiError> {
  let body: ApiErrorBody = {};
  try {
    const parsed: unknown = await res.json();
    if (parsed && typeof parsed === 'object' && 'error' in parsed) body = (parsed as { error: ApiErrorBody }).error ?? {};
  } catch {
    // not JSON: keep the status only
  }
  return new ApiError(res.status, body, retryAfterOf(res));
}

export function writeHeaders(method: string): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  return headers;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const handleSession = opts.session !== false;
  for (let attempt = 0; ; attempt++) {
    if (handleSession && lockGate) await lockGate.promise;
    const headers = writeHeaders(method);
    let body: BodyInit | undefined;
    if (opts.rawBody !== undefined) {
      body = opts.rawBody;
      if (opts.contentType) headers['Content-Type'] = opts.contentType;
    } else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['Content-Type'] = 'application/json';
    } else if (method !== 'GET' && method !== 'HEAD' && method !== 'DELETE') {
      body = '{}';
      headers['Content-Type'] = 'application/json';
    }
    let res: Response;
    try {
      res = await fetch(buildUrl(path, opts.query), {
        method,
        headers,
        body,
        credentials: 'same-origin',
        cache: 'no-store',
        signal: opts.signal,
      });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw new ApiError(0, { code: 'network', reason: 'network', message: String(e) });
    }
    if (res.ok) {
      lastActivity = Date.now();
      if (res.status === 204) return undefined as T;
      const text = await res.text();
      if (!text) return undefined as T;
      const data = JSON.parse(text) as T;
      if (data && typeof data === 'object' && 'csrf_token' in data) {
        setCsrfToken((data as { csrf_token?: string }).csrf_token);
      }
      return data;
    }
    const err = await errorFromResponse(res);
    if (res.status === 401 && handleSession) {
      if (err.reason === 'session_locked' && attempt < 2) {
        await markLocked();
        continue;
      }
      if (SIGNED_OUT_REASONS.has(err.reason)) markSignedOut(err.reason);
    }
    throw err;
  }
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('POST', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path),
};

/** One path segment, encoded. */
export function seg(s: string): string {
  return encodeURIComponent(s);
}
