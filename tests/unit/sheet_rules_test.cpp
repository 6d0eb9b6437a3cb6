// The check-sheet rules of seed 000: reading answers, recognising columns,
// and the evaluation with listings and reviews.
#include <gtest/gtest.h>

#include <regex>

#include "domain/sheet_answer.h"
#include "domain/sheet_columns.h"
#include "domain/sheet_evaluation.h"

namespace mamori::domain {

TEST(SheetAnswer, EverySpellingOfYes) {
  for (const char* s : {"○", "〇", "◯", "O", "o", "Ｏ", "ｏ", "Yes", "YES", "yes", "Ｙｅｓ", "Y", "y", "Ｙ", "はい", "対応",
                        "対応済", "対応済み", "済", " ○ ", "○。", "（○）"})
    EXPECT_EQ(read_answer(s), AnswerValue::yes) << s;
}

TEST(SheetAnswer, EverySpellingOfNo) {
  for (const char* s : {"×", "✕", "☓", "✖", "X", "x", "Ｘ", "ｘ", "No", "NO", "Ｎｏ", "N", "n", "いいえ", "未対応", "「×」"})
    EXPECT_EQ(read_answer(s), AnswerValue::no) << s;
}

TEST(SheetAnswer, EverySpellingOfNotApplicable) {
  for (const char* s : {"－", "-", "‐", "―", "N/A", "n/a", "Ｎ／Ａ", "NA", "該当なし", "対象外", "非該当"})
    EXPECT_EQ(read_answer(s), AnswerValue::not_applicable) << s;
}

TEST(SheetAnswer, BlankAndUnreadable) {
  EXPECT_EQ(read_answer(""), AnswerValue::blank);
  EXPECT_EQ(read_answer("  　"), AnswerValue::blank);
  for (const char* s : {"◎", "△", "0", "OK?", "一部対応", "○×", "yes, partly", "検討中"})
    EXPECT_EQ(read_answer(s), AnswerValue::unreadable) << s;
  EXPECT_STREQ(answer_symbol(AnswerValue::yes), "○");
  EXPECT_EQ(parse_answer_value("na"), AnswerValue::not_applicable);
}

TEST(SheetColumns, Seed000HeadersAndTheirVariants) {
  EXPECT_EQ(column_role("項番"), ColumnRole::ref);
  EXPECT_EQ(column_role("No."), ColumnRole::ref);
  EXPECT_EQ(column_role("ＮＯ"), ColumnRole::ref);
  EXPECT_EQ(column_role("番号"), ColumnRole::ref);
  EXPECT_EQ(column_role("項目名"), ColumnRole::title);
  EXPECT_EQ(column_role("概要要件"), ColumnRole::requirement);
  EXPECT_EQ(column_role("要求事項"), ColumnRole::requirement);
  EXPECT_EQ(column_role("適合状況 (O/x)"), ColumnRole::answer);
  EXPECT_EQ(column_role("適合状況 (○/×)"), ColumnRole::answer);
  EXPECT_EQ(column_role("回答"), ColumnRole::answer);
  EXPECT_EQ(column_role("備考（「×」の場合の代替対策の提示）"), ColumnRole::remarks);
  EXPECT_EQ(column_role("代替対策"), ColumnRole::remarks);
  EXPECT_EQ(column_role("ISMAP管理基準 項目名 (令和5年9月22日最終改定 ISMAP運営委員会)"), ColumnRole::ismap_title);
  EXPECT_EQ(column_role("ISMAP管理基準番号"), ColumnRole::ismap_ref);
  EXPECT_EQ(column_role("機密性"), ColumnRole::classification);
  EXPECT_EQ(column_role("取り扱う（保存する）情報の詳細"), ColumnRole::details);
  EXPECT_EQ(column_role("採用クラウドサービス企業"), ColumnRole::provider);
  EXPECT_EQ(column_role("採用クラウドサービス名称"), ColumnRole::service);
  EXPECT_EQ(column_role("ISMAP or ISMAP-LIU"), ColumnRole::listing_kind);
  EXPECT_FALSE(column_role("別紙 クラウドサービス要件確認"));
  EXPECT_FALSE(column_role(""));
}

// The importers' shortcut for the item number header says what column_role
// says, for headers of every role, near misses, item numbers and answers.
TEST(SheetColumns, IsRefHeaderAgreesWithColumnRole) {
  for (const char* text :
       {"項番", "No.", "ＮＯ", "no", " 番 号 ", "項目番号", "通番", "#", "質問番号（必須）", "設問番号", "管理番号", "ID",
        "Item No.", "itemno", "Q.No", "QNo", "項番号", "番号札", "ISMAP管理基準番号", "管理基準番号", "No", "Ｎｏ．",
        "項目名", "適合状況 (○/×)", "回答", "備考", "機密性", "5.1.1", "1-2", "○", "×", "", "　",
        "(項番)", "項番 (ISMAP)", "no.no", "ＩＳＭＡＰ No", "採用クラウドサービス企業",
        // Digits: kept by core() outside brackets, dropped inside them.
        "No.1", "項番1", "項番(1)", "項番（1）", "No（２）", "No２", "5.1.1.PB", "No. (1-2)",
        "要求事項は、ここに書かれた長い文章で、項番ではありません。要求事項は、ここに書かれた長い文章です。"}) {
    EXPECT_EQ(is_ref_header(text), column_role(text) == ColumnRole::ref) << text;
  }
  EXPECT_TRUE(is_ref_header("項番"));
  EXPECT_TRUE(is_ref_header("Ｎｏ．"));
  EXPECT_FALSE(is_ref_header("ISMAP管理基準番号"));
  EXPECT_TRUE(is_ref_header("項番（1）"));
  EXPECT_FALSE(is_ref_header("項番1"));
}

TEST(SheetColumns, ItemRefsMatchThePatternsTheyReplaced) {
  // normalize_item_ref matches these two patterns by hand; compare it with
  // them on every string of up to six characters over the characters that
  // matter (three-digit runs, dots, dashes, the suffixes, something else).
  const std::regex summary(R"(\d{1,2}(-\d{1,2})?)");
  const std::regex ismap(R"((\d{1,2}(?:\.\d{1,2}){1,3})\.?(p|b|pb)?)");
  auto by_regex = [&](const std::string& s) -> std::string {
    if (std::regex_match(s, summary)) return s;
    std::smatch m;
    if (!std::regex_match(s, m, ismap)) return "";
    std::string suffix = m[2].str();
    for (auto& c : suffix) c = static_cast<char>(c - 'a' + 'A');
    return m[1].str() + (suffix.empty() ? "" : "." + suffix);
  };
  const std::string alphabet = "19.-pbx";
  std::vector<std::string> level = {""};
  std::size_t compared = 0;
  for (int length = 0; length <= 6; ++length) {
    std::vector<std::string> next;
    for (const auto& s : level) {
      ASSERT_EQ(normalize_item_ref(s), by_regex(s)) << "\"" << s << "\"";
      ++compared;
      if (length < 6)
        for (char c : alphabet) next.push_back(s + c);
    }
    level = std::move(next);
  }
  EXPECT_EQ(compared, 137257u);
}

TEST(SheetColumns, ItemRefsAsWritten) {
  EXPECT_EQ(normalize_item_ref("5-20"), "5-20");
  EXPECT_EQ(normalize_item_ref("５－２０"), "5-20");
  EXPECT_EQ(normalize_item_ref(" 5ｰ20 "), "5-20");
  EXPECT_EQ(normalize_item_ref("No.5-20"), "5-20");
  EXPECT_EQ(normalize_item_ref("3"), "3");
  EXPECT_EQ(normalize_item_ref("9.4.2.2.b"), "9.4.2.2.B");
  EXPECT_EQ(normalize_item_ref("6.3.1.P"), "6.3.1.P");
  EXPECT_EQ(normalize_item_ref("6.3P"), "6.3.P");
  EXPECT_EQ(normalize_item_ref("12.2"), "12.2");
  EXPECT_EQ(normalize_item_ref("ガバナンス基準"), "");
  EXPECT_EQ(normalize_item_ref(""), "");
  EXPECT_EQ(normalize_classification("機密性3B"), "3B");
  EXPECT_EQ(normalize_classification("機密性 3 B"), "3B");
  EXPECT_EQ(normalize_classification("３ｃ"), "3C");
  EXPECT_EQ(normalize_classification("2"), "2");
  EXPECT_EQ(normalize_classification("極秘"), "");
}

namespace {

SheetEvaluationInput three_items() {
  SheetEvaluationInput in;
  in.required = {{"3-1", "3.1"}, {"5-17", "11.1"}, {"5-20", "12.2"}};
  in.as_of = "2026-11-22";
  in.service_list = {{"C99-0001-1", "サンプルSaaS", "サンプルクラウド株式会社", "ISMAP", "2025-04-01", "2027-07-31"},
                     {"L99-0002-1", "サンプル業務アプリ", "サンプルソフト合同会社", "ISMAP-LIU", "2024-01-15", "2025-05-31"}};
  for (const auto& r : in.required) in.answers[r.ref] = {AnswerValue::yes, "○", ""};
  return in;
}

}  // namespace

TEST(SheetEvaluation, AllMetIsConforming) {
  auto e = evaluate_sheet(three_items());
  EXPECT_EQ(e.verdict, Verdict::conforming);
  EXPECT_EQ(e.met, 3);
  EXPECT_FALSE(e.conforming_by_listing);
}

TEST(SheetEvaluation, AnAlternativeNeedsReviewAndTheReviewerDecides) {
  auto in = three_items();
  in.answers["5-17"] = {AnswerValue::no, "×", "IaaS事業者の物理的対策に依拠する。"};
  auto e = evaluate_sheet(in);
  EXPECT_EQ(e.verdict, Verdict::conditional);
  EXPECT_EQ(e.items[1].status, ItemStatus::needs_review);
  in.reviews["5-17"] = {ReviewDecision::accepted, "ISMAP登録済みIaaSのため妥当"};
  EXPECT_EQ(evaluate_sheet(in).verdict, Verdict::conforming);
  in.reviews["5-17"] = {ReviewDecision::rejected, "根拠が不足"};
  EXPECT_EQ(evaluate_sheet(in).verdict, Verdict::nonconforming);
  // A decision on an item that needs no review changes nothing.
  in.reviews["3-1"] = {ReviewDecision::rejected, "誤操作"};
  EXPECT_EQ(evaluate_sheet(in).items[0].status, ItemStatus::met);
}

TEST(SheetEvaluation, NoWithoutAnAlternativeOrNoAnswerIsUnmet) {
  auto in = three_items();
  in.answers["5-17"] = {AnswerValue::no, "×", "  "};
  in.answers.erase("5-20");
  auto e = evaluate_sheet(in);
  EXPECT_EQ(e.verdict, Verdict::nonconforming);
  EXPECT_EQ(e.items[1].status, ItemStatus::unmet);
  EXPECT_FALSE(e.items[2].answered);
  EXPECT_EQ(e.items[2].status, ItemStatus::unmet);
  EXPECT_EQ(e.unmet, 2);
}

TEST(SheetEvaluation, NotApplicableNeedsAReason) {
  auto in = three_items();
  in.answers["5-20"] = {AnswerValue::not_applicable, "－", ""};
  EXPECT_EQ(evaluate_sheet(in).items[2].status, ItemStatus::unmet);
  in.answers["5-20"] = {AnswerValue::not_applicable, "－", "端末を提供しないため対象外"};
  EXPECT_EQ(evaluate_sheet(in).items[2].status, ItemStatus::needs_review);
  in.answers["5-20"] = {AnswerValue::unreadable, "◎", "x"};
  EXPECT_EQ(evaluate_sheet(in).items[2].status, ItemStatus::unmet);
}

TEST(SheetEvaluation, AValidListingConformsOnThatGround) {
  auto in = three_items();
  in.answers.clear();  // items need no answers
  in.listing = {AnswerValue::yes, "サンプルクラウド株式会社", "サンプル SaaS", "ISMAP"};
  auto e = evaluate_sheet(in);
  EXPECT_EQ(e.listing, ListingStatus::listed);
  EXPECT_TRUE(e.conforming_by_listing);
  EXPECT_EQ(e.verdict, Verdict::conforming);
  EXPECT_EQ(e.listing_entry->registration, "C99-0001-1");
  // Another kind or another provider is not the same listing.
  in.listing.kind = "ISMAP-LIU";
  EXPECT_EQ(evaluate_sheet(in).listing, ListingStatus::not_found);
  in.listing = {AnswerValue::yes, "別会社", "サンプルSaaS", "ISMAP"};
  EXPECT_EQ(evaluate_sheet(in).listing, ListingStatus::not_found);
}

TEST(SheetEvaluation, AnExpiredRegistrationIsReportedAndDoesNotConform) {
  auto in = three_items();
  in.answers.clear();
  in.classification = "3B";
  in.listing = {AnswerValue::yes, "", "サンプル業務アプリ", "ISMAP-LIU"};
  auto e = evaluate_sheet(in);
  EXPECT_EQ(e.listing, ListingStatus::expired);
  EXPECT_FALSE(e.conforming_by_listing);
  EXPECT_EQ(e.verdict, Verdict::nonconforming);
  ASSERT_EQ(e.warnings.size(), 2u);
  EXPECT_EQ(e.warnings[0].code, "registration_expired");
  EXPECT_NE(e.warnings[0].message_ja.find("2025-05-31"), std::string::npos);
  EXPECT_EQ(e.warnings[1].code, "classification_3b_unlisted");
  // On a date inside the registration it was valid.
  in.as_of = "2025-05-31";
  EXPECT_EQ(evaluate_sheet(in).verdict, Verdict::conforming);
  in.as_of = "2023-12-31";
  EXPECT_EQ(evaluate_sheet(in).listing, ListingStatus::not_yet_valid);
}

TEST(SheetEvaluation, ThreeBOnAListedServiceHasNoWarning) {
  auto in = three_items();
  in.classification = "3B";
  in.listing = {AnswerValue::yes, "サンプルクラウド株式会社", "サンプルSaaS", "ISMAP"};
  EXPECT_TRUE(evaluate_sheet(in).warnings.empty());
  in.listing = {};
  auto unlisted = evaluate_sheet(in);
  ASSERT_EQ(unlisted.warnings.size(), 1u);
  EXPECT_EQ(unlisted.warnings[0].code, "classification_3b_unlisted");
}

}  // namespace mamori::domain
