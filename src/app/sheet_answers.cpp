// The respondent's side of a web response: answers, items 1 and 2,
// evidence files, and submitting (which locks them).
#include <nlohmann/json.hpp>

#include <cctype>

#include "app/audited_write.h"
#include "app/authorize.h"
#include "app/sheet_access.h"
#include "app/sheet_responses.h"
#include "domain/sheet_answer.h"
#include "domain/sheet_workflow.h"
#include "domain/text.h"
#include "store/ids.h"

namespace mamori::app {

using nlohmann::json;

namespace {

inline constexpr std::size_t kMaxAnswerText = 4000;  // characters: an alternative measure or a reason

// The response the caller answers, its sheet, and whether it may still change.
struct Editable {
  store::SheetResponse response;
  store::Sheet sheet;
};
Result<Editable> editable_response(store::Tx& tx, const Caller& caller, const std::string& tenant_id,
                                   const std::string& response_id) {
  auto scope = authorize(tx, caller, tenant_id, domain::Action::answer_assigned_sheets);
  if (!scope) return scope.error();
  auto response = assigned_response(tx, scope.value(), response_id);
  if (!response) return response.error();
  auto sheet = existing_sheet(tx, scope.value(), response->sheet_id);
  if (!sheet) return sheet.error();
  if (auto p = domain::respondent_edit_problem(response->status, sheet->status)) return rule_error(ErrorCode::conflict, *p);
  return Editable{std::move(response.value()), std::move(sheet.value())};
}

// The asked question `ref` of the sheet, or not_found.
Status asked_question(store::Tx& tx, const std::string& tenant_id, const std::string& sheet_id, const std::string& ref) {
  auto items = store::sheet_items(tx, tenant_id, sheet_id);
  if (!items) return items.error();
  for (const auto& i : items.value())
    if (i.ref == ref && i.asked()) return ok();
  return make_error(ErrorCode::not_found, "no_such_item", "the sheet asks no item " + ref + " / 項番 " + ref + " はありません",
                    Location::in_field("ref"));
}

std::optional<Error> text_problem(const std::string& field, const std::string& value, std::size_t max) {
  if (!domain::is_valid_utf8(value))
    return make_error(ErrorCode::invalid_input, "invalid", field + " is not valid UTF-8", Location::in_field(field));
  if (domain::utf8_length(value) > max)
    return make_error(ErrorCode::invalid_input, "too_long",
                      field + " is longer than " + std::to_string(max) + " characters / " + std::to_string(max) +
                          "文字以内にしてください",
                      Location::in_field(field));
  return std::nullopt;
}

// A file name as shown and offered back on download: no directories, no
// control characters, 1 to 255 bytes.
std::optional<Error> file_name_problem(const std::string& name) {
  bool bad = name.empty() || name.size() > 255 || !domain::is_valid_utf8(name) || name == "." || name == "..";
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == '"') bad = true;
  if (!bad) return std::nullopt;
  return make_error(ErrorCode::invalid_input, "invalid",
                    "file_name must be 1 to 255 bytes without / \\ \" or control characters / ファイル名が不正です",
                    Location::in_field("file_name"));
}

// "type/subtype" (parameters dropped), lower case; octet-stream when odd.
std::string clean_content_type(const std::string& header) {
  std::string type = header.substr(0, header.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool ok = !type.empty() && type.size() <= 100 && type.find('/') != std::string::npos;
  for (char c : type)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '.' || c == '-' || c == '+' || c == '_')) ok = false;
  return ok ? type : "application/octet-stream";
}

}  // namespace

Result<AnswerSaved> save_answer(Services& services, const Caller& caller, const std::string& tenant_id,
                                const std::string& response_id, const std::string& ref, const std::string& answer,
                                const std::string& alternative) {
  AnswerSaved out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto e = editable_response(tx, caller, tenant_id, response_id);
    if (!e) return e.error();
    if (auto r = asked_question(tx, tenant_id, e->sheet.id, ref); !r) return r;
    auto value = domain::parse_answer_value(answer);
    if (!value || *value == domain::AnswerValue::unreadable)
      return make_error(ErrorCode::invalid_input, "not_allowed", "answer must be yes, no, na or blank",
                        Location::in_field("answer"));
    if (auto p = text_problem("alternative", alternative, kMaxAnswerText)) return *p;
    out.answer.ref = ref;
    out.answer.given = {*value, domain::answer_symbol(*value), alternative};
    out.answer.updated_at = store::utc_now();
    if (auto r = store::save_answer(tx, tenant_id, response_id, out.answer); !r) return r;
    auto response = e->response;
    response.status = domain::after_answer(response.status);
    response.updated_at = out.answer.updated_at;
    if (auto r = store::update_response(tx, response); !r) return r;
    out.status = response.status;
    return audit.record({tenant_id, "sheet_response.answer", "sheet_response", response_id, "success", false,
                         json{{"ref", ref}, {"answer", answer}, {"alternative", alternative}}.dump()});
  });
  if (!status) return status.error();
  return out;
}

Result<store::SheetResponse> update_response_form(Services& services, const Caller& caller,
                                                  const std::string& tenant_id, const std::string& response_id,
                                                  const ResponseFormUpdate& u) {
  store::SheetResponse out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto e = editable_response(tx, caller, tenant_id, response_id);
    if (!e) return e.error();
    if (u.classification && !domain::is_classification(*u.classification))
      return make_error(ErrorCode::invalid_input, "not_allowed", "classification must be 3B, 3C, 2 or empty",
                        Location::in_field("classification"));
    for (const auto& [field, value] : {std::pair{"details", &u.details}, std::pair{"listing_provider", &u.listing_provider},
                                       std::pair{"listing_service", &u.listing_service}})
      if (*value)
        if (auto p = text_problem(field, **value, field == std::string("details") ? kMaxAnswerText : 200)) return *p;
    std::optional<domain::AnswerValue> conformity;
    if (u.listing_conformity) {
      conformity = domain::parse_answer_value(*u.listing_conformity);
      if (!conformity || (*conformity != domain::AnswerValue::yes && *conformity != domain::AnswerValue::no &&
                          *conformity != domain::AnswerValue::blank))
        return make_error(ErrorCode::invalid_input, "not_allowed", "listing_conformity must be yes, no or blank",
                          Location::in_field("listing_conformity"));
    }
    if (u.listing_kind && !u.listing_kind->empty() && *u.listing_kind != "ISMAP" && *u.listing_kind != "ISMAP-LIU")
      return make_error(ErrorCode::invalid_input, "not_allowed", "listing_kind must be ISMAP, ISMAP-LIU or empty",
                        Location::in_field("listing_kind"));
    out = e->response;
    if (u.classification) out.classification = *u.classification;
    if (u.details) out.details = *u.details;
    if (conformity) out.listing.conformity = *conformity;
    if (u.listing_provider) out.listing.provider = *u.listing_provider;
    if (u.listing_service) out.listing.service = *u.listing_service;
    if (u.listing_kind) out.listing.kind = *u.listing_kind;
    out.status = domain::after_answer(out.status);
    out.updated_at = store::utc_now();
    if (auto r = store::update_response(tx, out); !r) return r;
    return audit.record({tenant_id, "sheet_response.update", "sheet_response", response_id, "success", false,
                         json{{"classification", out.classification},
                              {"listing",
                               {{"conformity", domain::to_string(out.listing.conformity)},
                                {"provider", out.listing.provider},
                                {"service", out.listing.service},
                                {"kind", out.listing.kind}}}}
                             .dump()});
  });
  if (!status) return status.error();
  return out;
}

Result<store::EvidenceInfo> upload_evidence(Services& services, const Caller& caller, const std::string& tenant_id,
                                            const std::string& response_id, const std::string& ref,
                                            const std::string& file_name, const std::string& content_type,
                                            const std::string& bytes) {
  store::EvidenceInfo out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto e = editable_response(tx, caller, tenant_id, response_id);
    if (!e) return e.error();
    if (!ref.empty())
      if (auto r = asked_question(tx, tenant_id, e->sheet.id, ref); !r) return r;
    if (auto p = file_name_problem(file_name)) return *p;
    if (bytes.empty())
      return make_error(ErrorCode::invalid_input, "required", "the file is empty / ファイルが空です", Location::in_field("body"));
    if (bytes.size() > kMaxEvidenceBytes)
      return make_error(ErrorCode::too_large, "body_too_large", "an evidence file may be at most 10 MiB",
                        Location::in_field("body"));
    auto existing = store::evidence_of_response(tx, tenant_id, response_id);
    if (!existing) return existing.error();
    if (existing->size() >= static_cast<std::size_t>(kMaxEvidenceFiles))
      return make_error(ErrorCode::conflict, "too_many_files",
                        "a response may have at most " + std::to_string(kMaxEvidenceFiles) + " evidence files",
                        Location::in_field("body"));
    out.id = store::new_uuid_v7();
    out.response_id = response_id;
    out.ref = ref;
    out.file_name = file_name;
    out.content_type = clean_content_type(content_type);
    out.size = static_cast<std::int64_t>(bytes.size());
    out.sha256 = store::sha256_hex(bytes);
    out.uploaded_by = caller.user_id;
    out.uploaded_at = store::utc_now();
    if (auto r = store::insert_evidence(tx, tenant_id, out, bytes); !r) return r;
    return audit.record({tenant_id, "sheet_response.evidence_add", "sheet_response", response_id, "success", false,
                         json{{"evidence_id", out.id},
                              {"ref", ref},
                              {"file_name", file_name},
                              {"size", out.size},
                              {"sha256", out.sha256}}
                             .dump()});
  });
  if (!status) return status.error();
  return out;
}

Result<std::vector<store::EvidenceInfo>> list_evidence(Services& services, const Caller& caller,
                                                       const std::string& tenant_id, const std::string& response_id) {
  std::vector<store::EvidenceInfo> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_responses);
    if (!scope) return scope.error();
    auto response = visible_response(tx, scope.value(), response_id);
    if (!response) return response.error();
    auto files = store::evidence_of_response(tx, tenant_id, response_id);
    if (!files) return files.error();
    out = std::move(files.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<store::EvidenceFile> download_evidence(Services& services, const Caller& caller, const std::string& tenant_id,
                                              const std::string& response_id, const std::string& evidence_id) {
  std::optional<store::EvidenceFile> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_responses);
    if (!scope) return scope.error();
    auto response = visible_response(tx, scope.value(), response_id);
    if (!response) return response.error();
    auto file = store::find_evidence(tx, tenant_id, response_id, evidence_id);
    if (!file) return file.error();
    if (!file.value())
      return make_error(ErrorCode::not_found, "no_such_evidence", "no such evidence file / 証跡ファイルが見つかりません",
                        Location::in_field("evidence"));
    out = std::move(file.value());
    return ok();
  });
  if (!status) return status.error();
  return std::move(*out);
}

Result<store::SheetResponse> submit_response(Services& services, const Caller& caller, const std::string& tenant_id,
                                             const std::string& response_id) {
  store::SheetResponse out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto e = editable_response(tx, caller, tenant_id, response_id);
    if (!e) return e.error();
    auto answers = store::answers_of_response(tx, tenant_id, response_id);
    if (!answers) return answers.error();
    out = e->response;
    out.status = domain::ResponseStatus::submitted;
    out.updated_at = out.submitted_at = store::utc_now();
    if (auto r = store::update_response(tx, out); !r) return r;
    return audit.record({tenant_id, "sheet_response.submit", "sheet_response", response_id, "success", false,
                         json{{"answers", answers->size()}}.dump()});
  });
  if (!status) return status.error();
  return out;
}

}  // namespace mamori::app
