#!/usr/bin/env python3
"""Generate catalogs/cloud-provision.yaml from seed 004 (クラウドサービス提供基準).

Standard library only and deterministic: the same seed always gives the same
YAML, byte for byte. Run from anywhere:

    python3 tools/catalogs/provision_from_seed.py [--seed FILE] [--out FILE]

What it does
  * skips the table of contents (目次) but keeps its chapter/section list as a
    cross-check: every TOC entry must come back as a node with the same title;
  * reads headings "N.", "N. N.", "N. N. N" in all the printed variants
    ("1. 1. 1", "4. 1. 1.", "12.2.1.", "1 1. 1. 1." for 11.1.1) and normalises
    the ref to "N.N.N";
  * keeps the full text under each heading: list markers as printed, markdown
    "- " bullets reduced to their marker (a bullet without a marker becomes
    "・"), sentences that the source broke over lines joined again;
  * never renumbers: a repeated number gets the suffix "-2" ("-3", ...) and
    the number as printed in `label`; every such defect, and every other
    irregularity the parser had to resolve, is written to catalog.notes.
The trailing 参考) block (documents the standard is based on) is not part of
item 12.3.3; it is carried verbatim in catalog.notes.
"""

import argparse
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, '..', '..'))
SEED_NAME = '004_c0ea712f2ca29e19.txt'
DEFAULT_SEED = os.path.normpath(os.path.join(REPO, '..', 'shared', 'seeds', SEED_NAME))
DEFAULT_OUT = os.path.join(REPO, 'catalogs', 'cloud-provision.yaml')

KINDS = {1: 'chapter', 2: 'section', 3: 'item'}

# A line that starts with a list marker as printed in the seed.
MARKER = re.compile(r'^(?:[a-zA-Z]\)|[\u2460-\u2473]|\d+\)|\d+\.\s|・)')
LETTER = re.compile(r'^([a-z])\)')
CIRCLED = re.compile(r'^([\u2460-\u2473])')
PAREN_NUM = re.compile(r'^(\d+)\)')
DOT_NUM = re.compile(r'^(\d+)\.\s')
PAGE = re.compile(r'\t\d+$')
LEADER = re.compile(r'(?:\.{2,}|…+)$')


def fail(msg):
    sys.stderr.write('provision_from_seed: %s\n' % msg)
    sys.exit(1)


def split_number(line):
    """Return (printed, parts, rest) if the line starts like a heading number."""
    m = re.match(r'^(\d[\d .]*)(\S.*)?$', line)
    if not m or not m.group(2):
        return None
    printed = m.group(1).strip()
    if '.' not in printed:
        return None
    # "1 1. 1. 1." is 11.1.1: a space between two digits is a misprint.
    joined = re.sub(r'(?<=\d) (?=\d)', '', printed).replace(' ', '').rstrip('.')
    parts = joined.split('.')
    if not all(p.isdigit() for p in parts) or not 1 <= len(parts) <= 3:
        return None
    return printed, [int(p) for p in parts], m.group(2).strip()


def parse_toc(lines):
    try:
        start = lines.index('目次')
    except ValueError:
        fail('no 目次 line in the seed')
    toc = []
    i = start + 1
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if not PAGE.search(line):
            break
        entry = PAGE.sub('', line).rstrip()
        entry = LEADER.sub('', entry).rstrip()
        got = split_number(entry)
        if not got:
            fail('line %d: unreadable TOC entry %r' % (i + 1, line))
        printed, parts, title = got
        toc.append(('.'.join(map(str, parts)), title, line.rstrip(), i + 1))
        i += 1
    return toc, i


class Node(object):
    def __init__(self, ref, printed, parts, title, lineno):
        self.ref = ref
        self.printed = printed
        self.parts = parts
        self.title = title
        self.lineno = lineno
        self.parent = None
        self.label = None
        self.body = []          # (lineno, raw line)
        self.units = []         # final text lines
        self.first_text = None  # text that shared the heading line


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--seed', default=DEFAULT_SEED)
    ap.add_argument('--out', default=DEFAULT_OUT)
    args = ap.parse_args()

    with open(args.seed, encoding='utf-8') as f:
        lines = [l.rstrip('\r\n').rstrip() for l in f.read().split('\n')]

    toc, body_start = parse_toc(lines)
    toc_chapters = {title: ref for ref, title, _, _ in toc if '.' not in ref}

    # The 参考) block at the end lists source documents; it is not item text.
    end = len(lines)
    for i in range(body_start, len(lines)):
        if lines[i].strip() in ('参考)', '参考）'):
            end = i
            break
    reference_lines = [l.strip() for l in lines[end + 1:] if l.strip()] if end < len(lines) else []

    defects = []       # numbering defects (notes + report)
    irregular = []     # other things the parser had to resolve
    nodes = []
    by_ref = {}
    current = {}       # depth -> node
    chapter_no = 0
    node = None
    for idx in range(body_start, end):
        raw = lines[idx]
        got = split_number(raw) if raw and not raw[0].isspace() else None
        if got:
            printed, parts, rest = got
            depth = len(parts)
            if depth == 1 and not (rest in toc_chapters or parts[0] == chapter_no + 1):
                got = None  # a numbered list line such as "1. 保守日時"
        if not got:
            if node is None:
                if raw.strip():
                    fail('line %d: text before the first heading: %r' % (idx + 1, raw))
                continue
            node.body.append((idx + 1, raw))
            continue

        ref = '.'.join(map(str, parts))
        title = rest
        first_text = None
        if '。' in rest:
            # Heading and first sentence printed on one line ("8. 2. 2. 保守管理 保守に…").
            m = re.match(r'^(\S+)[ \u3000]+(.*)$', rest)
            if m and '。' not in m.group(1):
                title, first_text = m.group(1), m.group(2)
                irregular.append(('merged', ref, printed, idx + 1))
            else:
                title, first_text = '', rest
        if re.search(r'\d \d', printed):
            irregular.append(('spaced', ref, printed, idx + 1))

        n = Node(ref, printed, parts, title, idx + 1)
        n.first_text = first_text
        if depth > 1:
            parent = current.get(depth - 1)
            if parent is None:
                fail('line %d: %s has no enclosing %s' % (idx + 1, ref, KINDS[depth - 1]))
            if parent.parts != parts[:-1]:
                defects.append('line %d: "%s" is printed under %s (label "%s"); parent set to %s'
                               % (idx + 1, printed, parent.ref, parent.printed, parent.ref))
            n.parent = parent.ref
        if depth == 1:
            chapter_no = parts[0]
        if ref in by_ref:
            k = 2
            while '%s-%d' % (ref, k) in by_ref:
                k += 1
            first = by_ref[ref]
            n.ref = '%s-%d' % (ref, k)
            n.label = printed
            defects.append('"%s" is printed twice: line %d (%s) and line %d (%s). '
                           'The first keeps ref %s; the second is ref %s with label "%s". '
                           'Nothing after it is renumbered.'
                           % (printed, first.lineno, first.title, idx + 1, title, ref, n.ref, printed))
        by_ref[n.ref] = n
        nodes.append(n)
        current[depth] = n
        for d in list(current):
            if d > depth:
                del current[d]
        node = n

    # ---- text -------------------------------------------------------------
    joins = []
    unmarked = []
    for n in nodes:
        units = []  # [text, is_list, lineno]
        src = []
        if n.first_text:
            src.append((n.lineno, n.first_text))
        src.extend(n.body)
        for lineno, raw in src:
            s = raw.strip()
            if not s:
                continue
            s = re.sub(r'\*\*|__', '', s)
            b = re.match(r'^[-*+]\s+(.*)$', s)
            if b:
                s = b.group(1).strip()
                if not MARKER.match(s):
                    s = '・' + s
                    unmarked.append((n.ref, lineno))
                is_list = True
            else:
                is_list = bool(MARKER.match(s))
            if units and not is_list and not units[-1][1] and not units[-1][0].endswith('。'):
                joins.append((n.ref, units[-1][2], lineno))
                units[-1][0] += s
                continue
            units.append([s, is_list, lineno])
        n.units = [u[0] for u in units]
        if not n.title:
            if not n.units:
                fail('%s: no title and no text' % n.ref)
            first = n.units[0]
            n.title = first[:first.index('。') + 1] if '。' in first else first
            irregular.append(('untitled', n.ref, n.printed, n.lineno))

    # ---- checks -----------------------------------------------------------
    chapters = [n for n in nodes if len(n.parts) == 1]
    if [n.parts[0] for n in chapters] != list(range(1, len(chapters) + 1)):
        defects.append('chapters are not numbered 1..%d: %s'
                       % (len(chapters), ', '.join(n.printed for n in chapters)))
    children = {}
    for n in nodes:
        if n.parent:
            children.setdefault(n.parent, []).append(n)
    for pref in sorted(children, key=lambda r: [int(x) for x in re.findall(r'\d+', r)]):
        nums = [c.parts[-1] for c in children[pref]]
        expect = list(range(1, len(nums) + 1))
        if nums != expect and len(set(nums)) == len(nums):
            defects.append('children of %s are numbered %s (expected %s)'
                           % (pref, ', '.join(map(str, nums)), ', '.join(map(str, expect))))

    # list-marker sequences inside a text
    marker_gaps = []
    for n in nodes:
        seqs = {}
        for u in n.units:
            for fam, rx, val in (('letter', LETTER, lambda m: ord(m.group(1)) - ord('a') + 1),
                                 ('circled', CIRCLED, lambda m: ord(m.group(1)) - 0x2460 + 1),
                                 ('paren', PAREN_NUM, lambda m: int(m.group(1))),
                                 ('dot', DOT_NUM, lambda m: int(m.group(1)))):
                m = rx.match(u)
                if m:
                    seqs.setdefault(fam, []).append((val(m), m.group(0).strip()))
        for fam, seq in sorted(seqs.items()):
            vals = [v for v, _ in seq]
            if vals != list(range(1, len(vals) + 1)):
                missing = [x for x in range(1, max(vals) + 1) if x not in vals]
                marker_gaps.append((n.ref, [p for _, p in seq], missing, fam))

    toc_diffs = []
    for ref, title, printed_line, lineno in toc:
        n = by_ref.get(ref)
        if n is None:
            toc_diffs.append('TOC line %d "%s": no such node' % (lineno, printed_line))
        elif n.title != title:
            toc_diffs.append('TOC line %d: %s is "%s" in the TOC but "%s" in the text'
                             % (lineno, ref, title, n.title))
    toc_refs = {ref for ref, _, _, _ in toc}
    for n in nodes:
        if len(n.parts) < 3 and n.ref not in toc_refs:
            toc_diffs.append('%s "%s" (line %d) is not in the TOC' % (n.ref, n.title, n.lineno))
    leader_dots = [ref for ref, _, printed_line, _ in toc if re.search(r'\.{2,}\t', printed_line)]

    # ---- notes ------------------------------------------------------------
    notes = []
    notes.append('Generated by tools/catalogs/provision_from_seed.py from seed 004 (%s). '
                 'Refs are the printed numbers in dotted form without spaces; the table of '
                 'contents is not a node, but every chapter and section it lists is one, '
                 'with the same title.' % SEED_NAME)
    notes.append('Numbering defects in the source (not renumbered):')
    for d in defects:
        notes.append('- ' + d)
    for ref, printed_markers, missing, fam in marker_gaps:
        letters = {'letter': lambda x: chr(ord('a') + x - 1) + ')',
                   'circled': lambda x: chr(0x2460 + x - 1),
                   'paren': lambda x: '%d)' % x,
                   'dot': lambda x: '%d.' % x}[fam]
        notes.append('- %s: its list is printed %s; %s %s missing in the source, kept as printed.'
                     % (ref, ' '.join(printed_markers), ' '.join(letters(x) for x in missing),
                        'is' if len(missing) == 1 else 'are'))
    spaced = [(r, p) for kind, r, p, _ in irregular if kind == 'spaced']
    if spaced:
        notes.append('- Chapters 11 and 12 print some numbers with a space between the digits '
                     '(%s); read as %s.'
                     % (', '.join('"%s"' % p for _, p in spaced[:3]) + ', …',
                        ', '.join(r for r, _ in spaced[:3]) + ', …'))
        notes.append('  Affected: %s.' % ', '.join(r for r, _ in spaced))
    notes.append('Other irregularities resolved while reading:')
    merged = [(r, l) for kind, r, _, l in irregular if kind == 'merged']
    if merged:
        notes.append('- Heading and first sentence printed on one line: %s. The heading is the '
                     'title, the rest of the line starts the text.'
                     % ', '.join('%s (line %d)' % m for m in merged))
    for kind, r, p, l in irregular:
        if kind == 'untitled':
            notes.append('- %s (line %d) has no heading; its title is its first sentence.' % (r, l))
    if unmarked:
        notes.append('- A bullet printed without a marker is written with "・": %s.'
                     % ', '.join('%s (line %d)' % u for u in unmarked))
    if joins:
        notes.append('- Sentences the source broke over two lines were joined: %s.'
                     % ', '.join('%s (lines %d-%d)' % j for j in joins))
    notes.append('- Numbers are printed in several styles ("1. 1. 1", "3. 2. 1.", "12.2.1."); '
                 'all are normalised to dotted form without spaces or a final dot.')
    notes.append('- Indentation of nested list lines (1.1.1 d) 1)-4), 4.4.5 ②) is not kept; '
                 'the markers are.')
    if leader_dots:
        notes.append('- TOC entries %s carry leader dots; ignored when comparing titles.'
                     % ', '.join(leader_dots))
    for d in toc_diffs:
        notes.append('- ' + d)
    n1013 = by_ref.get('10.1.3')
    if n1013 and 'SP800-34' in n1013.title:
        notes.append('- 10.1.3 cites "NIST SP800-34, SC-12" as printed; SC-12 (cryptographic '
                     'key establishment and management) is a control of NIST SP 800-53, not '
                     'SP 800-34.')
    n11115 = by_ref.get('11.1.15')
    dup = '開発段階から脆弱性診断を行うこと等により、導入前にあらかじめ脆弱性対策を実施しておくこと。'
    if n11115 and sum(u.count(dup) for u in n11115.units) > 1:
        notes.append('- 11.1.15 repeats the sentence "%s" (paragraphs 1 and 3); kept as printed.' % dup)
    if reference_lines:
        notes.append('参考) (printed after 12.3.3; the documents this standard is based on):')
        # Pair each 「title」 with the date/publisher line that follows it.
        i = 0
        while i < len(reference_lines):
            line = reference_lines[i]
            if line.startswith('「') and i + 1 < len(reference_lines) \
                    and not reference_lines[i + 1].startswith('「'):
                notes.append('- %s %s' % (line, reference_lines[i + 1]))
                i += 2
            else:
                notes.append('- ' + line)
                i += 1

    # ---- YAML -------------------------------------------------------------
    def q(s):
        return json.dumps(s, ensure_ascii=False)

    def block(key, text, indent):
        pad = ' ' * indent
        out = ['%s%s: |-' % (pad, key)]
        for l in text.split('\n'):
            out.append((pad + '  ' + l) if l else '')
        return out

    out = ['# Generated by tools/catalogs/provision_from_seed.py from seed 004 (%s).' % SEED_NAME,
           '# Do not edit by hand: fix the generator and re-run it.',
           'catalog:',
           '  id: cloud-provision',
           '  version: "1"',
           '  title: %s' % q('クラウドサービス提供基準'),
           '  title_en: %s' % q('Cloud service provision standard'),
           '  source: %s' % q('seed 004 (shared/seeds/%s): クラウドサービス提供基準, '
                              'chapters 1–12, full text' % SEED_NAME)]
    out += block('notes', '\n'.join(notes), 2)
    out += ['  kinds: [chapter, section, item]', 'nodes:']
    for n in nodes:
        out.append('  - ref: %s' % q(n.ref))
        if n.parent:
            out.append('    parent: %s' % q(n.parent))
        out.append('    kind: %s' % KINDS[len(n.parts)])
        out.append('    title: %s' % q(n.title))
        if n.label:
            out.append('    label: %s' % q(n.label))
        if n.units:
            out += block('text', '\n'.join(n.units), 4)
    data = '\n'.join(out) + '\n'
    with open(args.out, 'w', encoding='utf-8', newline='\n') as f:
        f.write(data)

    counts = {k: sum(1 for n in nodes if KINDS[len(n.parts)] == k) for k in KINDS.values()}
    sys.stderr.write('wrote %s: %d chapters, %d sections, %d items; %d numbering defects; '
                     '%d TOC differences\n'
                     % (args.out, counts['chapter'], counts['section'], counts['item'],
                        len(defects) + len(marker_gaps), len(toc_diffs)))
    for d in defects + toc_diffs:
        sys.stderr.write('  ' + d + '\n')
    for j in joins:
        sys.stderr.write('  joined %s lines %d-%d\n' % j)


if __name__ == '__main__':
    main()
