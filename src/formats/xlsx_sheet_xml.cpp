// One worksheet's XML. The hot path of every export: for 10,000 assets it
// writes 140,000 cells, so cell references are built from precomputed
// column letters and the row number once per row, and nothing allocates
// per cell.
#include <algorithm>
#include <charconv>
#include <optional>

#include "formats/xlsx_writer_parts.h"
#include "formats/xml_text.h"

namespace mamori::formats::xlsx {

namespace {

void append_int(std::string& out, long long value) {
  char buffer[24];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, end);
}

void append_double(std::string& out, double value) {
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, end);
}

std::string ref(int row, int column) { return column_letters(column) + std::to_string(row + 1); }

std::string range_ref(int first_row, int first_column, int last_row, int last_column) {
  if (first_row == last_row && first_column == last_column) return ref(first_row, first_column);
  return ref(first_row, first_column) + ":" + ref(last_row, last_column);
}

void append_pane(std::string& out, int rows, int columns) {
  const std::string top_left = ref(rows, columns);
  if (rows > 0 && columns > 0) {
    out += "<pane xSplit=\"";
    append_int(out, columns);
    out += "\" ySplit=\"";
    append_int(out, rows);
    out += "\" topLeftCell=\"" + top_left +
           "\" activePane=\"bottomRight\" state=\"frozen\"/><selection pane=\"topRight\"/>"
           "<selection pane=\"bottomLeft\"/><selection pane=\"bottomRight\"/>";
  } else if (rows > 0) {
    out += "<pane ySplit=\"";
    append_int(out, rows);
    out += "\" topLeftCell=\"" + top_left + "\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\"/>";
  } else if (columns > 0) {
    out += "<pane xSplit=\"";
    append_int(out, columns);
    out += "\" topLeftCell=\"" + top_left + "\" activePane=\"topRight\" state=\"frozen\"/><selection pane=\"topRight\"/>";
  }
}

}  // namespace

void SheetXml::write(const Worksheet& sheet, bool selected, std::string& out) {
  // Cells by column, the last write of a cell winning (stable sort keeps
  // the write order among equals), and the sheet's extent for <dimension>.
  std::vector<std::vector<Worksheet::Cell>> sorted(sheet.rows_.size());
  int first_row = -1, last_row = -1, first_column = 16'384, last_column = -1;
  std::size_t cell_count = 0;
  for (std::size_t r = 0; r < sheet.rows_.size(); ++r) {
    const auto& cells = sheet.rows_[r].cells;
    if (cells.empty()) continue;
    auto by_column = [](const Worksheet::Cell& a, const Worksheet::Cell& b) { return a.column < b.column; };
    bool ordered = true;
    for (std::size_t i = 1; i < cells.size() && ordered; ++i) ordered = cells[i - 1].column < cells[i].column;
    if (!ordered) {
      auto& copy = sorted[r] = cells;
      std::stable_sort(copy.begin(), copy.end(), by_column);
      // Keep the last of equal columns.
      std::vector<Worksheet::Cell> unique;
      for (const auto& c : copy) {
        if (!unique.empty() && unique.back().column == c.column) unique.back() = c;
        else unique.push_back(c);
      }
      copy = std::move(unique);
    }
    const auto& final_cells = ordered ? cells : sorted[r];
    if (first_row < 0) first_row = static_cast<int>(r);
    last_row = static_cast<int>(r);
    first_column = std::min<int>(first_column, final_cells.front().column);
    last_column = std::max<int>(last_column, final_cells.back().column);
    cell_count += final_cells.size();
  }
  std::vector<std::string> letters(static_cast<std::size_t>(std::max(last_column, 0)) + 1);
  for (std::size_t c = 0; c < letters.size(); ++c) letters[c] = column_letters(static_cast<int>(c));

  out.reserve(out.size() + 1024 + cell_count * 40);
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
         "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">";
  if (sheet.fit_to_width_) out += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>";
  out += "<dimension ref=\"";
  out += first_row < 0 ? "A1" : range_ref(first_row, first_column, last_row, last_column);
  out += "\"/><sheetViews><sheetView";
  if (selected) out += " tabSelected=\"1\"";
  out += " workbookViewId=\"0\"";
  if (sheet.frozen_rows_ || sheet.frozen_columns_) {
    out += ">";
    append_pane(out, sheet.frozen_rows_, sheet.frozen_columns_);
    out += "</sheetView>";
  } else {
    out += "/>";
  }
  out += "</sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>";

  if (!sheet.columns_.empty()) {
    // Later set_column calls win, column by column; runs of equal columns
    // become one <col>, as Excel needs them without overlaps.
    int widest = 0;
    for (const auto& c : sheet.columns_) widest = std::max(widest, c.last);
    std::vector<std::optional<Worksheet::Column>> each(static_cast<std::size_t>(widest) + 1);
    for (const auto& c : sheet.columns_)
      for (int i = c.first; i <= c.last; ++i) each[static_cast<std::size_t>(i)] = c;
    out += "<cols>";
    for (int i = 0; i <= widest;) {
      const auto& c = each[static_cast<std::size_t>(i)];
      int j = i;
      while (j + 1 <= widest && c && each[static_cast<std::size_t>(j + 1)] &&
             each[static_cast<std::size_t>(j + 1)]->width == c->width &&
             each[static_cast<std::size_t>(j + 1)]->style == c->style)
        ++j;
      if (c) {
        out += "<col min=\"";
        append_int(out, i + 1);
        out += "\" max=\"";
        append_int(out, j + 1);
        out += "\" width=\"";
        append_double(out, stored_column_width(c->width));
        out += "\"";
        if (c->style) {
          out += " style=\"";
          append_int(out, c->style);
          out += "\"";
        }
        out += " customWidth=\"1\"/>";
      }
      i = j + 1;
    }
    out += "</cols>";
  }

  out += "<sheetData>";
  std::string row_number;
  for (std::size_t r = 0; r < sheet.rows_.size(); ++r) {
    const auto& row = sheet.rows_[r];
    if (row.cells.empty() && row.height == 0 && row.style == kDefaultStyle) continue;
    const auto& cells = sorted[r].empty() ? row.cells : sorted[r];
    row_number.clear();
    append_int(row_number, static_cast<long long>(r) + 1);
    out += "<row r=\"";
    out += row_number;
    out += "\"";
    if (row.height > 0) {
      out += " ht=\"";
      append_double(out, row.height);
      out += "\" customHeight=\"1\"";
    }
    if (row.style) {
      out += " s=\"";
      append_int(out, row.style);
      out += "\" customFormat=\"1\"";
    }
    if (cells.empty()) {
      out += "/>";
      continue;
    }
    out += ">";
    for (const auto& c : cells) {
      out += "<c r=\"";
      out += letters[c.column];
      out += row_number;
      out += "\"";
      if (c.style) {
        out += " s=\"";
        append_int(out, c.style);
        out += "\"";
      }
      switch (c.kind) {
        case Worksheet::Cell::kString:
          out += " t=\"s\"><v>";
          append_int(out, c.string);
          out += "</v></c>";
          break;
        case Worksheet::Cell::kNumber:
          out += "><v>";
          append_double(out, c.number);
          out += "</v></c>";
          break;
        default: out += "/>"; break;
      }
    }
    out += "</row>";
  }
  out += "</sheetData>";

  if (sheet.autofilter_) {
    const auto& a = *sheet.autofilter_;
    out += "<autoFilter ref=\"" + range_ref(a.first_row, a.first_column, a.last_row, a.last_column) + "\"/>";
  }
  if (!sheet.merged_.empty()) {
    out += "<mergeCells count=\"";
    append_int(out, static_cast<long long>(sheet.merged_.size()));
    out += "\">";
    for (const auto& m : sheet.merged_)
      out += "<mergeCell ref=\"" + range_ref(m.first_row, m.first_column, m.last_row, m.last_column) + "\"/>";
    out += "</mergeCells>";
  }
  if (!sheet.validations_.empty()) {
    out += "<dataValidations count=\"";
    append_int(out, static_cast<long long>(sheet.validations_.size()));
    out += "\">";
    for (const auto& v : sheet.validations_) {
      out += "<dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\"";
      auto attribute = [&](const char* name, const std::string& value) {
        if (value.empty()) return;
        out += " ";
        out += name;
        out += "=\"";
        append_xml_attribute(out, value);
        out += "\"";
      };
      attribute("errorTitle", v.error_title);
      attribute("error", v.error);
      attribute("promptTitle", v.prompt_title);
      attribute("prompt", v.prompt);
      out += " sqref=\"" + range_ref(v.first_row, v.first_column, v.last_row, v.last_column) + "\"><formula1>";
      // A literal list: "a,b,c", quotes inside doubled.
      std::string list = "\"";
      for (std::size_t i = 0; i < v.values.size(); ++i) {
        if (i) list += ",";
        for (char ch : v.values[i]) {
          list += ch;
          if (ch == '"') list += '"';
        }
      }
      list += "\"";
      append_xml_text(out, list);
      out += "</formula1></dataValidation>";
    }
    out += "</dataValidations>";
  }
  out += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>";
  if (sheet.landscape_ || sheet.fit_to_width_) {
    out += "<pageSetup";
    if (sheet.landscape_) out += " orientation=\"landscape\"";
    if (sheet.fit_to_width_) out += " fitToHeight=\"0\"";
    out += "/>";
  }
  out += "</worksheet>";
}

}  // namespace mamori::formats::xlsx
