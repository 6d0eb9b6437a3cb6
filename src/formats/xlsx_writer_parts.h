// The parts of an .xlsx package that xlsx_writer.cpp assembles: one worksheet
// (SheetXml, which reads a Worksheet's cells) and the small fixed parts.
// Internal to the writer; exports use xlsx_writer.h.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "formats/xlsx_writer.h"

namespace mamori::formats::xlsx {

// A Worksheet's storage: rows by index, each with its cells in the order
// written (SheetXml sorts them by column, the last write of a cell winning).
struct Worksheet::Cell {
  enum Kind : std::uint8_t { kBlank, kString, kNumber };
  std::uint16_t column;
  std::uint8_t kind;
  StyleId style;
  std::uint32_t string;  // index into the shared strings
  double number;
};

struct Worksheet::Row {
  std::vector<Cell> cells;
  double height = 0;  // 0: Excel's default
  StyleId style = kDefaultStyle;
};

struct SheetXml {
  // xl/worksheets/sheetN.xml. `selected`: the tab Excel opens on.
  static void write(const Worksheet& sheet, bool selected, std::string& out);
};

// One defined name: the autofilter's range or the rows printed on every page.
struct DefinedName {
  std::string name;  // "_xlnm._FilterDatabase", "_xlnm.Print_Titles"
  int sheet = 0;     // localSheetId: 0-based sheet index
  std::string formula;
  bool hidden = false;
};

std::string content_types_xml(std::size_t sheets);
std::string package_rels_xml();
std::string workbook_xml(const std::vector<std::string>& sheet_names, std::vector<DefinedName> names);
std::string workbook_rels_xml(std::size_t sheets);
std::string styles_xml(const std::vector<Style>& styles);
std::string shared_strings_xml(const std::vector<const std::string*>& strings, std::uint64_t references);
std::string core_properties_xml(std::string_view title, std::string_view subject);
std::string app_properties_xml(std::string_view company);

// 'Sheet name'!$A$1:$B$2: the name always quoted, its apostrophes doubled.
std::string quoted_sheet(std::string_view name);
// 0 -> "A", 25 -> "Z", 26 -> "AA".
std::string column_letters(int column);
// Excel's stored width for a width in characters of Calibri 11
// (7-pixel digits, 5 pixels of padding), as Excel itself rounds it.
double stored_column_width(double characters);

}  // namespace mamori::formats::xlsx
