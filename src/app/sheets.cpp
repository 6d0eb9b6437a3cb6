#include "app/sheets.h"

#include <nlohmann/json.hpp>

#include "app/audited_write.h"
#include "app/authorize.h"
#include "app/sheet_access.h"
#include "app/sheet_catalog.h"
#include "app/sheet_response_evaluation.h"
#include "domain/text.h"
#include "formats/check_sheet_xlsx.h"
#include "store/ids.h"

namespace mamori::app {

using nlohmann::json;

namespace {

inline constexpr std::size_t kMaxShortText = 200;     // characters: titles, names
inline constexpr std::size_t kMaxDetailsText = 4000;  // characters: 取り扱う情報の詳細

std::optional<Error> text_problem(const std::string& field, const std::string& value, std::size_t max, bool required) {
  if (!domain::is_valid_utf8(value))
    return make_error(ErrorCode::invalid_input, "invalid", field + " is not valid UTF-8", Location::in_field(field));
  if (required && domain::fold_for_search(value).empty())
    return make_error(ErrorCode::invalid_input, "required", field + " is required / 入力してください",
                      Location::in_field(field));
  if (domain::utf8_length(value) > max)
    return make_error(ErrorCode::invalid_input, "too_long",
                      field + " is longer than " + std::to_string(max) + " characters / " + std::to_string(max) +
                          "文字以内にしてください",
                      Location::in_field(field));
  return std::nullopt;
}

std::optional<Error> date_problem(const std::string& value) {
  if (value.empty() || domain::is_iso_date(value)) return std::nullopt;
  return make_error(ErrorCode::invalid_input, "invalid_date", "due_date must be YYYY-MM-DD / 回答期限は YYYY-MM-DD で指定してください",
                    Location::in_field("due_date"));
}

std::optional<Error> classification_problem(const std::string& value) {
  if (domain::is_classification(value)) return std::nullopt;
  return make_error(ErrorCode::invalid_input, "not_allowed", "classification must be 3B, 3C, 2 or empty / 機密性は 3B・3C・2",
                    Location::in_field("classification"));
}

json sheet_summary(const store::Sheet& s) {
  return {{"title", s.title},
          {"template", s.template_id},
          {"counterparty", s.counterparty},
          {"service_name", s.service_name},
          {"due_date", s.due_date},
          {"classification", s.classification},
          {"status", domain::to_string(s.status)}};
}

}  // namespace

Result<store::Sheet> create_sheet(Services& services, const Caller& caller, const std::string& tenant_id,
                                  const NewSheet& input) {
  store::Sheet sheet;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    auto tpl = sheet_template(input.template_name);
    if (!tpl) return tpl.error();
    if (auto e = text_problem("title", input.title, kMaxShortText, true)) return *e;
    if (auto e = text_problem("counterparty", input.counterparty, kMaxShortText, false)) return *e;
    if (auto e = text_problem("service_name", input.service_name, kMaxShortText, false)) return *e;
    if (auto e = text_problem("information_details", input.information_details, kMaxDetailsText, false)) return *e;
    if (auto e = date_problem(input.due_date)) return *e;
    if (auto e = classification_problem(input.classification)) return *e;

    sheet.id = store::new_uuid_v7();
    sheet.tenant_id = tenant_id;
    sheet.title = input.title;
    sheet.template_id = tpl.value()->info.id;
    sheet.counterparty = input.counterparty;
    sheet.service_name = input.service_name;
    sheet.due_date = input.due_date;
    sheet.classification = input.classification;
    sheet.information_details = input.information_details;
    sheet.status = domain::SheetStatus::draft;
    sheet.created_by = caller.user_id.empty() ? caller.label() : caller.user_id;
    sheet.created_at = sheet.updated_at = store::utc_now();
    const auto items = items_from_template(*tpl.value());
    if (auto r = store::insert_sheet(tx, sheet); !r) return r;
    if (auto r = store::insert_sheet_items(tx, tenant_id, sheet.id, items); !r) return r;
    json details = sheet_summary(sheet);
    details["template_version"] = tpl.value()->info.version;
    details["items"] = items.size();
    return audit.record({tenant_id, "sheet.create", "sheet", sheet.id, "success", false, details.dump()});
  });
  if (!status) return status.error();
  return sheet;
}

Result<std::vector<store::Sheet>> list_sheets(Services& services, const Caller& caller, const std::string& tenant_id) {
  std::vector<store::Sheet> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) return scope.error();
    auto sheets = store::sheets_of_tenant(tx, tenant_id);
    if (!sheets) return sheets.error();
    out = std::move(sheets.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<SheetDetail> get_sheet(Services& services, const Caller& caller, const std::string& tenant_id,
                              const std::string& sheet_id) {
  SheetDetail out;
  const std::string today = today_in_japan();
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) return scope.error();
    auto found = sheet_with_items(tx, scope.value(), sheet_id);
    if (!found) return found.error();
    auto responses = summaries(tx, found->sheet, found->items, today);
    if (!responses) return responses.error();
    out.responses = std::move(responses.value());
    out.sheet = std::move(found->sheet);
    out.items = std::move(found->items);
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<store::Sheet> update_sheet(Services& services, const Caller& caller, const std::string& tenant_id,
                                  const std::string& sheet_id, const SheetUpdate& u) {
  store::Sheet out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    auto sheet = existing_sheet(tx, scope.value(), sheet_id);
    if (!sheet) return sheet.error();
    if (u.title)
      if (auto e = text_problem("title", *u.title, kMaxShortText, true)) return *e;
    if (u.counterparty)
      if (auto e = text_problem("counterparty", *u.counterparty, kMaxShortText, false)) return *e;
    if (u.service_name)
      if (auto e = text_problem("service_name", *u.service_name, kMaxShortText, false)) return *e;
    if (u.information_details)
      if (auto e = text_problem("information_details", *u.information_details, kMaxDetailsText, false)) return *e;
    if (u.due_date)
      if (auto e = date_problem(*u.due_date)) return *e;
    if (u.classification)
      if (auto e = classification_problem(*u.classification)) return *e;
    store::Sheet next = sheet.value();
    if (u.status) {
      auto to = domain::parse_sheet_status(*u.status);
      if (!to)
        return make_error(ErrorCode::invalid_input, "not_allowed", "status must be draft, sent or closed",
                          Location::in_field("status"));
      auto responses = store::responses_of_sheet(tx, tenant_id, sheet_id);
      if (!responses) return responses.error();
      if (auto p = domain::status_change_problem(next.status, *to, !responses->empty()))
        return rule_error(ErrorCode::conflict, *p);
      next.status = *to;
    }
    if (u.title) next.title = *u.title;
    if (u.counterparty) next.counterparty = *u.counterparty;
    if (u.service_name) next.service_name = *u.service_name;
    if (u.due_date) next.due_date = *u.due_date;
    if (u.classification) next.classification = *u.classification;
    if (u.information_details) next.information_details = *u.information_details;
    next.updated_at = store::utc_now();
    if (auto r = store::update_sheet(tx, next); !r) return r;
    out = next;
    return audit.record({tenant_id, "sheet.update", "sheet", sheet_id, "success", false,
                         json{{"before", sheet_summary(sheet.value())}, {"after", sheet_summary(next)}}.dump()});
  });
  if (!status) return status.error();
  return out;
}

Result<std::vector<ResponseSummary>> list_sheet_responses(Services& services, const Caller& caller,
                                                          const std::string& tenant_id, const std::string& sheet_id) {
  std::vector<ResponseSummary> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) return scope.error();
    auto found = sheet_with_items(tx, scope.value(), sheet_id);
    if (!found) return found.error();
    auto responses = summaries(tx, found->sheet, found->items, today_in_japan());
    if (!responses) return responses.error();
    out = std::move(responses.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Status delete_sheet(Services& services, const Caller& caller, const std::string& tenant_id, const std::string& sheet_id) {
  return audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    auto sheet = existing_sheet(tx, scope.value(), sheet_id);
    if (!sheet) return sheet.error();
    auto responses = store::responses_of_sheet(tx, tenant_id, sheet_id);
    if (!responses) return responses.error();
    if (auto r = store::delete_sheet(tx, tenant_id, sheet_id); !r) return r;
    json details = sheet_summary(sheet.value());
    details["responses_deleted"] = responses->size();
    return audit.record({tenant_id, "sheet.delete", "sheet", sheet_id, "success", false, details.dump()});
  });
}

Result<SheetFile> export_sheet_xlsx(Services& services, const Caller& caller, const std::string& tenant_id,
                                    const std::string& sheet_id) {
  store::Sheet sheet;
  std::vector<store::SheetItem> items;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) return scope.error();
    auto found = sheet_with_items(tx, scope.value(), sheet_id);
    if (!found) return found.error();
    sheet = std::move(found->sheet);
    items = std::move(found->items);
    return ok();
  });
  if (!status) return status.error();
  // Items 1 and 2 (information, ISMAP listing) are every sheet's: from the summary template.
  auto preamble = sheet_template("ismap-sheet-summary");
  if (!preamble) return preamble.error();
  formats::CheckSheetMeta meta;
  meta.title = sheet.title;
  meta.counterparty = sheet.counterparty;
  meta.service = sheet.service_name;
  meta.due_date = sheet.due_date;
  meta.classification = sheet.classification;
  meta.details = sheet.information_details;
  auto bytes = formats::check_sheet_xlsx_bytes(*preamble.value(), sheet_catalog(sheet, items, CatalogUse::writing), meta);
  if (!bytes) return bytes.error();
  return SheetFile{"mamori-sheet-" + sheet.id + ".xlsx", std::move(bytes.value())};
}

}  // namespace mamori::app
