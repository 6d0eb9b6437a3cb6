#!/usr/bin/env python3
"""Generate the ISMAP catalogs from seed 000.

Reads the tab-separated seed 000 (別紙 クラウドサービス要件確認 followed by the
ISMAP 管理基準, 令和6年8月1日) and writes

  catalogs/ismap-2024.yaml           the ISMAP 管理基準 (governance 3, management 4,
                                     control criteria 5-18)
  catalogs/ismap-sheet-summary.yaml  the check-sheet template (items 1, 2, 3...5-37)

in the format of catalogs/README.md. Python 3 standard library only; the YAML is
written by hand (every scalar double-quoted, multi-line texts as |- blocks) and
the output is a pure function of the seed, so a re-run gives identical bytes.

    python3 tools/catalogs/ismap_from_seed.py [--seed PATH] [--out-dir DIR]

The generator fails loudly (non-zero exit, message naming the seed line) when
the seed does not have the shape it expects, rather than writing a partial
catalog.
"""

import argparse
import os
import re
import sys

SEED_NAME = "000_54a01a566811c389.txt"
DEFAULT_SEED = os.path.join("/work/shared/seeds", SEED_NAME)
REPO_ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

JIS = "JIS Q 27001:2014"

# Clause values printed with an obvious typo in the seed's [27001-...] brackets.
# Applied to the structured `references` only; the printed text is kept as is.
CLAUSE_FIXES = {
    "5.1g": "5.1g)",   # 4.6.1.2 prints "[27001-5.1g]]"
    "6.": "6.1.3",     # 4.4.8 prints "[27001-6.]"; its items cite 6.1.3a)-f)
}
CLAUSE_RE = re.compile(r"^\d+(?:\.\d+)*(?:[a-z]\))?$")
BRACKET_RE = re.compile(r"\s*\[27001-([^\]]*)\]\]?")

REF_RE = re.compile(r"^(\d+(?:\.\d+)*)(?:\.(PB|P|B))?(?=[\t ]|$)")
TAG_RE = re.compile(r"<ul\b[^>]*>|</ul>|<li\b[^>]*>|</li>|<p\b[^>]*>|</p>|<br\s*/?>", re.I)
# A list bullet: a space followed by ・ or a full-width/ASCII dash that starts an item.
BULLET_SPLIT_RE = re.compile(r" (?=・)| (?=－)| (?=-[^\s\d-])")

GOV_KINDS = {1: "part", 2: "clause", 3: "process", 4: "item"}
MGMT_KINDS = {1: "part", 2: "clause", 3: "subclause", 4: "item"}
CTRL_KINDS = {1: "domain", 2: "category", 3: "objective", 4: "detail"}


class SeedError(Exception):
    pass


def fail(lineno, msg):
    raise SeedError("%s:%s: %s" % (SEED_NAME, lineno, msg))


# --------------------------------------------------------------------------
# Text helpers


def plain_lines(s):
    """HTML fragment -> list of plain lines (paragraph/list boundaries and list
    bullets start a new line, runs of spaces collapsed, no tags left)."""
    s = TAG_RE.sub("\n", s)
    out = []
    for seg in s.split("\n"):
        seg = re.sub(r"[ \t]+", " ", seg).strip()
        if not seg:
            continue
        for part in BULLET_SPLIT_RE.split(seg):
            part = part.strip()
            if not part:
                continue
            # A paragraph printed after the last list item of a list without
            # markup ("・…する。 また、…") starts its own line.
            if part[0] in "・－-":
                pieces = part.split("。 ")
                for k, piece in enumerate(pieces):
                    piece = piece.strip()
                    if piece:
                        out.append(piece + ("。" if k < len(pieces) - 1 else ""))
            else:
                out.append(part)
    for line in out:
        if "<" in line or ">" in line or "style=" in line:
            raise ValueError("markup left in text: %r" % line)
    return out


def plain(s):
    return "\n".join(plain_lines(s))


def oneline(s):
    """Plain text on one line (for titles)."""
    return " ".join(plain_lines(s))


OPENERS = {"（": "）", "「": "」", "『": "』", "(": ")", "【": "】"}


def first_sentence(text):
    """The text up to and including the first 。 that is not inside brackets
    (so 「情報通信技術（以下「ICT」という。）サービス…」 is not cut inside the
    parenthesis). Falls back to the first line when there is no 。."""
    stack = []
    for i, ch in enumerate(text):
        if ch in OPENERS:
            stack.append(OPENERS[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
        elif ch == "。" and not stack:
            return text[: i + 1].replace("\n", " ")
    return text.split("\n")[0]


def split_footnotes(s):
    parts = s.split("(脚注)")
    return parts[0], [p.strip() for p in parts[1:]]


def parse_refs(s, lineno, fixes_used):
    """All [27001-...] brackets in s -> list of clause values (normalised)."""
    clauses = []
    for m in BRACKET_RE.finditer(s):
        for raw in m.group(1).split("/"):
            raw = raw.strip()
            val = CLAUSE_FIXES.get(raw, raw)
            if val != raw:
                fixes_used.append((lineno, m.group(0).strip(), raw, val))
            if not CLAUSE_RE.match(val):
                fail(lineno, "unexpected JIS Q 27001 clause %r in %r" % (raw, m.group(0)))
            if val not in clauses:
                clauses.append(val)
    return clauses


# --------------------------------------------------------------------------
# ISMAP 管理基準


def parse_ismap(lines, start):
    """lines: list of (lineno, text). Returns the node list."""
    raw = []  # dicts: ref, num, suffix, lineno, cells, cont
    for lineno, line in lines[start:]:
        if not line.strip():
            continue
        if line.startswith("管理番号\t"):
            continue
        if line.startswith("\t"):
            cells = [c.strip() for c in line.split("\t") if c.strip()]
            if not raw:
                fail(lineno, "continuation line before any numbered line")
            if len(cells) != 1:
                fail(lineno, "continuation line with %d cells" % len(cells))
            raw[-1]["cont"].append((lineno, cells[0]))
            continue
        m = REF_RE.match(line)
        if not m:
            fail(lineno, "line is neither numbered, a continuation, nor a table header")
        cells = [c.strip() for c in line[m.end():].split("\t") if c.strip()]
        raw.append({
            "ref": m.group(0),
            "num": m.group(1),
            "suffix": m.group(2),
            "lineno": lineno,
            "cells": cells,
            "cont": [],
        })

    nodes = []
    by_num = {}   # numeric ref -> printed ref
    refs = set()
    fixes_used = []
    for r in raw:
        ref, num, suffix, lineno, cells = r["ref"], r["num"], r["suffix"], r["lineno"], r["cells"]
        comps = num.split(".")
        depth = len(comps)
        top = int(comps[0])
        if top == 3:
            kinds = GOV_KINDS
        elif top == 4:
            kinds = MGMT_KINDS
        elif 5 <= top <= 18:
            kinds = CTRL_KINDS
        else:
            fail(lineno, "ref %s outside 3-18" % ref)
        if depth not in kinds:
            fail(lineno, "ref %s too deep" % ref)
        kind = kinds[depth]
        if ref in refs:
            fail(lineno, "duplicate ref %s" % ref)
        if num in by_num:
            fail(lineno, "numeric ref %s already used by %s" % (num, by_num[num]))
        if kind == "detail" and suffix not in ("B", "PB"):
            fail(lineno, "4-digit control %s does not end in .B/.PB" % ref)
        if kind != "detail" and suffix not in (None, "P"):
            fail(lineno, "unexpected suffix on %s" % ref)

        node = {"ref": ref, "kind": kind, "lineno": lineno}
        if depth > 1:
            pnum = ".".join(comps[:-1])
            if pnum not in by_num:
                fail(lineno, "parent %s of %s not defined earlier" % (pnum, ref))
            node["parent"] = by_num[pnum]

        if not cells:
            fail(lineno, "%s has no content" % ref)
        cont = [c for _, c in r["cont"]]

        if kind in ("item", "objective", "detail"):
            if len(cells) != 1:
                fail(lineno, "%s: expected one text cell, got %d" % (ref, len(cells)))
            body, notes = split_footnotes("\n".join([cells[0]] + cont))
            text = "\n".join(plain_lines(body))
            node["title"] = first_sentence(text)
            node["text"] = text
            if notes:
                node["footnotes"] = [oneline(n) for n in notes]
            if kind == "item" and top == 4:
                clauses = parse_refs(body, lineno, fixes_used)
                if clauses:
                    node["references"] = clauses
        else:
            title = cells[0]
            if top == 4:
                clauses = parse_refs(title, lineno, fixes_used)
                if clauses:
                    node["references"] = clauses
                title = BRACKET_RE.sub("", title)
            node["title"] = oneline(title)
            rest = cells[1:]
            if kind == "category":
                if len(rest) > 1:
                    fail(lineno, "%s: too many cells" % ref)
                if rest:
                    if not rest[0].startswith("管理目的："):
                        fail(lineno, "%s: second cell is not a 管理目的" % ref)
                    node["objective"] = oneline(rest[0][len("管理目的："):])
            elif rest:
                fail(lineno, "%s: unexpected extra cells %r" % (ref, rest))
            if cont:
                body, notes = split_footnotes("\n".join(cont))
                node["text"] = plain(body)
                if notes:
                    node["footnotes"] = [oneline(n) for n in notes]

        flags = []
        if suffix in ("P", "PB"):
            flags.append("P")
        if suffix in ("B", "PB"):
            flags.append("B")
        if flags:
            node["flags"] = flags

        for key in ("title", "text", "objective"):
            if key in node and ("<" in node[key] or "style=" in node[key]):
                fail(lineno, "%s: markup left in %s" % (ref, key))
        if "\n" in node["title"] or not node["title"]:
            fail(lineno, "%s: bad title %r" % (ref, node["title"]))

        by_num[num] = ref
        refs.add(ref)
        nodes.append(node)
    return nodes, fixes_used


# --------------------------------------------------------------------------
# Check sheet (summary)

ROW_RE = re.compile(r"^\d+(?:-\d+)?$")
CHOICE_RE = re.compile(
    r"^(?P<intro>.*?。) 機密性 3 B (?P<d3b>.*?) ?\(例：(?P<e3b>.*?)\) "
    r"機密性 3 C (?P<d3c>.*?) ?\(例：(?P<e3c>.*?)\) "
    r"機密性 2 (?P<d2>.*?) ?\(例：(?P<e2>.*?)\)$"
)
SHEET_NUM_RE = re.compile(r"^(\d+(?:\.\d+)*)(PB|P|B)?$")


def to_catalog_ref(num, ismap_refs, lineno):
    """ISMAP管理基準番号 as printed on the sheet -> a ref of ismap-2024."""
    if num in ismap_refs:
        return num
    m = SHEET_NUM_RE.match(num)
    if m and m.group(2):
        cand = "%s.%s" % (m.group(1), m.group(2))
        if cand in ismap_refs:
            return cand
    fail(lineno, "sheet number %r does not resolve in ismap-2024" % num)


def parse_sheet(lines, end, ismap_nodes):
    ismap_refs = {n["ref"]: n for n in ismap_nodes}
    sections = []
    rows = []
    caution = None
    for lineno, line in lines[:end]:
        if not line.strip():
            continue
        m = re.match(r"^([12])\. (.+)$", line)
        if m and "\t" not in line:
            sections.append((m.group(1), m.group(2).strip(), lineno))
            continue
        if line.startswith("注意："):
            caution = line.strip()
            continue
        cols = line.split("\t")
        if ROW_RE.match(cols[0]):
            rows.append((lineno, cols))
            continue
        # table headers (項番…, 「ISMAP管理基準が求めるセキュリティ対策」…, repeated
        # mid-table) and the sheet title carry no node
        if cols[0] in ("項番", "「ISMAP管理基準が求めるセキュリティ対策」への適合状況") or \
                line.strip() == "別紙 クラウドサービス要件確認":
            continue
        fail(lineno, "unrecognised sheet line")

    if [s[0] for s in sections] != ["1", "2"]:
        fail(0, "expected sections 1. and 2., got %r" % sections)
    if caution is None:
        fail(0, "注意： sentence not found")

    nodes = [
        {"ref": "S1", "kind": "section", "label": "1.", "title": sections[0][1]},
        {"ref": "S2", "kind": "section", "label": "2.", "title": sections[1][1], "text": caution},
    ]
    translations = []
    for lineno, cols in rows:
        no = cols[0]
        cols = cols + [""] * (7 - len(cols))
        name, req = cols[1].strip(), cols[2].strip()
        if no == "1":
            m = CHOICE_RE.match(req)
            if not m:
                fail(lineno, "item 1: 機密性 choices not in the expected shape")
            g = {k: v.strip() for k, v in m.groupdict().items()}
            nodes.append({
                "ref": "1", "parent": "S1", "kind": "question", "title": name, "text": g["intro"],
                "answer": {
                    "type": "choice",
                    "options": [
                        {"value": "3B", "label": "機密性3B", "description": g["d3b"], "examples": g["e3b"]},
                        {"value": "3C", "label": "機密性3C", "description": g["d3c"], "examples": g["e3c"]},
                        {"value": "2", "label": "機密性2", "description": g["d2"], "examples": g["e2"]},
                    ],
                    "fields": [{"key": "details", "label": "情報の詳細"}],
                },
            })
        elif no == "2":
            nodes.append({
                "ref": "2", "parent": "S1", "kind": "question", "title": name, "text": plain(req),
                "answer": {
                    "type": "form",
                    "fields": [
                        {"key": "provider", "label": "クラウド事業者名"},
                        {"key": "service", "label": "クラウドサービス名"},
                        {"key": "listing", "label": "ISMAP or ISMAP-LIU"},
                        {"key": "conformity", "label": "適合状況 (○/×)"},
                    ],
                },
            })
        elif "-" not in no:
            nodes.append({"ref": no, "parent": "S2", "kind": "group", "title": name, "text": plain(req)})
        else:
            group = no.split("-")[0]
            title, num = cols[5].strip(), cols[6].strip()
            if not title or not num:
                fail(lineno, "%s: ISMAP項目名/番号 missing" % no)
            ref = to_catalog_ref(num, ismap_refs, lineno)
            if ref != num:
                translations.append((no, num, ref))
            nodes.append({
                "ref": no, "parent": group, "kind": "question", "title": title, "text": plain(req),
                "required": True, "refers_to": ["ismap-2024:" + ref], "answer": {"type": "conformity"},
            })
    seen = set()
    for n in nodes:
        if n["ref"] in seen:
            fail(0, "duplicate sheet ref %s" % n["ref"])
        if "parent" in n and n["parent"] not in seen:
            fail(0, "sheet parent %s of %s not defined earlier" % (n["parent"], n["ref"]))
        seen.add(n["ref"])
    return nodes, translations


# --------------------------------------------------------------------------
# YAML emission


def q(s):
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20 or o == 0x7F or 0x80 <= o <= 0x9F or ch in "\u2028\u2029\ufeff":
            out.append("\\u%04x" % o)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def scalar(key, s, indent):
    """key: value, multi-line strings as a |- block."""
    pad = " " * indent
    if "\n" in s and all(l and l == l.strip() and all(0x20 <= ord(c) or c == "\t" for c in l)
                         for l in s.split("\n")):
        body = "\n".join(pad + "  " + l for l in s.split("\n"))
        return "%s%s: |-\n%s\n" % (pad, key, body)
    return "%s%s: %s\n" % (pad, key, q(s))


def flow_map(d):
    return "{" + ", ".join("%s: %s" % (k, q(v)) for k, v in d.items()) + "}"


NODE_KEYS = ["ref", "parent", "kind", "title", "title_en", "label", "text", "objective",
             "footnotes", "flags", "references", "required", "refers_to", "answer"]


def emit_node(n):
    unknown = set(n) - set(NODE_KEYS) - {"lineno"}
    if unknown:
        raise ValueError("unknown node keys %r" % unknown)
    out = []
    first = True
    for key in NODE_KEYS:
        if key not in n:
            continue
        lead = "  - " if first else "    "
        first = False
        v = n[key]
        if key in ("ref", "parent", "kind", "title", "title_en", "label", "objective"):
            out.append("%s%s: %s\n" % (lead, key, q(v)))
        elif key == "text":
            out.append(scalar("text", v, 4))
        elif key == "footnotes":
            out.append("    footnotes:\n")
            for f in v:
                out.append("      - %s\n" % q(f))
        elif key == "flags":
            out.append("    flags: [%s]\n" % ", ".join(v))
        elif key == "references":
            out.append("    references:\n")
            for c in v:
                out.append("      - %s\n" % flow_map({"standard": JIS, "clause": c}))
        elif key == "required":
            out.append("    required: %s\n" % ("true" if v else "false"))
        elif key == "refers_to":
            out.append("    refers_to: [%s]\n" % ", ".join(q(x) for x in v))
        elif key == "answer":
            out.append("    answer:\n")
            out.append("      type: %s\n" % v["type"])
            for sub in ("options", "fields"):
                if sub in v:
                    out.append("      %s:\n" % sub)
                    for o in v[sub]:
                        out.append("        - %s\n" % flow_map(o))
    return "".join(out)


def emit_catalog(header, nodes):
    out = ["# GENERATED by tools/catalogs/ismap_from_seed.py from seed %s; do not edit by hand.\n" % SEED_NAME,
           "catalog:\n"]
    for key in ("id", "version", "title", "title_en", "publisher", "source", "notes"):
        if key in header:
            out.append(scalar(key, header[key], 2))
    out.append("  kinds: [%s]\n" % ", ".join(header["kinds"]))
    if "flags" in header:
        out.append("  flags:\n")
        for k, v in header["flags"].items():
            out.append("    %s: %s\n" % (k, flow_map(v)))
    out.append("nodes:\n")
    for n in nodes:
        out.append(emit_node(n))
    return "".join(out)


# --------------------------------------------------------------------------


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", default=DEFAULT_SEED)
    ap.add_argument("--out-dir", default=os.path.join(REPO_ROOT, "catalogs"))
    args = ap.parse_args(argv)

    with open(args.seed, encoding="utf-8") as f:
        data = f.read()
    lines = [(i + 1, l.rstrip("\r")) for i, l in enumerate(data.split("\n"))]
    if lines and lines[-1][1] == "":
        lines.pop()

    start = next((i for i, (_, l) in enumerate(lines) if l.startswith("管理番号\t")), None)
    if start is None:
        raise SeedError("%s: no 管理番号 header found" % SEED_NAME)
    first_line, last_line = lines[start][0], lines[-1][0]
    sheet_last = max(n for n, l in lines[:start] if l.strip())

    try:
        ismap_nodes, fixes = parse_ismap(lines, start)
        sheet_nodes, translations = parse_sheet(lines, start, ismap_nodes)
    except SeedError as e:
        print("ismap_from_seed: %s" % e, file=sys.stderr)
        return 1

    by_ref = {n["ref"]: n for n in ismap_nodes}
    no_objective = [n["ref"] for n in ismap_nodes if n["kind"] == "category" and "objective" not in n]

    notes = [
        "Generated from seed %s lines %d-%d by tools/catalogs/ismap_from_seed.py. All texts, titles of "
        "parts/clauses/subclauses/processes/domains/categories and 管理目的 are from the seed; nothing is "
        "supplied from elsewhere." % (SEED_NAME, first_line, last_line),
        "Items, 統制目標 (objective) and 詳細管理策 (detail) have no name in the source: their title is the "
        "first sentence of the text (to the first 。 outside brackets).",
        "Texts: the seed's HTML paragraph and list markup is converted to plain lines; each list item (・, －, -) starts a "
        "line; (脚注) parts are moved to footnotes. Wording, including apparent typos, is kept as printed.",
        "Detailed controls: the seed lists only the 4-digit 詳細管理策 ending in .B/.PB (the basic "
        "requirements); the published criteria's other detailed controls are not in the seed and not here. "
        "Detail numbers (e.g. 6.1.1.13.PB) are kept as printed.",
    ]
    for ref in no_objective:
        notes.append("Category %s has no 管理目的 in the seed; objective is left absent." % ref)
    notes.append("References: [27001-...] brackets are parsed as JIS Q 27001:2014 clauses (4.1: the "
                 "management criteria are based on JIS Q 27001:2014); removed from titles, kept in item texts.")
    for lineno, printed, raw, val in fixes:
        notes.append("Reference correction (seed line %d): %s read as clause %s." % (lineno, printed, val))
    notes.append("4.3 (凡例) shows example brackets ([27001-4], [27001-X.X.X]); they are not parsed as "
                 "references. 4.4's own title prints [27001-4.4], kept as printed.")
    if "18.2.3" in by_ref:
        notes.append("18.2.3 is the seed's last line (line %d, without a final newline); it is in the seed "
                     "and taken from it." % by_ref["18.2.3"]["lineno"])

    ismap_header = {
        "id": "ismap-2024",
        "version": "2024-08-01",
        "title": "ISMAP管理基準",
        "title_en": "ISMAP Control Criteria",
        "publisher": "ISMAP運営委員会",
        "source": "seed 000 (%s) lines %d-%d: ISMAP管理基準 (令和6年8月1日最終改定 ISMAP運営委員会)"
                  % (SEED_NAME, first_line, last_line),
        "notes": "\n".join(notes),
        "kinds": ["part", "clause", "process", "subclause", "item", "domain", "category", "objective", "detail"],
        "flags": {
            "P": {"ja": "クラウドサービス固有", "en": "Cloud-specific"},
            "B": {"ja": "原則として全て満たすべき基本要求", "en": "Basic requirement (must in principle be met)"},
        },
    }

    title_diffs = []
    for n in sheet_nodes:
        if "refers_to" in n:
            target = by_ref[n["refers_to"][0].split(":", 1)[1]]
            if target["title"] != n["title"]:
                title_diffs.append((n["ref"], n["title"], target["ref"], target["title"]))
    sheet_notes = [
        "Generated from seed %s lines 1-%d by tools/catalogs/ismap_from_seed.py. Texts are as printed "
        "(apparent typos kept)." % (SEED_NAME, sheet_last),
        "The table header is repeated mid-table in the seed (before 5-7); it is skipped.",
        "The sheet's ISMAP columns cite the 令和5年9月22日 revision; refers_to points to ismap-2024 "
        "(令和6年8月1日), written as the ref that exists there.",
    ]
    for no, num, ref in translations:
        sheet_notes.append("%s: ISMAP管理基準番号 %s is ref %s in ismap-2024." % (no, num, ref))
    for no, t, ref, ct in title_diffs:
        sheet_notes.append("%s: the sheet's 項目名 「%s」 differs from ismap-2024 %s 「%s」; kept as printed."
                           % (no, t, ref, ct))
    sheet_notes.append("The 備考 column (「×」の場合の代替対策の提示) belongs to every conformity answer; the "
                       "sheet prints the conformity header as (O/x) in places, read as (○/×).")

    sheet_header = {
        "id": "ismap-sheet-summary",
        "version": "2024-08-01",
        "title": "クラウドサービス要件確認 (チェックシート概要版)",
        "title_en": "Cloud service requirement check sheet (summary)",
        "source": "seed 000 (%s) lines 1-%d: 別紙 クラウドサービス要件確認" % (SEED_NAME, sheet_last),
        "notes": "\n".join(sheet_notes),
        "kinds": ["section", "question", "group"],
    }

    outputs = {
        "ismap-2024.yaml": emit_catalog(ismap_header, ismap_nodes),
        "ismap-sheet-summary.yaml": emit_catalog(sheet_header, sheet_nodes),
    }
    os.makedirs(args.out_dir, exist_ok=True)
    for name, body in outputs.items():
        path = os.path.join(args.out_dir, name)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(body)

    counts = {}
    for n in ismap_nodes:
        counts[n["kind"]] = counts.get(n["kind"], 0) + 1
    print("ismap-2024: %d nodes %s" % (len(ismap_nodes),
                                       " ".join("%s=%d" % (k, counts[k]) for k in sorted(counts))))
    print("ismap-sheet-summary: %d nodes; translated %s"
          % (len(sheet_nodes), ", ".join("%s %s->%s" % t for t in translations) or "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
