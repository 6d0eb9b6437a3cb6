// A procurer's check sheets: create from a template, tailor (each change
// with a reason), export the blank sheet in the seed-000 layout, the
// organisation's ISMAP service list, and vendors side by side. Every
// handler hands the {org} of the path to an app use case, which authorises
// it; `action` documents the permission. Responses: routes_sheet_responses.cpp.
#include "app/service_lists.h"
#include "app/sheet_reviews.h"
#include "app/sheets.h"
#include "server/route_fields.h"
#include "server/routes.h"
#include "server/sheet_views.h"

namespace mamori::server {

using nlohmann::json;

namespace {

using fields::text;
using fields::choice;
using fields::flag;
using fields::as_of;

Route make(std::string method, std::string path, std::string summary, domain::Action action) {
  return fields::org_route("check sheets", std::move(method), std::move(path), std::move(summary), action);
}

const std::string& org(RequestContext& rc) { return rc.request.params.at("org"); }
const std::string& sheet(RequestContext& rc) { return rc.request.params.at("sheet"); }

std::vector<FieldSpec> sheet_fields(bool create) {
  return {text("title", create, 800, "the procurement's name for the sheet"),
          text("counterparty", false, 800, "the vendor it is sent to (or blank)"),
          text("service_name", false, 800, "the cloud service procured"),
          text("due_date", false, 10, "answers due, YYYY-MM-DD"),
          choice("classification", false, {"3B", "3C", "2", ""}, "機密性 of the information: 3B | 3C | 2 | blank"),
          text("information_details", false, 16000, "取り扱う（保存する）情報の詳細")};
}

HttpResponse no_content() {
  HttpResponse r;
  r.status = 204;
  return r;
}

}  // namespace

void add_sheet_routes(std::vector<Route>& routes) {
  using A = domain::Action;
  {
    Route r = make("GET", "/api/v1/orgs/{org}/sheets", "The organisation's check sheets, newest first", A::read_records);
    r.cacheable = true;  // server/response_cache.h
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto sheets = app::list_sheets(rc.server.services, rc.caller, org(rc));
      if (!sheets) return sheets.error();
      json out = json::array();
      for (const auto& s : sheets.value()) out.push_back(to_json(s));
      return json_response(200, out);
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", "/api/v1/orgs/{org}/sheets",
                   "Create a check sheet from a template (its questions become the sheet's own copy)", A::write_records);
    r.accepts_body = true;
    r.body = sheet_fields(true);
    r.body.insert(r.body.begin() + 1,
                  choice("template", true,
                         {"ismap-sheet-summary", "ismap-sheet-detailed", "ismap-summary", "ismap-detailed"},
                         "ismap-sheet-summary | ismap-sheet-detailed (short: ismap-summary | ismap-detailed)"));
    r.success_status = 201;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      app::NewSheet in;
      in.title = rc.body.text("title");
      in.template_name = rc.body.text("template");
      in.counterparty = rc.body.text("counterparty");
      in.service_name = rc.body.text("service_name");
      in.due_date = rc.body.text("due_date");
      in.classification = rc.body.text("classification");
      in.information_details = rc.body.text("information_details");
      auto created = app::create_sheet(rc.server.services, rc.caller, org(rc), in);
      if (!created) return created.error();
      return json_response(201, to_json(created.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", "/api/v1/orgs/{org}/sheets/{sheet}",
                   "A sheet with its items and each response's verdict and counts (as of today)", A::read_records);
    r.cacheable = true;  // server/response_cache.h
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto d = app::get_sheet(rc.server.services, rc.caller, org(rc), sheet(rc));
      if (!d) return d.error();
      json items = json::array();
      for (const auto& i : d->items) items.push_back(to_json(i));
      json responses = json::array();
      for (const auto& s : d->responses) responses.push_back(to_json(s));
      json out = to_json(d->sheet);
      out["items"] = items;
      out["responses"] = responses;
      return json_response(200, out);
    };
    routes.push_back(r);
  }
  {
    Route r = make("PATCH", "/api/v1/orgs/{org}/sheets/{sheet}", "Change a sheet (only the fields given)",
                   A::write_records);
    r.accepts_body = true;
    r.body = sheet_fields(false);
    r.body.push_back(choice("status", false, {"draft", "sent", "closed"}, "draft | sent | closed"));
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      app::SheetUpdate u;
      u.title = rc.body.optional_text("title");
      u.counterparty = rc.body.optional_text("counterparty");
      u.service_name = rc.body.optional_text("service_name");
      u.due_date = rc.body.optional_text("due_date");
      u.classification = rc.body.optional_text("classification");
      u.information_details = rc.body.optional_text("information_details");
      u.status = rc.body.optional_text("status");
      auto s = app::update_sheet(rc.server.services, rc.caller, org(rc), sheet(rc), u);
      if (!s) return s.error();
      return json_response(200, to_json(s.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("DELETE", "/api/v1/orgs/{org}/sheets/{sheet}",
                   "Delete a sheet with its responses, reviews and evidence", A::write_records);
    r.success_status = 204;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      if (auto s = app::delete_sheet(rc.server.services, rc.caller, org(rc), sheet(rc)); !s) return s.error();
      return no_content();
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", "/api/v1/orgs/{org}/sheets/{sheet}/items",
                   "Tailoring: add a question (draft sheets; the reason is required)", A::write_records);
    r.accepts_body = true;
    r.body = {text("ref", true, 32, "its item number, e.g. 6-1 (must read back from a returned file)"),
              text("title", true, 800, "項目名"),
              text("requirement", true, 32000, "概要要件: what the vendor must meet"),
              flag("required", "judged by the ISMAP rule (default true)"),
              text("reason", true, 8000, "why it is added")};
    r.success_status = 201;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      app::NewItem in;
      in.ref = rc.body.text("ref");
      in.title = rc.body.text("title");
      in.requirement = rc.body.text("requirement");
      in.required = rc.body.boolean("required").value_or(true);
      in.reason = rc.body.text("reason");
      auto item = app::add_sheet_item(rc.server.services, rc.caller, org(rc), sheet(rc), in);
      if (!item) return item.error();
      return json_response(201, to_json(item.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("PATCH", "/api/v1/orgs/{org}/sheets/{sheet}/items/{ref}",
                   "Tailoring: reword a question or change whether it is required (the reason is required)",
                   A::write_records);
    r.accepts_body = true;
    r.body = {text("title", false, 800, "項目名"), text("requirement", false, 32000, "概要要件"),
              flag("required", "judged by the ISMAP rule"), text("reason", true, 8000, "why it changes")};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      app::ItemEdit e;
      e.title = rc.body.optional_text("title");
      e.requirement = rc.body.optional_text("requirement");
      e.required = rc.body.boolean("required");
      e.reason = rc.body.text("reason");
      auto item = app::reword_sheet_item(rc.server.services, rc.caller, org(rc), sheet(rc),
                                         rc.request.params.at("ref"), e);
      if (!item) return item.error();
      return json_response(200, to_json(item.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", "/api/v1/orgs/{org}/sheets/{sheet}/items/{ref}/drop",
                   "Tailoring: drop a question; it stays listed with the reason but is neither asked nor judged",
                   A::write_records);
    r.accepts_body = true;
    r.body = {text("reason", true, 8000, "why it is dropped")};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto item = app::drop_sheet_item(rc.server.services, rc.caller, org(rc), sheet(rc), rc.request.params.at("ref"),
                                       rc.body.text("reason"));
      if (!item) return item.error();
      return json_response(200, to_json(item.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", "/api/v1/orgs/{org}/sheets/{sheet}/export.xlsx",
                   "The blank sheet as .xlsx in the seed-000 layout, with the sheet's own questions", A::read_records);
    r.response_type = kXlsxType;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto file = app::export_sheet_xlsx(rc.server.services, rc.caller, org(rc), sheet(rc));
      if (!file) return file.error();
      return download(std::move(file->bytes), kXlsxType, file->file_name);
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", "/api/v1/orgs/{org}/sheets/{sheet}/compare",
                   "Every vendor's response side by side: each judged item's status per response", A::read_records);
    r.query = {as_of()};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto c = app::compare_responses(rc.server.services, rc.caller, org(rc), sheet(rc), rc.query.text("as_of"));
      if (!c) return c.error();
      return json_response(200, to_json(c.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("PUT", "/api/v1/orgs/{org}/service-list",
                   "Import the ISMAP / ISMAP-LIU service list (CSV in UTF-8 or Shift_JIS, or .xlsx); replaces the "
                   "organisation's list. Rows it cannot read change nothing and are listed.",
                   A::write_records);
    r.raw_body_types = {"text/csv", kXlsxType, "application/octet-stream", "text/plain"};
    r.max_body_bytes = app::kMaxServiceListBytes;
    r.query = {text("file_name", false, 255, "the file's name, for messages and the audit log"),
               choice("kind", false, {"ISMAP", "ISMAP-LIU"}, "the list's kind when it has no 区分 column")};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto imported = app::import_service_list(rc.server.services, rc.caller, org(rc), rc.request.body,
                                               rc.query.text("file_name"), rc.query.text("kind"));
      if (!imported) return file_error_response(imported.error());
      if (!imported->stored)
        return file_problems_response("list_unreadable",
                                      "some rows cannot be read; nothing was imported / 読み取れない行があるため取り込みませんでした",
                                      imported->problems);
      return json_response(200, {{"entries", imported->entries}});
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", "/api/v1/orgs/{org}/service-list", "The organisation's ISMAP / ISMAP-LIU service list",
                   A::read_records);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto list = app::get_service_list(rc.server.services, rc.caller, org(rc));
      if (!list) return list.error();
      return json_response(200, to_json(list.value()));
    };
    routes.push_back(r);
  }
}

}  // namespace mamori::server
