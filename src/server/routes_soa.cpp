// Statements of Applicability (適用宣言書), one per cloud service: list,
// create for a service, one with its rows and findings, change rows in bulk,
// approve (a new version), versions, the diff of two versions (or the
// draft), and the .xlsx export. Handlers pass {org} to the app use cases,
// which authorise (app/authorize.h); `action` here documents the permission
// for the OpenAPI document and the tests.
#include <charconv>

#include "app/soa.h"
#include "app/soa_json.h"
#include "server/route_fields.h"
#include "server/routes.h"
#include "server/sheet_views.h"

namespace mamori::server {

using nlohmann::json;

namespace {

using fields::text;

Route make(std::string method, std::string path, std::string summary, domain::Action action) {
  return fields::org_route("soa", std::move(method), std::move(path), std::move(summary), action);
}

const std::string& org(RequestContext& rc) { return rc.request.params.at("org"); }
const std::string& soa_id(RequestContext& rc) { return rc.request.params.at("soa_id"); }

// One element of PATCH …/rows: checked with the same FieldSpec machinery as
// every body (byte limits 4x the domain's character limits, so the domain's
// message is the one people see for text that is merely long).
std::vector<FieldSpec> row_spec() {
  FieldSpec evidence;
  evidence.name = "evidence";
  evidence.type = FieldType::string_list;
  evidence.max_items = domain::kMaxSoaEvidenceItems;
  evidence.max_length = 4 * domain::kMaxSoaEvidenceChars;
  evidence.description = "documents, records or URLs that show it";
  return {text("catalog_key", true, 64, "iso27001-2022 | iso27017-2015 | ismap-2024"),
          text("ref", true, 64, "the control, e.g. 5.2, CLD.6.3.1, 12.1.2.4.B"),
          fields::choice("applicable", false, {"yes", "no", "unevaluated"}, "whether the control is applicable"),
          text("reason", false, 4 * domain::kMaxSoaReasonChars,
               "why (required when not applicable; for a .B/.PB item not implemented, the alternative measure)"),
          fields::choice("status", false, {"unset", "implemented", "partial", "planned", "not_implemented"},
                         "implementation status (unset for a control that is not applicable)"),
          evidence};
}

Error with_field(Error e, const std::string& prefix) {
  e.where.field = e.where.field.empty() ? prefix : prefix + "." + e.where.field;
  if (e.message.find(prefix) == std::string::npos) e.message = prefix + ": " + e.message;
  return e;
}

// {"rows": [{catalog_key, ref, applicable?, reason?, status?, evidence?}, …]}
Result<std::vector<app::SoaRowEdit>> parse_row_edits(const std::string& body) {
  const json doc = json::parse(body, nullptr, false);
  if (doc.is_discarded())
    return make_error(ErrorCode::invalid_input, "malformed_json", "the body is not valid JSON", Location::in_field("body"));
  if (!doc.is_object())
    return make_error(ErrorCode::invalid_input, "type", "the body must be a JSON object {\"rows\": [...]}",
                      Location::in_field("body"));
  for (const auto& [key, value] : doc.items())
    if (key != "rows")
      return make_error(ErrorCode::invalid_input, "unknown_field", "unknown field " + key, Location::in_field(key));
  if (!doc.contains("rows") || !doc["rows"].is_array())
    return make_error(ErrorCode::invalid_input, "required", "rows must be a list of row changes",
                      Location::in_field("rows"));
  const json& rows = doc["rows"];
  if (rows.size() > app::kMaxSoaRowEditsPerCall)
    return make_error(ErrorCode::invalid_input, "too_many",
                      "at most " + std::to_string(app::kMaxSoaRowEditsPerCall) + " rows per request",
                      Location::in_field("rows"));
  static const std::vector<FieldSpec> spec = row_spec();
  std::vector<app::SoaRowEdit> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::string where = "rows[" + std::to_string(i) + "]";
    if (!rows[i].is_object())
      return make_error(ErrorCode::invalid_input, "invalid", where + " must be an object", Location::in_field(where));
    auto input = parse_body(rows[i].dump(), spec);
    if (!input) return with_field(input.error(), where);
    const JsonInput& in = input.value();
    app::SoaRowEdit e;
    e.catalog_key = in.text("catalog_key");
    e.ref = in.text("ref");
    if (auto a = in.optional_text("applicable")) e.applicable = domain::parse_applicability(*a);
    e.reason = in.optional_text("reason");
    if (auto s = in.optional_text("status")) e.status = domain::parse_implementation_status(*s);
    e.evidence = in.string_list("evidence");
    out.push_back(std::move(e));
  }
  return out;
}

// "draft" -> 0, "3" -> 3; anything else is invalid_input naming the field.
Result<int> parse_side(const std::string& text, const char* field) {
  if (text == "draft") return 0;
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1)
    return make_error(ErrorCode::invalid_input, "invalid", std::string(field) + " must be a version number or draft",
                      Location::in_field(field));
  return value;
}

}  // namespace

void add_soa_routes(std::vector<Route>& routes) {
  using A = domain::Action;
  const std::string base = "/api/v1/orgs/{org}/soas";
  {
    Route r = make("GET", base,
                   "Statements of Applicability: one per cloud service, with role, latest version and finding counts",
                   A::read_records);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto list = app::list_soas(rc.server.services, rc.caller, org(rc));
      if (!list) return list.error();
      json out = json::array();
      for (const auto& v : list.value()) out.push_back(app::soa_summary_json(v));
      return json_response(200, out);
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", base,
                   "Create the SoA of a cloud service: a row per control its role must consider, not yet evaluated",
                   A::write_records);
    r.accepts_body = true;
    r.body = {text("service_id", true, 64, "the cloud service (one SoA per service)")};
    r.success_status = 201;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto created = app::create_soa(rc.server.services, rc.caller, org(rc), rc.body.text("service_id"));
      if (!created) return created.error();
      return json_response(201, app::soa_json(created.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", base + "/{soa_id}", "One SoA: the draft's rows (with linked treatments) and its findings",
                   A::read_records);
    r.cacheable = true;  // server/response_cache.h
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto found = app::get_soa(rc.server.services, rc.caller, org(rc), soa_id(rc));
      if (!found) return found.error();
      return json_response(200, app::soa_json(found.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("PATCH", base + "/{soa_id}/rows",
                   "Change draft rows in bulk: {\"rows\": [{catalog_key, ref, applicable?, reason?, status?, "
                   "evidence?}]}; all or none; findings do not stop a save",
                   A::write_records);
    // A list of objects: read here with the row FieldSpecs (route_fields has
    // no object-list type), so the body comes as it was sent.
    r.raw_body_types = {"application/json"};
    r.max_body_bytes = 2 * 1024 * 1024;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto edits = parse_row_edits(rc.request.body);
      if (!edits) {
        // Access is refused before the body is judged: an outsider or a
        // reader learns nothing from a 400.
        if (auto allowed = app::authorize_soa_write(rc.server.services, rc.caller, org(rc)); !allowed)
          return allowed.error();
        return edits.error();
      }
      auto changed = app::change_soa_rows(rc.server.services, rc.caller, org(rc), soa_id(rc), edits.value());
      if (!changed) return changed.error();
      return json_response(200, app::soa_json(changed.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", base + "/{soa_id}/approve",
                   "Approve the draft as the next version (refused while findings of severity error remain)",
                   A::approve_records);
    r.accepts_body = true;
    r.body = {text("comment", false, 4 * app::kMaxSoaCommentChars, "approval comment, kept with the version")};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto approved = app::approve_soa(rc.server.services, rc.caller, org(rc), soa_id(rc), rc.body.text("comment"));
      if (!approved) return approved.error();
      return json_response(200, app::soa_json(approved.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", base + "/{soa_id}/versions", "Every approved version, oldest first, with its findings",
                   A::read_records);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto versions = app::list_soa_versions(rc.server.services, rc.caller, org(rc), soa_id(rc));
      if (!versions) return versions.error();
      json out = json::array();
      for (const auto& v : versions.value()) out.push_back(app::soa_version_json(v));
      return json_response(200, out);
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", base + "/{soa_id}/diff",
                   "Rows added, removed and changed between two versions (default: the latest version and the draft)",
                   A::read_records);
    r.query = {text("from", false, 12, "a version number or draft (default: the latest version)"),
               text("to", false, 12, "a version number or draft (default: draft)")};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto to = parse_side(rc.query.text("to", "draft"), "to");
      if (!to) return to.error();
      int from_version = 0;
      if (auto from = rc.query.optional_text("from")) {
        auto parsed = parse_side(*from, "from");
        if (!parsed) return parsed.error();
        from_version = parsed.value();
      } else {
        auto soa = app::get_soa(rc.server.services, rc.caller, org(rc), soa_id(rc));
        if (!soa) return soa.error();
        if (soa->soa.approved_version == 0)
          return make_error(ErrorCode::conflict, "no_version", "no version is approved yet: nothing to compare with",
                            Location::in_field("from"));
        from_version = soa->soa.approved_version;
      }
      auto diff = app::compare_soa(rc.server.services, rc.caller, org(rc), soa_id(rc), from_version, to.value());
      if (!diff) return diff.error();
      return json_response(200, app::soa_comparison_json(diff.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", base + "/{soa_id}/export.xlsx",
                   "The SoA as .xlsx (the draft, or ?version=N), with its findings sheet", A::read_records);
    r.query = {text("version", false, 12, "a version number or draft (default: draft)")};
    r.response_type = kXlsxType;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto version = parse_side(rc.query.text("version", "draft"), "version");
      if (!version) return version.error();
      auto file = app::export_soa_xlsx(rc.server.services, rc.caller, org(rc), soa_id(rc), version.value());
      if (!file) return file.error();
      return download(std::move(file->bytes), kXlsxType, file->file_name);
    };
    routes.push_back(r);
  }
}

}  // namespace mamori::server
