// Reading a returned check sheet, whatever its layout: every sheet is read;
// a header row (項番 + 適合状況 / 概要要件 / 機密性 …) can be anywhere and
// starts a table whose columns are found by their header text, in any order;
// merged cells read as they look; blank rows and section titles are
// skipped. What cannot be read is listed with sheet, row and column.
#pragma once

#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/sheet_evaluation.h"
#include "formats/service_list.h"
#include "formats/xlsx_reader.h"

namespace mamori::formats {

struct ImportedItem {
  std::string ref;          // "5-20", "12.2.1", "9.4.2.2.B"
  domain::GivenAnswer given;
  std::string ismap_ref;    // from the ISMAP管理基準番号 column, if any
  std::string title;
  std::string requirement;
  Location answer_cell;     // where the answer is (for reports and write-back)
  Location remarks_cell;    // where the alternative measure is (column 0 when there is no such column)
};

struct ImportedCheckSheet {
  std::vector<ImportedItem> items;  // file order; each ref once (the first)
  std::string classification;       // "3B" | "3C" | "2" | ""
  std::string details;              // 取り扱う情報の詳細
  domain::ListingClaim listing;     // item 2
  std::vector<ImportProblem> problems;
};

// Fails only when no check-sheet table is found at all.
Result<ImportedCheckSheet> import_check_sheet(const XlsxWorkbook& book, const std::string& file_name);

}  // namespace mamori::formats
