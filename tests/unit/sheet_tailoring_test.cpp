// The rules of a procurement's own check sheet: every tailoring change
// needs a reason; an added question's number must read back from a returned
// file; the sheet's and the responses' states decide who may change what.
#include <gtest/gtest.h>

#include "domain/sheet_tailoring.h"
#include "domain/sheet_workflow.h"

namespace mamori::domain {

TEST(SheetTailoring, EveryChangeNeedsAReason) {
  EXPECT_FALSE(change_reason_problem("本調達では物理的セキュリティは対象外のため"));
  for (const char* blank : {"", " ", "　", "\n\t"}) {
    auto p = change_reason_problem(blank);
    ASSERT_TRUE(p) << "[" << blank << "]";
    EXPECT_EQ(p->field, "reason");
    EXPECT_EQ(p->reason, "required");
    EXPECT_FALSE(p->ja.empty());
    EXPECT_FALSE(p->en.empty());
  }
  EXPECT_EQ(change_reason_problem(std::string(2001, 'a'))->reason, "too_long");
  EXPECT_FALSE(change_reason_problem(std::string(2000, 'a')));
  EXPECT_EQ(change_reason_problem("\xff\xfe")->reason, "invalid");
}

TEST(SheetTailoring, AddedNumbersReadBackAndDoNotClash) {
  const std::vector<std::string> taken{"3-1", "5-1", "5-37", "5-99"};
  EXPECT_FALSE(added_ref_problem("6-1", taken));
  EXPECT_FALSE(added_ref_problem("5-38", taken));
  EXPECT_FALSE(added_ref_problem("12.2.1", taken));
  EXPECT_EQ(added_ref_problem("5-37", taken)->reason, "duplicate_ref");
  EXPECT_EQ(added_ref_problem("5-99", taken)->reason, "duplicate_ref");  // a dropped one keeps its number
  EXPECT_EQ(added_ref_problem("", taken)->reason, "required");
  // Forms the importer would read as something else (or not at all).
  for (const char* bad : {"A-1", "５－３８", "5-38 ", "No.6-1", "6_1", "新規1"})
    EXPECT_EQ(added_ref_problem(bad, taken)->reason, "invalid_ref") << bad;
  EXPECT_EQ(added_ref_problem("1", taken)->reason, "reserved_ref");
  EXPECT_EQ(added_ref_problem("2", taken)->reason, "reserved_ref");
  EXPECT_EQ(added_ref_problem("A-1", taken)->field, "ref");
}

TEST(SheetTailoring, TitlesAndRequirementsAreNeededAndBounded) {
  EXPECT_FALSE(item_title_problem("データの所在"));
  EXPECT_EQ(item_title_problem("  ")->field, "title");
  EXPECT_EQ(item_title_problem(std::string(201 * 3, '\xe3') /* not UTF-8 */)->reason, "invalid");
  std::string long_title;
  for (int i = 0; i < 201; ++i) long_title += "あ";
  EXPECT_EQ(item_title_problem(long_title)->reason, "too_long");
  EXPECT_FALSE(requirement_problem("データを国内に保存すること。"));
  EXPECT_EQ(requirement_problem("")->field, "requirement");
}

TEST(SheetTailoring, RewordingKeepsWhatAnItemIs) {
  EXPECT_EQ(after_rewording(ItemChange::none), ItemChange::reworded);
  EXPECT_EQ(after_rewording(ItemChange::reworded), ItemChange::reworded);
  EXPECT_EQ(after_rewording(ItemChange::added), ItemChange::added);
  EXPECT_FALSE(after_rewording(ItemChange::dropped));
  for (auto c : {ItemChange::none, ItemChange::added, ItemChange::reworded, ItemChange::dropped})
    EXPECT_EQ(parse_item_change(to_string(c)), c);
  EXPECT_FALSE(parse_item_change("removed"));
}

TEST(SheetWorkflow, QuestionsAreFixedOnceSent) {
  EXPECT_FALSE(tailoring_problem(SheetStatus::draft));
  EXPECT_EQ(tailoring_problem(SheetStatus::sent)->reason, "sheet_not_draft");
  EXPECT_EQ(tailoring_problem(SheetStatus::closed)->reason, "sheet_not_draft");
  EXPECT_FALSE(status_change_problem(SheetStatus::sent, SheetStatus::draft, false));
  EXPECT_EQ(status_change_problem(SheetStatus::sent, SheetStatus::draft, true)->reason, "sheet_has_responses");
  EXPECT_FALSE(status_change_problem(SheetStatus::closed, SheetStatus::sent, true));
  EXPECT_FALSE(new_response_problem(SheetStatus::draft));
  EXPECT_FALSE(new_response_problem(SheetStatus::sent));
  EXPECT_EQ(new_response_problem(SheetStatus::closed)->reason, "sheet_closed");
}

TEST(SheetWorkflow, ARespondentEditsUntilItSubmits) {
  EXPECT_FALSE(respondent_edit_problem(ResponseStatus::invited, SheetStatus::sent));
  EXPECT_FALSE(respondent_edit_problem(ResponseStatus::in_progress, SheetStatus::sent));
  EXPECT_EQ(respondent_edit_problem(ResponseStatus::submitted, SheetStatus::sent)->reason, "response_submitted");
  EXPECT_EQ(respondent_edit_problem(ResponseStatus::imported, SheetStatus::sent)->reason, "response_submitted");
  EXPECT_EQ(respondent_edit_problem(ResponseStatus::in_progress, SheetStatus::closed)->reason, "sheet_closed");
  EXPECT_EQ(after_answer(ResponseStatus::invited), ResponseStatus::in_progress);
  EXPECT_EQ(after_answer(ResponseStatus::in_progress), ResponseStatus::in_progress);
}

TEST(SheetWorkflow, OnlyAnswersThatNeedReviewAreReviewedWithAComment) {
  EXPECT_FALSE(review_problem(ResponseStatus::submitted, ItemStatus::needs_review, "代替策で十分"));
  EXPECT_FALSE(review_problem(ResponseStatus::imported, ItemStatus::needs_review, "代替策で十分"));
  EXPECT_EQ(review_problem(ResponseStatus::in_progress, ItemStatus::needs_review, "x")->reason, "response_not_submitted");
  EXPECT_EQ(review_problem(ResponseStatus::submitted, ItemStatus::met, "x")->reason, "not_reviewable");
  EXPECT_EQ(review_problem(ResponseStatus::submitted, ItemStatus::unmet, "x")->reason, "not_reviewable");
  auto no_comment = review_problem(ResponseStatus::submitted, ItemStatus::needs_review, " ");
  ASSERT_TRUE(no_comment);
  EXPECT_EQ(no_comment->field, "comment");
  EXPECT_EQ(no_comment->reason, "required");
}

TEST(SheetWorkflow, DatesAndClassifications) {
  EXPECT_TRUE(is_iso_date("2026-11-22"));
  EXPECT_TRUE(is_iso_date("2028-02-29"));
  EXPECT_FALSE(is_iso_date("2027-02-29"));
  EXPECT_FALSE(is_iso_date("2026-13-01"));
  EXPECT_FALSE(is_iso_date("2026/11/22"));
  EXPECT_FALSE(is_iso_date("2026-11-2"));
  EXPECT_FALSE(is_iso_date(""));
  for (const char* c : {"3B", "3C", "2", ""}) EXPECT_TRUE(is_classification(c)) << c;
  for (const char* c : {"3b", "3", "機密性3B", "1"}) EXPECT_FALSE(is_classification(c)) << c;
  for (auto s : {SheetStatus::draft, SheetStatus::sent, SheetStatus::closed}) EXPECT_EQ(parse_sheet_status(to_string(s)), s);
  for (auto s : {ResponseStatus::invited, ResponseStatus::in_progress, ResponseStatus::submitted, ResponseStatus::imported})
    EXPECT_EQ(parse_response_status(to_string(s)), s);
}

}  // namespace mamori::domain
