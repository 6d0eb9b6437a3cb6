// Reading a worksheet's cells and the shared-string table straight from
// their XML with the pull tokenizer (xml_pull.h), without a DOM: the part
// of read_xlsx that sees every cell. Parts that are not UTF-8 (UTF-16, or
// declared as another encoding) are converted through pugixml first.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "domain/error.h"
#include "formats/xlsx_reader.h"

namespace mamori::formats::detail {

// What the sheets read so far used of the workbook-wide limits.
struct SheetBudget {
  std::size_t cells_used = 0;
  std::size_t merged_rows_used = 0;
};

// The text of each <si>, in order. `xml` is the part's content (it may be
// rewritten in place); `part` names it in errors.
Result<std::vector<std::string>> scan_shared_strings(std::string& xml, const std::string& file,
                                                     const std::string& part);

// Fills sheet.cells, merged, merged_rows, max_row and max_column from the
// worksheet part `xml` (sheet.part names it in errors).
Status scan_worksheet(XlsxSheet& sheet, std::string& xml, const std::vector<std::string>& shared,
                      const std::string& file, const XlsxLimits& limits, SheetBudget& budget);

// Excel's _xHHHH_ escapes decoded (see the .cpp).
std::string decode_xstring(std::string_view s);

}  // namespace mamori::formats::detail
