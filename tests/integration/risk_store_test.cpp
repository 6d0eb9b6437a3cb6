// Risk criteria, the register, treatments and approvals through app/ on both
// engines (SQLite, and PostgreSQL on the test cluster CTest starts): a risk
// round-trips with its assets, controls and actions; levels follow the
// criteria; a criteria change voids the approvals it changes; the links the
// Statement of Applicability shows; no function reaches another
// organisation's rows.
#include <gtest/gtest.h>

#include "engine_database.h"
#include "app/catalog_loader.h"
#include "app/risks.h"
#include "store/database.h"
#include "store/isms_repository.h"
#include "store/risk_repository.h"
#include "store/tenant_repository.h"
#include "store/user_repository.h"

namespace mamori {

namespace {

class RiskStoreTest : public ::testing::TestWithParam<store::Engine> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(engine_.open(GetParam(), db_));
    auto bundle = app::builtin_bundle();
    ASSERT_TRUE(bundle);
    ASSERT_TRUE(app::load_bundle(*db_, *bundle.value(), "builtin"));
    ASSERT_TRUE(db_->with_write([&](store::Tx& tx) -> Status {
      auto t1 = store::create_tenant(tx, "提供者A", domain::TenantKind::provider);
      auto t2 = store::create_tenant(tx, "提供者B", domain::TenantKind::provider);
      if (!t1 || !t2) return make_error(ErrorCode::internal, "tenants");
      a_ = t1->id;
      b_ = t2->id;
      auto owner = store::insert_user(tx, "owner@a.example.jp", "所有者", "x", false);
      auto viewer = store::insert_user(tx, "viewer@a.example.jp", "閲覧者", "x", false);
      if (!owner || !viewer) return make_error(ErrorCode::internal, "users");
      owner_ = owner->id;
      viewer_ = viewer->id;
      if (auto r = store::add_membership(tx, a_, owner_, domain::Role::editor); !r) return r;
      if (auto r = store::add_membership(tx, a_, viewer_, domain::Role::viewer); !r) return r;
      store::StoredCloudService s;
      s.id = s.service.id = "00000000-0000-7000-8000-0000000000c1";
      s.name = s.service.name = "文書管理SaaS";
      s.service.role = domain::ServiceRole::both;
      s.role = "both";
      s.created_by = s.updated_by = "test";
      s.created_at = s.updated_at = "2026-01-01T00:00:00.000Z";
      if (auto r = store::insert_cloud_service(tx, a_, s); !r) return r;
      service_ = s.id;
      store::StoredAsset asset;
      asset.id = asset.asset.id = "00000000-0000-7000-8000-0000000000a1";
      asset.name = asset.asset.name = "顧客文書データ";
      asset.created_by = asset.updated_by = "test";
      asset.created_at = asset.updated_at = "2026-01-01T00:00:00.000Z";
      if (auto r = store::insert_asset(tx, a_, asset); !r) return r;
      asset_ = asset.id;
      return ok();
    }));
    services_ = std::make_unique<app::Services>(app::Services{*db_, secrets_, {}, nullptr});
    owner_caller_ = app::Caller::operator_cli();
    owner_caller_.user_id = owner_;
  }

  void TearDown() override {
    services_.reset();
    db_.reset();
  }

  domain::Risk backup_risk() const {
    domain::Risk r;
    r.title = "バックアップからの復元ができない";
    r.service_id = service_;
    r.asset_ids = {asset_};
    r.threat = "障害によるデータ消失";
    r.likelihood = 2;
    r.impact = 3;
    r.owner_user_id = owner_;
    r.identified_on = "2026-04-01";
    r.source_key = "cloud.backup.provider";
    return r;
  }

  domain::Treatment plan() const {
    domain::Treatment t;
    t.option = domain::TreatmentOption::modify;
    t.controls = {{"iso27001-2022", "8.13"}, {"ismap-2024", "12.3.1"}};
    t.plan = "復元試験を四半期ごとに行う";
    t.actions = {{"復元手順書を作成", "運用部", "2026-06-30", true, "2026-06-01"},
                 {"復元試験", "運用部", "2026-09-30", false, ""}};
    t.residual_likelihood = 1;
    t.residual_impact = 2;
    return t;
  }

  test::EngineDatabase engine_;  // before db_: the database closes before it is dropped
  std::string a_, b_, owner_, viewer_, service_, asset_;
  std::unique_ptr<store::Database> db_;
  security::SecretBox secrets_ = security::SecretBox::from_key({});
  std::unique_ptr<app::Services> services_;
  const app::Caller op_ = app::Caller::operator_cli();
  app::Caller owner_caller_;
};

}  // namespace

INSTANTIATE_TEST_SUITE_P(Engines, RiskStoreTest, ::testing::Values(store::Engine::sqlite, store::Engine::postgresql),
                         test::engine_name);

TEST_P(RiskStoreTest, ARiskRoundTripsWithItsTreatmentAndApproval) {
  auto created = app::create_risk(*services_, op_, a_, backup_risk());
  ASSERT_TRUE(created) << created.error().describe();
  auto saved = app::save_treatment(*services_, op_, a_, created->id, plan());
  ASSERT_TRUE(saved) << saved.error().describe();
  EXPECT_EQ(saved->risk.status, domain::RiskStatus::in_treatment);
  auto approved = app::approve_treatment(*services_, owner_caller_, a_, created->id, "承認します");
  ASSERT_TRUE(approved) << approved.error().describe();

  auto detail = app::get_risk(*services_, op_, a_, created->id);
  ASSERT_TRUE(detail) << detail.error().describe();
  const auto& s = detail->risk;
  EXPECT_EQ(s.risk.title, backup_risk().title);
  EXPECT_EQ(s.risk.service_id, service_);
  EXPECT_EQ(s.risk.asset_ids, std::vector<std::string>{asset_});
  EXPECT_EQ(s.risk.source_key, "cloud.backup.provider");
  EXPECT_EQ(s.risk.status, domain::RiskStatus::accepted);
  EXPECT_EQ(s.treatment, plan());
  EXPECT_EQ(s.approval.by, owner_);
  EXPECT_EQ(s.approval.comment, "承認します");
  ASSERT_EQ(detail->controls.size(), 2u);
  EXPECT_FALSE(detail->controls[0].title.empty());
  EXPECT_EQ(domain::risk_level(detail->criteria, s.risk.likelihood, s.risk.impact), 3);

  // Marking the open action done keeps the approval; changing its date does not.
  auto progressed = plan();
  progressed.actions[1].done = true;
  progressed.actions[1].done_on = "2026-09-01";
  auto kept = app::save_treatment(*services_, op_, a_, created->id, progressed);
  ASSERT_TRUE(kept) << kept.error().describe();
  EXPECT_TRUE(kept->approval.given());
  progressed.actions[1].due_on = "2026-10-31";
  auto voided = app::save_treatment(*services_, op_, a_, created->id, progressed);
  ASSERT_TRUE(voided) << voided.error().describe();
  EXPECT_FALSE(voided->approval.given());
  EXPECT_EQ(voided->risk.status, domain::RiskStatus::in_treatment);

  // The Statement of Applicability sees the chosen controls.
  ASSERT_TRUE(db_->with_read([&](store::Tx& tx) -> Status {
    auto links = store::list_treatment_control_links(tx, a_);
    EXPECT_TRUE(links);
    EXPECT_EQ(links->size(), 2u);
    EXPECT_EQ(links->at(0).catalog_key, "ismap-2024");  // by catalog, then ref
    EXPECT_EQ(links->at(0).ref, "12.3.1");
    EXPECT_EQ(links->at(0).risk_title, backup_risk().title);
    EXPECT_EQ(links->at(0).risk_id, created->id);
    EXPECT_EQ(links->at(1).catalog_key, "iso27001-2022");
    EXPECT_EQ(links->at(1).ref, "8.13");
    EXPECT_TRUE(store::list_treatment_control_links(tx, b_)->empty());
    EXPECT_EQ(store::count_risks_for_service(tx, a_, service_).value(), 1);
    EXPECT_EQ(store::count_risks_for_asset(tx, a_, asset_).value(), 1);
    EXPECT_EQ(store::count_risks_for_asset(tx, b_, asset_).value(), 0);
    return ok();
  }));
}

TEST_P(RiskStoreTest, ReferencesMustBeTheOrganisations) {
  auto r = backup_risk();
  r.owner_user_id = viewer_;  // a viewer cannot record decisions
  EXPECT_EQ(app::create_risk(*services_, op_, a_, r).error().reason, "cannot_decide");
  r = backup_risk();
  r.owner_user_id = "00000000-0000-7000-8000-000000000099";
  EXPECT_EQ(app::create_risk(*services_, op_, a_, r).error().reason, "not_a_member");
  r = backup_risk();
  r.service_id = "00000000-0000-7000-8000-000000000099";
  EXPECT_EQ(app::create_risk(*services_, op_, a_, r).error().where.field, "service_id");
  r = backup_risk();
  r.asset_ids = {asset_, "nope"};
  EXPECT_EQ(app::create_risk(*services_, op_, a_, r).error().where.field, "asset_ids[1]");
  auto created = app::create_risk(*services_, op_, a_, backup_risk());
  ASSERT_TRUE(created);
  auto t = plan();
  t.controls.push_back({"iso27001-2022", "99.99"});
  EXPECT_EQ(app::save_treatment(*services_, op_, a_, created->id, t).error().where.field, "controls[2].ref");
  t = plan();
  t.controls.push_back({"no-such-catalog", "1"});
  EXPECT_EQ(app::save_treatment(*services_, op_, a_, created->id, t).error().where.field, "controls[2].catalog_key");
  // Another organisation sees none of it.
  EXPECT_EQ(app::get_risk(*services_, op_, b_, created->id).error().code, ErrorCode::not_found);
  EXPECT_TRUE(app::list_risks(*services_, op_, b_)->risks.empty());
  EXPECT_EQ(app::save_treatment(*services_, op_, b_, created->id, plan()).error().code, ErrorCode::not_found);
  EXPECT_EQ(app::list_risks(*services_, op_, a_)->risks.size(), 1u);
}

TEST_P(RiskStoreTest, CriteriaChangesReDeriveLevelsAndVoidChangedApprovals) {
  auto kept = app::create_risk(*services_, op_, a_, backup_risk());
  auto changed = app::create_risk(*services_, op_, a_, backup_risk());
  ASSERT_TRUE(kept && changed);
  auto low = plan();  // residual (1, 2): 低 under the default
  ASSERT_TRUE(app::save_treatment(*services_, op_, a_, kept->id, low));
  auto medium = plan();
  medium.residual_likelihood = 2;
  medium.residual_impact = 2;  // 中: needs a statement
  medium.acceptance_statement = "年次で再評価";
  ASSERT_TRUE(app::save_treatment(*services_, op_, a_, changed->id, medium));
  ASSERT_TRUE(app::approve_treatment(*services_, owner_caller_, a_, kept->id, ""));
  ASSERT_TRUE(app::approve_treatment(*services_, owner_caller_, a_, changed->id, ""));

  auto criteria = domain::default_risk_criteria();
  criteria.acceptance_level = 2;  // 中 becomes acceptable: the second approval's basis changed
  auto saved = app::save_risk_criteria(*services_, op_, a_, criteria);
  ASSERT_TRUE(saved) << saved.error().describe();
  EXPECT_EQ(saved->voided_risk_ids, std::vector<std::string>{changed->id});
  EXPECT_EQ(app::get_risk_criteria(*services_, op_, a_).value(), criteria);
  EXPECT_EQ(app::get_risk_criteria(*services_, op_, b_).value(), domain::default_risk_criteria());
  EXPECT_TRUE(app::get_risk(*services_, op_, a_, kept->id)->risk.approval.given());
  auto after = app::get_risk(*services_, op_, a_, changed->id);
  EXPECT_FALSE(after->risk.approval.given());
  EXPECT_EQ(after->risk.risk.status, domain::RiskStatus::in_treatment);

  // Level filter follows the matrix.
  EXPECT_EQ(app::list_risks(*services_, op_, a_, {}, 3)->risks.size(), 2u);
  EXPECT_TRUE(app::list_risks(*services_, op_, a_, {}, 1)->risks.empty());

  // Scales that no longer hold a rating are refused; nothing changes.
  auto small = domain::default_risk_criteria();
  small.impact.pop_back();
  for (auto& row : small.matrix) row.pop_back();
  auto refused = app::save_risk_criteria(*services_, op_, a_, small);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().reason, "ratings_out_of_range");
  EXPECT_EQ(app::get_risk_criteria(*services_, op_, a_).value(), criteria);
  // Bad criteria name the field.
  auto bad = domain::default_risk_criteria();
  bad.matrix[0][0] = 3;
  EXPECT_EQ(app::save_risk_criteria(*services_, op_, a_, bad).error().where.field, "matrix[0][1]");
}

TEST_P(RiskStoreTest, StarterRisksFollowTheServiceRole) {
  auto list = app::starter_risks_for_service(*services_, op_, a_, service_);
  ASSERT_TRUE(list) << list.error().describe();
  EXPECT_EQ(list->role, "both");
  EXPECT_EQ(list->proposals.size(), 12u);
  ASSERT_TRUE(app::create_risk(*services_, op_, a_, backup_risk()));
  list = app::starter_risks_for_service(*services_, op_, a_, service_);
  int added = 0;
  for (const auto& p : list->proposals) added += p.already_added ? 1 : 0;
  EXPECT_EQ(added, 1);
  EXPECT_EQ(app::starter_risks_for_service(*services_, op_, b_, service_).error().code, ErrorCode::not_found);
}

TEST_P(RiskStoreTest, TheDashboardCountsTheRegister) {
  auto created = app::create_risk(*services_, op_, a_, backup_risk());
  ASSERT_TRUE(created);
  auto d = app::risk_dashboard(*services_, op_, a_, "2026-12-01");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->dashboard.total, 1);
  EXPECT_EQ(d->dashboard.by_level, (std::vector<int>{0, 0, 1}));
  ASSERT_EQ(d->dashboard.goals.size(), 1u);
  EXPECT_EQ(d->dashboard.goals[0].overdue, 1);  // identified 2026-04-01, deadline 2026-10-01
}

}  // namespace mamori
