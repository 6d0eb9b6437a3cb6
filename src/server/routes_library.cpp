// The answer library (回答マスタ) of an organisation: list, create, change
// (a new version with a reason), approve, retire, versions. Handlers pass
// {org} to the app use cases, which authorise (app/authorize.h); `action`
// here documents the permission for the OpenAPI document and the tests.
#include "app/answer_json.h"
#include "app/library.h"
#include "app/sheet_evaluation.h"
#include "server/route_fields.h"
#include "server/routes.h"

namespace mamori::server {

using nlohmann::json;

namespace {

using fields::text;

Route make(std::string method, std::string path, std::string summary, domain::Action action) {
  return fields::org_route("library", std::move(method), std::move(path), std::move(summary), action);
}

FieldSpec list(std::string name, std::size_t max_item_bytes, std::string description) {
  FieldSpec f;
  f.name = std::move(name);
  f.type = FieldType::string_list;
  f.max_length = max_item_bytes;
  f.max_items = domain::kMaxLibraryListItems;
  f.description = std::move(description);
  return f;
}

FieldSpec answer_field(bool required) {
  FieldSpec f = text("answer", required, 8, "yes (○) | no (×, give the alternative measure) | na (－, give the reason)");
  f.one_of = {"yes", "no", "na"};
  return f;
}

// The content fields, as POST takes them (byte limits are 4x the character
// limits the domain checks, so the domain's message is the one people see).
std::vector<FieldSpec> content_fields(bool create) {
  return {text("catalog_key", false, 64, "the catalog of the item answered, e.g. ismap-2024 (omit for a free question)"),
          text("ref", false, 64, "the item answered, e.g. 12.2"),
          text("question", create, 4 * domain::kMaxLibraryQuestionChars, "the question in its canonical wording"),
          answer_field(create),
          text("explanation", false, 4 * domain::kMaxLibraryExplanationChars,
               "what is done; for no the alternative measure, for na the reason"),
          list("evidence", 4 * domain::kMaxEvidenceChars, "documents, URLs or clauses that show it"),
          list("scope_services", 4 * domain::kMaxScopeNameChars,
               "the services it holds for (empty: all; 条件付き回答 when limited)"),
          list("scope_plans", 4 * domain::kMaxScopeNameChars, "the plans it holds for (empty: all)"),
          text("owner", false, 800, "who keeps the answer true"),
          text("review_due", false, 10, "next review date YYYY-MM-DD")};
}

domain::LibraryAnswer content_from(const JsonInput& b) {
  domain::LibraryAnswer a;
  a.catalog_key = b.text("catalog_key");
  a.ref = b.text("ref");
  a.question = b.text("question");
  a.answer = domain::parse_answer_value(b.text("answer")).value_or(domain::AnswerValue::yes);
  a.explanation = b.text("explanation");
  a.evidence = b.string_list("evidence").value_or(std::vector<std::string>{});
  a.scope.services = b.string_list("scope_services").value_or(std::vector<std::string>{});
  a.scope.plans = b.string_list("scope_plans").value_or(std::vector<std::string>{});
  a.owner = b.text("owner");
  a.review_due = b.text("review_due");
  return a;
}

const std::string& org(RequestContext& rc) { return rc.request.params.at("org"); }
const std::string& answer_id(RequestContext& rc) { return rc.request.params.at("answer_id"); }

json view(const store::StoredLibraryAnswer& s) { return app::library_answer_json(s, app::today_in_japan()); }

}  // namespace

void add_library_routes(std::vector<Route>& routes) {
  using A = domain::Action;
  const std::string base = "/api/v1/orgs/{org}/library";
  {
    Route r = make("GET", base, "The answer library (回答マスタ): every answer, its latest version", A::library_read);
    FieldSpec status = text("status", false, 16, "draft | approved | retired");
    status.one_of = {"draft", "approved", "retired"};
    r.query = {status, text("catalog_key", false, 64, "only answers to this catalog's items"),
               text("ref", false, 64, "only answers to this item")};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      store::LibraryFilter filter{rc.query.text("status"), rc.query.text("catalog_key"), rc.query.text("ref")};
      auto list = app::list_library_answers(rc.server.services, rc.caller, org(rc), filter);
      if (!list) return list.error();
      const std::string today = app::today_in_japan();
      json out = json::array();
      for (const auto& a : list.value()) out.push_back(app::library_answer_json(a, today));
      return json_response(200, out);
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", base, "Add an answer (a draft, version 1; approve it to use it)", A::library_write);
    r.accepts_body = true;
    r.body = content_fields(true);
    r.body.push_back(text("reason", false, 4000, "why (kept with version 1)"));
    r.max_body_bytes = 512 * 1024;
    r.success_status = 201;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto created =
          app::create_library_answer(rc.server.services, rc.caller, org(rc), content_from(rc.body), rc.body.text("reason"));
      if (!created) return created.error();
      return json_response(201, view(created.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", base + "/{answer_id}", "One answer", A::library_read);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto found = app::get_library_answer(rc.server.services, rc.caller, org(rc), answer_id(rc));
      if (!found) return found.error();
      return json_response(200, view(found.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("PATCH", base + "/{answer_id}",
                   "Change an answer: the fields given; saves a new version (a draft until approved) with the reason",
                   A::library_write);
    r.accepts_body = true;
    r.body = content_fields(false);
    r.body.push_back(text("reason", true, 4000, "why the answer changes"));
    r.max_body_bytes = 512 * 1024;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      const JsonInput& b = rc.body;
      app::LibraryChange c;
      c.catalog_key = b.optional_text("catalog_key");
      c.ref = b.optional_text("ref");
      c.question = b.optional_text("question");
      if (auto a = b.optional_text("answer")) c.answer = domain::parse_answer_value(*a);
      c.explanation = b.optional_text("explanation");
      c.evidence = b.string_list("evidence");
      c.scope_services = b.string_list("scope_services");
      c.scope_plans = b.string_list("scope_plans");
      c.owner = b.optional_text("owner");
      c.review_due = b.optional_text("review_due");
      c.reason = b.text("reason");
      auto changed = app::change_library_answer(rc.server.services, rc.caller, org(rc), answer_id(rc), c);
      if (!changed) return changed.error();
      return json_response(200, view(changed.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", base + "/{answer_id}/approve", "Approve the latest version: it answers sheets from now on",
                   A::library_approve);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto approved = app::approve_library_answer(rc.server.services, rc.caller, org(rc), answer_id(rc));
      if (!approved) return approved.error();
      return json_response(200, view(approved.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", base + "/{answer_id}/retire", "Retire an answer: it no longer answers sheets; kept for the record",
                   A::library_approve);
    r.accepts_body = true;
    r.body = {text("reason", false, 4000, "why")};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto retired =
          app::retire_library_answer(rc.server.services, rc.caller, org(rc), answer_id(rc), rc.body.text("reason"));
      if (!retired) return retired.error();
      return json_response(200, view(retired.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", base + "/{answer_id}/versions",
                   "Every saved version, oldest first, each with the fields it changed", A::library_read);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto versions = app::library_answer_versions(rc.server.services, rc.caller, org(rc), answer_id(rc));
      if (!versions) return versions.error();
      json out = json::array();
      for (const auto& v : versions.value()) out.push_back(app::library_version_json(v));
      return json_response(200, out);
    };
    routes.push_back(r);
  }
}

}  // namespace mamori::server
