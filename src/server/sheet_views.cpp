#include "server/sheet_views.h"

#include <cctype>

#include "app/sheet_report_json.h"
#include "server/pipeline.h"

namespace mamori::server {

using nlohmann::json;

namespace {

json null_if_empty(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json listing_json(const domain::ListingClaim& l) {
  return {{"conformity", domain::to_string(l.conformity)},
          {"provider", l.provider},
          {"service", l.service},
          {"kind", l.kind}};
}

}  // namespace

json to_json(const store::Sheet& s) {
  return {{"id", s.id},
          {"title", s.title},
          {"template", s.template_id},
          {"counterparty", s.counterparty},
          {"service_name", s.service_name},
          {"due_date", null_if_empty(s.due_date)},
          {"classification", s.classification},
          {"information_details", s.information_details},
          {"status", domain::to_string(s.status)},
          {"created_by", s.created_by},
          {"created_at", s.created_at},
          {"updated_at", s.updated_at}};
}

json to_json(const store::SheetItem& i) {
  json out{{"position", i.position},
           {"ref", i.ref},
           {"kind", i.kind},
           {"parent", null_if_empty(i.parent_ref)},
           {"ismap_ref", i.ismap_ref},
           {"title", i.title},
           {"requirement", i.requirement},
           {"required", i.required},
           {"change", domain::to_string(i.change)},
           {"asked", i.asked()}};
  if (i.change != domain::ItemChange::none) out["reason"] = i.change_reason;
  return out;
}

json to_json(const store::SheetResponse& r) {
  return {{"id", r.id},
          {"sheet_id", r.sheet_id},
          {"vendor", r.vendor_name},
          {"source", r.source},
          {"status", domain::to_string(r.status)},
          {"respondent_user_id", null_if_empty(r.respondent_user_id)},
          {"listing", listing_json(r.listing)},
          {"classification", r.classification},
          {"details", r.details},
          {"file_name", null_if_empty(r.file_name)},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at},
          {"submitted_at", null_if_empty(r.submitted_at)}};
}

json to_json(const app::ResponseSummary& s) {
  json out = to_json(s.response);
  out["verdict"] = domain::to_string(s.verdict);
  out["ground"] = s.by_listing ? "ismap_listing" : "items";
  out["counts"] = {{"met", s.met}, {"needs_review", s.needs_review}, {"unmet", s.unmet}};
  return out;
}

json to_json(const store::EvidenceInfo& e) {
  return {{"id", e.id},
          {"ref", null_if_empty(e.ref)},
          {"file_name", e.file_name},
          {"content_type", e.content_type},
          {"size", e.size},
          {"sha256", e.sha256},
          {"uploaded_by", e.uploaded_by},
          {"uploaded_at", e.uploaded_at}};
}

json to_json(const store::StoredServiceList& l) {
  json entries = json::array();
  for (const auto& e : l.entries)
    entries.push_back({{"registration", e.registration},
                       {"service", e.service},
                       {"provider", e.provider},
                       {"kind", e.kind},
                       {"registered", e.registered},
                       {"valid_until", e.valid_until}});
  return {{"file_name", null_if_empty(l.file_name)},
          {"imported_by", null_if_empty(l.imported_by)},
          {"imported_at", null_if_empty(l.imported_at)},
          {"entries", entries}};
}

json to_json(const app::ResponseView& v) {
  json sheet{{"id", v.sheet.id},
             {"title", v.sheet.title},
             {"counterparty", v.sheet.counterparty},
             {"service_name", v.sheet.service_name},
             {"due_date", null_if_empty(v.sheet.due_date)},
             {"classification", v.sheet.classification},
             {"information_details", v.sheet.information_details}};
  json questions = json::array();
  for (const auto& q : v.questions) {
    json item{{"ref", q.ref},
              {"ismap_ref", q.ismap_ref},
              {"title", q.title},
              {"requirement", q.requirement},
              {"required", q.required}};
    if (auto a = v.answers.find(q.ref); a != v.answers.end())
      item["answer"] = {{"answer", domain::to_string(a->second.given.answer)},
                        {"written", a->second.given.raw},
                        {"alternative", a->second.given.alternative},
                        {"updated_at", a->second.updated_at}};
    else
      item["answer"] = nullptr;
    questions.push_back(std::move(item));
  }
  json evidence = json::array();
  for (const auto& e : v.evidence) evidence.push_back(to_json(e));
  json out{{"response", to_json(v.response)}, {"sheet", sheet}, {"questions", questions}, {"evidence", evidence}};
  if (!v.respondent_view) {
    json reviews = json::array();
    for (const auto& r : v.reviews)
      reviews.push_back({{"ref", r.ref},
                         {"decision", domain::to_string(r.decision)},
                         {"comment", r.comment},
                         {"reviewer", r.reviewer},
                         {"decided_at", r.decided_at}});
    out["reviews"] = reviews;
  }
  return out;
}

json to_json(const app::ResponseEvaluation& e) {
  json out = app::sheet_report_json(e.report);
  std::map<std::string, const store::SheetItem*> items;
  for (const auto& i : e.items) items[i.ref] = &i;
  std::map<std::string, const store::StoredReview*> reviews;
  for (const auto& r : e.reviews) reviews[r.ref] = &r;
  for (auto& item : out["items"]) {
    const std::string ref = item["ref"];
    if (const auto* i = items[ref]) item["title"] = i->title;
    const auto* r = reviews[ref];
    if (item.contains("review") && r) {
      item["review"]["reviewer"] = r->reviewer;
      item["review"]["decided_at"] = r->decided_at;
    }
  }
  out["response_id"] = e.response.id;
  out["sheet_id"] = e.sheet.id;
  out["vendor"] = e.response.vendor_name;
  out["response_status"] = domain::to_string(e.response.status);
  out["as_of"] = e.as_of;
  return out;
}

json to_json(const app::Comparison& c) {
  json items = json::array();
  for (const auto& i : c.items) {
    json statuses = json::object();
    for (const auto& [id, status] : i.statuses) statuses[id] = domain::to_string(status);
    items.push_back({{"ref", i.ref}, {"title", i.title}, {"statuses", statuses}});
  }
  json responses = json::array();
  for (const auto& r : c.responses)
    responses.push_back({{"id", r.response.id},
                         {"vendor", r.response.vendor_name},
                         {"status", domain::to_string(r.response.status)},
                         {"verdict", domain::to_string(r.verdict)},
                         {"ground", r.by_listing ? "ismap_listing" : "items"},
                         {"counts", {{"met", r.met}, {"needs_review", r.needs_review}, {"unmet", r.unmet}}}});
  return {{"sheet_id", c.sheet.id}, {"as_of", c.as_of}, {"items", items}, {"responses", responses}};
}

HttpResponse file_error_response(const Error& error) {
  HttpResponse r = error_response(error);
  const auto& w = error.where;
  if (status_for(error.code) >= 500 || (w.file.empty() && w.sheet.empty() && w.row == 0 && w.line == 0)) return r;
  json body = json::parse(r.body, nullptr, false);
  if (!body.is_object()) return r;
  json where = json::object();
  if (!w.file.empty()) where["file"] = w.file;
  if (!w.sheet.empty()) where["sheet"] = w.sheet;
  if (w.line > 0) where["line"] = w.line;
  if (w.row > 0) where["row"] = w.row;
  if (w.column > 0) where["column"] = column_letters(w.column);
  body["error"]["where"] = where;
  if (!body["error"].contains("field")) body["error"]["field"] = "body";
  r.body = body.dump();
  return r;
}

HttpResponse file_problems_response(const std::string& reason, const std::string& message,
                                    const std::vector<formats::ImportProblem>& problems) {
  json list = json::array();
  for (const auto& p : problems) list.push_back(app::problem_json(p));
  return json_response(400, {{"error",
                              {{"code", "invalid_input"},
                               {"reason", reason},
                               {"message", message},
                               {"field", "body"},
                               {"problems", list}}}});
}

HttpResponse download(std::string bytes, const std::string& content_type, const std::string& file_name) {
  std::string ascii, encoded;
  for (unsigned char c : file_name) {
    const bool plain = std::isalnum(c) || c == '.' || c == '-' || c == '_';
    ascii += plain ? static_cast<char>(c) : '_';
    if (plain) {
      encoded += static_cast<char>(c);
    } else {
      static const char hex[] = "0123456789ABCDEF";
      encoded += '%';
      encoded += hex[c >> 4];
      encoded += hex[c & 15];
    }
  }
  HttpResponse out;
  out.body = std::move(bytes);
  out.content_type = content_type;
  out.with_header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded);
  return out;
}

}  // namespace mamori::server
