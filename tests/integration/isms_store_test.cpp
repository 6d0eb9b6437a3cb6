// The scope, cloud services, classification scheme and asset inventory
// tables (migration 5) on both engines (SQLite, and PostgreSQL on the test
// cluster CTest starts): every field back as written, runs_on and asset
// services in order, filters, and no function reaching another
// organisation's rows.
#include <gtest/gtest.h>

#include "engine_database.h"
#include "store/database.h"
#include "store/isms_repository.h"
#include "store/tenant_repository.h"

namespace mamori {

namespace {

store::StoredCloudService service(const std::string& id, const std::string& name, domain::ServiceRole role) {
  store::StoredCloudService s;
  s.service.id = id;
  s.service.name = name;
  s.service.role = role;
  s.service.model = domain::ServiceModel::saas;
  s.service.description = "説明";
  s.service.owner = "開発部";
  s.created_by = s.updated_by = "tester";
  s.created_at = s.updated_at = "2026-11-22T00:00:00.000Z";
  return s;
}

class IsmsStoreTest : public ::testing::TestWithParam<store::Engine> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(engine_.open(GetParam(), db_));
    ASSERT_TRUE(db_->with_write([&](store::Tx& tx) -> Status {
      auto t1 = store::create_tenant(tx, "クラウドA", domain::TenantKind::provider);
      auto t2 = store::create_tenant(tx, "クラウドB", domain::TenantKind::provider);
      if (!t1 || !t2) return make_error(ErrorCode::internal, "tenants");
      a_ = t1->id;
      b_ = t2->id;
      return ok();
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

INSTANTIATE_TEST_SUITE_P(Engines, IsmsStoreTest, ::testing::Values(store::Engine::sqlite, store::Engine::postgresql),
                         test::engine_name);

TEST_P(IsmsStoreTest, ScopeAndSchemeRoundTrip) {
  ASSERT_TRUE(db_->with_write([&](store::Tx& tx) -> Status {
    auto none = store::find_isms_scope(tx, a_);
    EXPECT_TRUE(none && !none->has_value());
    // No scheme saved: the government default.
    EXPECT_EQ(*store::classification_scheme(tx, a_), domain::government_scheme());
    store::StoredScope s{"本社 ISMS 事務局", "文書管理SaaS", "東京本社", "AWS", {{"x1", "人事システム", "対象外の業務"}},
                         "tester", "2026-11-22T00:00:00.000Z"};
    EXPECT_TRUE(store::save_isms_scope(tx, a_, s));
    s.physical = "東京本社、大阪DR";
    EXPECT_TRUE(store::save_isms_scope(tx, a_, s));  // replaces
    auto back = store::find_isms_scope(tx, a_);
    EXPECT_TRUE(back && back->has_value());
    EXPECT_EQ((*back)->physical, "東京本社、大阪DR");
    EXPECT_EQ((*back)->exclusions, s.exclusions);
    EXPECT_FALSE(store::find_isms_scope(tx, b_)->has_value());

    auto scheme = domain::government_scheme();
    scheme.confidentiality.push_back({4, "極秘", "Top secret", ""});
    EXPECT_TRUE(store::save_classification_scheme(tx, a_, scheme, "tester", "2026-11-22T00:00:00.000Z"));
    EXPECT_EQ(*store::classification_scheme(tx, a_), scheme);
    EXPECT_EQ(*store::classification_scheme(tx, b_), domain::government_scheme());
    return ok();
  }));
}

TEST_P(IsmsStoreTest, ServicesWithTheirSupplyChain) {
  ASSERT_TRUE(db_->with_write([&](store::Tx& tx) -> Status {
    auto iaas = service("s1", "自社IaaS", domain::ServiceRole::provider);
    iaas.service.model = domain::ServiceModel::iaas;
    iaas.service.data_countries = {"JP"};
    EXPECT_TRUE(store::insert_cloud_service(tx, a_, iaas));
    auto saas = service("s2", "文書SaaS", domain::ServiceRole::both);
    saas.service.runs_on = {{"s1", "", false}, {"", "AWS 東京リージョン (IaaS)", true}};
    saas.service.data_countries = {"JP", "US"};
    saas.service.data_location_note = "東京・大阪";
    saas.service.in_scope = false;
    EXPECT_TRUE(store::insert_cloud_service(tx, a_, saas));

    auto list = store::list_cloud_services(tx, a_);
    EXPECT_TRUE(list);
    EXPECT_EQ(list->size(), 2u);
    auto found = store::find_cloud_service(tx, a_, "s2");
    EXPECT_TRUE(found && found->has_value());
    const auto& s = found->value();
    EXPECT_EQ(s.id, "s2");
    EXPECT_EQ(s.name, "文書SaaS");
    EXPECT_EQ(s.role, "both");
    EXPECT_EQ(s.service, saas.service);
    EXPECT_EQ(store::find_cloud_service_by_name(tx, a_, "自社IaaS")->value().service, iaas.service);

    saas.service.runs_on = {{"", "AWS 東京リージョン (IaaS)", true}};
    saas.service.name = "文書SaaS v2";
    saas.updated_at = "2026-11-23T00:00:00.000Z";
    EXPECT_TRUE(store::update_cloud_service(tx, a_, saas));
    auto changed = store::find_cloud_service(tx, a_, "s2");
    EXPECT_EQ(changed->value().service, saas.service);
    EXPECT_EQ(changed->value().updated_at, "2026-11-23T00:00:00.000Z");

    // Another organisation sees none of it and cannot change it.
    EXPECT_TRUE(store::list_cloud_services(tx, b_)->empty());
    EXPECT_FALSE(store::find_cloud_service(tx, b_, "s2")->has_value());
    EXPECT_TRUE(store::delete_cloud_service(tx, b_, "s1"));
    EXPECT_TRUE(store::find_cloud_service(tx, a_, "s1")->has_value());

    EXPECT_TRUE(store::delete_cloud_service(tx, a_, "s1"));
    EXPECT_EQ(store::list_cloud_services(tx, a_)->size(), 1u);
    return ok();
  }));
}

TEST_P(IsmsStoreTest, AssetsWithServicesAndFilters) {
  ASSERT_TRUE(db_->with_write([&](store::Tx& tx) -> Status {
    EXPECT_TRUE(store::insert_cloud_service(tx, a_, service("s1", "文書SaaS", domain::ServiceRole::provider)));
    EXPECT_TRUE(store::insert_cloud_service(tx, a_, service("s2", "メール", domain::ServiceRole::customer)));
    store::StoredAsset docs;
    docs.asset = {"a1", "顧客文書データ", domain::AssetType::information, "顧客がアップロードした文書", "サービス部",
                  3, 2, 2, true, domain::DataCategory::customer_data, "S3", "JP", {"s1", "s2"}, {"AWS"}};
    docs.created_by = docs.updated_by = "tester";
    docs.created_at = docs.updated_at = "2026-11-22T00:00:00.000Z";
    EXPECT_TRUE(store::insert_asset(tx, a_, docs));
    store::StoredAsset pc = docs;
    pc.asset = {"a2", "運用端末", domain::AssetType::hardware, "", "情シス", 2, 1, 1, false,
                domain::DataCategory::own, "本社", "JP", {}, {}};
    EXPECT_TRUE(store::insert_asset(tx, a_, pc));

    auto found = store::find_asset(tx, a_, "a1");
    EXPECT_TRUE(found && found->has_value());
    EXPECT_EQ(found->value().asset, docs.asset);
    EXPECT_EQ(found->value().name, "顧客文書データ");
    EXPECT_EQ(store::find_asset_by_name(tx, a_, "運用端末")->value().asset, pc.asset);

    EXPECT_EQ(store::list_assets(tx, a_)->size(), 2u);
    store::AssetFilter by_service;
    by_service.service_id = "s2";
    auto touching = store::list_assets(tx, a_, by_service);
    EXPECT_EQ(touching->size(), 1u);
    EXPECT_EQ(touching->front().asset, docs.asset);
    store::AssetFilter personal;
    personal.personal_info = false;
    EXPECT_EQ(store::list_assets(tx, a_, personal)->front().id, "a2");
    store::AssetFilter c3;
    c3.confidentiality = 3;
    c3.category = "customer_data";
    c3.type = "information";
    EXPECT_EQ(store::list_assets(tx, a_, c3)->size(), 1u);
    c3.type = "hardware";
    EXPECT_TRUE(store::list_assets(tx, a_, c3)->empty());

    docs.asset.service_ids = {"s2"};
    docs.asset.confidentiality = 2;
    EXPECT_TRUE(store::update_asset(tx, a_, docs));
    EXPECT_EQ(store::find_asset(tx, a_, "a1")->value().asset, docs.asset);

    EXPECT_TRUE(store::list_assets(tx, b_)->empty());
    EXPECT_FALSE(store::find_asset(tx, b_, "a1")->has_value());
    EXPECT_TRUE(store::delete_asset(tx, b_, "a1"));
    EXPECT_TRUE(store::find_asset(tx, a_, "a1")->has_value());
    EXPECT_TRUE(store::delete_asset(tx, a_, "a1"));
    EXPECT_EQ(store::list_assets(tx, a_)->size(), 1u);
    return ok();
  }));
}

}  // namespace mamori
