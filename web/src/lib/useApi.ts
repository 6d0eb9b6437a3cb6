import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type Query } from '../api/client';

export interface ApiState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  setData: (updater: T | ((old: T | undefined) => T)) => void;
}

const cache = new Map<string, Promise<unknown>>();

/** GET that is the same for the whole session (catalogs): fetched once. */
export function cachedGet<T>(path: string, query?: Query): Promise<T> {
  const key = path + (query ? JSON.stringify(query) : '');
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = api.get<T>(path, query);
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

export function clearApiCache(): void {
  cache.clear();
}

/**
 * Loads `path` (null: nothing yet) and keeps the result; reload() fetches again.
 * `cached`: share one request per session (for data that does not change).
 */
export function useApi<T>(path: string | null, query?: Query, options: { cached?: boolean } = {}): ApiState<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState<boolean>(path !== null);
  const [tick, setTick] = useState(0);
  const queryKey = query ? JSON.stringify(query) : '';
  const cached = options.cached ?? false;
  const latest = useRef(0);

  useEffect(() => {
    if (path === null) {
      setLoading(false);
      return;
    }
    const id = ++latest.current;
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    const q = queryKey ? (JSON.parse(queryKey) as Query) : undefined;
    const p = cached ? cachedGet<T>(path, q) : api.get<T>(path, q, controller.signal);
    p.then(
      (d) => {
        if (id !== latest.current) return;
        setDataState(d);
        setLoading(false);
      },
      (e: unknown) => {
        if (id !== latest.current) return;
        if (e instanceof DOMException && e.name === 'AbortError') return;
        setError(e);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [path, queryKey, tick, cached]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  const setData = useCallback((updater: T | ((old: T | undefined) => T)) => {
    setDataState((old) => (typeof updater === 'function' ? (updater as (o: T | undefined) => T)(old) : updater));
  }, []);
  return { data, error, loading, reload, setData };
}
