// The proposal rule (domain/answer_proposal.h) on the real catalogs and the
// demo library (the 44 summary items): the sheet's own item number wins,
// then the library's wording, then the catalog item; scope and review dates
// qualify the pick; nothing is proposed without a source. And the library
// entry rules (domain/answer_library.h).
#include <gtest/gtest.h>

#include "app/catalog_loader.h"
#include "app/demo_library.h"
#include "domain/answer_proposal.h"
#include "domain/text_index.h"

namespace mamori {

namespace {

using domain::AnswerContext;
using domain::AnswerValue;
using domain::LibraryAnswer;
using domain::LibraryEntry;
using domain::MatchedBy;
using domain::Proposal;
using domain::ProposalSource;

const domain::Catalog& builtin(const std::string& id) {
  auto bundle = app::builtin_bundle();
  if (!bundle) throw std::runtime_error(bundle.error().message);
  const auto* c = bundle.value()->find(id);
  if (!c) throw std::runtime_error("no built-in catalog " + id);
  return *c;
}

std::vector<const domain::Catalog*> frameworks() {
  return {&builtin("ismap-2024"), &builtin("iso27001-2022"), &builtin("cloud-provision")};
}

std::vector<LibraryEntry> entries_of(const std::vector<LibraryAnswer>& answers) {
  std::vector<LibraryEntry> out;
  for (std::size_t i = 0; i < answers.size(); ++i)
    out.push_back({"entry-" + std::to_string(i), 1, domain::LibraryStatus::approved, answers[i]});
  return out;
}

std::vector<LibraryEntry> demo_library() {
  return entries_of(app::demo_library_answers(builtin("ismap-sheet-summary")));
}

const AnswerContext kToday{"", "", "2026-11-22"};

// The summary item's title and requirement, as a sheet shows them.
std::string summary_question(const std::string& ref) {
  for (const auto& n : builtin("ismap-sheet-summary").nodes)
    if (n.ref == ref) return n.title + "\n" + n.text;
  throw std::runtime_error("no summary item " + ref);
}

LibraryAnswer answer(std::string ref, std::string question, std::string explanation = "対応しています。") {
  LibraryAnswer a;
  a.catalog_key = "ismap-2024";
  a.ref = std::move(ref);
  a.question = std::move(question);
  a.explanation = std::move(explanation);
  return a;
}

}  // namespace

TEST(AnswerProposal, TheSheetsOwnItemNumberWins) {
  const domain::AnswerProposer proposer(demo_library(), frameworks());
  Proposal p = proposer.propose({"（質問文なし）", "12.2"}, kToday);
  EXPECT_EQ(p.source, ProposalSource::library);
  EXPECT_EQ(p.matched_by, MatchedBy::sheet_ref);
  EXPECT_EQ(p.catalog_ref, "12.2");
  EXPECT_EQ(p.answer, AnswerValue::yes);
  EXPECT_DOUBLE_EQ(p.confidence, domain::kSheetRefConfidence);
  EXPECT_NE(p.explanation.find("マルウェア"), std::string::npos);
  EXPECT_NE(p.explanation.find("根拠資料: マルウェア対策基準"), std::string::npos);
  // "6.3P" as sheets write it; a child item finds its parent's answer.
  EXPECT_EQ(proposer.propose({"", "6.3P"}, kToday).catalog_ref, "6.3.P");
  Proposal child = proposer.propose({"", "12.2.1"}, kToday);
  EXPECT_EQ(child.source, ProposalSource::library);
  EXPECT_LT(child.confidence, domain::kSheetRefConfidence);
  EXPECT_GT(child.confidence, 0.85);
}

TEST(AnswerProposal, EverySummaryQuestionFindsItsOwnAnswerByWording) {
  const auto library = demo_library();
  const domain::AnswerProposer proposer(library, frameworks());
  int right = 0;
  for (const auto& e : library) {
    // Find the summary item that cites e's ISMAP ref.
    for (const auto& n : builtin("ismap-sheet-summary").nodes) {
      if (n.refers_to.empty() || n.refers_to.front() != "ismap-2024:" + e.content.ref) continue;
      Proposal p = proposer.propose({summary_question(n.ref), ""}, kToday);
      EXPECT_EQ(p.matched_by, MatchedBy::library_text) << n.ref;
      EXPECT_GE(p.confidence, 0.5) << n.ref;
      if (p.library_id == e.id) ++right;
    }
  }
  EXPECT_EQ(right, 44);
}

TEST(AnswerProposal, ThroughTheCatalogWhenTheWordingDiffers) {
  // The library's own words say little; the catalog knows what 12.3 is about.
  const domain::AnswerProposer proposer(entries_of({answer("12.3", "BK-01", "日次で取得。")}), frameworks());
  Proposal p = proposer.propose({"情報のバックアップは、合意されたバックアップ方針に従って定期的に取得し、検査していますか。", ""},
                                kToday);
  EXPECT_EQ(p.source, ProposalSource::library);
  EXPECT_EQ(p.matched_by, MatchedBy::catalog);
  EXPECT_EQ(p.library_id, "entry-0");
  EXPECT_GE(p.confidence, domain::kCatalogThreshold);
  EXPECT_LT(p.confidence, 1.0);
}

TEST(AnswerProposal, ACatalogItemWithoutALibraryAnswerProposesNoAnswer) {
  const domain::AnswerProposer proposer(entries_of({answer("12.3", "バックアップ")}), frameworks());
  Proposal p = proposer.propose({"マルウェアから保護するために、検出、予防及び回復の管理策を実施していますか。", ""}, kToday);
  EXPECT_EQ(p.source, ProposalSource::catalog);
  EXPECT_EQ(p.answer, AnswerValue::blank);
  EXPECT_TRUE(p.library_id.empty());
  EXPECT_FALSE(p.catalog_ref.empty());
  EXPECT_FALSE(p.notes.empty());
}

TEST(AnswerProposal, NothingMatchesNothingIsProposed) {
  const domain::AnswerProposer proposer(demo_library(), frameworks());
  Proposal p = proposer.propose({"🍣🍣 qwxz ÆØÅ", ""}, kToday);
  EXPECT_EQ(p.source, ProposalSource::none);
  EXPECT_EQ(p.answer, AnswerValue::blank);
  EXPECT_EQ(p.confidence, 0);
  const domain::AnswerProposer empty({}, {});
  EXPECT_EQ(empty.propose({summary_question("5-20"), "12.2"}, kToday).source, ProposalSource::none);
}

TEST(AnswerProposal, ScopeQualifiesTheAnswer) {
  LibraryAnswer limited = answer("12.3", "バックアップを取得していますか。", "日次で取得しています。");
  limited.scope.services = {"文書管理サービス"};
  const domain::AnswerProposer proposer(entries_of({limited}), frameworks());
  const domain::QuestionToAnswer q{"", "12.3"};
  Proposal holds = proposer.propose(q, {"ＡＢＣ文書管理サービス", "", "2026-11-22"});
  // Another service: proposed at half the confidence, with a note.
  EXPECT_TRUE(holds.out_of_scope);
  EXPECT_DOUBLE_EQ(holds.confidence, domain::kSheetRefConfidence * domain::kOutOfScopeFactor);
  Proposal same = proposer.propose(q, {"文書管理サービス", "", "2026-11-22"});
  EXPECT_FALSE(same.out_of_scope);
  EXPECT_TRUE(same.conditional);
  EXPECT_DOUBLE_EQ(same.confidence, domain::kSheetRefConfidence);
  EXPECT_NE(same.explanation.find("【条件付き回答】"), std::string::npos);
  Proposal unknown = proposer.propose(q, kToday);
  EXPECT_TRUE(unknown.conditional);
  EXPECT_FALSE(unknown.out_of_scope);
  EXPECT_DOUBLE_EQ(unknown.confidence, domain::kSheetRefConfidence * domain::kUnknownScopeFactor);
}

TEST(AnswerProposal, OfSeveralAnswersToAnItemTheOneForTheSheetsServiceWins) {
  LibraryAnswer general = answer("12.3", "バックアップ", "週次で取得しています。");
  LibraryAnswer enterprise = answer("12.3", "バックアップ", "日次で取得し、遠隔地に保管しています。");
  enterprise.scope.plans = {"エンタープライズ"};
  const domain::AnswerProposer proposer(entries_of({general, enterprise}), frameworks());
  EXPECT_EQ(proposer.propose({"", "12.3"}, {"", "エンタープライズ", "2026-11-22"}).library_id, "entry-1");
  EXPECT_EQ(proposer.propose({"", "12.3"}, {"", "スタンダード", "2026-11-22"}).library_id, "entry-0");
  EXPECT_EQ(proposer.propose({"", "12.3"}, kToday).library_id, "entry-0");
}

TEST(AnswerProposal, AnAnswerPastItsReviewDateIsFlagged) {
  LibraryAnswer old = answer("12.6", "脆弱性");
  old.review_due = "2025-03-31";
  const domain::AnswerProposer proposer(entries_of({old}), frameworks());
  Proposal p = proposer.propose({"", "12.6"}, kToday);
  EXPECT_TRUE(p.review_overdue);
  EXPECT_DOUBLE_EQ(p.confidence, domain::kSheetRefConfidence);
  EXPECT_FALSE(proposer.propose({"", "12.6"}, {"", "", "2025-03-31"}).review_overdue);
}

TEST(LibraryAnswerRules, WhatAnEntryMustHold) {
  LibraryAnswer a = answer("12.2", "マルウェア対策をしていますか。");
  EXPECT_TRUE(domain::check_library_answer(a));
  auto field_of = [](const LibraryAnswer& x) {
    auto s = domain::check_library_answer(x);
    return s ? std::string() : s.error().where.field;
  };
  LibraryAnswer b = a;
  b.question = "  ";
  EXPECT_EQ(field_of(b), "question");
  b = a;
  b.answer = AnswerValue::no;
  b.explanation = "";
  EXPECT_EQ(field_of(b), "explanation");  // × needs its alternative measure
  b.explanation = "代替として週次で手動確認しています。";
  EXPECT_EQ(field_of(b), "");
  b = a;
  b.answer = AnswerValue::blank;
  EXPECT_EQ(field_of(b), "answer");
  b = a;
  b.ref = "";
  EXPECT_EQ(field_of(b), "ref");
  b.catalog_key = "";
  EXPECT_EQ(field_of(b), "");  // a free question
  b = a;
  b.review_due = "2026-02-30";
  EXPECT_EQ(field_of(b), "review_due");
  b.review_due = "2028-02-29";
  EXPECT_EQ(field_of(b), "");
  b = a;
  b.evidence = std::vector<std::string>(51, "規程");
  EXPECT_EQ(field_of(b), "evidence");
  b = a;
  b.scope.services = {""};
  EXPECT_EQ(field_of(b), "scope_services");
}

TEST(LibraryAnswerRules, ScopeFitAndRemarks) {
  domain::AnswerScope scope;
  EXPECT_EQ(domain::scope_fit(scope, "x", "y"), domain::ScopeFit::everywhere);
  scope.services = {"IaaS"};
  EXPECT_EQ(domain::scope_fit(scope, "ｉａａｓ", ""), domain::ScopeFit::holds);
  EXPECT_EQ(domain::scope_fit(scope, "SaaS", ""), domain::ScopeFit::outside);
  EXPECT_EQ(domain::scope_fit(scope, "", "x"), domain::ScopeFit::unknown);
  scope.plans = {"Gold"};
  EXPECT_EQ(domain::scope_fit(scope, "IaaS", "Silver"), domain::ScopeFit::outside);
  EXPECT_EQ(domain::scope_fit(scope, "IaaS", ""), domain::ScopeFit::unknown);
  LibraryAnswer a = answer("12.3", "q", "日次で取得しています。");
  a.evidence = {"バックアップ手順書", "https://example.jp/sec"};
  a.scope = scope;
  EXPECT_EQ(domain::remarks_text(a),
            "日次で取得しています。\n根拠資料: バックアップ手順書、https://example.jp/sec\n"
            "【条件付き回答】本回答はサービス「IaaS」のプラン「Gold」に限ります。");
}

TEST(AnswerDecision, Names) {
  for (auto d : {domain::AnswerDecision::proposed, domain::AnswerDecision::accepted, domain::AnswerDecision::edited,
                 domain::AnswerDecision::skipped})
    EXPECT_EQ(domain::parse_answer_decision(domain::to_string(d)), d);
  EXPECT_FALSE(domain::parse_answer_decision("maybe"));
}

}  // namespace mamori
