#include "app/sheet_reviews.h"

#include <nlohmann/json.hpp>

#include "app/audited_write.h"
#include "app/authorize.h"
#include "app/sheet_access.h"
#include "app/sheet_catalog.h"
#include "app/sheet_response_evaluation.h"
#include "domain/sheet_workflow.h"
#include "formats/check_sheet_report_xlsx.h"
#include "store/ids.h"

namespace mamori::app {

using nlohmann::json;

namespace {

// Loads and evaluates a response the caller may read as a procurer.
Status evaluate_into(store::Tx& tx, const TenantScope& scope, const std::string& response_id, const std::string& as_of,
                     ResponseEvaluation& out) {
  auto response = visible_response(tx, scope, response_id);
  if (!response) return response.error();
  auto sheet = existing_sheet(tx, scope, response->sheet_id);
  if (!sheet) return sheet.error();
  auto items = store::sheet_items(tx, scope.tenant_id(), sheet->id);
  if (!items) return items.error();
  auto report = evaluate_in(tx, sheet.value(), items.value(), response.value(), as_of);
  if (!report) return report.error();
  auto reviews = store::reviews_of_response(tx, scope.tenant_id(), response_id);
  if (!reviews) return reviews.error();
  out.sheet = std::move(sheet.value());
  out.response = std::move(response.value());
  out.items = std::move(items.value());
  out.reviews = std::move(reviews.value());
  out.report = std::move(report.value());
  out.as_of = as_of;
  return ok();
}

std::string listing_line(const ResponseEvaluation& e) {
  const auto& claim = e.response.listing;
  const auto& ev = e.report.evaluation;
  std::string out = "項番2: " + std::string(domain::answer_symbol(claim.conformity)) + " " + claim.provider + " " +
                    claim.service + " " + claim.kind + " → " + domain::to_string(ev.listing);
  if (ev.listing_entry)
    out += " (" + ev.listing_entry->registration + ", " + ev.listing_entry->registered + " – " +
           ev.listing_entry->valid_until + ")";
  return out;
}

}  // namespace

Result<ResponseEvaluation> evaluate_response(Services& services, const Caller& caller, const std::string& tenant_id,
                                             const std::string& response_id, const std::string& as_of) {
  ResponseEvaluation out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) return scope.error();
    auto date = evaluation_date(as_of);
    if (!date) return date.error();
    return evaluate_into(tx, scope.value(), response_id, date.value(), out);
  });
  if (!status) return status.error();
  return out;
}

Result<ResponseEvaluation> review_item(Services& services, const Caller& caller, const std::string& tenant_id,
                                       const std::string& response_id, const std::string& ref,
                                       const std::string& decision, const std::string& comment) {
  ResponseEvaluation out;
  const std::string today = today_in_japan();
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::approve_records);
    if (!scope) return scope.error();
    ResponseEvaluation before;
    if (auto r = evaluate_into(tx, scope.value(), response_id, today, before); !r) return r;
    if (decision != "accepted" && decision != "rejected")
      return make_error(ErrorCode::invalid_input, "not_allowed", "decision must be accepted or rejected",
                        Location::in_field("decision"));
    // The status before review, by the rule itself (domain::judge_answer).
    const domain::EvaluatedItem* item = nullptr;
    for (const auto& i : before.report.evaluation.items)
      if (i.ref == ref) item = &i;
    if (!item)
      return make_error(ErrorCode::not_found, "no_such_item",
                        "the sheet judges no item " + ref + " / 項番 " + ref + " は判定対象ではありません",
                        Location::in_field("ref"));
    const domain::ItemStatus before_review = domain::judge_answer(item->given);
    if (auto p = domain::review_problem(before.response.status, before_review, comment))
      return rule_error(p->field == "comment" ? ErrorCode::invalid_input : ErrorCode::conflict, *p);
    store::StoredReview review;
    review.ref = ref;
    review.decision = decision == "accepted" ? domain::ReviewDecision::accepted : domain::ReviewDecision::rejected;
    review.comment = comment;
    review.reviewer_user_id = caller.user_id;
    review.reviewer = caller.label();
    review.decided_at = store::utc_now();
    if (auto r = store::save_review(tx, tenant_id, response_id, review); !r) return r;
    if (auto r = evaluate_into(tx, scope.value(), response_id, today, out); !r) return r;
    return audit.record({tenant_id, "sheet_response.review", "sheet_response", response_id, "success", false,
                         json{{"ref", ref},
                              {"decision", decision},
                              {"comment", comment},
                              {"previous", domain::to_string(item->review.decision)},
                              {"verdict_before", domain::to_string(before.report.evaluation.verdict)},
                              {"verdict_after", domain::to_string(out.report.evaluation.verdict)}}
                             .dump()});
  });
  if (!status) return status.error();
  return out;
}

Result<SheetFile> response_report_xlsx(Services& services, const Caller& caller, const std::string& tenant_id,
                                       const std::string& response_id, const std::string& as_of) {
  auto e = evaluate_response(services, caller, tenant_id, response_id, as_of);
  if (!e) return e.error();
  const auto& ev = e->report.evaluation;
  formats::CheckSheetReport report;
  report.sheet_title = e->sheet.title;
  report.vendor = e->response.vendor_name;
  report.service = e->sheet.service_name;
  report.as_of = e->as_of;
  report.template_id = e->sheet.template_id;
  report.classification = e->report.imported.classification;
  report.verdict = ev.verdict;
  report.by_listing = ev.conforming_by_listing;
  report.listing = listing_line(e.value());
  report.warnings = ev.warnings;
  report.met = ev.met;
  report.needs_review = ev.needs_review;
  report.unmet = ev.unmet;
  std::map<std::string, const store::SheetItem*> items;
  for (const auto& i : e->items) items[i.ref] = &i;
  std::map<std::string, const store::StoredReview*> reviews;
  for (const auto& v : e->reviews) reviews[v.ref] = &v;
  for (const auto& i : ev.items) {
    formats::ReportItem r;
    r.ref = i.ref;
    r.ismap_ref = i.ismap_ref;
    if (const auto* item = items[i.ref]) {
      r.title = item->title;
      r.requirement = item->requirement;
    }
    r.answer = i.answered ? domain::answer_symbol(i.given.answer) : "";
    if (i.given.answer == domain::AnswerValue::unreadable) r.written = i.given.raw;
    r.alternative = i.given.alternative;
    r.status = i.status;
    r.review = i.review;
    if (const auto* v = reviews[i.ref]; v && i.review.decision != domain::ReviewDecision::none) {
      r.reviewer = v->reviewer;
      r.decided_at = v->decided_at;
    }
    report.items.push_back(std::move(r));
  }
  for (const auto& p : e->report.imported.problems) report.problems.push_back(p.where.to_string() + ": " + p.message);
  auto bytes = formats::check_sheet_report_xlsx(report);
  if (!bytes) return bytes.error();
  return SheetFile{"mamori-report-" + e->response.id + ".xlsx", std::move(bytes.value())};
}

Result<Comparison> compare_responses(Services& services, const Caller& caller, const std::string& tenant_id,
                                     const std::string& sheet_id, const std::string& as_of) {
  Comparison out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) return scope.error();
    auto date = evaluation_date(as_of);
    if (!date) return date.error();
    auto found = sheet_with_items(tx, scope.value(), sheet_id);
    if (!found) return found.error();
    const auto& sheet = found->sheet;
    const auto& items = found->items;
    auto evaluated = evaluate_sheet_responses(tx, sheet, items, date.value());
    if (!evaluated) return evaluated.error();
    std::map<std::string, std::size_t> row_of;
    for (const auto& i : items) {
      if (!i.asked() || !i.required) continue;
      row_of[i.ref] = out.items.size();
      out.items.push_back({i.ref, i.title, {}});
    }
    for (auto& r : evaluated.value()) {
      const auto& e = r.report.evaluation;
      for (const auto& i : e.items)
        if (auto row = row_of.find(i.ref); row != row_of.end()) out.items[row->second].statuses[r.response.id] = i.status;
      out.responses.push_back({std::move(r.response), e.verdict, e.conforming_by_listing, e.met, e.needs_review, e.unmet});
    }
    out.sheet = std::move(found->sheet);
    out.as_of = date.value();
    return ok();
  });
  if (!status) return status.error();
  return out;
}

}  // namespace mamori::app
