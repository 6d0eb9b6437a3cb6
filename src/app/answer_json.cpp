#include "app/answer_json.h"

#include <cmath>
#include <map>

namespace mamori::app {

using nlohmann::json;

namespace {

json nullable(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

}  // namespace

json library_content_json(const domain::LibraryAnswer& c) {
  return json{{"catalog_key", nullable(c.catalog_key)},
              {"ref", nullable(c.ref)},
              {"question", c.question},
              {"answer", domain::to_string(c.answer)},
              {"explanation", c.explanation},
              {"evidence", c.evidence},
              {"scope", {{"services", c.scope.services}, {"plans", c.scope.plans}}},
              {"conditional", c.scope.limited()},
              {"owner", c.owner},
              {"review_due", nullable(c.review_due)}};
}

json library_answer_json(const store::StoredLibraryAnswer& s, const std::string& today) {
  json j = library_content_json(s.entry.content);
  j["id"] = s.entry.id;
  j["version"] = s.entry.version;
  j["status"] = domain::to_string(s.entry.status);
  j["approved_version"] = s.approved_version > 0 ? json(s.approved_version) : json(nullptr);
  j["review_overdue"] = domain::review_overdue(s.entry.content, today);
  j["created_by"] = s.created_by;
  j["created_at"] = s.created_at;
  j["updated_by"] = s.updated_by;
  j["updated_at"] = s.updated_at;
  j["approved_by"] = nullable(s.approved_by);
  j["approved_at"] = nullable(s.approved_at);
  return j;
}

json library_version_json(const LibraryVersionView& v) {
  return json{{"version", v.version.version},
              {"saved_by", v.version.saved_by},
              {"saved_at", v.version.saved_at},
              {"reason", v.version.reason},
              {"approved_by", nullable(v.version.approved_by)},
              {"approved_at", nullable(v.version.approved_at)},
              {"changed", v.changed},
              {"content", library_content_json(v.version.content)}};
}

json proposal_json(const domain::Proposal& p) {
  return json{{"source", domain::to_string(p.source)},
              {"matched_by", domain::to_string(p.matched_by)},
              {"answer", domain::to_string(p.answer)},
              {"explanation", p.explanation},
              {"library_id", nullable(p.library_id)},
              {"library_version", p.library_version > 0 ? json(p.library_version) : json(nullptr)},
              {"catalog", p.catalog_ref.empty() ? json(nullptr) : json(p.catalog_key + ":" + p.catalog_ref)},
              {"catalog_title", p.catalog_title},
              {"confidence", std::round(p.confidence * 1000) / 1000},
              {"conditional", p.conditional},
              {"out_of_scope", p.out_of_scope},
              {"review_overdue", p.review_overdue},
              {"notes", p.notes}};
}

json import_problem_json(const formats::ImportProblem& p) {
  json j{{"message", p.message}};
  if (!p.where.sheet.empty()) j["sheet"] = p.where.sheet;
  if (p.where.row > 0) j["row"] = p.where.row;
  if (p.where.column > 0) j["column"] = column_letters(p.where.column);
  return j;
}

json incoming_sheet_json(const store::IncomingSheet& s) {
  json problems = json::parse(s.problems, nullptr, false);
  return json{{"id", s.id},
              {"file_name", s.file_name},
              {"size", s.size},
              {"sha256", s.sha256},
              {"uploaded_by", s.uploaded_by},
              {"uploaded_at", s.uploaded_at},
              {"customer", s.customer},
              {"service", s.service},
              {"plan", s.plan},
              {"status", s.status},
              {"question_count", s.question_count},
              {"problems", problems.is_array() ? problems : json::array()}};
}

json incoming_question_json(const store::IncomingQuestion& q) {
  return json{{"seq", q.seq},
              {"sheet", q.sheet_name},
              {"row", q.row},
              {"ref", q.ref},
              {"title", q.title},
              {"question", q.question},
              {"sheet_ref", q.sheet_ref},
              {"answer_cell", q.answer_cell},
              {"remarks_cell", nullable(q.remarks_cell)},
              {"current_answer", q.current_answer},
              {"proposal", proposal_json(q.proposal)},
              {"decision", domain::to_string(q.decision)},
              {"final_answer", domain::to_string(q.final_answer)},
              {"final_explanation", q.final_explanation},
              {"decided_by", nullable(q.decided_by)},
              {"decided_at", nullable(q.decided_at)}};
}

json incoming_sheet_detail_json(const IncomingSheetView& view) {
  json j = incoming_sheet_json(view.sheet);
  json questions = json::array();
  std::map<std::string, int> by_decision{{"proposed", 0}, {"accepted", 0}, {"edited", 0}, {"skipped", 0}};
  std::map<std::string, int> by_source{{"library", 0}, {"catalog", 0}, {"none", 0}};
  for (const auto& q : view.questions) {
    questions.push_back(incoming_question_json(q));
    ++by_decision[domain::to_string(q.decision)];
    ++by_source[domain::to_string(q.proposal.source)];
  }
  j["questions"] = std::move(questions);
  j["counts"] = {{"decision", by_decision}, {"source", by_source}};
  return j;
}

}  // namespace mamori::app
