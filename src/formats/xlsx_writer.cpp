#include "formats/xlsx_writer.h"

#include <cmath>
#include <functional>
#include <unordered_map>

#include "domain/text.h"
#include "formats/xlsx_writer_parts.h"
#include "formats/zip_writer.h"

namespace mamori::formats::xlsx {

namespace {

constexpr int kMaxRows = 1'048'576;
constexpr int kMaxColumns = 16'384;
constexpr std::size_t kMaxSheetNameCharacters = 31;
constexpr std::uint32_t kTooLong = 0xFFFFFFFF;

std::string cell_name(int row, int column) { return column_letters(column) + std::to_string(row + 1); }

// Excel's rules for a tab name; "" when the name is fine.
std::string sheet_name_problem(const std::string& name, const std::vector<std::unique_ptr<Worksheet>>& sheets) {
  const std::size_t length = domain::utf8_length(name);
  if (length == 0) return "a sheet name cannot be empty";
  if (length > kMaxSheetNameCharacters) return "the sheet name \"" + name + "\" is longer than Excel's 31 characters";
  if (name.find_first_of("[]:*?/\\") != std::string::npos)
    return "the sheet name \"" + name + "\" contains one of [ ] : * ? / \\, which Excel does not allow";
  if (name.front() == '\'' || name.back() == '\'')
    return "the sheet name \"" + name + "\" starts or ends with an apostrophe, which Excel does not allow";
  const std::string folded = domain::fold_for_search(name);
  for (const auto& s : sheets)
    if (domain::fold_for_search(s->name()) == folded) return "two sheets are named \"" + name + "\"";
  return "";
}

}  // namespace

std::size_t excel_length(std::string_view utf8) {
  std::size_t units = 0;
  for (unsigned char c : utf8) {
    if ((c & 0xC0) != 0x80) ++units;  // a lead byte starts a character
    if (c >= 0xF0) ++units;           // four-byte sequences: a surrogate pair
  }
  return units;
}

struct Workbook::Strings {
  // Heterogeneous lookup: a cell's text is looked up without copying it.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Equal {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const { return a == b; }
  };
  std::unordered_map<std::string, std::uint32_t, Hash, Equal> index;
  std::vector<const std::string*> order;  // sharedStrings.xml order; keys of `index` (stable)
  std::uint64_t references = 0;
};

// --- Worksheet --------------------------------------------------------------

Worksheet::Worksheet(Workbook& book, std::string name) : book_(book), name_(std::move(name)) {}
Worksheet::~Worksheet() = default;

bool Worksheet::check(int row, int column) {
  if (row >= 0 && row < kMaxRows && column >= 0 && column < kMaxColumns) return true;
  book_.fail(make_error(ErrorCode::internal,
                   "cell (row " + std::to_string(row + 1) + ", column " + std::to_string(column + 1) +
                       ") is outside Excel's A1:XFD1048576",
                   Location::in_cell(book_.file_name_, name_, 0, 0)));
  return false;
}

void Worksheet::put(int row, int column, std::uint8_t kind, StyleId style, std::uint32_t string, double number) {
  if (static_cast<std::size_t>(row) >= rows_.size()) rows_.resize(static_cast<std::size_t>(row) + 1);
  rows_[static_cast<std::size_t>(row)].cells.push_back(
      Cell{static_cast<std::uint16_t>(column), kind, style, string, number});
}

void Worksheet::set_column(int first, int last, double width, StyleId style) {
  if (!check(0, first) || !check(0, last) || last < first) return;
  columns_.push_back({first, last, width, style});
}

void Worksheet::set_row(int row, double height, StyleId style) {
  if (!check(row, 0)) return;
  if (static_cast<std::size_t>(row) >= rows_.size()) rows_.resize(static_cast<std::size_t>(row) + 1);
  auto& r = rows_[static_cast<std::size_t>(row)];
  r.height = height;
  r.style = style;
}

void Worksheet::write(int row, int column, std::string_view text, StyleId style) {
  if (!check(row, column)) return;
  if (text.empty()) {
    if (style != kDefaultStyle) put(row, column, Cell::kBlank, style, 0, 0);
    return;
  }
  const std::uint32_t index = book_.intern(text);
  if (index == kTooLong) {
    book_.fail(make_error(ErrorCode::invalid_input,
                     "the text of cell " + cell_name(row, column) + " is longer than Excel's 32,767 characters",
                     Location::in_cell(book_.file_name_, name_, row + 1, column + 1)));
    return;
  }
  put(row, column, Cell::kString, style, index, 0);
}

void Worksheet::write_number(int row, int column, double value, StyleId style) {
  if (!check(row, column)) return;
  if (!std::isfinite(value)) {
    book_.fail(make_error(ErrorCode::internal, "cell " + cell_name(row, column) + " is given a number Excel cannot hold",
                     Location::in_cell(book_.file_name_, name_, row + 1, column + 1)));
    return;
  }
  put(row, column, Cell::kNumber, style, 0, value);
}

void Worksheet::write_blank(int row, int column, StyleId style) {
  if (!check(row, column)) return;
  put(row, column, Cell::kBlank, style, 0, 0);
}

void Worksheet::merge(int first_row, int first_column, int last_row, int last_column, std::string_view text,
                      StyleId style) {
  if (!check(first_row, first_column) || !check(last_row, last_column)) return;
  if (last_row < first_row || last_column < first_column) return;
  write(first_row, first_column, text, style);
  if (text.empty() && style == kDefaultStyle) write_blank(first_row, first_column, style);
  for (int r = first_row; r <= last_row; ++r)
    for (int c = first_column; c <= last_column; ++c)
      if (r != first_row || c != first_column) write_blank(r, c, style);
  merged_.push_back({first_row, first_column, last_row, last_column});
}

void Worksheet::freeze_panes(int rows, int columns) {
  frozen_rows_ = std::max(rows, 0);
  frozen_columns_ = std::max(columns, 0);
}

void Worksheet::autofilter(int first_row, int first_column, int last_row, int last_column) {
  if (!check(first_row, first_column) || !check(last_row, last_column)) return;
  autofilter_ = Range{first_row, first_column, last_row, last_column};
}

void Worksheet::list_validation(ListValidation v) {
  if (!check(v.first_row, v.first_column) || !check(v.last_row, v.last_column)) return;
  std::size_t list = 0;
  for (const auto& value : v.values) list += domain::utf8_length(value) + 1;
  auto too_long = [&](const std::string& what) {
    book_.fail(make_error(ErrorCode::internal, "the drop-down list's " + what + " at " + cell_name(v.first_row, v.first_column) +
                                              " is longer than Excel allows",
                     Location::in_cell(book_.file_name_, name_, v.first_row + 1, v.first_column + 1)));
  };
  if (list > 256) return too_long("values");
  if (domain::utf8_length(v.prompt_title) > 32 || domain::utf8_length(v.error_title) > 32) return too_long("title");
  if (domain::utf8_length(v.prompt) > 255 || domain::utf8_length(v.error) > 255) return too_long("message");
  validations_.push_back(std::move(v));
}

void Worksheet::set_landscape() { landscape_ = true; }
void Worksheet::fit_to_width() { fit_to_width_ = true; }

void Worksheet::repeat_rows(int first, int last) {
  if (!check(first, 0) || !check(last, 0) || last < first) return;
  repeat_rows_ = Range{first, 0, last, 0};
}

// --- Workbook ---------------------------------------------------------------

Workbook::Workbook(std::string file_name) : file_name_(std::move(file_name)), strings_(std::make_unique<Strings>()) {
  styles_.push_back(Style{});
}

Workbook::~Workbook() = default;

StyleId Workbook::add_style(const Style& style) {
  for (std::size_t i = 0; i < styles_.size(); ++i)
    if (styles_[i] == style) return static_cast<StyleId>(i);
  styles_.push_back(style);
  return static_cast<StyleId>(styles_.size() - 1);
}

Worksheet& Workbook::add_worksheet(std::string name) {
  if (auto problem = sheet_name_problem(name, sheets_); !problem.empty())
    fail(make_error(ErrorCode::internal, problem, Location::in_cell(file_name_, name, 0, 0)));
  sheets_.push_back(std::unique_ptr<Worksheet>(new Worksheet(*this, std::move(name))));
  return *sheets_.back();
}

void Workbook::set_properties(std::string title, std::string subject, std::string company) {
  title_ = std::move(title);
  subject_ = std::move(subject);
  company_ = std::move(company);
}

std::uint32_t Workbook::intern(std::string_view text) {
  ++strings_->references;
  if (auto it = strings_->index.find(text); it != strings_->index.end()) return it->second;
  if (text.size() > kMaxCellCharacters && excel_length(text) > kMaxCellCharacters) return kTooLong;
  const auto index = static_cast<std::uint32_t>(strings_->order.size());
  auto [it, inserted] = strings_->index.emplace(std::string(text), index);
  strings_->order.push_back(&it->first);
  return index;
}

void Workbook::fail(Error error) {
  if (!error_) error_ = std::move(error);
}

Result<std::string> Workbook::finish() {
  if (sheets_.empty()) add_worksheet("Sheet1");
  if (error_) return *error_;

  ZipWriter zip;
  zip.add("[Content_Types].xml", content_types_xml(sheets_.size()));
  zip.add("_rels/.rels", package_rels_xml());
  zip.add("docProps/app.xml", app_properties_xml(company_));
  zip.add("docProps/core.xml", core_properties_xml(title_, subject_));

  std::vector<std::string> names;
  std::vector<DefinedName> defined;
  for (std::size_t i = 0; i < sheets_.size(); ++i) {
    const auto& s = *sheets_[i];
    names.push_back(s.name());
    if (s.autofilter_) {
      const auto& a = *s.autofilter_;
      defined.push_back({"_xlnm._FilterDatabase", static_cast<int>(i),
                         quoted_sheet(s.name()) + "!$" + column_letters(a.first_column) + "$" +
                             std::to_string(a.first_row + 1) + ":$" + column_letters(a.last_column) + "$" +
                             std::to_string(a.last_row + 1),
                         true});
    }
    if (s.repeat_rows_)
      defined.push_back({"_xlnm.Print_Titles", static_cast<int>(i),
                         quoted_sheet(s.name()) + "!$" + std::to_string(s.repeat_rows_->first_row + 1) + ":$" +
                             std::to_string(s.repeat_rows_->last_row + 1),
                         false});
  }
  zip.add("xl/workbook.xml", workbook_xml(names, std::move(defined)));
  zip.add("xl/_rels/workbook.xml.rels", workbook_rels_xml(sheets_.size()));
  zip.add("xl/styles.xml", styles_xml(styles_));
  zip.add("xl/sharedStrings.xml", shared_strings_xml(strings_->order, strings_->references));
  std::string sheet;
  for (std::size_t i = 0; i < sheets_.size(); ++i) {
    sheet.clear();
    SheetXml::write(*sheets_[i], i == 0, sheet);
    zip.add("xl/worksheets/sheet" + std::to_string(i + 1) + ".xml", sheet);
  }
  return zip.finish();
}

}  // namespace mamori::formats::xlsx
