// A tree view following the WAI-ARIA tree pattern: one tab stop, arrow keys
// move (Up/Down), open and close (Right/Left), Home/End, Enter opens the item,
// * opens every sibling.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface TreeNode {
  id: string;
  parent: string | null;
}

interface TreeProps<N extends TreeNode> {
  nodes: N[];
  label: string;
  selectedId?: string;
  onActivate: (node: N) => void;
  renderLabel: (node: N) => ReactNode;
  /** Changes to this value expand (true) or collapse (false) everything. */
  expandAllSignal?: { all: boolean; n: number };
}

export function Tree<N extends TreeNode>({ nodes, label, selectedId, onActivate, renderLabel, expandAllSignal }: TreeProps<N>) {
  const { byId, children, roots } = useMemo(() => {
    const byId = new Map<string, N>();
    for (const n of nodes) byId.set(n.id, n);
    const children = new Map<string, N[]>();
    const roots: N[] = [];
    for (const n of nodes) {
      if (n.parent && byId.has(n.parent)) {
        const list = children.get(n.parent);
        if (list) list.push(n);
        else children.set(n.parent, [n]);
      } else {
        roots.push(n);
      }
    }
    return { byId, children, roots };
  }, [nodes]);

  const ancestorsOf = useCallback(
    (id: string | undefined): string[] => {
      const out: string[] = [];
      let cur = id ? byId.get(id) : undefined;
      while (cur?.parent && byId.has(cur.parent)) {
        out.push(cur.parent);
        cur = byId.get(cur.parent);
      }
      return out;
    },
    [byId],
  );

  const [expanded, setExpanded] = useState<Set<string>>(() => new Set(ancestorsOf(selectedId)));
  const [focused, setFocused] = useState<string | undefined>(selectedId);
  const itemRefs = useRef(new Map<string, HTMLLIElement>());
  const treeRef = useRef<HTMLUListElement>(null);

  // Opening an item elsewhere (search, links) opens its ancestors here.
  useEffect(() => {
    if (!selectedId) return;
    const anc = ancestorsOf(selectedId);
    setExpanded((old) => {
      if (anc.every((a) => old.has(a))) return old;
      const next = new Set(old);
      anc.forEach((a) => next.add(a));
      return next;
    });
    setFocused(selectedId);
  }, [selectedId, ancestorsOf]);

  useEffect(() => {
    if (!expandAllSignal || expandAllSignal.n === 0) return;
    if (expandAllSignal.all) setExpanded(new Set(children.keys()));
    else setExpanded(new Set());
  }, [expandAllSignal, children]);

  useEffect(() => {
    if (!selectedId) return;
    const el = itemRefs.current.get(selectedId);
    el?.querySelector('.tree-row')?.scrollIntoView({ block: 'nearest' });
  }, [selectedId, expanded]);

  const visible = useMemo(() => {
    const out: N[] = [];
    const walk = (list: N[]) => {
      for (const n of list) {
        out.push(n);
        const kids = children.get(n.id);
        if (kids && expanded.has(n.id)) walk(kids);
      }
    };
    walk(roots);
    return out;
  }, [roots, children, expanded]);

  const tabStop = focused && visible.some((n) => n.id === focused) ? focused : (selectedId && visible.some((n) => n.id === selectedId) ? selectedId : visible[0]?.id);

  const focusItem = (id: string | undefined) => {
    if (!id) return;
    setFocused(id);
    window.requestAnimationFrame(() => itemRefs.current.get(id)?.focus());
  };

  const toggle = (id: string, open?: boolean) => {
    setExpanded((old) => {
      const next = new Set(old);
      const willOpen = open ?? !next.has(id);
      if (willOpen) next.add(id);
      else next.delete(id);
      return next;
    });
  };

  const onKey = (e: KeyboardEvent, node: N) => {
    const i = visible.findIndex((n) => n.id === node.id);
    const kids = children.get(node.id);
    const isOpen = expanded.has(node.id);
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        focusItem(visible[i + 1]?.id);
        break;
      case 'ArrowUp':
        focusItem(visible[i - 1]?.id);
        break;
      case 'ArrowRight':
        if (kids) {
          if (!isOpen) toggle(node.id, true);
          else focusItem(kids[0].id);
        }
        break;
      case 'ArrowLeft':
        if (kids && isOpen) toggle(node.id, false);
        else if (node.parent && byId.has(node.parent)) focusItem(node.parent);
        break;
      case 'Home':
        focusItem(visible[0]?.id);
        break;
      case 'End':
        focusItem(visible[visible.length - 1]?.id);
        break;
      case 'Enter':
        onActivate(node);
        break;
      case ' ':
        if (kids) toggle(node.id);
        else onActivate(node);
        break;
      case '*': {
        const siblings = node.parent && byId.has(node.parent) ? (children.get(node.parent) ?? []) : roots;
        setExpanded((old) => {
          const next = new Set(old);
          siblings.forEach((s) => children.has(s.id) && next.add(s.id));
          return next;
        });
        break;
      }
      default:
        handled = false;
    }
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  const renderList = (list: N[], level: number): ReactNode =>
    list.map((n, idx) => {
      const kids = children.get(n.id);
      const isOpen = kids ? expanded.has(n.id) : undefined;
      const labelId = `tree-l-${n.id}`;
      return (
        <li
          key={n.id}
          ref={(el) => {
            if (el) itemRefs.current.set(n.id, el);
            else itemRefs.current.delete(n.id);
          }}
          role="treeitem"
          aria-level={level}
          aria-setsize={list.length}
          aria-posinset={idx + 1}
          aria-expanded={isOpen}
          aria-selected={n.id === selectedId}
          aria-labelledby={labelId}
          tabIndex={n.id === tabStop ? 0 : -1}
          className="tree-item"
          onKeyDown={(e) => onKey(e, n)}
          onFocus={(e) => {
            if (e.target === e.currentTarget) setFocused(n.id);
          }}
        >
          <div
            className={`tree-row${n.id === selectedId ? ' tree-row-selected' : ''}`}
            onClick={(e) => {
              e.stopPropagation();
              setFocused(n.id);
              onActivate(n);
            }}
          >
            <span
              className={`tree-toggle${kids ? (isOpen ? ' tree-open' : ' tree-closed') : ' tree-leaf'}`}
              aria-hidden="true"
              onClick={(e) => {
                if (!kids) return;
                e.stopPropagation();
                setFocused(n.id);
                toggle(n.id);
              }}
            />
            <span id={labelId} className="tree-label">
              {renderLabel(n)}
            </span>
          </div>
          {kids && isOpen && (
            <ul role="group" className="tree-group">
              {renderList(kids, level + 1)}
            </ul>
          )}
        </li>
      );
    });

  return (
    <ul role="tree" aria-label={label} className="tree" ref={treeRef}>
      {renderList(roots, 1)}
    </ul>
  );
}
