// The data table every list uses: sorting, filtering, paging and choice of
// columns. Only one page is rendered and the search text of each row is built
// once, so a few thousand rows stay smooth.
import {
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import { foldText, formatNumber } from '../lib/format';

export interface Column<T> {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** Value for sorting and filtering; without it the column neither sorts nor filters. */
  value?: (row: T) => string | number | null | undefined;
  /** Text the filter matches (default: value); e.g. the formatted date rather than its sort key. */
  filterText?: (row: T) => string;
  sortable?: boolean;
  defaultHidden?: boolean;
  /** false: always shown (e.g. the name column). */
  hideable?: boolean;
  className?: string;
}

export interface SortState {
  id: string;
  dir: 'asc' | 'desc';
}

interface DataTableProps<T> {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  caption: string;
  initialSort?: SortState;
  pageSizes?: number[];
  initialPageSize?: number;
  toolbar?: ReactNode;
  empty?: ReactNode;
  rowClassName?: (row: T) => string | undefined;
  /** Shown under the table (e.g. "load older"). */
  footer?: ReactNode;
  filterable?: boolean;
}

const collator = new Intl.Collator('ja', { numeric: true, sensitivity: 'base' });

function compare(a: string | number | null | undefined, b: string | number | null | undefined): number {
  if (a === b) return 0;
  if (a === null || a === undefined || a === '') return 1;
  if (b === null || b === undefined || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

export function DataTable<T>({
  rows,
  columns,
  rowKey,
  caption,
  initialSort,
  pageSizes = [25, 50, 100, 200],
  initialPageSize = 50,
  toolbar,
  empty,
  rowClassName,
  footer,
  filterable = true,
}: DataTableProps<T>) {
  const { t, i18n } = useTranslation();
  const baseId = useId();
  const [sort, setSort] = useState<SortState | undefined>(initialSort);
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter);
  const [pageSize, setPageSize] = useState(initialPageSize);
  const [page, setPage] = useState(0);
  const [hidden, setHidden] = useState<Set<string>>(
    () => new Set(columns.filter((c) => c.defaultHidden).map((c) => c.id)),
  );
  const [columnsOpen, setColumnsOpen] = useState(false);
  const columnsButton = useRef<HTMLButtonElement>(null);
  const columnsPanel = useRef<HTMLDivElement>(null);

  const visible = useMemo(() => columns.filter((c) => !hidden.has(c.id)), [columns, hidden]);

  // Search text of each row, built once per data or column change.
  const haystacks = useMemo(() => {
    const withValue = visible.filter((c) => c.value || c.filterText);
    return rows.map((r) =>
      foldText(
        withValue
          .map((c) => {
            const v = c.filterText ? c.filterText(r) : c.value!(r);
            return v === null || v === undefined ? '' : String(v);
          })
          .join('\u0001'),
      ),
    );
  }, [rows, visible]);

  const filtered = useMemo(() => {
    const needle = foldText(deferredFilter.trim());
    if (!needle) return rows.map((_, i) => i);
    const words = needle.split(/\s+/);
    const out: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      const h = haystacks[i];
      if (words.every((w) => h.includes(w))) out.push(i);
    }
    return out;
  }, [rows, haystacks, deferredFilter]);

  const sorted = useMemo(() => {
    if (!sort) return filtered;
    const col = columns.find((c) => c.id === sort.id);
    if (!col?.value) return filtered;
    const keys = new Map<number, string | number | null | undefined>();
    for (const i of filtered) keys.set(i, col.value(rows[i]));
    const out = [...filtered].sort((a, b) => compare(keys.get(a), keys.get(b)) || a - b);
    if (sort.dir === 'desc') out.reverse();
    return out;
  }, [filtered, sort, columns, rows]);

  const pages = Math.max(1, Math.ceil(sorted.length / pageSize));
  const current = Math.min(page, pages - 1);
  useEffect(() => setPage(0), [deferredFilter, pageSize, sort]);
  const pageRows = sorted.slice(current * pageSize, current * pageSize + pageSize);

  const toggleSort = (id: string) => {
    setSort((s) => (s?.id === id ? { id, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { id, dir: 'asc' }));
  };

  const toggleColumn = (id: string) => {
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(id)) next.delete(id);
      else if (columns.length - next.size > 1) next.add(id);
      return next;
    });
  };

  useEffect(() => {
    if (!columnsOpen) return;
    columnsPanel.current?.querySelector<HTMLInputElement>('input')?.focus();
    const onDoc = (e: MouseEvent) => {
      if (!columnsPanel.current?.contains(e.target as Node) && e.target !== columnsButton.current) setColumnsOpen(false);
    };
    document.addEventListener('mousedown', onDoc);
    return () => document.removeEventListener('mousedown', onDoc);
  }, [columnsOpen]);

  const onColumnsKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setColumnsOpen(false);
      columnsButton.current?.focus();
    }
  };

  const lang = i18n.language;
  const countText =
    filtered.length === rows.length
      ? t('table.rows', { count: rows.length, formatted: formatNumber(rows.length, lang) })
      : t('table.rowsFiltered', { count: filtered.length, total: rows.length });

  return (
    <div className="datatable">
      <div className="datatable-toolbar">
        {filterable && (
          <div className="datatable-filter">
            <label htmlFor={`${baseId}-filter`} className="visually-hidden">
              {t('table.filter')}
            </label>
            <input
              id={`${baseId}-filter`}
              type="search"
              className="input input-search"
              placeholder={t('table.filterPlaceholder')}
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              aria-controls={`${baseId}-table`}
            />
          </div>
        )}
        <p className="datatable-count" aria-live="polite">
          {countText}
        </p>
        <div className="datatable-tools">
          {toolbar}
          <div className="popover-wrap">
            <button
              ref={columnsButton}
              type="button"
              className="btn btn-small"
              aria-expanded={columnsOpen}
              aria-controls={`${baseId}-columns`}
              onClick={() => setColumnsOpen((o) => !o)}
            >
              {t('table.columns')}
              <span className="caret" aria-hidden="true" />
            </button>
            {columnsOpen && (
              <div className="popover" id={`${baseId}-columns`} ref={columnsPanel} onKeyDown={onColumnsKey}>
                <fieldset className="columns-fieldset">
                  <legend className="visually-hidden">{t('table.columns')}</legend>
                  {columns.map((c) => (
                    <div className="check-row" key={c.id}>
                      <input
                        id={`${baseId}-col-${c.id}`}
                        type="checkbox"
                        className="checkbox"
                        checked={!hidden.has(c.id)}
                        disabled={c.hideable === false}
                        onChange={() => toggleColumn(c.id)}
                      />
                      <label htmlFor={`${baseId}-col-${c.id}`}>{c.header}</label>
                    </div>
                  ))}
                </fieldset>
              </div>
            )}
          </div>
        </div>
      </div>
      <div className="table-scroll">
        <table className="table" id={`${baseId}-table`}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {visible.map((c) => {
                const sortable = c.sortable ?? Boolean(c.value);
                const sorted = sort?.id === c.id ? sort.dir : undefined;
                return (
                  <th
                    key={c.id}
                    scope="col"
                    className={c.className}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                  >
                    {sortable ? (
                      <button type="button" className="th-sort" onClick={() => toggleSort(c.id)}>
                        {c.header}
                        <span className={`sort-icon${sorted ? ` sort-${sorted}` : ''}`} aria-hidden="true" />
                        <span className="visually-hidden">
                          {sorted === 'asc' ? t('table.sortDesc') : t('table.sortAsc')}
                        </span>
                      </button>
                    ) : (
                      c.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {pageRows.length === 0 ? (
              <tr>
                <td colSpan={visible.length} className="table-empty">
                  {rows.length === 0 ? (empty ?? t('states.empty')) : t('table.noMatch')}
                </td>
              </tr>
            ) : (
              pageRows.map((i) => {
                const row = rows[i];
                return (
                  <tr key={rowKey(row)} className={rowClassName?.(row)}>
                    {visible.map((c) => (
                      <td key={c.id} className={c.className}>
                        {c.cell(row)}
                      </td>
                    ))}
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
      <div className="datatable-pager">
        <div className="pager-size">
          <label htmlFor={`${baseId}-size`}>{t('table.pageSize')}</label>
          <select
            id={`${baseId}-size`}
            className="input select select-small"
            value={pageSize}
            onChange={(e) => setPageSize(Number(e.target.value))}
          >
            {pageSizes.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <nav className="pager-nav" aria-label={caption}>
          <button type="button" className="btn btn-small" onClick={() => setPage(0)} disabled={current === 0} aria-label={t('table.first')}>
            «
          </button>
          <button type="button" className="btn btn-small" onClick={() => setPage(current - 1)} disabled={current === 0} aria-label={t('table.prev')}>
            ‹
          </button>
          <span className="pager-page" aria-live="polite">
            {t('table.page', { page: current + 1, pages })}
          </span>
          <button type="button" className="btn btn-small" onClick={() => setPage(current + 1)} disabled={current >= pages - 1} aria-label={t('table.next')}>
            ›
          </button>
          <button type="button" className="btn btn-small" onClick={() => setPage(pages - 1)} disabled={current >= pages - 1} aria-label={t('table.last')}>
            »
          </button>
        </nav>
      </div>
      {footer}
    </div>
  );
}
