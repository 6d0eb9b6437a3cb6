// Which answer to propose for a customer's question, and from where. The
// rule, in order:
//  1. the sheet names the catalog item (an ISMAP管理基準番号 column): the
//     library's answer to that item (or to its nearest ancestor);
//  2. the library's own questions and explanations, by text similarity: the
//     best entry at or above kLibraryTextThreshold;
//  3. the catalog items the question is about (CatalogMatcher over every
//     framework given): the library's answer to the best-matching item that
//     has one, at or above kCatalogThreshold;
//  4. otherwise no answer: a catalog item alone is shown as what the
//     question is about ('catalog', no answer), nothing at all as 'none'.
//     An answer is never proposed without an approved library entry behind it.
// Scope and review date then qualify the pick: an entry limited to other
// services or plans than the sheet's is proposed with a note and
// kOutOfScopeFactor of its confidence (below any sensible threshold); one
// limited while the sheet does not say which service it is about keeps a
// note and kUnknownScopeFactor; an entry past its review date is flagged.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/answer_library.h"
#include "domain/catalog.h"

namespace mamori::domain {

// Thresholds and factors. Scores are cosine similarities of character
// n-gram TF-IDF vectors (text_index.h), 0..1. Measured on the demo library
// (the 44 summary items, app/demo_library.cpp) with ismap-2024,
// iso27001-2022 and cloud-provision loaded; rerun with
//   mamori_unit_tests --gtest_also_run_disabled_tests --gtest_filter='*MeasureScores*'
//  - a summary question asked word for word scores 0.73..0.99 against its
//    own entry (question and explanation indexed apart, the better counts);
//  - 20 everyday rewordings ("ウイルス対策ソフトを…", "退職者のアカウントを…"):
//    where the top entry is right it scores 0.17..0.41, where it is wrong
//    at most 0.17; questions about something else (料金, 資本金) at most 0.07;
//  - a question against a neighbouring item's entry (9.2 vs 9.4, 4.6 vs 4.7)
//    scores up to 0.54: text alone cannot tell neighbours apart when the
//    right entry is missing, which is why nothing below 0.5 is written
//    without a person (app::kDefaultMinConfidence).
// kLibraryTextThreshold = 0.30 takes the close rewordings and leaves the
// rest to the catalog step (bench/matcher_bench.cpp measures the matcher
// itself). With both, the 20 rewordings got the right entry 14 times
// (library text 0.35..0.41, catalog 0.13..0.31) and no answer 6 times,
// never a wrong answer. An unrelated question also reached 0.22 on some
// catalog item, so catalog scores do not separate related from unrelated:
// kCatalogThreshold = 0.12 only cuts noise, and such proposals stay far
// below the 0.5 that is written without review.
inline constexpr double kSheetRefConfidence = 0.95;    // the sheet's own item number (could cite an older revision)
inline constexpr double kAncestorRefFactor = 0.95;     // the entry is for the cited item's parent
inline constexpr double kLibraryTextThreshold = 0.30;
inline constexpr double kCatalogThreshold = 0.12;
inline constexpr std::size_t kCatalogCandidates = 3;   // catalog matches per catalog looked at for an entry
inline constexpr std::size_t kLibraryCandidates = 5;   // library matches weighed by scope
inline constexpr double kUnknownScopeFactor = 0.8;
inline constexpr double kOutOfScopeFactor = 0.5;

enum class ProposalSource { library, catalog, none };
const char* to_string(ProposalSource source);  // library | catalog | none

// How the proposal was found (for people reviewing it).
enum class MatchedBy { none, sheet_ref, library_text, catalog };
const char* to_string(MatchedBy how);  // none | sheet_ref | library_text | catalog

struct QuestionToAnswer {
  std::string text;      // the question as the sheet words it (item name and requirement)
  std::string sheet_ref; // a catalog item number the sheet gives with it (ISMAP管理基準番号), or ""
};

struct AnswerContext {
  std::string service;  // which of the vendor's services the sheet is about ("" unknown)
  std::string plan;
  std::string today;    // YYYY-MM-DD, for review dates
};

struct Proposal {
  ProposalSource source = ProposalSource::none;
  MatchedBy matched_by = MatchedBy::none;
  AnswerValue answer = AnswerValue::blank;  // blank unless source == library
  std::string explanation;                  // the remarks to write (remarks_text of the entry)
  std::string library_id;
  int library_version = 0;
  std::string catalog_key;  // the catalog item the question is about, when known
  std::string catalog_ref;
  std::string catalog_title;
  double confidence = 0;  // 0..1
  bool conditional = false;     // the entry holds for some services/plans only
  bool out_of_scope = false;    // ... and not for the sheet's
  bool review_overdue = false;
  std::vector<std::string> notes;  // "日本語 / English", one each
};

class AnswerProposer {
 public:
  // `entries`: the approved library (content of the approved version of
  // each entry). `catalogs`: the frameworks to match questions against;
  // they must outlive the proposer.
  AnswerProposer(std::vector<LibraryEntry> entries, const std::vector<const Catalog*>& catalogs);
  ~AnswerProposer();
  AnswerProposer(AnswerProposer&&) noexcept;
  AnswerProposer& operator=(AnswerProposer&&) noexcept;

  // Safe to call concurrently.
  Proposal propose(const QuestionToAnswer& question, const AnswerContext& context) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// What a person did with a proposal.
enum class AnswerDecision {
  proposed,  // nothing yet
  accepted,  // the proposal as it is
  edited,    // another answer or explanation
  skipped,   // left unanswered in the file
};
const char* to_string(AnswerDecision decision);  // proposed | accepted | edited | skipped
std::optional<AnswerDecision> parse_answer_decision(std::string_view text);

}  // namespace mamori::domain
