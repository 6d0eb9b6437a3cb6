#include "formats/check_sheet_import.h"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>

#include "domain/sheet_answer.h"
#include "domain/sheet_columns.h"
#include "domain/text.h"

namespace mamori::formats {

namespace {

using domain::ColumnRole;

using Columns = std::map<ColumnRole, int>;

// A header row names the item number and at least one of the columns a
// check-sheet table has. `texts` is the row as XlsxSheet::row_texts gives it.
std::optional<Columns> header_columns(const std::vector<XlsxSheet::RowText>& texts) {
  // Without an item number header the row is no header: look for that first,
  // among the cells short enough to be one, so that the requirement texts
  // of the item rows are not all folded and matched.
  bool has_ref = false;
  for (std::size_t i = 0; i < texts.size() && !has_ref; ++i) has_ref = domain::is_ref_header(texts[i].text);
  if (!has_ref) return std::nullopt;
  Columns found;
  for (const auto& t : texts)
    if (auto role = domain::column_role(t.text); role && !found.count(*role)) found[*role] = t.column;
  if (!found.count(ColumnRole::ref) || found.size() < 2) return std::nullopt;
  for (auto role : {ColumnRole::answer, ColumnRole::requirement, ColumnRole::classification, ColumnRole::provider})
    if (found.count(role)) return found;
  return std::nullopt;
}

// True when (row, col) is inside a merged range but not its first row: the
// row continues the item above.
bool continues_merged_row(const XlsxSheet& sheet, int row, int col) {
  const MergedRange* m = sheet.merged_range_at(row, col);
  return m && m->first.row != row;
}

std::string trim(std::string_view text) { return std::string(domain::trim_spaces(text)); }

}  // namespace

Result<ImportedCheckSheet> import_check_sheet(const XlsxWorkbook& book, const std::string& file_name) {
  ImportedCheckSheet out;
  // ref -> where it was first read; the Location is made only for a
  // duplicate, not for each of hundreds of items.
  struct FirstSeen {
    const std::string* sheet;
    int row;
    int column;
  };
  std::unordered_map<std::string, FirstSeen> seen;
  bool any_table = false;

  // At most one item per row that has cells: reserved so that the items
  // are not moved while the vector grows. Capped, because a sheet's
  // max_row may come from a single far-away cell and rows can hold many
  // cells; check sheets have hundreds of rows, and past the cap the vector
  // grows as usual.
  constexpr std::size_t kReserveAtMost = 4096;
  std::size_t rows = 0;
  for (const auto& sheet : book.sheets) rows += std::min(static_cast<std::size_t>(sheet.max_row), sheet.cells.size());
  out.items.reserve(std::min(rows, kReserveAtMost));

  for (const auto& sheet : book.sheets) {
    std::optional<Columns> columns;
    // Only the rows that hold something: a row without text is neither a
    // header nor an item (see XlsxSheet::rows_with_text for why not 1..max_row).
    // `texts` is the row being read; its cells are looked up there.
    std::vector<XlsxSheet::RowText> texts;
    auto column_of = [&](ColumnRole role) {
      if (!columns) return 0;
      auto it = columns->find(role);
      return it == columns->end() ? 0 : it->second;
    };
    auto cell = [&](ColumnRole role) -> std::string {
      const int column = column_of(role);
      return column ? trim(XlsxSheet::value_in(texts, column)) : std::string();
    };
    auto at = [&](int row, ColumnRole role) { return Location::in_cell(file_name, sheet.name, row, column_of(role)); };
    for (const int row : sheet.rows_with_text()) {
      sheet.row_texts(row, texts);
      if (auto header = header_columns(texts)) {
        columns = header;
        any_table = true;
        continue;
      }
      if (!columns || continues_merged_row(sheet, row, columns->at(ColumnRole::ref))) continue;
      const std::string ref = domain::normalize_item_ref(cell(ColumnRole::ref));
      if (ref.empty()) continue;  // blank rows, section titles, notes
      auto [first, added] = seen.try_emplace(ref, FirstSeen{&sheet.name, row, column_of(ColumnRole::ref)});
      if (!added) {
        const FirstSeen& f = first->second;
        out.problems.push_back({at(row, ColumnRole::ref),
                                "item " + ref + " appears again (first at " +
                                    Location::in_cell(file_name, *f.sheet, f.row, f.column).to_string() +
                                    "); this one is not read"});
        continue;
      }

      if (ref == "1" && columns->count(ColumnRole::classification)) {
        const std::string raw = cell(ColumnRole::classification);
        out.classification = domain::normalize_classification(raw);
        if (!raw.empty() && out.classification.empty())
          out.problems.push_back({at(row, ColumnRole::classification),
                                  "cannot read the classification 「" + raw + "」 (機密性3B, 機密性3C or 機密性2)"});
        out.details = cell(ColumnRole::details);
        continue;
      }
      if (ref == "2" && (columns->count(ColumnRole::service) || columns->count(ColumnRole::listing_kind))) {
        const std::string raw = cell(ColumnRole::answer);
        out.listing.conformity = domain::read_answer(raw);
        out.listing.provider = cell(ColumnRole::provider);
        out.listing.service = cell(ColumnRole::service);
        out.listing.kind = cell(ColumnRole::listing_kind);
        if (out.listing.conformity == domain::AnswerValue::unreadable)
          out.problems.push_back({at(row, ColumnRole::answer), "cannot read the answer 「" + raw + "」 (write ○ or ×)"});
        continue;
      }

      ImportedItem item;
      item.ref = ref;
      item.given.raw = cell(ColumnRole::answer);
      item.given.answer = domain::read_answer(item.given.raw);
      item.given.alternative = cell(ColumnRole::remarks);
      item.ismap_ref = domain::normalize_item_ref(cell(ColumnRole::ismap_ref));
      item.title = cell(ColumnRole::title);
      item.requirement = cell(ColumnRole::requirement);
      item.answer_cell = at(row, ColumnRole::answer);
      item.remarks_cell = at(row, ColumnRole::remarks);
      if (item.given.answer == domain::AnswerValue::unreadable)
        out.problems.push_back(
            {item.answer_cell, "cannot read the answer 「" + item.given.raw + "」 of item " + ref + " (write ○, × or －)"});
      if (!columns->count(ColumnRole::answer))
        out.problems.push_back({at(row, ColumnRole::ref), "item " + ref + " has no answer column in its table"});
      out.items.push_back(std::move(item));
    }
  }
  if (!any_table)
    return make_error(ErrorCode::invalid_input,
                      "no check-sheet table found: no row has 項番 (or No.) together with 適合状況, 概要要件 or 機密性",
                      Location::in_file(file_name));
  return out;
}

}  // namespace mamori::formats
