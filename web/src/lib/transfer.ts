// File transfer with progress: uploads through XMLHttpRequest (the only way to
// see upload progress), downloads through fetch + a Blob (progress from
// Content-Length when the server sends it).
import { ApiError, type ApiErrorBody, buildUrl, markLocked, markSignedOut, SIGNED_OUT_REASONS, writeHeaders, type Query } from '../api/client';

export interface Progress {
  loaded: number;
  total: number | null;
}

export interface UploadOptions {
  method?: string;
  query?: Query;
  contentType: string;
  onProgress?: (p: Progress) => void;
  /** Called when every byte is sent and the server is working on it. */
  onSent?: () => void;
  signal?: AbortSignal;
}

function parseError(status: number, text: string, retryAfter: string | null): ApiError {
  let body: ApiErrorBody = {};
  try {
    const parsed = JSON.parse(text) as { error?: ApiErrorBody };
    if (parsed && parsed.error) body = parsed.error;
  } catch {
    // not JSON
  }
  const ra = retryAfter ? Number(retryAfter) : undefined;
  return new ApiError(status, body, ra !== undefined && Number.isFinite(ra) ? ra : undefined);
}

function xhrOnce<T>(path: string, body: Blob, opts: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const method = opts.method ?? 'POST';
    xhr.open(method, buildUrl(path, opts.query));
    xhr.withCredentials = true;
    for (const [k, v] of Object.entries(writeHeaders(method))) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader('Content-Type', opts.contentType);
    xhr.upload.onprogress = (e) => opts.onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : null });
    xhr.upload.onload = () => opts.onSent?.();
    xhr.onerror = () => reject(new ApiError(0, { code: 'network', reason: 'network', message: 'network error' }));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
        } catch {
          resolve(undefined as T);
        }
      } else {
        reject(parseError(xhr.status, xhr.responseText, xhr.getResponseHeader('Retry-After')));
      }
    };
    opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

export async function uploadWithProgress<T>(path: string, body: Blob, opts: UploadOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await xhrOnce<T>(path, body, opts);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        if (e.reason === 'session_locked' && attempt < 2) {
          await markLocked();
          continue;
        }
        if (SIGNED_OUT_REASONS.has(e.reason)) markSignedOut(e.reason);
      }
      throw e;
    }
  }
}

export interface DownloadResult {
  filename: string;
  size: number;
}

function filenameFrom(res: Response, fallback: string): string {
  const cd = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(cd);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(cd);
  return plain ? plain[1].trim() : fallback;
}

/** Fetches a file and hands it to the browser as a download. */
export async function downloadWithProgress(
  path: string,
  opts: { query?: Query; fallbackName: string; onProgress?: (p: Progress) => void; signal?: AbortSignal },
): Promise<DownloadResult> {
  let res: Response;
  for (let attempt = 0; ; attempt++) {
    try {
      res = await fetch(buildUrl(path, opts.query), { credentials: 'same-origin', cache: 'no-store', signal: opts.signal });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw new ApiError(0, { code: 'network', reason: 'network', message: String(e) });
    }
    if (res.ok) break;
    const err = parseError(res.status, await res.text(), res.headers.get('Retry-After'));
    if (res.status === 401) {
      if (err.reason === 'session_locked' && attempt < 2) {
        await markLocked();
        continue;
      }
      if (SIGNED_OUT_REASONS.has(err.reason)) markSignedOut(err.reason);
    }
    throw err;
  }
  const lengthHeader = res.headers.get('Content-Length');
  const total = lengthHeader && !res.headers.get('Content-Encoding') ? Number(lengthHeader) : null;
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  opts.onProgress?.({ loaded: 0, total });
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value) {
        chunks.push(value);
        loaded += value.byteLength;
        opts.onProgress?.({ loaded, total });
      }
    }
  }
  const blob = new Blob(chunks as BlobPart[], { type: res.headers.get('Content-Type') ?? 'application/octet-stream' });
  const filename = filenameFrom(res, opts.fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { filename, size: blob.size };
}
