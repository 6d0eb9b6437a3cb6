// Risk criteria: scales and matrix of any size, monotone matrix, acceptance
// level, goals; levels derive from the matrix; approvals survive a criteria
// change only when the residual's level and acceptability stay.
#include <gtest/gtest.h>

#include "domain/risk_criteria.h"

namespace mamori::domain {

namespace {

std::string field_of(const Status& s) { return s ? "" : s.error().where.field; }
std::string reason_of(const Status& s) { return s ? "" : s.error().reason; }

RiskCriteria five_by_five() {
  RiskCriteria c;
  for (int i = 1; i <= 5; ++i) {
    c.likelihood.push_back({"L" + std::to_string(i), "L" + std::to_string(i), ""});
    c.impact.push_back({"I" + std::to_string(i), "I" + std::to_string(i), ""});
  }
  c.levels = {{"低", "Low"}, {"中", "Medium"}, {"高", "High"}, {"極高", "Very high"}};
  c.matrix = {{1, 1, 1, 2, 2}, {1, 1, 2, 2, 3}, {1, 2, 2, 3, 3}, {2, 2, 3, 3, 4}, {2, 3, 3, 4, 4}};
  c.acceptance_level = 2;
  c.goals = {{4, 2, 3}, {3, 2, 6}};
  return c;
}

}  // namespace

TEST(RiskCriteria, TheDefaultIsThreeByThreeWithAGoalForHigh) {
  const auto c = default_risk_criteria();
  ASSERT_TRUE(check_risk_criteria(c));
  EXPECT_EQ(c.likelihood.size(), 3u);
  EXPECT_EQ(c.impact.size(), 3u);
  EXPECT_EQ(c.levels[0].label_ja, "低");
  EXPECT_EQ(c.levels[2].label_ja, "高");
  EXPECT_EQ(c.acceptance_level, 1);
  ASSERT_EQ(c.goals.size(), 1u);
  EXPECT_EQ(c.goals[0], (RiskGoal{3, 2, 6}));
  EXPECT_EQ(risk_level(c, 3, 3), 3);
  EXPECT_EQ(risk_level(c, 1, 1), 1);
  EXPECT_EQ(risk_level(c, 2, 2), 2);
  EXPECT_TRUE(acceptable(c, 1));
  EXPECT_FALSE(acceptable(c, 2));
}

TEST(RiskCriteria, AnySizeAndNonSquareMatricesWork) {
  auto c = five_by_five();
  ASSERT_TRUE(check_risk_criteria(c));
  EXPECT_EQ(risk_level(c, 5, 5), 4);
  EXPECT_EQ(risk_level(c, 1, 4), 2);
  EXPECT_EQ(risk_level(c, 6, 1), std::nullopt);
  EXPECT_EQ(risk_level(c, 0, 1), std::nullopt);
  // 4 likelihood levels × 2 impact levels.
  RiskCriteria narrow = default_risk_criteria();
  narrow.likelihood.push_back({"極高", "Very high", ""});
  narrow.impact.pop_back();
  narrow.matrix = {{1, 1}, {1, 2}, {2, 3}, {3, 3}};
  EXPECT_TRUE(check_risk_criteria(narrow));
}

TEST(RiskCriteria, TheMatrixMustMatchTheScales) {
  auto c = default_risk_criteria();
  c.matrix.pop_back();
  EXPECT_EQ(field_of(check_risk_criteria(c)), "matrix");
  EXPECT_EQ(reason_of(check_risk_criteria(c)), "shape");
  c = default_risk_criteria();
  c.matrix[1].push_back(3);
  EXPECT_EQ(field_of(check_risk_criteria(c)), "matrix[1]");
  c = default_risk_criteria();
  c.matrix[2][1] = 4;  // only 3 levels
  EXPECT_EQ(field_of(check_risk_criteria(c)), "matrix[2][1]");
  EXPECT_EQ(reason_of(check_risk_criteria(c)), "out_of_range");
  c.matrix[2][1] = 0;
  EXPECT_EQ(field_of(check_risk_criteria(c)), "matrix[2][1]");
}

TEST(RiskCriteria, TheMatrixIsMonotone) {
  auto c = default_risk_criteria();
  c.matrix[1][2] = 1;  // higher impact than [1][1] = 2, lower level
  EXPECT_EQ(field_of(check_risk_criteria(c)), "matrix[1][2]");
  EXPECT_EQ(reason_of(check_risk_criteria(c)), "not_monotone");
  c = default_risk_criteria();
  c.matrix[2][0] = 1;  // fine: [1][0] is 1
  EXPECT_TRUE(check_risk_criteria(c));
  c.matrix[1][0] = 2;  // higher than [2][0] = 1 below it
  EXPECT_EQ(field_of(check_risk_criteria(c)), "matrix[2][0]");
}

TEST(RiskCriteria, ScalesAndLevelsNeedLabelsAndASensibleSize) {
  auto c = default_risk_criteria();
  c.likelihood.resize(1);
  c.matrix.resize(1);
  EXPECT_EQ(field_of(check_risk_criteria(c)), "likelihood");
  EXPECT_EQ(reason_of(check_risk_criteria(c)), "count");
  c = default_risk_criteria();
  c.impact[1].label_ja = "　";
  EXPECT_EQ(field_of(check_risk_criteria(c)), "impact[1].label_ja");
  c = default_risk_criteria();
  c.impact[1].label_en = "";
  EXPECT_EQ(field_of(check_risk_criteria(c)), "impact[1].label_en");
  c = default_risk_criteria();
  c.levels[2].label_ja = "低";
  EXPECT_EQ(field_of(check_risk_criteria(c)), "levels[2].label_ja");
  EXPECT_EQ(reason_of(check_risk_criteria(c)), "duplicate");
  c = default_risk_criteria();
  c.likelihood[0].description = std::string(501, 'a');
  EXPECT_EQ(field_of(check_risk_criteria(c)), "likelihood[0].description");
  c = default_risk_criteria();
  c.levels.resize(11, {"x", "x"});
  EXPECT_EQ(field_of(check_risk_criteria(c)), "levels");
}

TEST(RiskCriteria, AcceptanceAndGoalsNameKnownLevels) {
  auto c = default_risk_criteria();
  c.acceptance_level = 4;
  EXPECT_EQ(field_of(check_risk_criteria(c)), "acceptance_level");
  c = default_risk_criteria();
  c.goals[0].target_level = 3;
  EXPECT_EQ(field_of(check_risk_criteria(c)), "goals[0].target_level");
  EXPECT_EQ(reason_of(check_risk_criteria(c)), "not_lower");
  c = default_risk_criteria();
  c.goals[0].from_level = 9;
  EXPECT_EQ(field_of(check_risk_criteria(c)), "goals[0].from_level");
  c = default_risk_criteria();
  c.goals[0].within_months = 0;
  EXPECT_EQ(field_of(check_risk_criteria(c)), "goals[0].within_months");
  c = default_risk_criteria();
  c.goals.push_back({3, 1, 12});
  EXPECT_EQ(field_of(check_risk_criteria(c)), "goals[1].from_level");
  EXPECT_EQ(reason_of(check_risk_criteria(c)), "duplicate");
  c.goals.clear();
  EXPECT_TRUE(check_risk_criteria(c));  // goals are optional
}

TEST(RiskCriteria, AnApprovalSurvivesOnlyIfTheResidualLevelStays) {
  const auto before = default_risk_criteria();
  auto after = before;
  after.goals.clear();  // nothing about the level changes
  EXPECT_TRUE(approval_survives_criteria_change(before, after, 2, 2));
  after.matrix[1][1] = 3;  // (2,2) becomes 高
  after.matrix[1][2] = 3;
  after.matrix[2][1] = 3;
  ASSERT_TRUE(check_risk_criteria(after));
  EXPECT_FALSE(approval_survives_criteria_change(before, after, 2, 2));
  EXPECT_TRUE(approval_survives_criteria_change(before, after, 1, 1));
  after = before;
  after.acceptance_level = 2;  // 中 becomes acceptable
  EXPECT_FALSE(approval_survives_criteria_change(before, after, 2, 2));
  EXPECT_FALSE(approval_survives_criteria_change(before, after, 1, 3));
  EXPECT_TRUE(approval_survives_criteria_change(before, after, 3, 3));
  after = before;
  after.levels[1].label_ja = "やや高";  // a renamed level is a different decision
  EXPECT_FALSE(approval_survives_criteria_change(before, after, 2, 2));
  // Smaller scales: a rating outside them cannot keep its approval.
  after = before;
  after.likelihood.pop_back();
  after.matrix.pop_back();
  EXPECT_FALSE(approval_survives_criteria_change(before, after, 3, 1));
}

}  // namespace mamori::domain
