// The dashboard: counts by level, heat maps, and goal progress judged on a
// date (「高は半年以内に中以下」).
#include <gtest/gtest.h>

#include "domain/risk_dashboard.h"

namespace mamori::domain {

namespace {

DashboardRisk risk(const std::string& id, int l, int i, const std::string& identified, RiskStatus status = RiskStatus::open) {
  DashboardRisk r;
  r.id = id;
  r.title = "リスク " + id;
  r.risk.title = r.title;
  r.risk.likelihood = l;
  r.risk.impact = i;
  r.risk.owner_user_id = "u";
  r.risk.identified_on = identified;
  r.risk.status = status;
  return r;
}

void reduce(DashboardRisk& r, int l, int i, std::vector<std::string> done_on) {
  r.treatment.option = TreatmentOption::modify;
  r.treatment.residual_likelihood = l;
  r.treatment.residual_impact = i;
  for (const auto& d : done_on)
    r.treatment.actions.push_back({"対策", "", "2026-12-31", !d.empty(), d});
}

}  // namespace

TEST(RiskDashboard, AddMonthsClampsToTheMonthEnd) {
  EXPECT_EQ(add_months("2026-04-01", 6), "2026-10-01");
  EXPECT_EQ(add_months("2026-08-31", 6), "2027-02-28");
  EXPECT_EQ(add_months("2027-08-31", 6), "2028-02-29");
  EXPECT_EQ(add_months("2026-11-15", 14), "2028-01-15");
  EXPECT_EQ(add_months("2026-12-01", 1), "2027-01-01");
}

TEST(RiskDashboard, CountsByLevelAndHeatMaps) {
  const auto c = default_risk_criteria();
  std::vector<DashboardRisk> risks{risk("a", 3, 3, "2026-01-01"), risk("b", 3, 2, "2026-01-01"),
                                   risk("c", 1, 1, "2026-01-01"), risk("d", 2, 2, "2026-01-01"),
                                   risk("e", 3, 3, "2026-01-01", RiskStatus::closed)};
  reduce(risks[0], 1, 2, {""});
  const auto d = risk_dashboard(c, risks, "2026-03-01");
  EXPECT_EQ(d.total, 4);
  EXPECT_EQ(d.closed, 1);
  EXPECT_EQ(d.by_level, (std::vector<int>{1, 1, 2}));
  EXPECT_EQ(d.residual_by_level, (std::vector<int>{1, 0, 0}));
  EXPECT_EQ(d.residual_not_assessed, 3);
  EXPECT_EQ(d.above_acceptance, 3);
  EXPECT_EQ(d.heat[2][2], 1);  // the closed one is not counted
  EXPECT_EQ(d.heat[2][1], 1);
  EXPECT_EQ(d.heat[0][0], 1);
  EXPECT_EQ(d.residual_heat[0][1], 1);
  ASSERT_EQ(d.heat.size(), 3u);
  ASSERT_EQ(d.heat[0].size(), 3u);
}

TEST(RiskDashboard, GoalProgressOnTimeLateOpenAndOverdue) {
  const auto c = default_risk_criteria();  // 高 → 中 within 6 months
  std::vector<DashboardRisk> risks{
      risk("on-time", 3, 3, "2026-01-10"), risk("late", 3, 3, "2026-01-10"), risk("planned", 3, 3, "2026-01-10"),
      risk("new", 3, 3, "2026-06-01"),     risk("medium", 2, 2, "2026-01-10")};
  reduce(risks[0], 2, 2, {"2026-03-01", "2026-07-10"});  // deadline 2026-07-10: met
  reduce(risks[1], 1, 1, {"2026-07-11"});                // reached a day late
  reduce(risks[2], 2, 2, {"2026-02-01", ""});            // an action still open
  const auto d = risk_dashboard(c, risks, "2026-08-01");
  ASSERT_EQ(d.goals.size(), 1u);
  const auto& g = d.goals[0];
  EXPECT_EQ(g.total, 4);  // the 中 risk is not this goal's
  EXPECT_EQ(g.met, 1);
  EXPECT_EQ(g.met_late, 1);
  EXPECT_EQ(g.overdue, 1);
  EXPECT_EQ(g.open, 1);
  ASSERT_EQ(g.risks.size(), 4u);
  EXPECT_EQ(g.risks[0].deadline, "2026-07-10");
  EXPECT_EQ(g.risks[0].reached_on, "2026-07-10");
  EXPECT_EQ(g.risks[0].state, GoalState::met);
  EXPECT_EQ(g.risks[1].state, GoalState::met_late);
  EXPECT_EQ(g.risks[2].state, GoalState::overdue);
  EXPECT_EQ(g.risks[3].state, GoalState::open);
  EXPECT_EQ(g.risks[3].deadline, "2026-12-01");
}

TEST(RiskDashboard, APlannedResidualAloneDoesNotReachTheGoal) {
  const auto c = default_risk_criteria();
  std::vector<DashboardRisk> risks{risk("x", 3, 3, "2026-01-10"), risk("y", 3, 3, "2026-01-10")};
  reduce(risks[0], 2, 2, {});              // no actions at all
  reduce(risks[1], 3, 2, {"2026-02-01"});  // done, but still 高
  const auto d = risk_dashboard(c, risks, "2026-03-01");
  EXPECT_EQ(d.goals[0].open, 2);
  EXPECT_EQ(d.goals[0].met, 0);
  EXPECT_EQ(to_string(GoalState::met_late), std::string("met_late"));
}

}  // namespace mamori::domain
