// Vendors' responses to a check sheet: import a returned .xlsx, invite a
// respondent to the web form, the respondent's answers and evidence, the
// evaluation by the rule of seed 000, reviews and the .xlsx report.
// Routes a respondent uses say so in their summary; the use cases let a
// respondent see only the responses assigned to it.
#include "app/sheet_responses.h"
#include "app/sheet_reviews.h"
#include "server/route_fields.h"
#include "server/routes.h"
#include "server/sheet_views.h"

namespace mamori::server {

using nlohmann::json;

namespace {

using fields::text;
using fields::choice;
using fields::as_of;

Route make(std::string method, std::string path, std::string summary, domain::Action action) {
  return fields::org_route("check sheet responses", std::move(method), std::move(path), std::move(summary), action);
}

const std::string& org(RequestContext& rc) { return rc.request.params.at("org"); }
const std::string& response(RequestContext& rc) { return rc.request.params.at("response"); }

// Evidence people attach: documents, spreadsheets, images, archives.
const std::vector<std::string>& evidence_types() {
  static const std::vector<std::string> types{
      "application/pdf",
      "image/png",
      "image/jpeg",
      "image/gif",
      "image/webp",
      "text/plain",
      "text/csv",
      "application/zip",
      "application/octet-stream",
      kXlsxType,
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      "application/vnd.ms-excel",
      "application/msword",
      "application/vnd.ms-powerpoint"};
  return types;
}

}  // namespace

void add_sheet_response_routes(std::vector<Route>& routes) {
  using A = domain::Action;
  {
    Route r = make("POST", "/api/v1/orgs/{org}/sheets/{sheet}/responses/import",
                   "Import a vendor's returned .xlsx (any layout the importer reads) as a response; returns its "
                   "evaluation. A file that cannot be read is 400 with where (file, sheet, row, column).",
                   A::write_records);
    r.raw_body_types = {kXlsxType, "application/octet-stream"};
    r.max_body_bytes = app::kMaxImportBytes;
    r.query = {text("vendor", true, 800, "the vendor who answered"), text("file_name", false, 255, "the file's name"),
               as_of()};
    r.success_status = 201;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto e = app::import_response(rc.server.services, rc.caller, org(rc), rc.request.params.at("sheet"),
                                    rc.query.text("vendor"), rc.query.text("file_name"), rc.request.body,
                                    rc.query.text("as_of"));
      if (!e) return file_error_response(e.error());
      return json_response(201, to_json(e.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", "/api/v1/orgs/{org}/sheets/{sheet}/invitations",
                   "Invite a vendor's person to answer in the web form: a respondent account (a new one gets a "
                   "one-time password, shown once) assigned to a new response",
                   A::write_records);
    r.accepts_body = true;
    r.body = {text("vendor_name", true, 800, "the vendor"), text("email", true, 254, "the respondent's e-mail address")};
    r.success_status = 201;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto inv = app::invite_respondent(rc.server.services, rc.caller, org(rc), rc.request.params.at("sheet"),
                                        rc.body.text("vendor_name"), rc.body.text("email"));
      if (!inv) return inv.error();
      json out{{"response", to_json(inv->response)}, {"email", inv->email}, {"account_created", inv->account_created}};
      if (!inv->one_time_password.empty()) out["one_time_password"] = inv->one_time_password;
      return json_response(201, out);
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", "/api/v1/orgs/{org}/sheets/{sheet}/responses",
                   "The sheet's responses with each verdict and counts (as of today)", A::read_records);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto list = app::list_sheet_responses(rc.server.services, rc.caller, org(rc), rc.request.params.at("sheet"));
      if (!list) return list.error();
      json out = json::array();
      for (const auto& s : list.value()) out.push_back(to_json(s));
      return json_response(200, out);
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", "/api/v1/orgs/{org}/responses",
                   "Responses you may see: a respondent its own (its to-do list), readers every one", A::read_responses);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto list = app::list_responses(rc.server.services, rc.caller, org(rc));
      if (!list) return list.error();
      json out = json::array();
      for (const auto& e : list.value()) {
        json j = to_json(e.response);
        j["sheet_title"] = e.sheet_title;
        j["due_date"] = e.due_date.empty() ? json(nullptr) : json(e.due_date);
        out.push_back(std::move(j));
      }
      return json_response(200, out);
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", "/api/v1/orgs/{org}/responses/{response}",
                   "A response: the sheet's questions with the current answers and the evidence (respondents: their own)",
                   A::read_responses);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto v = app::get_response(rc.server.services, rc.caller, org(rc), response(rc));
      if (!v) return v.error();
      return json_response(200, to_json(v.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("PATCH", "/api/v1/orgs/{org}/responses/{response}",
                   "Respondent: items 1 and 2 (機密性, the information, the ISMAP listing), until submitted",
                   A::answer_assigned_sheets);
    r.accepts_body = true;
    r.body = {choice("classification", false, {"3B", "3C", "2", ""}, "機密性: 3B | 3C | 2 | blank"),
              text("details", false, 16000, "取り扱う（保存する）情報の詳細"),
              choice("listing_conformity", false, {"yes", "no", "blank"}, "item 2: the service is on an ISMAP list"),
              text("listing_provider", false, 800, "item 2: クラウド事業者名"),
              text("listing_service", false, 800, "item 2: クラウドサービス名"),
              choice("listing_kind", false, {"ISMAP", "ISMAP-LIU", ""}, "item 2: ISMAP | ISMAP-LIU")};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      app::ResponseFormUpdate u;
      u.classification = rc.body.optional_text("classification");
      u.details = rc.body.optional_text("details");
      u.listing_conformity = rc.body.optional_text("listing_conformity");
      u.listing_provider = rc.body.optional_text("listing_provider");
      u.listing_service = rc.body.optional_text("listing_service");
      u.listing_kind = rc.body.optional_text("listing_kind");
      auto saved = app::update_response_form(rc.server.services, rc.caller, org(rc), response(rc), u);
      if (!saved) return saved.error();
      return json_response(200, to_json(saved.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("PUT", "/api/v1/orgs/{org}/responses/{response}/answers/{ref}",
                   "Respondent: answer one item (yes ○ / no × with the alternative measure / na － with the reason)",
                   A::answer_assigned_sheets);
    r.accepts_body = true;
    r.body = {choice("answer", true, {"yes", "no", "na", "blank"}, "yes | no | na | blank"),
              text("alternative", false, 16000, "備考: the alternative measure (×) or why it does not apply (－)")};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto saved = app::save_answer(rc.server.services, rc.caller, org(rc), response(rc), rc.request.params.at("ref"),
                                    rc.body.text("answer"), rc.body.text("alternative"));
      if (!saved) return saved.error();
      return json_response(200, {{"ref", saved->answer.ref},
                                 {"answer", domain::to_string(saved->answer.given.answer)},
                                 {"alternative", saved->answer.given.alternative},
                                 {"updated_at", saved->answer.updated_at},
                                 {"response_status", domain::to_string(saved->status)}});
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", "/api/v1/orgs/{org}/responses/{response}/evidence",
                   "Respondent: attach an evidence file (at most 10 MiB; stored with its SHA-256)",
                   A::answer_assigned_sheets);
    r.raw_body_types = evidence_types();
    r.max_body_bytes = app::kMaxEvidenceBytes;
    r.query = {text("ref", false, 32, "the item it supports (blank: the whole response)"),
               text("file_name", true, 255, "the file's name")};
    r.success_status = 201;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto e = app::upload_evidence(rc.server.services, rc.caller, org(rc), response(rc), rc.query.text("ref"),
                                    rc.query.text("file_name"), rc.request.header("content-type"), rc.request.body);
      if (!e) return e.error();
      return json_response(201, to_json(e.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", "/api/v1/orgs/{org}/responses/{response}/evidence", "The response's evidence files",
                   A::read_responses);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto files = app::list_evidence(rc.server.services, rc.caller, org(rc), response(rc));
      if (!files) return files.error();
      json out = json::array();
      for (const auto& f : files.value()) out.push_back(to_json(f));
      return json_response(200, out);
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", "/api/v1/orgs/{org}/responses/{response}/evidence/{evidence}", "Download an evidence file",
                   A::read_responses);
    r.response_type = "application/octet-stream";
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto f = app::download_evidence(rc.server.services, rc.caller, org(rc), response(rc),
                                      rc.request.params.at("evidence"));
      if (!f) return f.error();
      // Always an attachment (never rendered in the page), with nosniff from the pipeline.
      HttpResponse out = download(std::move(f->bytes), f->info.content_type, f->info.file_name);
      out.with_header("X-Content-SHA256", f->info.sha256);
      return out;
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", "/api/v1/orgs/{org}/responses/{response}/submit",
                   "Respondent: hand in the answers; they can no longer be changed", A::answer_assigned_sheets);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto s = app::submit_response(rc.server.services, rc.caller, org(rc), response(rc));
      if (!s) return s.error();
      return json_response(200, to_json(s.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", "/api/v1/orgs/{org}/responses/{response}/evaluation",
                   "The response judged by the rule of seed 000 against the organisation's service list and the "
                   "reviews (the JSON of `mamori sheet evaluate --json`)",
                   A::read_records);
    r.query = {as_of()};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto e = app::evaluate_response(rc.server.services, rc.caller, org(rc), response(rc), rc.query.text("as_of"));
      if (!e) return e.error();
      return json_response(200, to_json(e.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("PUT", "/api/v1/orgs/{org}/responses/{response}/reviews/{ref}",
                   "Accept or reject an alternative measure (items that need review), with a comment; the verdict "
                   "follows and the decision is in the audit log",
                   A::approve_records);
    r.accepts_body = true;
    r.body = {choice("decision", true, {"accepted", "rejected"}, "accepted | rejected"),
              text("comment", true, 8000, "why")};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto e = app::review_item(rc.server.services, rc.caller, org(rc), response(rc), rc.request.params.at("ref"),
                                rc.body.text("decision"), rc.body.text("comment"));
      if (!e) return e.error();
      return json_response(200, to_json(e.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", "/api/v1/orgs/{org}/responses/{response}/report.xlsx",
                   "The evaluated sheet as .xlsx: a status column (適合 / 要確認 / 不適合) in colour, the verdict, "
                   "warnings and reviews",
                   A::read_records);
    r.query = {as_of()};
    r.response_type = kXlsxType;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto file = app::response_report_xlsx(rc.server.services, rc.caller, org(rc), response(rc), rc.query.text("as_of"));
      if (!file) return file.error();
      return download(std::move(file->bytes), kXlsxType, file->file_name);
    };
    routes.push_back(r);
  }
}

}  // namespace mamori::server
