// A menu button (WAI-ARIA menu button pattern): Enter/Space/ArrowDown opens,
// arrows move, Escape closes and returns focus, Tab leaves.
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface MenuItem {
  key: string;
  label: ReactNode;
  onSelect: () => void;
  disabled?: boolean;
  checked?: boolean;
  danger?: boolean;
  separatorBefore?: boolean;
}

export function MenuButton({
  label,
  items,
  buttonClassName = 'btn',
  align = 'end',
  ariaLabel,
  header,
}: {
  label: ReactNode;
  items: MenuItem[];
  buttonClassName?: string;
  align?: 'start' | 'end';
  ariaLabel?: string;
  header?: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const id = useId();
  const focusIndex = useRef(0);

  const itemEls = () => Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role^=menuitem]:not([aria-disabled=true])') ?? []);

  const openMenu = useCallback((index: number) => {
    focusIndex.current = index;
    setOpen(true);
  }, []);

  useEffect(() => {
    if (!open) return;
    const els = itemEls();
    const i = focusIndex.current < 0 ? els.length - 1 : focusIndex.current;
    els[Math.min(i, els.length - 1)]?.focus();
    const onDoc = (e: MouseEvent) => {
      if (!wrapRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDoc);
    return () => document.removeEventListener('mousedown', onDoc);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      openMenu(0);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      openMenu(-1);
    }
  };

  const onMenuKey = (e: KeyboardEvent) => {
    const els = itemEls();
    const i = els.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      els[(i + 1) % els.length]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      els[(i - 1 + els.length) % els.length]?.focus();
    } else if (e.key === 'Home') {
      e.preventDefault();
      els[0]?.focus();
    } else if (e.key === 'End') {
      e.preventDefault();
      els[els.length - 1]?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (e.key === 'Tab') {
      setOpen(false);
    }
  };

  return (
    <div className={`menu-wrap menu-align-${align}`} ref={wrapRef}>
      <button
        ref={buttonRef}
        type="button"
        className={buttonClassName}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-label={ariaLabel}
        onClick={() => (open ? close(false) : openMenu(0))}
        onKeyDown={onButtonKey}
      >
        {label}
        <span className="caret" aria-hidden="true" />
      </button>
      {open && (
        <div className="menu" role="menu" id={id} ref={menuRef} onKeyDown={onMenuKey} aria-label={ariaLabel}>
          {header && <div className="menu-header">{header}</div>}
          {items.map((item) => (
            <div key={item.key} className={item.separatorBefore ? 'menu-sep-before' : undefined} role="none">
              <button
                type="button"
                role={item.checked !== undefined ? 'menuitemradio' : 'menuitem'}
                aria-checked={item.checked}
                aria-disabled={item.disabled || undefined}
                tabIndex={-1}
                className={`menu-item${item.danger ? ' menu-item-danger' : ''}`}
                onClick={() => {
                  if (item.disabled) return;
                  close(true);
                  item.onSelect();
                }}
              >
                <span className="menu-check" aria-hidden="true">
                  {item.checked ? '✓' : ''}
                </span>
                {item.label}
              </button>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
