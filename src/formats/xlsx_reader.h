// Reading .xlsx files people send (check sheets, service lists, asset
// inventories) and changing cells in them without touching anything else.
// Hostile files fail cleanly: a size cap before unzipping, caps on each
// part's uncompressed size and on the whole (zip bombs), on rows, cells and
// sheets, and XML that does not parse is an error naming the part.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/error.h"
#include "formats/xlsx_cells.h"

namespace pugi {
class xml_document;
}
struct libdeflate_decompressor;

namespace mamori::formats {

struct XlsxLimits {
  std::size_t max_file_bytes = 64u << 20;          // the .xlsx itself
  std::size_t max_part_bytes = 128u << 20;         // one uncompressed XML part
  std::size_t max_total_bytes = 512u << 20;        // all parts read, uncompressed
  std::size_t max_compression_ratio = 200;         // uncompressed / compressed, per part
  int max_sheets = 256;
  int max_rows = 50'000;                           // per sheet
  std::size_t max_cells = 2'000'000;               // whole workbook
};

struct MergedRange {
  CellAddress first;  // top-left
  CellAddress last;   // bottom-right
  bool contains(const CellAddress& a) const {
    return a.row >= first.row && a.row <= last.row && a.column >= first.column && a.column <= last.column;
  }
};

// One row's piece of a merged range, for value() lookups.
struct MergedSpan {
  int row = 0;
  int first_column = 0;
  int last_column = 0;
  std::size_t range = 0;  // index into XlsxSheet::merged
};

struct XlsxSheet {
  std::string name;  // as on the tab
  std::string part;  // e.g. "xl/worksheets/sheet1.xml"
  bool hidden = false;
  // Cell text as stored: shared and inline strings (rich text joined),
  // numbers as written in the XML, booleans as "TRUE"/"FALSE", formula cells
  // as their cached value. Empty cells are absent. Sorted by (row, column).
  XlsxCells cells;
  std::vector<MergedRange> merged;
  // `merged` by row, sorted by (row, first_column); read_xlsx fills it so
  // value() is a binary search. A sheet built by hand may leave it empty
  // (value() then scans `merged`); call index_merged() after changing
  // `merged` of a sheet that read_xlsx returned.
  std::vector<MergedSpan> merged_rows;
  // From the cells that hold text (not <dimension>, which lies; not cells
  // that only carry a style). Rows may be sparse: max_row can exceed the
  // number of rows the file has.
  int max_row = 0;
  int max_column = 0;

  // The cell's own text, or "" when empty (valid while the sheet lives).
  std::string_view raw(int row, int column) const;
  // What a person sees: inside a merged range, the top-left cell's text.
  std::string_view value(int row, int column) const;
  // The merged range holding the cell, or nullptr.
  const MergedRange* merged_range_at(int row, int column) const;

  // For importers that look at every column of every row. Walking
  // 1..max_row x 1..max_column costs max_row x max_column lookups, and a
  // file of two cells (A1 and XFD1048576) makes that 17 billion; these
  // visit only what is there.
  //
  // The rows that hold a cell's text or part of a merged range, ascending.
  std::vector<int> rows_with_text() const;
  // The non-empty texts a person sees in `row`, by column: the row's own
  // cells outside merged ranges, and each merged range's text once, at the
  // range's first column. Replaces `out`.
  struct RowText {
    int column = 0;
    std::string_view text;
    int last_column = 0;  // the merged range's last column; `column` for a cell
  };
  // value(row, column) from what row_texts(row, ...) gave, without a search
  // of the whole sheet.
  static std::string_view value_in(const std::vector<RowText>& texts, int column);
  void row_texts(int row, std::vector<RowText>& out) const;
  // Rebuilds merged_rows from merged.
  void index_merged();
};

struct XlsxWorkbook {
  std::vector<XlsxSheet> sheets;  // workbook order; worksheets only
  // What was skipped and a person may want to know (chart sheets, dialog
  // sheets, macro sheets): English, one sentence each.
  std::vector<std::string> notes;
};

// `file_name` only names the file in errors ("vendor.xlsx, sheet 回答: …").
Result<XlsxWorkbook> read_xlsx(std::string_view bytes, const std::string& file_name, const XlsxLimits& limits = {});

// Cell edits for write-back: set text (as an inline string), keeping the
// cell's style; every other part of the file is copied byte for byte.
struct CellEdit {
  std::string sheet;  // tab name
  CellAddress cell;
  std::string text;   // "" clears the value (the cell and its style stay)
};
Result<std::string> patch_xlsx(std::string_view bytes, const std::string& file_name, const std::vector<CellEdit>& edits,
                               const XlsxLimits& limits = {});

// "A1" <-> {1, 1}; "AA10" <-> {10, 27}. Parse fails (row 0) on anything else.
// Letters may be lower case; the row has no leading zeros; the address must
// be inside A1:XFD1048576. format_cell_address returns "" for an address
// outside that range.
CellAddress parse_cell_address(std::string_view text);
std::string format_cell_address(const CellAddress& address);

constexpr int kXlsxMaxRow = 1'048'576;
constexpr int kXlsxMaxColumn = 16'384;  // XFD

// Shared by xlsx_reader.cpp and xlsx_patch.cpp; not for other callers.
namespace detail {

struct SheetEntry {
  std::string name;
  std::string part;      // zip entry name as stored; "" for non-worksheets
  std::string sheet_id;  // <sheet sheetId>, as calcChain.xml refers to it
  std::string kind;      // "worksheet", "chartsheet", "dialogsheet", "macrosheet", or the relationship type's last segment
  bool hidden = false;
};

struct WorkbookEntry {
  std::string workbook_part;       // e.g. "xl/workbook.xml"
  std::string workbook_rels_part;  // e.g. "xl/_rels/workbook.xml.rels"
  std::vector<SheetEntry> sheets;  // workbook order, all kinds
  std::string shared_strings_part;  // "" when the workbook has none
  std::string calc_chain_part;      // "" when the workbook has none
  std::string calc_chain_rel_id;
};

struct PartCaps {
  int max_rows = 0;
  std::size_t max_cells = 0;
  // The part goes to the pull scanner (xlsx_sheet_scan.h), which builds no
  // DOM and checks the row and cell caps itself as it reads: the counting
  // pass over the whole part beforehand is skipped.
  bool scanner_checks = false;
};

// A part as the archive stores it (deflated, most often), its entry already
// checked against the limits. Taken out of the archive on one thread
// (libzip is not thread-safe); inflate() may then run on any thread, so
// that one part inflates while another is read.
class StoredPart {
 public:
  // The part's bytes, checked as read_part checks them (declared size,
  // checksum, and the counting pass unless caps.scanner_checks).
  Result<std::string> inflate() &&;
  Result<std::string> inflate(libdeflate_decompressor* inflater) &&;
  // Uncompressed size, as the entry declares it.
  std::size_t size() const { return size_; }

 private:
  friend class XlsxPackage;
  std::string name_;
  Location at_;
  std::string bytes_;
  std::size_t size_ = 0;
  bool deflated_ = false;
  bool has_crc_ = false;
  std::uint32_t crc_ = 0;
  PartCaps caps_;
  XlsxLimits limits_;
};

// An opened .xlsx: the file-size limit is checked on open; every part read
// counts against the per-part, ratio and total limits.
class XlsxPackage {
 public:
  static Result<XlsxPackage> open(std::string_view bytes, const std::string& file_name, const XlsxLimits& limits);
  XlsxPackage(XlsxPackage&&) noexcept;
  XlsxPackage& operator=(XlsxPackage&&) noexcept;
  ~XlsxPackage();

  // The stored name of the part (matched without regard to case, as OPC
  // part names are), or "" when the archive has no such entry.
  std::string find_part(const std::string& name) const;
  // Reads a part. `sheet` names the sheet in errors. With caps.max_rows > 0
  // the part is a worksheet: reading stops as soon as it has more <row>
  // elements than that or more <c> elements than caps.max_cells.
  Result<std::string> read_part(const std::string& name, const std::string& sheet = {}, PartCaps caps = {});
  // read_part in two steps: the checks and the stored bytes now, inflating
  // later (StoredPart::inflate).
  Result<StoredPart> fetch_part(const std::string& name, const std::string& sheet = {}, PartCaps caps = {});
  // _rels/.rels -> workbook -> its relationships -> sheets.
  Result<WorkbookEntry> workbook();
  const std::string& file_name() const;
  const XlsxLimits& limits() const;

 private:
  struct Impl;
  explicit XlsxPackage(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The most XML elements one part may have: a few per cell the workbook may
// have, plus room for the markup around them. Bounds the work (and, for
// parts read into a DOM, the memory) a small hostile part can cause.
std::size_t max_part_elements(const XlsxLimits& limits);

// Location::in_file(file) with the sheet set.
Location where(const std::string& file, const std::string& sheet = {});

// Parses `buffer` in place into `doc` (the buffer must outlive it) with the
// given pugixml options. Not well-formed XML is an error naming the part,
// pugixml's description and the byte offset; so is a DTD (<!DOCTYPE>),
// which no .xlsx part has.
Status parse_part_xml(pugi::xml_document& doc, std::string& buffer, unsigned int options, const std::string& file,
                      const std::string& part, const std::string& sheet = {});

// "x:row" -> "row"; SpreadsheetML written by some tools carries a prefix.
const char* local_name(const char* name);

}  // namespace detail

}  // namespace mamori::formats
