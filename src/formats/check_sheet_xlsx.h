// A check sheet as the .xlsx procurers send: laid out like seed 000 (title;
// section 1 with the classification and the ISMAP listing question; section
// 2 with the required items, an answer column with a ○/×/－ drop-down, the
// remarks/alternative column, ISMAP item name and number) and an
// instructions sheet. The same layout mamori reads back.
#pragma once

#include <string>

#include "domain/catalog.h"
#include "domain/error.h"

namespace mamori::formats {

struct CheckSheetMeta {
  std::string title = "別紙 クラウドサービス要件確認";
  std::string counterparty;  // the vendor it is sent to
  std::string service;
  std::string due_date;      // YYYY-MM-DD
  std::string classification;  // pre-filled 機密性, when the procurer knows it
  std::string details;         // pre-filled 取り扱う情報の詳細
};

// `preamble` is the summary template (its section 1: items 1 and 2);
// `questions` the template whose required items go into section 2 (summary
// or detailed, or a tailored copy).
Status write_check_sheet_xlsx(const domain::Catalog& preamble, const domain::Catalog& questions,
                              const CheckSheetMeta& meta, const std::string& path);

// The same workbook as bytes (a download).
Result<std::string> check_sheet_xlsx_bytes(const domain::Catalog& preamble, const domain::Catalog& questions,
                                           const CheckSheetMeta& meta);

}  // namespace mamori::formats
