// Vendors' responses to a sheet in the database: the response, its answers,
// the reviewers' decisions and the evidence files. Every function takes the
// organisation (tenant) from the caller's authorised scope.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/sheet_evaluation.h"
#include "domain/sheet_workflow.h"

namespace mamori::store {

class Tx;

struct SheetResponse {
  std::string id;
  std::string tenant_id;
  std::string sheet_id;
  std::string vendor_name;
  std::string source;  // web | xlsx
  domain::ResponseStatus status = domain::ResponseStatus::invited;
  std::string respondent_user_id;  // "" for imported responses
  domain::ListingClaim listing;    // item 2
  std::string classification;      // as answered (item 1)
  std::string details;
  std::string file_name;           // the imported .xlsx
  std::string import_problems = "[]";  // JSON array: what the import could not read, with its place
  std::string created_by;
  std::string created_at;
  std::string updated_at;
  std::string submitted_at;
};

struct StoredAnswer {
  std::string ref;
  domain::GivenAnswer given;
  // The answer cell of an imported file (row 0 when typed in the web form).
  std::string cell_sheet;
  int cell_row = 0;
  int cell_column = 0;
  std::string updated_at;
};

struct StoredReview {
  std::string ref;
  domain::ReviewDecision decision = domain::ReviewDecision::none;
  std::string comment;
  std::string reviewer_user_id;
  std::string reviewer;  // how the audit log names them
  std::string decided_at;
};

struct EvidenceInfo {
  std::string id;
  std::string response_id;
  std::string ref;  // the item it supports, or "" for the whole response
  std::string file_name;
  std::string content_type;
  std::int64_t size = 0;
  std::string sha256;
  std::string uploaded_by;
  std::string uploaded_at;
};

Status insert_response(Tx& tx, const SheetResponse& response);
// Everything but id, tenant, sheet, source and created_*.
Status update_response(Tx& tx, const SheetResponse& response);
Result<std::optional<SheetResponse>> find_response(Tx& tx, const std::string& tenant_id, const std::string& response_id);
Result<std::vector<SheetResponse>> responses_of_sheet(Tx& tx, const std::string& tenant_id, const std::string& sheet_id);
// Newest first.
Result<std::vector<SheetResponse>> responses_of_tenant(Tx& tx, const std::string& tenant_id);
Result<std::vector<SheetResponse>> responses_of_respondent(Tx& tx, const std::string& tenant_id,
                                                           const std::string& respondent_user_id);
Status delete_responses_of_sheet(Tx& tx, const std::string& tenant_id, const std::string& sheet_id);

// Inserts or replaces the answer to one item.
Status save_answer(Tx& tx, const std::string& tenant_id, const std::string& response_id, const StoredAnswer& answer);
Result<std::vector<StoredAnswer>> answers_of_response(Tx& tx, const std::string& tenant_id, const std::string& response_id);

Status save_review(Tx& tx, const std::string& tenant_id, const std::string& response_id, const StoredReview& review);
Result<std::vector<StoredReview>> reviews_of_response(Tx& tx, const std::string& tenant_id, const std::string& response_id);

Status insert_evidence(Tx& tx, const std::string& tenant_id, const EvidenceInfo& info, const std::string& bytes);
Result<std::vector<EvidenceInfo>> evidence_of_response(Tx& tx, const std::string& tenant_id, const std::string& response_id);
struct EvidenceFile {
  EvidenceInfo info;
  std::string bytes;
};
Result<std::optional<EvidenceFile>> find_evidence(Tx& tx, const std::string& tenant_id, const std::string& response_id,
                                                  const std::string& evidence_id);

}  // namespace mamori::store
