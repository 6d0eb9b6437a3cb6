#include "app/sheet_response_evaluation.h"

#include <nlohmann/json.hpp>

#include "app/sheet_catalog.h"
#include "domain/sheet_workflow.h"
#include "store/service_list_repository.h"

namespace mamori::app {

using nlohmann::json;

SheetReport evaluate_stored(const store::Sheet& sheet, const std::vector<store::SheetItem>& items,
                            const StoredResponse& stored, const std::vector<domain::ServiceListing>& service_list,
                            const std::string& as_of) {
  const auto& r = stored.response;
  SheetReport report;
  report.template_id = sheet.template_id;
  auto& imported = report.imported;
  imported.classification = sheet.classification.empty() ? r.classification : sheet.classification;
  imported.details = r.details;
  imported.listing = r.listing;
  imported.problems = problems_from_json(r.import_problems);

  domain::SheetEvaluationInput in;
  in.required = judged_items(items);
  in.classification = imported.classification;
  in.listing = r.listing;
  in.service_list = service_list;
  in.as_of = as_of;
  for (const auto& a : stored.answers) {
    in.answers[a.ref] = a.given;
    formats::ImportedItem item;
    item.ref = a.ref;
    item.given = a.given;
    if (a.cell_row > 0) item.answer_cell = Location::in_cell(r.file_name, a.cell_sheet, a.cell_row, a.cell_column);
    imported.items.push_back(std::move(item));
  }
  for (const auto& v : stored.reviews) in.reviews[v.ref] = domain::Review{v.decision, v.comment};
  report.evaluation = domain::evaluate_sheet(in);
  return report;
}

Result<StoredResponse> load_response(store::Tx& tx, const std::string& tenant_id, store::SheetResponse response) {
  StoredResponse out;
  auto answers = store::answers_of_response(tx, tenant_id, response.id);
  if (!answers) return answers.error();
  auto reviews = store::reviews_of_response(tx, tenant_id, response.id);
  if (!reviews) return reviews.error();
  out.response = std::move(response);
  out.answers = std::move(answers.value());
  out.reviews = std::move(reviews.value());
  return out;
}

Result<SheetReport> evaluate_in(store::Tx& tx, const store::Sheet& sheet, const std::vector<store::SheetItem>& items,
                                const store::SheetResponse& response, const std::string& as_of) {
  auto stored = load_response(tx, sheet.tenant_id, response);
  if (!stored) return stored.error();
  auto list = store::service_list(tx, sheet.tenant_id);
  if (!list) return list.error();
  return evaluate_stored(sheet, items, stored.value(), list->entries, as_of);
}

Result<std::vector<EvaluatedResponse>> evaluate_sheet_responses(store::Tx& tx, const store::Sheet& sheet,
                                                                const std::vector<store::SheetItem>& items,
                                                                const std::string& as_of) {
  std::vector<EvaluatedResponse> out;
  auto responses = store::responses_of_sheet(tx, sheet.tenant_id, sheet.id);
  if (!responses) return responses.error();
  auto list = store::service_list(tx, sheet.tenant_id);
  if (!list) return list.error();
  for (auto& r : responses.value()) {
    auto stored = load_response(tx, sheet.tenant_id, r);
    if (!stored) return stored.error();
    out.push_back({std::move(r), evaluate_stored(sheet, items, stored.value(), list->entries, as_of)});
  }
  return out;
}

Result<std::vector<ResponseSummary>> summaries(store::Tx& tx, const store::Sheet& sheet,
                                               const std::vector<store::SheetItem>& items, const std::string& as_of) {
  auto evaluated = evaluate_sheet_responses(tx, sheet, items, as_of);
  if (!evaluated) return evaluated.error();
  std::vector<ResponseSummary> out;
  for (auto& r : evaluated.value()) {
    const auto& e = r.report.evaluation;
    out.push_back({std::move(r.response), e.verdict, e.conforming_by_listing, e.met, e.needs_review, e.unmet});
  }
  return out;
}

Result<std::string> evaluation_date(const std::string& as_of, const std::string& field) {
  if (as_of.empty()) return today_in_japan();
  if (!domain::is_iso_date(as_of))
    return make_error(ErrorCode::invalid_input, "invalid_date",
                      "the date must be YYYY-MM-DD / 日付は YYYY-MM-DD で指定してください", Location::in_field(field));
  return as_of;
}

std::string problems_to_json(const std::vector<formats::ImportProblem>& problems) {
  json out = json::array();
  for (const auto& p : problems)
    out.push_back({{"file", p.where.file},
                   {"sheet", p.where.sheet},
                   {"line", p.where.line},
                   {"row", p.where.row},
                   {"column", p.where.column},
                   {"message", p.message}});
  return out.dump();
}

std::vector<formats::ImportProblem> problems_from_json(const std::string& text) {
  std::vector<formats::ImportProblem> out;
  const json parsed = json::parse(text, nullptr, false);
  if (!parsed.is_array()) return out;
  for (const auto& p : parsed) {
    if (!p.is_object()) continue;
    formats::ImportProblem problem;
    problem.where.file = p.value("file", "");
    problem.where.sheet = p.value("sheet", "");
    problem.where.line = p.value("line", 0);
    problem.where.row = p.value("row", 0);
    problem.where.column = p.value("column", 0);
    problem.message = p.value("message", "");
    out.push_back(std::move(problem));
  }
  return out;
}

}  // namespace mamori::app
