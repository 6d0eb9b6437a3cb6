// Internal to the sheet use cases: the rule of seed 000 (domain::evaluate_sheet)
// applied to a response as stored — its answers, item 1 and 2, the
// reviewers' decisions — against the organisation's service list. Imported
// and web responses are judged by exactly the same code.
#pragma once

#include <string>
#include <vector>

#include "app/sheet_evaluation.h"
#include "app/sheets.h"
#include "store/sheet_repository.h"
#include "store/sheet_response_repository.h"

namespace mamori::store {
class Tx;
}

namespace mamori::app {

struct StoredResponse {
  store::SheetResponse response;
  std::vector<store::StoredAnswer> answers;
  std::vector<store::StoredReview> reviews;
};

// Pure. The classification the procurer set on the sheet wins over what the
// vendor wrote in item 1: the procurer knows what it will store.
SheetReport evaluate_stored(const store::Sheet& sheet, const std::vector<store::SheetItem>& items,
                            const StoredResponse& stored, const std::vector<domain::ServiceListing>& service_list,
                            const std::string& as_of);

Result<StoredResponse> load_response(store::Tx& tx, const std::string& tenant_id, store::SheetResponse response);

// Loads what the evaluation needs (answers, reviews, the service list) and evaluates.
Result<SheetReport> evaluate_in(store::Tx& tx, const store::Sheet& sheet, const std::vector<store::SheetItem>& items,
                                const store::SheetResponse& response, const std::string& as_of);

// Every response of the sheet, evaluated (the service list read once).
struct EvaluatedResponse {
  store::SheetResponse response;
  SheetReport report;
};
Result<std::vector<EvaluatedResponse>> evaluate_sheet_responses(store::Tx& tx, const store::Sheet& sheet,
                                                                const std::vector<store::SheetItem>& items,
                                                                const std::string& as_of);

// Their verdicts and counts, for lists and the sheet page.
Result<std::vector<ResponseSummary>> summaries(store::Tx& tx, const store::Sheet& sheet,
                                               const std::vector<store::SheetItem>& items, const std::string& as_of);

// "YYYY-MM-DD" as given, today in Japan when empty; invalid_input naming
// `field` otherwise.
Result<std::string> evaluation_date(const std::string& as_of, const std::string& field = "as_of");

// Import problems as stored with the response (JSON text) and back.
std::string problems_to_json(const std::vector<formats::ImportProblem>& problems);
std::vector<formats::ImportProblem> problems_from_json(const std::string& text);

}  // namespace mamori::app
