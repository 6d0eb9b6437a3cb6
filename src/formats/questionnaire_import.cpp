#include "formats/questionnaire_import.h"

#include <algorithm>
#include <map>
#include <set>

#include "domain/sheet_answer.h"
#include "domain/sheet_columns.h"
#include "domain/text.h"

namespace mamori::formats {

namespace {

using domain::ColumnRole;

struct Header {
  int question = 0;  // the column asked: the requirement, or the item name without one
  int title = 0;     // the item name when there is also a requirement column
  int answer = 0;
  int remarks = 0;
  int ref = 0;
  int ismap_ref = 0;
};

using CellIt = XlsxCells::const_iterator;

// Item numbers people write ("5-20", "Q12", "A-1-3", "12.2.1.3.B") are short.
constexpr std::size_t kMaxRefChars = 16;

// A header row names a question column and an answer column among its own
// cells (a header merged over two rows is read on its first row).
std::optional<Header> header_at(CellIt begin, CellIt end) {
  std::map<ColumnRole, int> found;
  for (auto it = begin; it != end; ++it)
    if (auto role = domain::column_role(it->second); role && !found.count(*role)) found[*role] = it->first.column;
  const bool question = found.count(ColumnRole::requirement) || found.count(ColumnRole::title);
  if (!question || !found.count(ColumnRole::answer)) return std::nullopt;
  Header h;
  auto col = [&](ColumnRole r) { return found.count(r) ? found[r] : 0; };
  h.question = col(ColumnRole::requirement) ? col(ColumnRole::requirement) : col(ColumnRole::title);
  h.title = col(ColumnRole::requirement) ? col(ColumnRole::title) : 0;
  h.answer = col(ColumnRole::answer);
  h.remarks = col(ColumnRole::remarks);
  h.ref = col(ColumnRole::ref);
  h.ismap_ref = col(ColumnRole::ismap_ref);
  return h;
}

const MergedRange* merged_at(const XlsxSheet& s, int row, int column) {
  if (s.merged_rows.empty()) {
    for (const auto& m : s.merged)
      if (m.contains({row, column})) return &m;
    return nullptr;
  }
  auto it = std::lower_bound(s.merged_rows.begin(), s.merged_rows.end(), row,
                             [](const MergedSpan& m, int r) { return m.row < r; });
  for (; it != s.merged_rows.end() && it->row == row; ++it)
    if (column >= it->first_column && column <= it->last_column) return &s.merged[it->range];
  return nullptr;
}

// Where a value written at (row, column) shows: the top-left of its merged range.
CellAddress write_target(const XlsxSheet& s, int row, int column) {
  if (const auto* m = merged_at(s, row, column)) return m->first;
  return {row, column};
}

std::string trim(std::string_view text) { return std::string(domain::trim_spaces(text)); }

// Notes under or inside a table ("※ 回答欄には…", "注) …", "Note: …").
bool is_note(const std::string& text) {
  const std::string f = domain::fold_for_search(text);
  for (std::string_view mark : {"※", "注)", "注:", "注：", "(注", "note:", "notes:"})
    if (f.rfind(mark, 0) == 0) return true;
  return false;
}

// Numbers compared for headings: "５－１" and "5-1" are the same.
std::string ref_key(const std::string& ref) {
  const std::string n = domain::normalize_item_ref(ref);
  return n.empty() ? domain::fold_for_search(ref) : n;
}

struct TableRows {
  std::size_t table = 0;
  std::vector<QuestionnaireQuestion> rows;
  std::vector<bool> ismap_blank;  // per row: the table has an ISMAP-number column and the row leaves it empty
};

// Section headings inside a table: a number with sub-items written with a
// dash ("5" before "5-1": seed 000's groups), or with sub-items and no
// catalog number where the table gives one. Numbers like 12.2 before
// 12.2.1 stay questions otherwise (detailed sheets ask both).
void drop_headings(TableRows& t) {
  std::set<std::string> refs;
  for (const auto& q : t.rows)
    if (!q.ref.empty()) refs.insert(ref_key(q.ref));
  std::vector<QuestionnaireQuestion> kept;
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const auto& q = t.rows[i];
    bool heading = false;
    if (!q.ref.empty()) {
      const std::string key = ref_key(q.ref);
      auto dash = refs.lower_bound(key + "-");
      auto dot = refs.lower_bound(key + ".");
      const bool dash_children = dash != refs.end() && dash->rfind(key + "-", 0) == 0;
      const bool dot_children = dot != refs.end() && dot->rfind(key + ".", 0) == 0;
      heading = dash_children || (dot_children && t.ismap_blank[i]);
    }
    if (!heading) kept.push_back(q);
  }
  t.rows = std::move(kept);
}

}  // namespace

Result<ImportedQuestionnaire> import_questionnaire(const XlsxWorkbook& book, const std::string& file_name) {
  ImportedQuestionnaire out;
  std::set<std::pair<std::string, CellAddress>> answer_cells;  // (sheet, cell): each written once

  for (const auto& sheet : book.sheets) {
    std::optional<Header> header;
    std::vector<TableRows> tables;
    auto at = [&](int row, int column) { return Location::in_cell(file_name, sheet.name, row, column); };

    for (auto it = sheet.cells.begin(); it != sheet.cells.end();) {
      const int row = it->first.row;
      auto row_end = it;
      while (row_end != sheet.cells.end() && row_end->first.row == row) ++row_end;
      const CellIt row_begin = it;
      it = row_end;

      if (auto h = header_at(row_begin, row_end)) {
        header = h;
        QuestionTable table;
        table.sheet = sheet.name;
        table.header_row = row;
        table.question_column = h->question;
        table.answer_column = h->answer;
        table.remarks_column = h->remarks;
        table.ref_column = h->ref;
        table.answer_header = sheet.value(row, h->answer);
        out.tables.push_back(table);
        tables.push_back({out.tables.size() - 1, {}, {}});
        if (!h->remarks)
          out.problems.push_back({at(row, 0), "this table has no remarks column (備考 / 補足 / 代替対策); explanations "
                                              "are not written, only the answers"});
        continue;
      }
      if (!header) continue;
      const Header& h = *header;
      // A row that only continues a merged question cell from above.
      if (const auto* m = merged_at(sheet, row, h.question); m && m->first.row != row) continue;
      const std::string question = trim(sheet.value(row, h.question));
      const std::string ref = h.ref ? trim(sheet.value(row, h.ref)) : "";
      const std::string title = h.title ? trim(sheet.value(row, h.title)) : "";
      // Longer text in the number column is a section title ("2. ISMAPに
      // 準拠しない場合の…"), not an item number.
      if (domain::utf8_length(ref) > kMaxRefChars) continue;
      if (question.empty() && title.empty()) {
        if (!ref.empty() && h.ref && !(merged_at(sheet, row, h.ref) && merged_at(sheet, row, h.ref)->first.row != row))
          out.problems.push_back({at(row, h.question), "row " + std::to_string(row) + " has the number 「" + ref +
                                                           "」 but no question text; it is not answered"});
        continue;
      }
      if (is_note(question.empty() ? title : question)) continue;
      // A section title written across the table (merged over the answer column).
      if (const auto* m = merged_at(sheet, row, h.question);
          m && m->first.column <= h.answer && m->last.column >= h.answer)
        continue;

      QuestionnaireQuestion q;
      q.sheet = sheet.name;
      q.row = row;
      q.ref = ref;
      q.title = title;
      q.question = question.empty() ? title : question;
      if (question.empty()) q.title.clear();
      q.sheet_ref = h.ismap_ref ? domain::normalize_item_ref(sheet.value(row, h.ismap_ref)) : "";
      q.answer_cell = write_target(sheet, row, h.answer);
      if (h.remarks) q.remarks_cell = write_target(sheet, row, h.remarks);
      q.current_answer = trim(sheet.value(row, h.answer));
      q.current_remarks = h.remarks ? trim(sheet.value(row, h.remarks)) : "";
      q.table = tables.back().table;
      if (!q.current_answer.empty()) out.tables[q.table].existing_answers.push_back(q.current_answer);
      tables.back().rows.push_back(std::move(q));
      tables.back().ismap_blank.push_back(h.ismap_ref && trim(sheet.value(row, h.ismap_ref)).empty());
    }

    for (auto& t : tables) {
      drop_headings(t);
      for (auto& q : t.rows) {
        if (!answer_cells.insert({q.sheet, q.answer_cell}).second) {
          out.problems.push_back({at(q.row, q.answer_cell.column),
                                  "the answer cell " + format_cell_address(q.answer_cell) +
                                      " is shared with a question above (merged cells); this row is not answered"});
          continue;
        }
        out.questions.push_back(std::move(q));
      }
    }
  }
  if (out.tables.empty())
    return make_error(ErrorCode::invalid_input,
                      "no question table found: no row has a question column (質問 / 確認事項 / 要求事項 / 項目 / "
                      "Question …) together with an answer column (回答 / 適合状況 / 対応状況 / ○× / Answer …)",
                      Location::in_file(file_name));
  return out;
}

}  // namespace mamori::formats
