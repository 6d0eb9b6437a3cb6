#include "app/sheet_access.h"

namespace mamori::app {

Error rule_error(ErrorCode code, const domain::SheetRuleProblem& p) {
  return make_error(code, p.reason, p.en + " / " + p.ja, Location::in_field(p.field));
}

bool is_respondent(const TenantScope& scope) { return scope.role() == domain::Role::respondent; }

Result<store::Sheet> existing_sheet(store::Tx& tx, const TenantScope& scope, const std::string& sheet_id) {
  auto sheet = store::find_sheet(tx, scope.tenant_id(), sheet_id);
  if (!sheet) return sheet.error();
  if (!sheet.value())
    return make_error(ErrorCode::not_found, "no_such_sheet", "no such check sheet / チェックシートが見つかりません",
                      Location::in_field("sheet"));
  return std::move(*sheet.value());
}

Result<SheetWithItems> sheet_with_items(store::Tx& tx, const TenantScope& scope, const std::string& sheet_id) {
  auto sheet = existing_sheet(tx, scope, sheet_id);
  if (!sheet) return sheet.error();
  auto items = store::sheet_items(tx, scope.tenant_id(), sheet_id);
  if (!items) return items.error();
  return SheetWithItems{std::move(sheet.value()), std::move(items.value())};
}

namespace {

Error no_such_response() {
  return make_error(ErrorCode::not_found, "no_such_response", "no such response / 回答が見つかりません",
                    Location::in_field("response"));
}

}  // namespace

Result<store::SheetResponse> visible_response(store::Tx& tx, const TenantScope& scope, const std::string& response_id) {
  auto response = store::find_response(tx, scope.tenant_id(), response_id);
  if (!response) return response.error();
  if (!response.value()) return no_such_response();
  if (is_respondent(scope) && response.value()->respondent_user_id != scope.caller().user_id) return no_such_response();
  return std::move(*response.value());
}

Result<store::SheetResponse> assigned_response(store::Tx& tx, const TenantScope& scope, const std::string& response_id) {
  auto response = visible_response(tx, scope, response_id);
  if (!response) return response.error();
  if (response->respondent_user_id.empty() || response->respondent_user_id != scope.caller().user_id)
    return make_error(ErrorCode::forbidden, "not_assigned",
                      "only the respondent the response is assigned to answers it / 回答できるのは割り当てられた回答者だけです",
                      Location::in_field("response"));
  return response;
}

}  // namespace mamori::app
