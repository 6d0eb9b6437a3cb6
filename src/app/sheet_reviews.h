// Judging vendors' responses by the rule of seed 000, and the reviewer's
// part: accept or reject each alternative measure with a comment (the
// verdict follows, every decision is in the audit log); the evaluated sheet
// as an .xlsx report; several vendors side by side.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/services.h"
#include "app/sheet_evaluation.h"
#include "app/sheets.h"
#include "domain/error.h"
#include "store/sheet_repository.h"
#include "store/sheet_response_repository.h"

namespace mamori::app {

struct ResponseEvaluation {
  store::Sheet sheet;
  store::SheetResponse response;
  std::vector<store::SheetItem> items;
  std::vector<store::StoredReview> reviews;
  SheetReport report;  // the shape `mamori sheet evaluate` prints (app/sheet_report_json.h)
  std::string as_of;
};

// `as_of` YYYY-MM-DD, or "" for today in Japan.
Result<ResponseEvaluation> evaluate_response(Services& services, const Caller& caller, const std::string& tenant_id,
                                             const std::string& response_id, const std::string& as_of);

// Only on an item whose answer needs review, once the answers are handed
// in; `comment` is required. Returns the evaluation as of today.
Result<ResponseEvaluation> review_item(Services& services, const Caller& caller, const std::string& tenant_id,
                                       const std::string& response_id, const std::string& ref,
                                       const std::string& decision, const std::string& comment);

Result<SheetFile> response_report_xlsx(Services& services, const Caller& caller, const std::string& tenant_id,
                                       const std::string& response_id, const std::string& as_of);

struct Comparison {
  struct Item {
    std::string ref;
    std::string title;
    std::map<std::string, domain::ItemStatus> statuses;  // by response id
  };
  store::Sheet sheet;
  std::vector<Item> items;  // the judged questions, in order
  std::vector<ResponseSummary> responses;
  std::string as_of;
};
Result<Comparison> compare_responses(Services& services, const Caller& caller, const std::string& tenant_id,
                                     const std::string& sheet_id, const std::string& as_of);

}  // namespace mamori::app
