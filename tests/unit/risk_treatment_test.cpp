// The register and treatment rules: a risk's fields, a treatment's shape,
// who may approve and when, what voids an approval, and the status rules.
#include <gtest/gtest.h>

#include "domain/cloud_risk_sources.h"
#include "domain/risk_register.h"

namespace mamori::domain {

namespace {

std::string field_of(const Status& s) { return s ? "" : s.error().where.field; }
std::string reason_of(const Status& s) { return s ? "" : s.error().reason; }

Risk high_risk() {
  Risk r;
  r.title = "バックアップからの復元ができない";
  r.likelihood = 3;
  r.impact = 3;
  r.owner_user_id = "owner-1";
  r.identified_on = "2026-04-01";
  return r;
}

Treatment ready_plan() {
  Treatment t;
  t.option = TreatmentOption::modify;
  t.controls = {{"iso27001-2022", "8.13"}, {"iso27017-2015", "CLD.12.4.5"}};
  t.plan = "日次バックアップと四半期ごとの復元試験";
  t.actions = {{"復元手順書を作成する", "運用部", "2026-06-30", false, ""}};
  t.residual_likelihood = 1;
  t.residual_impact = 2;
  return t;
}

}  // namespace

TEST(RiskRegister, ARiskNeedsTitleRatingsOwnerAndDate) {
  const auto c = default_risk_criteria();
  EXPECT_TRUE(check_risk(high_risk(), c));
  auto r = high_risk();
  r.title = " ";
  EXPECT_EQ(field_of(check_risk(r, c)), "title");
  r = high_risk();
  r.likelihood = 4;
  EXPECT_EQ(field_of(check_risk(r, c)), "likelihood");
  r = high_risk();
  r.impact = 0;
  EXPECT_EQ(field_of(check_risk(r, c)), "impact");
  r = high_risk();
  r.owner_user_id = "";
  EXPECT_EQ(field_of(check_risk(r, c)), "owner_user_id");
  r = high_risk();
  r.identified_on = "2026-02-30";
  EXPECT_EQ(field_of(check_risk(r, c)), "identified_on");
  r = high_risk();
  r.asset_ids = {"a", "b", "a"};
  EXPECT_EQ(field_of(check_risk(r, c)), "asset_ids[2]");
  r = high_risk();
  r.threat = std::string(4001, 'x');
  EXPECT_EQ(reason_of(check_risk(r, c)), "too_long");
}

TEST(RiskRegister, StatusesAndOptionsReadBack) {
  for (auto s : {RiskStatus::open, RiskStatus::in_treatment, RiskStatus::accepted, RiskStatus::closed})
    EXPECT_EQ(parse_risk_status(to_string(s)), s);
  for (auto o : {TreatmentOption::modify, TreatmentOption::retain, TreatmentOption::avoid, TreatmentOption::share})
    EXPECT_EQ(parse_treatment_option(to_string(o)), o);
  EXPECT_FALSE(parse_risk_status("done"));
  EXPECT_FALSE(parse_treatment_option("transfer"));
}

TEST(RiskTreatment, AnUnfinishedPlanMaySaveButNotBreakTheShape) {
  const auto c = default_risk_criteria();
  const auto risk = high_risk();
  EXPECT_TRUE(check_treatment(Treatment{}, risk, c));
  EXPECT_TRUE(check_treatment(ready_plan(), risk, c));
  auto t = ready_plan();
  t.controls.push_back({"iso27001-2022", "8.13"});
  EXPECT_EQ(field_of(check_treatment(t, risk, c)), "controls[2]");
  t = ready_plan();
  t.controls[1].ref = "";
  EXPECT_EQ(field_of(check_treatment(t, risk, c)), "controls[1].ref");
  t = ready_plan();
  t.actions[0].due_on = "来月";
  EXPECT_EQ(field_of(check_treatment(t, risk, c)), "actions[0].due_on");
  t = ready_plan();
  t.actions[0].description = "";
  EXPECT_EQ(field_of(check_treatment(t, risk, c)), "actions[0].description");
  t = ready_plan();
  t.actions[0].done = true;
  EXPECT_EQ(field_of(check_treatment(t, risk, c)), "actions[0].done_on");
  t.actions[0].done_on = "2026-05-01";
  EXPECT_TRUE(check_treatment(t, risk, c));
  t = ready_plan();
  t.residual_impact = 0;
  EXPECT_EQ(field_of(check_treatment(t, risk, c)), "residual_impact");
  t = ready_plan();
  t.residual_likelihood = 5;
  EXPECT_EQ(field_of(check_treatment(t, risk, c)), "residual_likelihood");
}

TEST(RiskTreatment, TheResidualIsNeverAboveTheCurrentLevel) {
  const auto c = default_risk_criteria();
  auto risk = high_risk();
  risk.likelihood = 1;
  risk.impact = 2;  // 低
  auto t = ready_plan();
  t.residual_likelihood = 2;
  t.residual_impact = 2;  // 中
  EXPECT_EQ(reason_of(check_treatment(t, risk, c)), "above_current");
}

TEST(RiskTreatment, RetainingKeepsTheCurrentRating) {
  const auto c = default_risk_criteria();
  const auto risk = high_risk();
  Treatment t;
  t.option = TreatmentOption::retain;
  t.residual_likelihood = 2;
  t.residual_impact = 2;
  EXPECT_EQ(reason_of(check_treatment(t, risk, c)), "retain_changes_nothing");
  t.residual_likelihood = 3;
  t.residual_impact = 3;
  EXPECT_TRUE(check_treatment(t, risk, c));
}

TEST(RiskApproval, OnlyTheRiskOwnerApproves) {
  const auto c = default_risk_criteria();
  auto s = check_approval(high_risk(), ready_plan(), {}, c, "someone-else");
  EXPECT_EQ(reason_of(s), "not_risk_owner");
  EXPECT_EQ(s.error().code, ErrorCode::forbidden);
  EXPECT_EQ(reason_of(check_approval(high_risk(), ready_plan(), {}, c, "")), "not_risk_owner");
  EXPECT_TRUE(check_approval(high_risk(), ready_plan(), {}, c, "owner-1"));
}

TEST(RiskApproval, ApprovalNeedsAnOptionAPlanAndAResidual) {
  const auto c = default_risk_criteria();
  const auto risk = high_risk();
  auto t = ready_plan();
  t.option.reset();
  EXPECT_EQ(reason_of(check_approval(risk, t, {}, c, "owner-1")), "option_required");
  t = ready_plan();
  t.actions.clear();
  EXPECT_EQ(reason_of(check_approval(risk, t, {}, c, "owner-1")), "plan_required");
  t = ready_plan();
  t.controls.clear();
  EXPECT_EQ(reason_of(check_approval(risk, t, {}, c, "owner-1")), "controls_required");
  t.option = TreatmentOption::share;  // sharing (a contract) may name no control
  EXPECT_TRUE(check_approval(risk, t, {}, c, "owner-1"));
  t = ready_plan();
  t.residual_likelihood = t.residual_impact = 0;
  EXPECT_EQ(reason_of(check_approval(risk, t, {}, c, "owner-1")), "residual_required");
}

TEST(RiskApproval, RetainingNeedsNoPlanButAnAcceptanceStatementAboveTheLevel) {
  const auto c = default_risk_criteria();
  const auto risk = high_risk();
  Treatment t;
  t.option = TreatmentOption::retain;
  t.residual_likelihood = 3;
  t.residual_impact = 3;
  EXPECT_EQ(reason_of(check_approval(risk, t, {}, c, "owner-1")), "acceptance_statement_required");
  t.acceptance_statement = "代替手段がなく、事業上の必要性が上回るため受容する";
  EXPECT_TRUE(check_approval(risk, t, {}, c, "owner-1"));
}

TEST(RiskApproval, AResidualAboveAcceptanceNeedsAStatement) {
  const auto c = default_risk_criteria();
  auto t = ready_plan();
  t.residual_likelihood = 2;
  t.residual_impact = 2;  // 中, above 低
  EXPECT_EQ(reason_of(check_approval(high_risk(), t, {}, c, "owner-1")), "acceptance_statement_required");
  t.acceptance_statement = "年次で再評価する";
  EXPECT_TRUE(check_approval(high_risk(), t, {}, c, "owner-1"));
}

TEST(RiskApproval, NotTwiceAndNotWhenClosed) {
  const auto c = default_risk_criteria();
  Approval given{"owner-1", "2026-05-01T00:00:00.000Z", ""};
  EXPECT_EQ(reason_of(check_approval(high_risk(), ready_plan(), given, c, "owner-1")), "already_approved");
  auto closed = high_risk();
  closed.status = RiskStatus::closed;
  EXPECT_EQ(reason_of(check_approval(closed, ready_plan(), {}, c, "owner-1")), "closed");
}

TEST(RiskApproval, ChangingWhatWasApprovedVoidsIt) {
  const auto before = ready_plan();
  auto after = before;
  EXPECT_FALSE(change_voids_approval(before, after));
  after.actions[0].done = true;  // carrying out the plan
  after.actions[0].done_on = "2026-06-01";
  EXPECT_FALSE(change_voids_approval(before, after));
  for (int field = 0; field < 8; ++field) {
    after = before;
    switch (field) {
      case 0: after.option = TreatmentOption::share; break;
      case 1: after.controls.pop_back(); break;
      case 2: after.plan += "。"; break;
      case 3: after.actions[0].due_on = "2026-07-31"; break;
      case 4: after.actions.push_back({"追加", "", "2026-08-01", false, ""}); break;
      case 5: after.residual_impact = 1; break;
      case 6: after.acceptance_statement = "受容"; break;
      case 7: after.actions[0].owner = "情報システム部"; break;
    }
    EXPECT_TRUE(change_voids_approval(before, after)) << field;
  }
  auto risk = high_risk(), moved = high_risk();
  EXPECT_FALSE(owner_change_voids_approval(risk, moved));
  moved.owner_user_id = "owner-2";
  EXPECT_TRUE(owner_change_voids_approval(risk, moved));
  EXPECT_EQ(status_after_void(RiskStatus::accepted), RiskStatus::in_treatment);
  EXPECT_EQ(status_after_void(RiskStatus::closed), RiskStatus::closed);
}

TEST(RiskApproval, AcceptedComesOnlyFromAnApproval) {
  EXPECT_EQ(reason_of(check_status_change(RiskStatus::accepted, {})), "approval_required");
  EXPECT_TRUE(check_status_change(RiskStatus::accepted, {"owner-1", "t", ""}));
  EXPECT_TRUE(check_status_change(RiskStatus::closed, {}));
  EXPECT_TRUE(check_status_change(RiskStatus::in_treatment, {}));
}

TEST(CloudRiskSources, TheSeedsSixSourcesForEachRole) {
  ASSERT_EQ(cloud_risk_sources().size(), 6u);
  EXPECT_EQ(cloud_risk_sources()[4].title_ja, "情報のバックアップの不備");
  const auto provider = starter_risks(true, false);
  const auto customer = starter_risks(false, true);
  const auto both = starter_risks(true, true);
  EXPECT_EQ(provider.size(), 6u);
  EXPECT_EQ(customer.size(), 6u);
  EXPECT_EQ(both.size(), 12u);
  EXPECT_TRUE(starter_risks(false, false).empty());
  for (const auto& r : provider) {
    EXPECT_EQ(r.perspective, "provider");
    EXPECT_NE(r.title_ja.find("提供者"), std::string::npos);
    EXPECT_FALSE(r.threat.empty());
    EXPECT_FALSE(r.controls.empty());
  }
  // The backup source: the common sentence, then the customer's own.
  const auto& backup = customer[4];
  EXPECT_EQ(backup.source_key, "cloud.backup.customer");
  EXPECT_EQ(backup.threat.rfind("クラウドサービスプロバイダ及びクラウドサービスカスタマは、クラウドサービス上で", 0), 0u);
  EXPECT_NE(backup.threat.find("事業継続計画"), std::string::npos);
  EXPECT_EQ(backup.controls[0], (ControlRef{"iso27001-2022", "8.13"}));
  // Keys are unique.
  for (std::size_t i = 0; i < both.size(); ++i)
    for (std::size_t j = 0; j < i; ++j) EXPECT_NE(both[i].source_key, both[j].source_key);
}

}  // namespace mamori::domain
