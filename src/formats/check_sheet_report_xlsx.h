// The evaluated check sheet as an .xlsx a procurer files and circulates:
// the verdict and its ground, warnings, and every item with the vendor's
// answer, the alternative measure, a status column (適合 / 要確認 / 不適合,
// with English) coloured per status, and the reviewer's decision.
#pragma once

#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/sheet_evaluation.h"

namespace mamori::formats {

struct ReportItem {
  std::string ref;
  std::string ismap_ref;
  std::string title;
  std::string requirement;
  std::string answer;       // as the sheet shows it: ○ × －, or "" (unanswered)
  std::string written;      // what was written when it could not be read
  std::string alternative;  // 備考: the alternative measure or the reason
  domain::ItemStatus status = domain::ItemStatus::unmet;
  domain::Review review;
  std::string reviewer;
  std::string decided_at;
};

struct CheckSheetReport {
  std::string sheet_title;
  std::string vendor;
  std::string service;
  std::string as_of;
  std::string template_id;
  std::string classification;  // 3B | 3C | 2 | ""
  domain::Verdict verdict = domain::Verdict::nonconforming;
  bool by_listing = false;
  std::string listing;  // one line: what item 2 claims and what the list says
  std::vector<domain::SheetWarning> warnings;
  int met = 0, needs_review = 0, unmet = 0;
  std::vector<ReportItem> items;
  std::vector<std::string> problems;  // "sheet 回答, row 12, column D: …"
};

// "適合 / met", "要確認 / needs review", "不適合 / unmet"
std::string status_label(domain::ItemStatus status);
// "適合 / conforming", "条件付き適合 / conditional", "不適合 / nonconforming"
std::string verdict_label(domain::Verdict verdict);

inline constexpr const char* kReportStatusHeader = "判定 / Status";

Result<std::string> check_sheet_report_xlsx(const CheckSheetReport& report);

}  // namespace mamori::formats
