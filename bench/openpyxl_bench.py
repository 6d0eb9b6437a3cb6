#!/usr/bin/python3
"""The openpyxl side of the .xlsx benchmark (issue 7, item 2).

mamori_xlsx_bench writes its files into --dir and runs this script on them:
  sheet_blank.xlsx     the detailed ISMAP check sheet mamori exported
  sheet_answered.xlsx  that sheet with every answer filled in
  assets.xlsx          the 10,000-row asset inventory mamori exported

Export: the content of mamori's file (every sheet, cell value, style,
column width, row height, merged range, drop-down validation, frozen pane,
autofilter, page set-up) is taken from it once, outside the timing; then
openpyxl writes it anew, as a Python tool building the same workbook would
(Workbook(), one NamedStyle per distinct cell style, ws.cell(...) with
cell.style = name, wb.save). Once, untimed, the copy is read back and every cell value is
compared with mamori's, so both sides wrote the same thing.

Import: load_workbook and every cell value of the data sheet, in the normal
mode and in read_only mode; the faster of the two is the comparison.

Writes {"sheet_export": {"ms", "mode", "version", "note"}, ...} to --out.
Run with Debian's /usr/bin/python3 (python3-openpyxl).
"""

import argparse
import copy
import json
import os
import statistics
import sys
import time

import openpyxl
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Protection
from openpyxl.worksheet.datavalidation import DataValidation

DEFAULTS = {
    "font": Font(name="Calibri", sz=11, family=2, scheme="minor"),
    "border": Border(),
    "alignment": Alignment(),
    "protection": Protection(),
}


def median_ms(reps, run):
    """Median milliseconds of `reps` calls after one warm-up call."""
    run()
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(times)


# ---------------------------------------------------------------------------
# What mamori wrote, as plain data (untimed).

def style_of(cell):
    """The style attributes that differ from a new cell's, as copies."""
    if not cell.has_style:
        return None
    style = {}
    for attr in ("font", "border", "alignment", "protection"):
        value = getattr(cell, attr)
        if value != DEFAULTS[attr]:
            style[attr] = copy.copy(value)
    if cell.fill is not None and cell.fill.fill_type is not None:
        style["fill"] = copy.copy(cell.fill)
    if cell.number_format != "General":
        style["number_format"] = cell.number_format
    return style or None


def workbook_spec(path):
    wb = openpyxl.load_workbook(path)
    styles, style_index = [], {}
    sheets = []
    for ws in wb.worksheets:
        cells = []
        for (row, col), cell in sorted(ws._cells.items()):
            style = style_of(cell)
            if cell.value is None and style is None:
                continue
            key = repr(sorted(style.items())) if style else None
            if key is not None and key not in style_index:
                style_index[key] = len(styles)
                styles.append(style)
            cells.append((row, col, cell.value, style_index[key] if key else None))
        validations = []
        for dv in ws.data_validations.dataValidation:
            validations.append({
                "type": dv.type, "formula1": dv.formula1, "sqref": str(dv.sqref),
                "allow_blank": dv.allow_blank, "showInputMessage": dv.showInputMessage,
                "showErrorMessage": dv.showErrorMessage, "promptTitle": dv.promptTitle,
                "prompt": dv.prompt, "errorTitle": dv.errorTitle, "error": dv.error,
            })
        sheets.append({
            "title": ws.title,
            "widths": {k: d.width for k, d in ws.column_dimensions.items() if d.width},
            "heights": {k: d.height for k, d in ws.row_dimensions.items() if d.height},
            "cells": cells,
            "merged": [str(r) for r in ws.merged_cells.ranges],
            "validations": validations,
            "freeze": ws.freeze_panes,
            "autofilter": ws.auto_filter.ref,
            "landscape": ws.page_setup.orientation == "landscape",
            "fit_to_page": ws.sheet_properties.pageSetUpPr is not None and bool(ws.sheet_properties.pageSetUpPr.fitToPage),
            "fit_width": ws.page_setup.fitToWidth, "fit_height": ws.page_setup.fitToHeight,
            "print_title_rows": ws.print_title_rows,
        })
    props = {"title": wb.properties.title, "subject": wb.properties.subject}
    return {"styles": styles, "sheets": sheets, "properties": props}


# ---------------------------------------------------------------------------
# Writing it with openpyxl (timed).

def write_spec(spec, path):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    wb.properties.title = spec["properties"]["title"]
    wb.properties.subject = spec["properties"]["subject"]
    # Named styles, registered once and set by name: openpyxl's fastest public
    # way to style many cells (assigning cell.font/.fill/... per cell hashes
    # the style objects on every assignment and takes several times longer).
    names = []
    for i, style in enumerate(spec["styles"]):
        named = NamedStyle(name=f"mamori{i}")
        for attr in ("font", "fill", "border", "alignment", "protection", "number_format"):
            if attr in style:
                setattr(named, attr, style[attr])
        wb.add_named_style(named)
        names.append(named.name)
    for s in spec["sheets"]:
        ws = wb.create_sheet(s["title"])
        for letter, width in s["widths"].items():
            ws.column_dimensions[letter].width = width
        for row, height in s["heights"].items():
            ws.row_dimensions[row].height = height
        for row, col, value, style_id in s["cells"]:
            cell = ws.cell(row=row, column=col, value=value)
            if style_id is not None:
                cell.style = names[style_id]
        for ref in s["merged"]:
            ws.merge_cells(ref)
        for v in s["validations"]:
            dv = DataValidation(type=v["type"], formula1=v["formula1"], allow_blank=v["allow_blank"],
                                showInputMessage=v["showInputMessage"], showErrorMessage=v["showErrorMessage"],
                                promptTitle=v["promptTitle"], prompt=v["prompt"], errorTitle=v["errorTitle"],
                                error=v["error"])
            dv.add(v["sqref"])
            ws.add_data_validation(dv)
        if s["freeze"]:
            ws.freeze_panes = s["freeze"]
        if s["autofilter"]:
            ws.auto_filter.ref = s["autofilter"]
        if s["landscape"]:
            ws.page_setup.orientation = "landscape"
        if s["fit_to_page"]:
            ws.sheet_properties.pageSetUpPr.fitToPage = True
            ws.page_setup.fitToWidth = s["fit_width"]
            ws.page_setup.fitToHeight = s["fit_height"]
        if s["print_title_rows"]:
            ws.print_title_rows = s["print_title_rows"]
    wb.save(path)


def cell_values(path):
    wb = openpyxl.load_workbook(path, read_only=True)
    out = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if getattr(cell, "value", None) is not None:
                    out[(ws.title, cell.row, cell.column)] = cell.value
    wb.close()
    return out


# ---------------------------------------------------------------------------
# Reading (timed).

def read_all(path, sheet_name, read_only):
    wb = openpyxl.load_workbook(path, read_only=read_only)
    ws = wb[sheet_name]
    n = 0
    for row in ws.iter_rows(values_only=True):
        for value in row:
            if value is not None:
                n += 1
    if read_only:
        wb.close()
    return n


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    version = openpyxl.__version__
    results = {}

    for key, source, label in (("sheet_export", "sheet_blank.xlsx", "detailed sheet"),
                               ("assets_export", "assets.xlsx", "asset inventory")):
        spec = workbook_spec(os.path.join(args.dir, source))
        target = os.path.join(args.dir, "openpyxl_" + source)
        ms = median_ms(args.reps, lambda: write_spec(spec, target))
        theirs, ours = cell_values(os.path.join(args.dir, source)), cell_values(target)
        if theirs != ours:
            diff = sorted(set(theirs.items()) ^ set(ours.items()))[:5]
            sys.exit(f"openpyxl_bench: the openpyxl copy of {source} differs from mamori's: {diff}")
        ncells = sum(len(s["cells"]) for s in spec["sheets"])
        results[key] = {
            "ms": ms, "mode": "normal", "version": version,
            "note": (f"writes the same {label} ({len(spec['sheets'])} sheets, {ncells} cells with values or styles, "
                     f"{len(spec['styles'])} cell styles; the same widths and, where mamori's file has them, merges, drop-downs, "
                     f"frozen panes, autofilter and page set-up; every "
                     f"value checked equal to mamori's) with Workbook()/NamedStyle/ws.cell()/wb.save, median of {args.reps}; "
                     f"not written: the company document property (openpyxl has no app.xml Company)"),
        }
        print(f"openpyxl write {source}: {ms:.1f} ms", flush=True)

    for key, source, sheet in (("sheet_import", "sheet_answered.xlsx", "クラウドサービス要件確認"),
                               ("assets_import", "assets.xlsx", "情報資産台帳")):
        path = os.path.join(args.dir, source)
        normal = median_ms(args.reps, lambda: read_all(path, sheet, False))
        read_only = median_ms(args.reps, lambda: read_all(path, sheet, True))
        best, mode = (read_only, "read_only") if read_only <= normal else (normal, "normal")
        results[key] = {
            "ms": best, "mode": mode, "version": version,
            "note": (f"load_workbook + every cell value of sheet {sheet}, median of {args.reps}: "
                     f"normal {normal:.1f} ms, read_only {read_only:.1f} ms; the faster is compared; "
                     f"openpyxl only reads, mamori also finds the table and checks every cell"),
        }
        print(f"openpyxl read {source}: normal {normal:.1f} ms, read_only {read_only:.1f} ms", flush=True)

    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(results, f, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    main()
