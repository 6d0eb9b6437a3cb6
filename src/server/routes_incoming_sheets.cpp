// Incoming sheets: a customer's questionnaire (.xlsx, any layout) answered
// from the library. Upload → questions with proposals; decide each (or
// accept all above a confidence); download the customer's file with the
// answers written in. Handlers pass {org} to app/incoming_sheets.h, which
// authorises; `action` documents the permission.
#include <charconv>

#include "app/answer_json.h"
#include "app/incoming_sheets.h"
#include "app/sheet_answering.h"
#include "server/route_fields.h"
#include "server/routes.h"
#include "server/sheet_views.h"

namespace mamori::server {

using nlohmann::json;

namespace {

using fields::text;

Route make(std::string method, std::string path, std::string summary, domain::Action action) {
  return fields::org_route("library", std::move(method), std::move(path), std::move(summary), action);
}

const std::string& org(RequestContext& rc) { return rc.request.params.at("org"); }
const std::string& incoming_id(RequestContext& rc) { return rc.request.params.at("incoming_id"); }

// The transport limit of the server (ServeOptions::max_body_bytes, 33 MiB)
// is below the reader's 64 MiB; a 1,000-question sheet is well under 1 MiB.
constexpr std::size_t kMaxUploadBytes = 32u << 20;

}  // namespace

void add_incoming_sheet_routes(std::vector<Route>& routes) {
  using A = domain::Action;
  const std::string base = "/api/v1/orgs/{org}/incoming-sheets";
  {
    Route r = make("POST", base,
                   "Upload a customer's questionnaire (.xlsx, any layout): its questions, each with a proposed "
                   "answer, its source and a confidence. A file that cannot be read is 400 with where (file, sheet, "
                   "row, column) and nothing is stored.",
                   A::library_write);
    r.raw_body_types = {kXlsxType, "application/octet-stream"};
    r.max_body_bytes = kMaxUploadBytes;
    r.query = {text("file_name", false, 1020, "the file's name"), text("customer", false, 800, "who sent it"),
               text("service", false, 800, "which of your services it is about (decides 条件付き answers)"),
               text("plan", false, 800, "which plan")};
    r.success_status = 201;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      app::IncomingUpload upload{rc.query.text("file_name"), rc.query.text("customer"), rc.query.text("service"),
                                 rc.query.text("plan")};
      auto uploaded = app::upload_incoming_sheet(rc.server.services, rc.caller, org(rc), rc.request.body, upload);
      if (!uploaded) return file_error_response(uploaded.error());
      return json_response(201, app::incoming_sheet_detail_json(uploaded.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", base, "Incoming sheets, newest first", A::library_read);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto list = app::list_incoming_sheets(rc.server.services, rc.caller, org(rc));
      if (!list) return list.error();
      json out = json::array();
      for (const auto& s : list.value()) out.push_back(app::incoming_sheet_json(s));
      return json_response(200, out);
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", base + "/{incoming_id}", "One incoming sheet with its questions, proposals and decisions",
                   A::library_read);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto view = app::get_incoming_sheet(rc.server.services, rc.caller, org(rc), incoming_id(rc));
      if (!view) return view.error();
      return json_response(200, app::incoming_sheet_detail_json(view.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("PUT", base + "/{incoming_id}/questions/{seq}",
                   "Decide one question: accepted (the proposal), edited (your answer and explanation) or skipped "
                   "(left blank in the file)",
                   A::library_write);
    r.accepts_body = true;
    FieldSpec decision = text("decision", true, 16, "accepted | edited | skipped");
    decision.one_of = {"accepted", "edited", "skipped"};
    FieldSpec answer = text("answer", false, 8, "edited: yes | no | na");
    answer.one_of = {"yes", "no", "na"};
    r.body = {decision, answer,
              text("explanation", false, 4 * domain::kMaxLibraryExplanationChars,
                   "edited: what goes into the remarks cell (default: the proposal's)")};
    r.max_body_bytes = 256 * 1024;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      const std::string& text_seq = rc.request.params.at("seq");
      int seq = 0;
      auto [end, ec] = std::from_chars(text_seq.data(), text_seq.data() + text_seq.size(), seq);
      if (ec != std::errc() || end != text_seq.data() + text_seq.size() || seq < 1)
        return make_error(ErrorCode::invalid_input, "invalid", "seq must be a question number (1, 2, …)",
                          Location::in_field("seq"));
      app::QuestionDecision d;
      d.decision = *domain::parse_answer_decision(rc.body.text("decision"));
      if (auto a = rc.body.optional_text("answer")) d.answer = domain::parse_answer_value(*a);
      d.explanation = rc.body.optional_text("explanation");
      auto decided = app::decide_incoming_question(rc.server.services, rc.caller, org(rc), incoming_id(rc), seq, d);
      if (!decided) return decided.error();
      return json_response(200, app::incoming_question_json(decided.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", base + "/{incoming_id}/accept-all",
                   "Accept every undecided library proposal that holds for the sheet's service at or above "
                   "min_confidence (default 0.5)",
                   A::library_write);
    r.accepts_body = true;
    FieldSpec min;
    min.name = "min_confidence";
    min.type = FieldType::number;
    min.min_number = 0;
    min.max_number = 1;
    min.description = "0..1";
    r.body = {min};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      const double min_confidence = rc.body.number("min_confidence").value_or(app::kDefaultMinConfidence);
      auto accepted = app::accept_all_proposals(rc.server.services, rc.caller, org(rc), incoming_id(rc), min_confidence);
      if (!accepted) return accepted.error();
      auto view = app::get_incoming_sheet(rc.server.services, rc.caller, org(rc), incoming_id(rc));
      if (!view) return view.error();
      json out = app::incoming_sheet_detail_json(view.value());
      out["accepted"] = accepted.value();
      return json_response(200, out);
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", base + "/{incoming_id}/answered.xlsx",
                   "The customer's file with the accepted and edited answers written in; everything else as uploaded",
                   A::library_read);
    r.response_type = kXlsxType;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto file = app::answered_incoming_sheet(rc.server.services, rc.caller, org(rc), incoming_id(rc));
      if (!file) return file_error_response(file.error());
      return download(std::move(file->bytes), kXlsxType, file->file_name);
    };
    routes.push_back(r);
  }
}

}  // namespace mamori::server
