// Writing .xlsx workbooks, in memory: the exports (check sheets, reports,
// SoAs, asset inventories, catalogs, tailored standards).
//
// Our own writer rather than libxlsxwriter (which ../shared/DESIGN.md names):
// libxlsxwriter 1.1.4 writes every part to a temporary file, deflates at
// zlib's default level and keeps each cell in a tree. An export of 10,000
// assets took 147 ms, most of it there; this writer keeps cells in flat
// rows, shares strings through one hash table and deflates whole parts with
// libdeflate (bench/xlsx_bench.cpp has the figures). It also means no
// export ever lands in /tmp, which matters for what mamori holds.
//
// It writes what the exports use and nothing more: shared strings, numbers,
// cell styles (font, fill, thin border, alignment, wrap, unlocked), column
// widths, row heights, merged ranges, frozen panes, an autofilter, list
// validations with prompts, landscape fit-to-width printing with repeated
// title rows, and document properties.
//
// Rows and columns are 0-based here, as in libxlsxwriter's API the exports
// were written against; errors name cells the way Excel shows them (row 1,
// column A).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"

namespace mamori::formats::xlsx {

enum class HorizontalAlign : std::uint8_t { general, left, center, right };
enum class VerticalAlign : std::uint8_t { bottom, top, center };

// A cell style. Colours are 0xRRGGBB.
struct Style {
  bool bold = false;
  bool italic = false;
  double font_size = 11;
  std::optional<std::uint32_t> font_color{};
  std::optional<std::uint32_t> fill{};  // a solid background
  bool border = false;                // thin, all four sides
  bool wrap = false;
  HorizontalAlign horizontal = HorizontalAlign::general;
  VerticalAlign vertical = VerticalAlign::bottom;
  bool unlocked = false;  // editable once the sheet is protected
  bool operator==(const Style&) const = default;
};

// Excel's limit on a cell's text, in UTF-16 code units as Excel counts
// (a character beyond U+FFFF counts twice).
constexpr std::size_t kMaxCellCharacters = 32'767;
std::size_t excel_length(std::string_view utf8);

// Index of a style in its workbook; 0 is Excel's default style.
using StyleId = std::uint16_t;
constexpr StyleId kDefaultStyle = 0;

// A drop-down list on a range, with the prompt Excel shows on the cell and
// the message when something else is typed. Excel caps titles at 32
// characters, prompts and messages at 255, and the list at 255 in all.
struct ListValidation {
  int first_row = 0;
  int first_column = 0;
  int last_row = 0;
  int last_column = 0;
  std::vector<std::string> values{};
  std::string prompt_title{};
  std::string prompt{};
  std::string error_title{};
  std::string error{};
};

class Workbook;

class Worksheet {
 public:
  // Width in characters of the default font, as Excel's column dialog shows.
  void set_column(int first, int last, double width, StyleId style = kDefaultStyle);
  // Height in points.
  void set_row(int row, double height, StyleId style = kDefaultStyle);
  // Text; "" leaves a blank cell carrying the style (or nothing without one).
  // Writing a cell again replaces it.
  void write(int row, int column, std::string_view text, StyleId style = kDefaultStyle);
  void write_number(int row, int column, double value, StyleId style = kDefaultStyle);
  void write_blank(int row, int column, StyleId style);
  // The text goes to the top-left cell; the others are blanks in the style.
  void merge(int first_row, int first_column, int last_row, int last_column, std::string_view text,
             StyleId style = kDefaultStyle);
  // Keeps `rows` rows and `columns` columns in view while scrolling.
  void freeze_panes(int rows, int columns);
  void autofilter(int first_row, int first_column, int last_row, int last_column);
  void list_validation(ListValidation validation);
  // Printing: landscape, one page wide and as many tall as needed, and rows
  // first..last repeated at the top of every page.
  void set_landscape();
  void fit_to_width();
  void repeat_rows(int first, int last);

  const std::string& name() const { return name_; }

  Worksheet(const Worksheet&) = delete;
  Worksheet& operator=(const Worksheet&) = delete;
  ~Worksheet();

 private:
  friend class Workbook;
  friend struct SheetXml;
  Worksheet(Workbook& book, std::string name);
  bool check(int row, int column);

  struct Cell;
  struct Row;
  struct Column {
    int first, last;
    double width;
    StyleId style;
  };
  struct Range {
    int first_row, first_column, last_row, last_column;
  };
  void put(int row, int column, std::uint8_t kind, StyleId style, std::uint32_t string, double number);

  Workbook& book_;
  std::string name_;
  std::vector<Row> rows_;
  std::vector<Column> columns_;
  std::vector<Range> merged_;
  std::vector<ListValidation> validations_;
  std::optional<Range> autofilter_;
  std::optional<Range> repeat_rows_;
  int frozen_rows_ = 0;
  int frozen_columns_ = 0;
  bool landscape_ = false;
  bool fit_to_width_ = false;
};

class Workbook {
 public:
  // `file_name` only names the workbook in errors.
  explicit Workbook(std::string file_name = "workbook.xlsx");
  ~Workbook();
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  StyleId add_style(const Style& style);
  // Excel's rules for tab names: 1-31 characters, none of []:*?/\, unique
  // (ignoring case), not starting or ending with an apostrophe. A name that
  // breaks them makes finish() fail, naming it.
  Worksheet& add_worksheet(std::string name);
  // docProps: the title and subject Excel shows under File > Info, and the
  // company.
  void set_properties(std::string title, std::string subject, std::string company);

  // The .xlsx bytes. Fails, naming the sheet and cell, on the first problem
  // met while writing: text over Excel's 32,767 characters per cell, a cell
  // outside A1:XFD1048576, a bad sheet name.
  Result<std::string> finish();

 private:
  friend class Worksheet;
  friend struct SheetXml;
  std::uint32_t intern(std::string_view text);
  void fail(Error error);

  struct Strings;
  std::string file_name_;
  std::vector<Style> styles_;
  std::vector<std::unique_ptr<Worksheet>> sheets_;
  std::unique_ptr<Strings> strings_;
  std::string title_, subject_, company_;
  std::optional<Error> error_;
};

}  // namespace mamori::formats::xlsx
