// Upload and download with progress.
import { useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Query } from '../api/client';
import { formatBytes } from '../lib/format';
import { downloadWithProgress, uploadWithProgress, type Progress } from '../lib/transfer';
import { errorText } from './errors';

function percent(p: Progress | null): number | null {
  if (!p || !p.total) return null;
  return Math.min(100, Math.round((p.loaded / p.total) * 100));
}

export function ProgressBar({ progress, label }: { progress: Progress | null; label: string }) {
  const pct = percent(progress);
  return (
    <div className="progress-wrap">
      {pct === null ? (
        <progress className="progress" aria-label={label} />
      ) : (
        <progress className="progress" max={100} value={pct} aria-label={label} />
      )}
      <span className="progress-text">{label}</span>
    </div>
  );
}

/** A button that downloads a file from the API, showing progress when the size is known. */
export function DownloadButton({
  path,
  query,
  fallbackName,
  children,
  className = 'btn',
  onError,
}: {
  path: string;
  query?: Query;
  fallbackName: string;
  children: ReactNode;
  className?: string;
  onError?: (e: unknown) => void;
}) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const run = async () => {
    setBusy(true);
    setMessage(null);
    setProgress({ loaded: 0, total: null });
    try {
      const r = await downloadWithProgress(path, { query, fallbackName, onProgress: setProgress });
      setMessage({ kind: 'ok', text: t('download.done', { name: r.filename }) });
    } catch (e) {
      const { message: m, detail } = errorText(e);
      setMessage({ kind: 'error', text: detail ? `${m} (${detail})` : m });
      onError?.(e);
    } finally {
      setBusy(false);
    }
  };
  const pct = percent(progress);
  return (
    <div className="download">
      <button type="button" className={className} onClick={() => void run()} disabled={busy} aria-busy={busy}>
        {children}
      </button>
      <div className="download-status" aria-live="polite">
        {busy && (
          <ProgressBar
            progress={progress}
            label={pct === null ? t('download.progressUnknown', { size: formatBytes(progress?.loaded ?? 0) }) : t('download.progress', { percent: pct })}
          />
        )}
        {!busy && message && <span className={message.kind === 'ok' ? 'text-success' : 'text-error'}>{message.text}</span>}
      </div>
    </div>
  );
}

export interface UploadResult<T> {
  ok: boolean;
  data?: T;
  error?: unknown;
}

/**
 * Choose (or drop) a file and send it with XMLHttpRequest, showing how much is sent.
 */
export function FileUpload<T>({
  label,
  accept,
  maxBytes,
  path,
  contentType,
  submitLabel,
  onResult,
  help,
  fileNameParam,
  method,
}: {
  /** POST (default) or PUT. */
  method?: string;
  /** Sends the chosen file's name as this query parameter (e.g. file_name). */
  fileNameParam?: string;
  label: string;
  accept?: string;
  maxBytes: number;
  path: string;
  contentType: string;
  submitLabel: string;
  onResult: (r: UploadResult<T>) => void;
  help?: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [phase, setPhase] = useState<'idle' | 'sending' | 'checking'>('idle');
  const [localError, setLocalError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const choose = (f: File | null) => {
    setLocalError(null);
    if (f && f.size > maxBytes) {
      setFile(null);
      setLocalError(t('upload.tooLarge', { max: formatBytes(maxBytes) }));
      return;
    }
    setFile(f);
  };

  const send = async () => {
    if (!file) {
      setLocalError(t('reasons.required'));
      inputRef.current?.focus();
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setPhase('sending');
    setProgress({ loaded: 0, total: file.size });
    try {
      const data = await uploadWithProgress<T>(path, file, {
        // '' : the file's own type (evidence: PDF, images, Office files).
        method,
        contentType: contentType || file.type || 'application/octet-stream',
        query: fileNameParam ? { [fileNameParam]: file.name } : undefined,
        signal: controller.signal,
        onProgress: setProgress,
        onSent: () => setPhase('checking'),
      });
      onResult({ ok: true, data });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') setLocalError(t('upload.cancelled'));
      else onResult({ ok: false, error: e });
    } finally {
      setPhase('idle');
      abort.current = null;
    }
  };

  const pct = percent(progress);
  return (
    <form
      className="upload"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <div
        className={`dropzone${dragging ? ' dropzone-active' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          choose(e.dataTransfer.files?.[0] ?? null);
        }}
      >
        <label htmlFor={`${id}-file`} className="field-label">
          {label}
        </label>
        <input
          ref={inputRef}
          id={`${id}-file`}
          name="file"
          type="file"
          className="input-file"
          accept={accept}
          onChange={(e) => choose(e.target.files?.[0] ?? null)}
          aria-describedby={`${id}-help ${id}-err`}
          aria-invalid={localError ? true : undefined}
          disabled={phase !== 'idle'}
        />
        <p id={`${id}-help`} className="field-help">
          {help} {t('upload.dropHint')}
          {file && (
            <span className="upload-file">
              {' '}
              — {file.name} ({formatBytes(file.size)})
            </span>
          )}
        </p>
        <p id={`${id}-err`} className="field-error" aria-live="polite">
          {localError}
        </p>
      </div>
      <div className="upload-actions">
        <button type="submit" className="btn btn-primary" disabled={phase !== 'idle'}>
          {submitLabel}
        </button>
        {phase === 'sending' && (
          <button type="button" className="btn" onClick={() => abort.current?.abort()}>
            {t('upload.cancel')}
          </button>
        )}
      </div>
      <div aria-live="polite">
        {phase === 'sending' && <ProgressBar progress={progress} label={pct === null ? t('upload.sending') : t('upload.progress', { percent: pct })} />}
        {phase === 'checking' && <ProgressBar progress={null} label={t('upload.checking')} />}
      </div>
    </form>
  );
}
