// Times come from the server as UTC ISO strings; people read them in Japan time.

const dateTime = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

const dateTimeSeconds = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** 2026/11/22 14:05 (Asia/Tokyo). Empty for a missing value. */
export function formatDateTime(iso: string | null | undefined, seconds = false): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return (seconds ? dateTimeSeconds : dateTime).format(d);
}

/** Sortable key for an ISO time. */
export function timeKey(iso: string | null | undefined): number {
  if (!iso) return 0;
  const n = Date.parse(iso);
  return Number.isNaN(n) ? 0 : n;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

export function formatNumber(n: number, lang: string): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'ja-JP').format(n);
}

/** Full-width ASCII to half-width and lower case: for matching what people type. */
export function foldText(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase();
}
