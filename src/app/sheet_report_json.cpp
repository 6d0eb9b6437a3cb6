#include "app/sheet_report_json.h"

namespace mamori::app {

using nlohmann::json;

json problem_json(const formats::ImportProblem& p) {
  json j{{"message", p.message}};
  j["file"] = p.where.file;
  if (!p.where.sheet.empty()) j["sheet"] = p.where.sheet;
  if (p.where.line > 0) j["line"] = p.where.line;
  if (p.where.row > 0) j["row"] = p.where.row;
  if (p.where.column > 0) j["column"] = column_letters(p.where.column);
  return j;
}

json sheet_report_json(const app::SheetReport& r, const std::vector<formats::ImportProblem>& list_problems) {
  const auto& e = r.evaluation;
  json items = json::array();
  for (const auto& i : e.items) {
    json item{{"ref", i.ref},
              {"ismap_ref", i.ismap_ref},
              {"answer", i.answered ? domain::to_string(i.given.answer) : "blank"},
              {"alternative", i.given.alternative},
              {"status", domain::to_string(i.status)}};
    if (i.given.answer == domain::AnswerValue::unreadable) item["written"] = i.given.raw;
    if (!i.answered) item["missing"] = true;
    if (i.review.decision != domain::ReviewDecision::none)
      item["review"] = {{"decision", domain::to_string(i.review.decision)}, {"comment", i.review.comment}};
    items.push_back(std::move(item));
  }
  json warnings = json::array();
  for (const auto& w : e.warnings)
    warnings.push_back({{"code", w.code}, {"message", w.message_ja}, {"message_en", w.message_en}});
  json problems = json::array();
  for (const auto& p : r.imported.problems) problems.push_back(problem_json(p));
  for (const auto& p : list_problems) problems.push_back(problem_json(p));
  json listing{{"status", domain::to_string(e.listing)},
               {"claimed", {{"provider", r.imported.listing.provider},
                            {"service", r.imported.listing.service},
                            {"kind", r.imported.listing.kind}}}};
  if (e.listing_entry)
    listing["entry"] = {{"registration", e.listing_entry->registration},
                        {"service", e.listing_entry->service},
                        {"provider", e.listing_entry->provider},
                        {"kind", e.listing_entry->kind},
                        {"registered", e.listing_entry->registered},
                        {"valid_until", e.listing_entry->valid_until}};
  return {{"verdict", domain::to_string(e.verdict)},
          {"ismap_listed", e.conforming_by_listing},
          // On what the verdict rests: the listing (items need no answers and
          // their statuses are for information) or the items themselves.
          {"ground", e.conforming_by_listing ? "ismap_listing" : "items"},
          {"listing", listing},
          {"classification", r.imported.classification.empty() ? json(nullptr) : json(r.imported.classification)},
          {"template", r.template_id},
          {"counts", {{"met", e.met}, {"needs_review", e.needs_review}, {"unmet", e.unmet}}},
          {"warnings", warnings},
          {"items", items},
          {"problems", problems}};
}

}  // namespace mamori::app
