#include "formats/asset_inventory_xlsx.h"

#include <algorithm>
#include <initializer_list>
#include <optional>

#include "domain/country_code.h"
#include "domain/text.h"
#include "formats/folded_choice.h"
#include "formats/xlsx_reader.h"
#include "formats/xlsx_writer.h"

namespace mamori::formats {

namespace {

std::string folded(std::string_view text) { return domain::fold_for_search(text); }

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "\n") + i;
  return out;
}

Result<std::string> write_book(const std::vector<AssetExportRow>& rows, const domain::ClassificationScheme& scheme) {
  xlsx::Workbook wb("assets.xlsx");
  const auto header = wb.add_style({.bold = true, .fill = 0xDDEBF7, .border = true, .wrap = true});
  const auto text = wb.add_style({.border = true, .wrap = true, .vertical = xlsx::VerticalAlign::top});

  auto& ws = wb.add_worksheet(kAssetSheetName);
  const auto& columns = asset_columns();
  const double widths[] = {38, 28, 14, 40, 18, 8, 8, 8, 8, 28, 24, 8, 30, 30};
  for (int c = 0; c < static_cast<int>(columns.size()); ++c) {
    ws.set_column(c, c, widths[c]);
    ws.write(0, c, columns[c].ja, header);
  }
  int r = 1;
  for (const auto& row : rows) {
    const auto& a = row.asset;
    // Every value as text, so Excel shows exactly what the import reads.
    const std::string values[] = {a.id,
                                  a.name,
                                  domain::label_ja(a.type),
                                  a.description,
                                  a.owner,
                                  std::to_string(a.confidentiality),
                                  std::to_string(a.integrity),
                                  std::to_string(a.availability),
                                  a.personal_info ? "あり" : "なし",
                                  domain::label_ja(a.category),
                                  a.storage_location,
                                  a.storage_country,
                                  joined(row.service_names),
                                  joined(a.suppliers)};
    for (int c = 0; c < static_cast<int>(columns.size()); ++c) ws.write(r, c, values[c], text);
    ++r;
  }
  ws.freeze_panes(1, 2);
  ws.autofilter(0, 0, r > 1 ? r - 1 : 1, static_cast<int>(columns.size()) - 1);

  // A second sheet says what each column takes; the import reads only the first.
  auto& help = wb.add_worksheet("記入方法 Guide");
  help.set_column(0, 0, 22);
  help.set_column(1, 1, 100);
  int h = 0;
  auto line = [&](const std::string& a, const std::string& b) {
    help.write(h, 0, a, text);
    help.write(h, 1, b, text);
    ++h;
  };
  line("列 / Column", "記入内容 / What it takes");
  line("ID (id)", "空欄なら新規。既存の ID なら、その資産を更新（資産名の変更も可）。ID が空で資産名が一致すれば、その資産を更新します。");
  std::string types;
  for (auto t : domain::all_asset_types()) types += std::string(types.empty() ? "" : "、") + domain::label_ja(t);
  line("種別 (type)", types);
  for (auto axis : {domain::SecurityAxis::confidentiality, domain::SecurityAxis::integrity,
                    domain::SecurityAxis::availability}) {
    std::string levels;
    for (const auto& l : scheme.levels(axis))
      levels += (levels.empty() ? "" : "\n") + std::to_string(l.level) + " = " + l.label_ja + "：" + l.description;
    line(std::string(axis == domain::SecurityAxis::confidentiality ? "機密性"
                     : axis == domain::SecurityAxis::integrity    ? "完全性"
                                                                  : "可用性") +
             " (" + domain::to_string(axis) + ")",
         levels);
  }
  line("個人情報 (personal_info)", "あり / なし");
  line("データ区分 (category)", std::string(domain::label_ja(domain::DataCategory::customer_data)) + "、" +
                                     domain::label_ja(domain::DataCategory::derived_data) + "、" +
                                     domain::label_ja(domain::DataCategory::own) +
                                     "（カスタマデータと派生データは種別「情報」のみ。ISMAP 8.1.1.6.PB）");
  line("保管国 (storage_country)", "ISO 3166-1 alpha-2（JP、US など）");
  line("クラウドサービス (services)", "サービス名を1行に1つ（範囲に登録済みのサービス）");
  line("供給者 (suppliers)", "供給者名を1行に1つ");

  return wb.finish();
}

// The words a cell is compared with, folded once per file rather than for
// every cell of 10,000 rows.
FoldedChoice<int> level_choice(const std::vector<domain::ClassificationLevel>& levels) {
  FoldedChoice<int> choice;
  for (const auto& l : levels) {
    choice.add(std::to_string(l.level), l.level);
    choice.add(l.label_ja, l.level);
    choice.add(l.label_en, l.level);
  }
  // "3.0" as a number cell some tools write.
  for (const auto& l : levels) choice.add(std::to_string(l.level) + ".0", l.level);
  return choice;
}

FoldedChoice<bool> flag_choice() {
  FoldedChoice<bool> choice;
  for (const char* w : {"あり", "有", "yes", "true", "はい", "○", "1", "y"}) choice.add(w, true);
  for (const char* w : {"なし", "無", "no", "false", "いいえ", "×", "-", "－", "0", "n"}) choice.add(w, false);
  return choice;
}

// What a level column takes for a new asset when the sheet has no such column.
int lowest_level(const std::vector<domain::ClassificationLevel>& levels) { return levels.empty() ? 1 : levels.front().level; }

template <typename Kind>
FoldedChoice<Kind> label_choice(const std::vector<Kind>& kinds) {
  FoldedChoice<Kind> choice;
  for (auto k : kinds) {
    choice.add(domain::label_ja(k), k);
    choice.add(domain::label_en(k), k);
    choice.add(domain::to_string(k), k);
  }
  return choice;
}

bool blank(std::string_view text) { return domain::trim_spaces(text).empty(); }

}  // namespace

const std::vector<AssetColumn>& asset_columns() {
  static const std::vector<AssetColumn> columns = {
      {"id", "ID", "id"},
      {"name", "資産名", "name"},
      {"type", "種別", "type"},
      {"description", "説明", "description"},
      {"owner", "管理責任者", "owner"},
      {"confidentiality", "機密性", "confidentiality"},
      {"integrity", "完全性", "integrity"},
      {"availability", "可用性", "availability"},
      {"personal_info", "個人情報", "personal_info"},
      {"category", "データ区分", "category"},
      {"storage_location", "保管場所", "storage_location"},
      {"storage_country", "保管国", "storage_country"},
      {"services", "クラウドサービス", "services"},
      {"suppliers", "供給者", "suppliers"},
  };
  return columns;
}

std::vector<std::string> split_list_cell(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  auto flush = [&](std::size_t end) {
    std::string_view t = domain::trim_spaces(text.substr(start, end - start));
    if (!t.empty()) out.emplace_back(t);
  };
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '\n' || c == '\r' || c == ',' || c == ';') {
      flush(i);
      start = ++i;
    } else if ((c == '\xE3' || c == '\xEF') && (text.compare(i, 3, "、") == 0 || text.compare(i, 3, "，") == 0)) {
      flush(i);
      start = i += 3;
    } else {
      ++i;
    }
  }
  flush(text.size());
  return out;
}

Result<std::string> asset_inventory_xlsx(const std::vector<AssetExportRow>& rows,
                                         const domain::ClassificationScheme& scheme) {
  return write_book(rows, scheme);
}

domain::Asset ParsedAssetRow::asset() const {
  domain::Asset a;
  a.id = id;
  a.name = name;
  a.type = type;
  a.description = description;
  a.owner = owner;
  a.confidentiality = confidentiality;
  a.integrity = integrity;
  a.availability = availability;
  a.personal_info = personal_info;
  a.category = category;
  a.storage_location = storage_location;
  a.storage_country = storage_country;
  a.suppliers = split_list_cell(suppliers);
  return a;
}

std::vector<std::string> ParsedAssetRow::service_names() const { return split_list_cell(services); }

Location ParsedAssetSheet::at(int row, const std::string& field) const {
  auto it = columns.find(field);
  Location l = Location::in_cell(file, sheet, row, it == columns.end() ? 0 : it->second);
  l.field = field;
  return l;
}

Result<ParsedAssetSheet> read_asset_inventory(std::string_view bytes, const std::string& file_name,
                                              const domain::ClassificationScheme& scheme) {
  auto read = read_xlsx(bytes, file_name);
  if (!read) return read.error();
  // Held by the result: the rows are views into its text.
  auto book = std::make_shared<const XlsxWorkbook>(std::move(read.value()));
  const auto& columns = asset_columns();
  auto header_field = [&](std::string_view cell) -> const AssetColumn* {
    const std::string f = folded(cell);
    for (const auto& c : columns)
      if (f == folded(c.ja) || f == folded(c.en) || f == folded(std::string(c.ja) + " (" + c.en + ")") ||
          f == folded(std::string(c.ja) + " / " + c.en))
        return &c;
    return nullptr;
  };
  const XlsxSheet* sheet = nullptr;
  for (const auto& s : book->sheets)
    if (s.name == kAssetSheetName) sheet = &s;
  for (const auto& s : book->sheets) {
    if (sheet) break;
    for (int c = 1; c <= s.max_column && c <= 100; ++c) {
      const AssetColumn* col = header_field(s.raw(1, c));
      if (col && std::string(col->field) == "name") {
        sheet = &s;
        break;
      }
    }
  }
  if (!sheet)
    return make_error(ErrorCode::invalid_input, "no_asset_sheet",
                      "no sheet named 情報資産台帳 and no sheet whose first row has a 資産名 (name) column",
                      Location::in_file(file_name));

  const auto type_choice = label_choice(domain::all_asset_types());
  const auto category_choice = label_choice(domain::all_data_categories());
  const auto personal_info_choice = flag_choice();

  ParsedAssetSheet out;
  out.workbook = book;
  out.file = file_name;
  out.sheet = sheet->name;
  auto problem = [&](int row, int column, const std::string& field, const std::string& reason,
                     const std::string& message) {
    Location l = Location::in_cell(file_name, sheet->name, row, column);
    l.field = field;
    out.problems.push_back(make_error(ErrorCode::invalid_input, reason, message, l));
  };
  for (int c = 1; c <= sheet->max_column; ++c) {
    const std::string_view cell = sheet->raw(1, c);
    if (blank(cell)) continue;
    const AssetColumn* col = header_field(cell);
    if (!col) {
      problem(1, c, "header", "unknown_column", "unknown column 「" + std::string(cell.substr(0, 100)) + "」");
      continue;
    }
    if (out.columns.count(col->field)) {
      problem(1, c, col->field, "duplicate_column", std::string("the column ") + col->ja + " appears twice");
      continue;
    }
    out.columns[col->field] = c;
  }
  if (!out.has("name")) problem(1, 0, "name", "missing_column", "the header row has no 資産名 (name) column");
  if (!out.problems.empty()) return out;
  if (sheet->max_row - 1 > kMaxAssetRows) {
    problem(kMaxAssetRows + 2, 0, "", "too_many_rows",
            "more than " + std::to_string(kMaxAssetRows) + " assets in one file: split it");
    return out;
  }

  // Each field's column (0 when the sheet has none), found once rather than
  // in out.columns for every cell.
  auto column_of = [&](const char* field) {
    auto it = out.columns.find(field);
    return it == out.columns.end() ? 0 : it->second;
  };
  struct {
    int id, name, type, description, owner, personal_info, category, storage_location, storage_country, services,
        suppliers;
  } const col = {column_of("id"),           column_of("name"),          column_of("type"),
                 column_of("description"),  column_of("owner"),         column_of("personal_info"),
                 column_of("category"),     column_of("storage_location"), column_of("storage_country"),
                 column_of("services"),     column_of("suppliers")};
  // The three level columns, each with its words and the level a new
  // asset gets when the sheet has no such column.
  struct LevelColumn {
    const char* field;
    int column;
    FoldedChoice<int> levels;
    int lowest;
    int ParsedAssetRow::*target;
  };
  std::vector<LevelColumn> level_columns;
  for (auto [axis, target] : {std::pair{domain::SecurityAxis::confidentiality, &ParsedAssetRow::confidentiality},
                              std::pair{domain::SecurityAxis::integrity, &ParsedAssetRow::integrity},
                              std::pair{domain::SecurityAxis::availability, &ParsedAssetRow::availability}}) {
    const char* field = domain::to_string(axis);
    const auto& levels = scheme.levels(axis);
    level_columns.push_back({field, column_of(field), level_choice(levels), lowest_level(levels), target});
  }
  std::vector<int> present;  // the columns of every field the sheet has
  for (const auto& [field, c] : out.columns) present.push_back(c);

  // Each row's cells are looked up once, by column number, walking the
  // sorted cells along with the rows.
  std::vector<std::string_view> row_cells(static_cast<std::size_t>(sheet->max_column) + 1);
  auto raw = [&](int column) { return row_cells[static_cast<std::size_t>(column)]; };
  // A cell trimmed, as a view into the workbook: most are only compared.
  auto cell = [&](int column) { return column == 0 ? std::string_view() : domain::trim_spaces(raw(column)); };
  auto quoted = [](std::string_view text, std::size_t at_most) { return "「" + std::string(text.substr(0, at_most)) + "」"; };
  auto next_cell = sheet->cells.lower_bound(CellAddress{2, 0});
  out.rows.reserve(static_cast<std::size_t>(std::max(sheet->max_row - 1, 0)));  // bounded by kMaxAssetRows above
  std::vector<int> set_columns;  // cleared after each row, rather than all max_column (up to 16,384) entries
  for (int r = 2; r <= sheet->max_row; ++r) {
    for (int c : set_columns) row_cells[static_cast<std::size_t>(c)] = std::string_view();
    set_columns.clear();
    for (; next_cell != sheet->cells.end() && next_cell->first.row == r; ++next_cell)
      if (next_cell->first.column <= sheet->max_column) {
        row_cells[static_cast<std::size_t>(next_cell->first.column)] = next_cell->second;
        set_columns.push_back(next_cell->first.column);
      }
    bool empty = true;
    for (int c : present)
      if (!blank(raw(c))) empty = false;
    if (empty) continue;
    ParsedAssetRow row;
    row.row = r;
    const std::size_t problems_before = out.problems.size();
    auto bad = [&](const char* field, const std::string& reason, const std::string& message) {
      problem(r, out.columns.count(field) ? out.columns[field] : 0, field, reason, message);
    };
    row.id = cell(col.id);
    row.name = cell(col.name);
    if (col.type) {
      const std::string_view t = cell(col.type);
      if (auto type = type_choice.find(t))
        row.type = *type;
      else
        bad("type", "invalid", "unknown asset type " + quoted(t, 100));
    }
    row.description = col.description ? raw(col.description) : std::string_view();
    row.owner = cell(col.owner);
    for (const auto& [field, column, levels, lowest, target] : level_columns) {
      row.*target = lowest;
      if (!column) continue;
      const std::string_view v = cell(column);
      if (auto level = levels.find(v))
        row.*target = *level;
      else
        bad(field, "unknown_level",
            std::string(field) + " " + quoted(v, 40) + " is not a level of the classification scheme");
    }
    if (col.personal_info) {
      const std::string_view v = cell(col.personal_info);
      auto flag = v.empty() ? std::optional<bool>(false) : personal_info_choice.find(v);
      if (!flag) bad("personal_info", "invalid", "personal_info must be あり or なし, not " + quoted(v, 40));
      row.personal_info = flag.value_or(false);
    }
    if (col.category) {
      const std::string_view v = cell(col.category);
      if (auto category = v.empty() ? std::nullopt : category_choice.find(v))
        row.category = *category;
      else if (!v.empty())
        bad("category", "invalid", "unknown data category " + quoted(v, 100));
    }
    row.storage_location = cell(col.storage_location);
    if (const std::string_view country = cell(col.storage_country); !country.empty()) {
      if (auto code = domain::normalise_country_code(country))
        row.storage_country = std::move(*code);
      else
        bad("storage_country", "invalid_country", "not an ISO 3166-1 alpha-2 country code: " + quoted(country, 20));
    }
    row.services = cell(col.services);
    row.suppliers = cell(col.suppliers);
    row.has_problems = out.problems.size() != problems_before;
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace mamori::formats
