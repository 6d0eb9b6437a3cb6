// Internal to the sheet use cases: finding a sheet or a response the
// caller may touch, after authorize(). A respondent sees only the responses
// assigned to it; anything else does not exist for it (not_found, like
// another organisation's data).
#pragma once

#include <string>
#include <vector>

#include "app/authorize.h"
#include "domain/sheet_tailoring.h"
#include "store/sheet_repository.h"
#include "store/sheet_response_repository.h"

namespace mamori::app {

// A broken sheet rule as an Error: the field, the reason code and both
// languages ("English / 日本語").
Error rule_error(ErrorCode code, const domain::SheetRuleProblem& problem);

Result<store::Sheet> existing_sheet(store::Tx& tx, const TenantScope& scope, const std::string& sheet_id);

// The sheet and its own copy of the questions, as most sheet use cases need them.
struct SheetWithItems {
  store::Sheet sheet;
  std::vector<store::SheetItem> items;
};
Result<SheetWithItems> sheet_with_items(store::Tx& tx, const TenantScope& scope, const std::string& sheet_id);

// For reading: every reader sees every response, a respondent its own.
Result<store::SheetResponse> visible_response(store::Tx& tx, const TenantScope& scope, const std::string& response_id);

// For answering: only the person it is assigned to (forbidden for an admin
// who can see it but is not its respondent).
Result<store::SheetResponse> assigned_response(store::Tx& tx, const TenantScope& scope, const std::string& response_id);

bool is_respondent(const TenantScope& scope);

}  // namespace mamori::app
