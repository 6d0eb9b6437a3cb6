// The answer library (回答マスタ) of a vendor: its approved answers to the
// questions customers ask, one per catalog item (or a free question), with
// the explanation and evidence to write beside the ○/×, where the answer
// holds (条件付き回答: some services or plans only), an owner and a review
// date. Types and rules only; versions and approval are kept by store/ and
// app/library.*.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "domain/sheet_answer.h"

namespace mamori::domain {

enum class LibraryStatus { draft, approved, retired };

const char* to_string(LibraryStatus status);  // draft | approved | retired
std::optional<LibraryStatus> parse_library_status(std::string_view text);

// Where an answer holds. Both empty: every service and plan.
struct AnswerScope {
  std::vector<std::string> services;
  std::vector<std::string> plans;
  bool limited() const { return !services.empty() || !plans.empty(); }
  bool operator==(const AnswerScope&) const = default;
};

// The content of one version of a library answer.
struct LibraryAnswer {
  std::string catalog_key;  // "ismap-2024"; empty for a free question
  std::string ref;          // "12.2"; empty for a free question
  std::string question;     // the canonical wording
  AnswerValue answer = AnswerValue::yes;  // yes, no or not_applicable
  std::string explanation;  // what is done; for × the alternative measure, for － the reason
  std::vector<std::string> evidence;  // document names, URLs, clause numbers
  AnswerScope scope;
  std::string owner;       // who keeps it true
  std::string review_due;  // YYYY-MM-DD, or "" for none
  bool operator==(const LibraryAnswer&) const = default;
};

struct LibraryEntry {
  std::string id;
  int version = 0;
  LibraryStatus status = LibraryStatus::draft;
  LibraryAnswer content;
};

// Limits, in characters (code points) for text and in items for lists.
inline constexpr std::size_t kMaxLibraryQuestionChars = 4000;
inline constexpr std::size_t kMaxLibraryExplanationChars = 8000;
inline constexpr std::size_t kMaxLibraryListItems = 50;
inline constexpr std::size_t kMaxEvidenceChars = 1000;
inline constexpr std::size_t kMaxScopeNameChars = 200;

// ok, or invalid_input naming the first field in error (question, answer,
// explanation, evidence, scope_services, scope_plans, owner, review_due,
// catalog_key, ref). An answer of × or － must say why (seed 000: an
// alternative measure for every ×), so both need an explanation.
Status check_library_answer(const LibraryAnswer& answer);

// How an entry's scope fits the sheet being answered.
enum class ScopeFit {
  everywhere,  // not limited
  holds,       // limited, and the sheet's service (and plan) are inside it
  unknown,     // limited, and the sheet does not say which service or plan
  outside,     // the sheet's service or plan is not in it
};
// Names compare folded (width and case do not matter). An empty `service`
// or `plan` means the sheet does not say.
ScopeFit scope_fit(const AnswerScope& scope, std::string_view service, std::string_view plan);

// True when review_due is set and before `today` (YYYY-MM-DD).
bool review_overdue(const LibraryAnswer& answer, std::string_view today);

// What goes into the customer's remarks cell: the explanation, the evidence
// (根拠資料) and, for a limited answer, the condition (条件付き). Japanese,
// as the sheets are.
std::string remarks_text(const LibraryAnswer& answer);

}  // namespace mamori::domain
