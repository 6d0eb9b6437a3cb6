// Responses arriving: an imported .xlsx, or an invitation to the web form;
// and reading them (a respondent only its own).
#include "app/sheet_responses.h"

#include <nlohmann/json.hpp>

#include <set>

#include "app/audited_write.h"
#include "app/auth.h"
#include "app/authorize.h"
#include "app/organisations.h"
#include "app/sheet_access.h"
#include "app/sheet_catalog.h"
#include "app/sheet_response_evaluation.h"
#include "domain/account_rules.h"
#include "domain/text.h"
#include "security/password_hash.h"
#include "store/ids.h"
#include "store/user_repository.h"

namespace mamori::app {

using nlohmann::json;

namespace {

std::optional<Error> name_problem(const std::string& field, const std::string& value, bool required) {
  if (!domain::is_valid_utf8(value))
    return make_error(ErrorCode::invalid_input, "invalid", field + " is not valid UTF-8", Location::in_field(field));
  if (required && domain::fold_for_search(value).empty())
    return make_error(ErrorCode::invalid_input, "required", field + " is required / 入力してください",
                      Location::in_field(field));
  if (domain::utf8_length(value) > 200)
    return make_error(ErrorCode::invalid_input, "too_long", field + " is longer than 200 characters / 200文字以内にしてください",
                      Location::in_field(field));
  return std::nullopt;
}

// The sheet a new response goes to, if it still takes responses.
Result<store::Sheet> open_sheet(store::Tx& tx, const TenantScope& scope, const std::string& sheet_id) {
  auto sheet = existing_sheet(tx, scope, sheet_id);
  if (!sheet) return sheet.error();
  if (auto p = domain::new_response_problem(sheet->status)) return rule_error(ErrorCode::conflict, *p);
  return sheet;
}

// Sending a sheet (as a file or an invitation) is what makes it sent.
Status mark_sent(store::Tx& tx, store::Sheet sheet) {
  if (sheet.status != domain::SheetStatus::draft) return ok();
  sheet.status = domain::SheetStatus::sent;
  sheet.updated_at = store::utc_now();
  return store::update_sheet(tx, sheet);
}

}  // namespace

Result<ResponseEvaluation> import_response(Services& services, const Caller& caller, const std::string& tenant_id,
                                           const std::string& sheet_id, const std::string& vendor_name,
                                           const std::string& file_name, const std::string& bytes,
                                           const std::string& as_of) {
  // Who may, and which questions: read first, so the file is parsed
  // outside the write lock.
  store::Sheet sheet;
  std::vector<store::SheetItem> items;
  auto read = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    auto found = sheet_with_items(tx, scope.value(), sheet_id);
    if (!found) return found.error();
    if (auto p = domain::new_response_problem(found->sheet.status)) return rule_error(ErrorCode::conflict, *p);
    sheet = std::move(found->sheet);
    items = std::move(found->items);
    return ok();
  });
  if (!read) return read.error();
  if (auto e = name_problem("vendor", vendor_name, true)) return *e;
  if (auto e = name_problem("file_name", file_name, false)) return *e;
  auto date = evaluation_date(as_of);
  if (!date) return date.error();
  const std::string name = file_name.empty() ? "response.xlsx" : file_name;

  // The sheet's own questions are the one template the file may follow.
  const domain::Catalog questions = sheet_catalog(sheet, items, CatalogUse::evaluating);
  auto read_file = evaluate_sheet_file(bytes, name, {&questions}, {}, date.value());
  if (!read_file) return read_file.error();
  auto& imported = read_file->imported;

  std::set<std::string> asked, dropped, headings;
  for (const auto& i : items) {
    if (i.kind == "group") headings.insert(i.ref);
    else if (i.asked()) asked.insert(i.ref);
    else dropped.insert(i.ref);
  }
  store::SheetResponse response;
  std::vector<store::StoredAnswer> answers;
  const std::string now = store::utc_now();
  for (const auto& item : imported.items) {
    if (headings.count(item.ref)) continue;  // a section heading (3, 4, 5 …) has no answer
    if (!asked.count(item.ref)) {
      imported.problems.push_back({item.answer_cell, "item " + item.ref +
                                                         (dropped.count(item.ref) ? " was dropped from this sheet"
                                                                                  : " is not a question of this sheet") +
                                                         "; not read"});
      continue;
    }
    answers.push_back({item.ref, item.given, item.answer_cell.sheet, item.answer_cell.row, item.answer_cell.column, now});
  }
  response.id = store::new_uuid_v7();
  response.tenant_id = tenant_id;
  response.sheet_id = sheet_id;
  response.vendor_name = vendor_name;
  response.source = "xlsx";
  response.status = domain::ResponseStatus::imported;
  response.listing = imported.listing;
  response.classification = imported.classification;
  response.details = imported.details;
  response.file_name = name;
  response.import_problems = problems_to_json(imported.problems);
  response.created_by = caller.user_id.empty() ? caller.label() : caller.user_id;
  response.created_at = response.updated_at = response.submitted_at = now;

  auto written = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    auto s = open_sheet(tx, scope.value(), sheet_id);
    if (!s) return s.error();
    if (auto r = store::insert_response(tx, response); !r) return r;
    for (const auto& a : answers)
      if (auto r = store::save_answer(tx, tenant_id, response.id, a); !r) return r;
    if (auto r = mark_sent(tx, s.value()); !r) return r;
    return audit.record({tenant_id, "sheet_response.import", "sheet_response", response.id, "success", false,
                         json{{"sheet_id", sheet_id},
                              {"vendor", vendor_name},
                              {"file_name", name},
                              {"sha256", store::sha256_hex(bytes)},
                              {"answers", answers.size()},
                              {"problems", imported.problems.size()}}
                             .dump()});
  });
  if (!written) return written.error();
  return evaluate_response(services, caller, tenant_id, response.id, date.value());
}

Result<Invitation> invite_respondent(Services& services, const Caller& caller, const std::string& tenant_id,
                                     const std::string& sheet_id, const std::string& vendor_name,
                                     const std::string& raw_email) {
  const std::string email = normalize_email(raw_email);
  // Authorise before judging the input: an outsider learns nothing.
  std::optional<store::User> existing;
  auto read = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    auto sheet = open_sheet(tx, scope.value(), sheet_id);
    if (!sheet) return sheet.error();
    auto user = store::find_user_by_email(tx, email);
    if (!user) return user.error();
    existing = user.value();
    return ok();
  });
  if (!read) return read.error();
  if (auto e = name_problem("vendor_name", vendor_name, true)) return *e;
  if (auto problem = domain::email_problem(email))
    return make_error(ErrorCode::invalid_input, "invalid", *problem, Location::in_field("email"));

  Invitation out;
  out.email = email;
  std::string hash;
  if (!existing) {
    // Hashing is slow (argon2id): before the write transaction.
    out.one_time_password = one_time_password();
    auto h = security::hash_password(out.one_time_password);
    if (!h) return h.error();
    hash = h.value();
    out.account_created = true;
  }
  const std::string display_name =
      domain::display_name_problem(vendor_name) ? email.substr(0, email.find('@')) : vendor_name;

  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    auto sheet = open_sheet(tx, scope.value(), sheet_id);
    if (!sheet) return sheet.error();
    // The account as it is now (another request may have made it since the read).
    auto now = store::find_user_by_email(tx, email);
    if (!now) return now.error();
    if (now.value().has_value() != existing.has_value())
      return make_error(ErrorCode::conflict, "changed_meanwhile", "the account changed meanwhile; try again",
                        Location::in_field("email"));
    std::string user_id;
    if (existing) {
      user_id = existing->id;
    } else {
      auto user = store::insert_user(tx, email, display_name, hash, true);
      if (!user) return user.error();
      user_id = user->id;
      if (auto r = audit.record({tenant_id, "user.create", "user", user_id, "success", true,
                                 json{{"email", email}, {"one_time_password", true}, {"for", "sheet invitation"}}.dump()});
          !r)
        return r;
    }
    auto membership = store::find_membership(tx, tenant_id, user_id);
    if (!membership) return membership.error();
    if (!membership.value()) {
      if (auto r = store::add_membership(tx, tenant_id, user_id, domain::Role::respondent); !r) return r;
      if (auto r = audit.record({tenant_id, "member.add", "membership", user_id, "success", true,
                                 json{{"user_id", user_id}, {"email", email}, {"role", "respondent"}}.dump()});
          !r)
        return r;
    } else if (membership.value()->role != domain::Role::respondent) {
      // A member with another role sees the organisation's records: a
      // vendor's person must not, so invitations go to respondents only.
      return make_error(ErrorCode::conflict, "member_not_respondent",
                        email + " is already a member with the role " + domain::to_string(membership.value()->role) +
                            "; invite a vendor's address / 既に別の役割のメンバーです",
                        Location::in_field("email"));
    }
    auto& r = out.response;
    r.id = store::new_uuid_v7();
    r.tenant_id = tenant_id;
    r.sheet_id = sheet_id;
    r.vendor_name = vendor_name;
    r.source = "web";
    r.status = domain::ResponseStatus::invited;
    r.respondent_user_id = user_id;
    r.created_by = caller.user_id.empty() ? caller.label() : caller.user_id;
    r.created_at = r.updated_at = store::utc_now();
    if (auto x = store::insert_response(tx, r); !x) return x;
    if (auto x = mark_sent(tx, sheet.value()); !x) return x;
    return audit.record({tenant_id, "sheet_response.invite", "sheet_response", r.id, "success", false,
                         json{{"sheet_id", sheet_id}, {"vendor", vendor_name}, {"email", email},
                              {"account_created", out.account_created}}
                             .dump()});
  });
  if (!status) return status.error();
  return out;
}

Result<std::vector<ResponseListEntry>> list_responses(Services& services, const Caller& caller,
                                                      const std::string& tenant_id) {
  std::vector<ResponseListEntry> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_responses);
    if (!scope) return scope.error();
    if (!is_respondent(scope.value()) && !domain::role_allows(scope->role(), domain::Action::read_records))
      return make_error(ErrorCode::forbidden, "role_lacks_permission", "the role may not read responses", Location{});
    auto responses = is_respondent(scope.value()) ? store::responses_of_respondent(tx, tenant_id, caller.user_id)
                                                  : store::responses_of_tenant(tx, tenant_id);
    if (!responses) return responses.error();
    for (auto& r : responses.value()) {
      auto sheet = store::find_sheet(tx, tenant_id, r.sheet_id);
      if (!sheet) return sheet.error();
      ResponseListEntry e{std::move(r), "", ""};
      if (sheet.value()) {
        e.sheet_title = sheet.value()->title;
        e.due_date = sheet.value()->due_date;
      }
      out.push_back(std::move(e));
    }
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<ResponseView> get_response(Services& services, const Caller& caller, const std::string& tenant_id,
                                  const std::string& response_id) {
  ResponseView out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_responses);
    if (!scope) return scope.error();
    auto response = visible_response(tx, scope.value(), response_id);
    if (!response) return response.error();
    auto sheet = existing_sheet(tx, scope.value(), response->sheet_id);
    if (!sheet) return sheet.error();
    auto items = store::sheet_items(tx, tenant_id, response->sheet_id);
    if (!items) return items.error();
    auto answers = store::answers_of_response(tx, tenant_id, response_id);
    if (!answers) return answers.error();
    auto evidence = store::evidence_of_response(tx, tenant_id, response_id);
    if (!evidence) return evidence.error();
    out.respondent_view = is_respondent(scope.value());
    if (!out.respondent_view) {
      auto reviews = store::reviews_of_response(tx, tenant_id, response_id);
      if (!reviews) return reviews.error();
      out.reviews = std::move(reviews.value());
    }
    for (auto& i : items.value())
      if (i.asked()) out.questions.push_back(std::move(i));
    for (auto& a : answers.value()) out.answers[a.ref] = std::move(a);
    out.sheet = std::move(sheet.value());
    out.response = std::move(response.value());
    out.evidence = std::move(evidence.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

}  // namespace mamori::app
