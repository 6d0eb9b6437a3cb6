import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlagDef } from '../api/types';
import { currentLang } from '../i18n';
import { foldText } from '../lib/format';

export function PageHeader({ title, subtitle, actions, kicker }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode; kicker?: ReactNode }) {
  return (
    <div className="page-header">
      <div className="page-header-text">
        {kicker && <p className="page-kicker">{kicker}</p>}
        <h1 className="page-title">{title}</h1>
        {subtitle && <p className="page-subtitle">{subtitle}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}

/** P / B badges, each with its name from the catalog's flag vocabulary. */
export function FlagBadges({ flags, vocabulary, long = false }: { flags: string[] | undefined; vocabulary?: FlagDef[]; long?: boolean }) {
  useTranslation();
  if (!flags || flags.length === 0) return null;
  const lang = currentLang();
  return (
    <span className="badges">
      {flags.map((f) => {
        const def = vocabulary?.find((v) => v.key === f);
        const name = def ? def.name[lang] || def.name.ja : '';
        return (
          <span key={f} className={`badge badge-flag badge-flag-${f.toLowerCase()}`} title={name || undefined}>
            <span aria-hidden={name ? true : undefined}>{f}</span>
            {name && (long ? <span className="badge-name">{name}</span> : <span className="visually-hidden">{name}</span>)}
          </span>
        );
      })}
    </span>
  );
}

export function CopyButton({ text, label, className = 'btn btn-small' }: { text: string; label?: string; className?: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<number | undefined>(undefined);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setState('idle'), 3000);
  };
  return (
    <span className="copy">
      <button type="button" className={className} onClick={() => void copy()}>
        {label ?? t('common.copy')}
      </button>
      <span className="copy-status" role="status" aria-live="polite">
        {state === 'copied' ? t('common.copied') : state === 'failed' ? t('common.copyFailed') : ''}
      </span>
    </span>
  );
}

/** A value shown once (token, one-time password): selectable, with a copy button. */
export function SecretValue({ value, label }: { value: string; label: string }) {
  return (
    <div className="secret">
      <p className="secret-label">{label}</p>
      <div className="secret-row">
        <code className="secret-value" tabIndex={0} aria-label={label}>
          {value}
        </code>
        <CopyButton text={value} />
      </div>
    </div>
  );
}

/**
 * Marks every occurrence of `query` in `text`, matching as the server does:
 * full/half width and case do not matter.
 */
export function Highlight({ text, query }: { text: string; query: string }) {
  const q = foldText(query.trim());
  if (!q) return <>{text}</>;
  // Fold character by character, remembering where each folded char came from.
  let folded = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = foldText(ch);
    folded += f;
    for (let k = 0; k < f.length; k++) origin.push(i);
    i += ch.length;
  }
  origin.push(text.length);
  const parts: ReactNode[] = [];
  let from = 0;
  let pos = folded.indexOf(q);
  let n = 0;
  while (pos >= 0) {
    const start = origin[pos];
    const endIdx = pos + q.length;
    const end = endIdx < origin.length - 1 ? origin[endIdx] : text.length;
    if (start > from) parts.push(text.slice(from, start));
    parts.push(<mark key={n++}>{text.slice(start, end)}</mark>);
    from = end;
    pos = folded.indexOf(q, endIdx);
  }
  if (from < text.length) parts.push(text.slice(from));
  return <>{parts}</>;
}

/** A snippet of `text` around the first match of `query`. */
export function snippet(text: string, query: string, radius = 60): string {
  const q = foldText(query.trim());
  const f = foldText(text);
  const at = q ? f.indexOf(q) : -1;
  if (at < 0 || text.length <= radius * 2) return text.length > radius * 2 ? `${text.slice(0, radius * 2)}…` : text;
  const start = Math.max(0, at - radius);
  const end = Math.min(text.length, at + q.length + radius);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

export function RoleBadge({ role }: { role: string }) {
  const { t } = useTranslation();
  const known = ['admin', 'isms_manager', 'editor', 'auditor', 'viewer', 'respondent'];
  return <span className={`badge badge-role badge-role-${role}`}>{known.includes(role) ? t(`roles.${role as 'admin'}`) : role}</span>;
}
