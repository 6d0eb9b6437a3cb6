// The Statement of Applicability tables (migration 7) on both engines
// (SQLite, and PostgreSQL on the test cluster CTest starts): one SoA per
// service, stated rows inserted and replaced, version snapshots back as
// written, and no function reaching another organisation's rows.
#include <gtest/gtest.h>

#include "engine_database.h"
#include "store/database.h"
#include "store/isms_repository.h"
#include "store/soa_repository.h"
#include "store/tenant_repository.h"

namespace mamori {

namespace {

constexpr const char* kNow = "2026-11-22T00:00:00.000Z";

store::StoredCloudService service(const std::string& id, const std::string& name) {
  store::StoredCloudService s;
  s.id = s.service.id = id;
  s.name = s.service.name = name;
  s.role = "both";
  s.service.role = domain::ServiceRole::both;
  s.service.model = domain::ServiceModel::saas;
  s.created_by = s.updated_by = "tester";
  s.created_at = s.updated_at = kNow;
  return s;
}

domain::SoaRow stated(const char* catalog, const char* ref, domain::Applicability a, domain::ImplementationStatus s,
                      const char* reason = "") {
  domain::SoaRow r;
  r.catalog_key = catalog;
  r.ref = ref;
  r.applicable = a;
  r.status = s;
  r.reason = reason;
  return r;
}

class SoaStoreTest : public ::testing::TestWithParam<store::Engine> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(engine_.open(GetParam(), db_));
    ASSERT_TRUE(db_->with_write([&](store::Tx& tx) -> Status {
      auto t1 = store::create_tenant(tx, "クラウドA", domain::TenantKind::provider);
      auto t2 = store::create_tenant(tx, "クラウドB", domain::TenantKind::provider);
      if (!t1 || !t2) return make_error(ErrorCode::internal, "tenants");
      a_ = t1->id;
      b_ = t2->id;
      if (auto r = store::insert_cloud_service(tx, a_, service("svc-a", "文書SaaS")); !r) return r;
      return store::insert_cloud_service(tx, b_, service("svc-b", "文書SaaS"));
    }));
  }

  void TearDown() override {
    db_.reset();
  }

  test::EngineDatabase engine_;  // before db_: the database closes before it is dropped
  std::string a_, b_;
  std::unique_ptr<store::Database> db_;
};

}  // namespace

INSTANTIATE_TEST_SUITE_P(Engines, SoaStoreTest, ::testing::Values(store::Engine::sqlite, store::Engine::postgresql),
                         test::engine_name);

TEST_P(SoaStoreTest, OneSoaPerServiceWithItsStatedRows) {
  using A = domain::Applicability;
  using S = domain::ImplementationStatus;
  ASSERT_TRUE(db_->with_write([&](store::Tx& tx) -> Status {
    store::StoredSoa soa{"soa-1", "svc-a", 0, "tester", kNow, "tester", kNow};
    EXPECT_TRUE(store::insert_soa(tx, a_, soa));
    EXPECT_FALSE(store::service_has_soa(tx, a_, "svc-b").value());
    EXPECT_TRUE(store::service_has_soa(tx, a_, "svc-a").value());

    auto r1 = stated("iso27001-2022", "5.2", A::applicable, S::implemented);
    r1.evidence = {"職務分掌規程 第3条", "https://intra.example/roles"};
    auto r2 = stated("iso27001-2022", "7.14", A::not_applicable, S::unset, "物理装置は IaaS 事業者が管理");
    EXPECT_TRUE(store::save_soa_rows(tx, a_, "soa-1", {r1, r2}, "tester", kNow));
    // The same key again replaces what was stated.
    r2.applicable = A::applicable;
    r2.status = S::planned;
    r2.reason = "";
    EXPECT_TRUE(store::save_soa_rows(tx, a_, "soa-1", {r2}, "editor", kNow));

    auto rows = store::list_soa_rows(tx, a_, "soa-1");
    EXPECT_TRUE(rows);
    EXPECT_EQ(rows->size(), 2u);
    if (rows->size() == 2) {
      EXPECT_EQ((*rows)[0].ref, "5.2");
      EXPECT_EQ((*rows)[0].evidence, r1.evidence);
      EXPECT_EQ((*rows)[0].status, S::implemented);
      EXPECT_EQ((*rows)[1].ref, "7.14");
      EXPECT_EQ((*rows)[1].applicable, A::applicable);
      EXPECT_EQ((*rows)[1].status, S::planned);
      EXPECT_EQ((*rows)[1].reason, "");
    }

    auto found = store::find_soa_for_service(tx, a_, "svc-a");
    EXPECT_TRUE(found && found->has_value());
    EXPECT_EQ((*found)->id, "soa-1");
    EXPECT_EQ((*found)->approved_version, 0);
    soa.approved_version = 2;
    soa.updated_by = "manager";
    EXPECT_TRUE(store::update_soa(tx, a_, soa));
    EXPECT_EQ((*store::find_soa(tx, a_, "soa-1"))->approved_version, 2);
    EXPECT_EQ((*store::find_soa(tx, a_, "soa-1"))->updated_by, "manager");
    EXPECT_EQ(store::list_soas(tx, a_)->size(), 1u);
    return ok();
  }));
}

TEST_P(SoaStoreTest, VersionsKeepTheirSnapshot) {
  ASSERT_TRUE(db_->with_write([&](store::Tx& tx) -> Status {
    EXPECT_TRUE(store::insert_soa(tx, a_, {"soa-1", "svc-a", 0, "tester", kNow, "tester", kNow}));
    store::SoaVersion v;
    v.version = 1;
    v.role = "both";
    v.service_name = "文書SaaS";
    auto row = stated("iso27017-2015", "CLD.8.1.5", domain::Applicability::applicable,
                      domain::ImplementationStatus::partial, "リスク R-3");
    row.kind = domain::SoaRowKind::cloud_extension;
    row.title = "クラウドサービスカスタマの資産の除去";
    row.title_en = "Removal of cloud service customer assets";
    row.evidence = {"解約時データ消去手順"};
    row.treatments = {"risk-1", "risk-2"};
    auto detail = stated("ismap-2024", "12.1.2.4.B", domain::Applicability::applicable,
                         domain::ImplementationStatus::planned, "代替策: 二重確認");
    detail.kind = domain::SoaRowKind::ismap_detail;
    detail.parent_ref = "12.1.2";
    v.rows = {row, detail};
    v.findings = {{domain::kRuleDetailNotImplemented, "ismap-2024", "12.1.2.4.B", domain::FindingSeverity::warning,
                   "警告", "warning", {"ismap-2024:12.1.2"}}};
    v.comment = "初版承認";
    v.approved_by = "manager";
    v.approved_at = kNow;
    EXPECT_TRUE(store::insert_soa_version(tx, a_, "soa-1", v));
    v.version = 2;
    v.comment = "第2版";
    EXPECT_TRUE(store::insert_soa_version(tx, a_, "soa-1", v));

    auto list = store::list_soa_versions(tx, a_, "soa-1", false);
    EXPECT_TRUE(list);
    EXPECT_EQ(list->size(), 2u);
    if (list->size() == 2) {
      EXPECT_EQ((*list)[0].version, 1);
      EXPECT_EQ((*list)[1].comment, "第2版");
      EXPECT_TRUE((*list)[0].rows.empty());
      EXPECT_EQ((*list)[0].findings.size(), 1u);
    }
    auto one = store::find_soa_version(tx, a_, "soa-1", 1);
    EXPECT_TRUE(one && one->has_value());
    EXPECT_EQ((*one)->rows, v.rows);
    EXPECT_EQ((*one)->findings, v.findings);
    EXPECT_EQ((*one)->role, "both");
    EXPECT_EQ((*one)->service_name, "文書SaaS");
    EXPECT_EQ((*one)->comment, "初版承認");
    EXPECT_FALSE(store::find_soa_version(tx, a_, "soa-1", 3)->has_value());
    return ok();
  }));
}

TEST_P(SoaStoreTest, AnotherOrganisationSeesNothing) {
  ASSERT_TRUE(db_->with_write([&](store::Tx& tx) -> Status {
    EXPECT_TRUE(store::insert_soa(tx, a_, {"soa-1", "svc-a", 0, "tester", kNow, "tester", kNow}));
    EXPECT_TRUE(store::save_soa_rows(tx, a_, "soa-1",
                                     {stated("iso27001-2022", "5.1", domain::Applicability::applicable,
                                             domain::ImplementationStatus::implemented)},
                                     "tester", kNow));
    store::SoaVersion v;
    v.version = 1;
    v.role = "both";
    v.approved_by = "manager";
    v.approved_at = kNow;
    EXPECT_TRUE(store::insert_soa_version(tx, a_, "soa-1", v));

    EXPECT_FALSE(store::find_soa(tx, b_, "soa-1")->has_value());
    EXPECT_FALSE(store::find_soa_for_service(tx, b_, "svc-a")->has_value());
    EXPECT_TRUE(store::list_soas(tx, b_)->empty());
    EXPECT_TRUE(store::list_soa_rows(tx, b_, "soa-1")->empty());
    EXPECT_TRUE(store::list_soa_versions(tx, b_, "soa-1", true)->empty());
    EXPECT_FALSE(store::find_soa_version(tx, b_, "soa-1", 1)->has_value());
    EXPECT_FALSE(store::service_has_soa(tx, b_, "svc-a").value());
    return ok();
  }));
}

}  // namespace mamori
