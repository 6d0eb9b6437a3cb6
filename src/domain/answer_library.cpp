#include "domain/answer_library.h"

#include <algorithm>

#include "domain/calendar_date.h"
#include "domain/text.h"

namespace mamori::domain {

namespace {

Status field_error(const char* field, const char* reason, const std::string& message) {
  return make_error(ErrorCode::invalid_input, reason, message, Location::in_field(field));
}

bool blank(const std::string& text) { return fold_for_search(text).empty(); }

Status check_text(const char* field, const std::string& text, std::size_t max_chars, bool required) {
  if (!is_valid_utf8(text)) return field_error(field, "invalid", std::string(field) + " is not valid UTF-8");
  if (required && blank(text)) return field_error(field, "required", std::string(field) + " must not be empty");
  if (utf8_length(text) > max_chars)
    return field_error(field, "too_long",
                       std::string(field) + " is longer than " + std::to_string(max_chars) + " characters");
  return ok();
}

Status check_list(const char* field, const std::vector<std::string>& items, std::size_t max_chars) {
  if (items.size() > kMaxLibraryListItems)
    return field_error(field, "too_many",
                       std::string(field) + " has more than " + std::to_string(kMaxLibraryListItems) + " items");
  for (const auto& item : items)
    if (auto s = check_text(field, item, max_chars, true); !s) return s;
  return ok();
}

bool contains_folded(const std::vector<std::string>& names, std::string_view name) {
  const std::string wanted = fold_for_search(name);
  return std::any_of(names.begin(), names.end(), [&](const std::string& n) { return fold_for_search(n) == wanted; });
}

std::string joined(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : separator) + i;
  return out;
}

}  // namespace

const char* to_string(LibraryStatus status) {
  switch (status) {
    case LibraryStatus::draft: return "draft";
    case LibraryStatus::approved: return "approved";
    case LibraryStatus::retired: return "retired";
  }
  return "draft";
}

std::optional<LibraryStatus> parse_library_status(std::string_view text) {
  for (auto s : {LibraryStatus::draft, LibraryStatus::approved, LibraryStatus::retired})
    if (text == to_string(s)) return s;
  return std::nullopt;
}

Status check_library_answer(const LibraryAnswer& a) {
  if (a.catalog_key.empty() != a.ref.empty())
    return field_error(a.ref.empty() ? "ref" : "catalog_key", "required",
                       "give both catalog_key and ref (a catalog item), or neither (a free question)");
  if (auto s = check_text("catalog_key", a.catalog_key, 64, false); !s) return s;
  if (auto s = check_text("ref", a.ref, 64, false); !s) return s;
  if (auto s = check_text("question", a.question, kMaxLibraryQuestionChars, true); !s) return s;
  if (a.answer != AnswerValue::yes && a.answer != AnswerValue::no && a.answer != AnswerValue::not_applicable)
    return field_error("answer", "not_allowed", "answer must be yes, no or na");
  const bool needs_reason = a.answer != AnswerValue::yes;
  if (auto s = check_text("explanation", a.explanation, kMaxLibraryExplanationChars, needs_reason); !s) {
    if (s.error().reason == "required")
      return field_error("explanation", "required",
                         "an answer of no (×) needs its alternative measure and na (－) its reason in explanation");
    return s;
  }
  if (auto s = check_list("evidence", a.evidence, kMaxEvidenceChars); !s) return s;
  if (auto s = check_list("scope_services", a.scope.services, kMaxScopeNameChars); !s) return s;
  if (auto s = check_list("scope_plans", a.scope.plans, kMaxScopeNameChars); !s) return s;
  if (auto s = check_text("owner", a.owner, 200, false); !s) return s;
  if (!a.review_due.empty() && !is_iso_date(a.review_due))
    return field_error("review_due", "invalid", "review_due must be a date YYYY-MM-DD");
  return ok();
}

ScopeFit scope_fit(const AnswerScope& scope, std::string_view service, std::string_view plan) {
  if (!scope.limited()) return ScopeFit::everywhere;
  const bool service_known = !fold_for_search(service).empty(), plan_known = !fold_for_search(plan).empty();
  if (!scope.services.empty() && service_known && !contains_folded(scope.services, service)) return ScopeFit::outside;
  if (!scope.plans.empty() && plan_known && !contains_folded(scope.plans, plan)) return ScopeFit::outside;
  if ((!scope.services.empty() && !service_known) || (!scope.plans.empty() && !plan_known)) return ScopeFit::unknown;
  return ScopeFit::holds;
}

bool review_overdue(const LibraryAnswer& answer, std::string_view today) {
  return !answer.review_due.empty() && answer.review_due < today;
}

std::string remarks_text(const LibraryAnswer& a) {
  std::string out = a.explanation;
  if (!a.evidence.empty()) out += std::string(out.empty() ? "" : "\n") + "根拠資料: " + joined(a.evidence, "、");
  if (a.scope.limited()) {
    std::string where;
    if (!a.scope.services.empty()) where += "サービス「" + joined(a.scope.services, "」「") + "」";
    if (!a.scope.plans.empty()) where += std::string(where.empty() ? "" : "の") + "プラン「" + joined(a.scope.plans, "」「") + "」";
    out += std::string(out.empty() ? "" : "\n") + "【条件付き回答】本回答は" + where + "に限ります。";
  }
  return out;
}

}  // namespace mamori::domain
