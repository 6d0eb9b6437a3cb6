// The read caches (issue 7) on both engines. The SoA's catalog data
// (app/soa_catalog.h) is cached across requests: it must never carry one
// organisation's rows into another's view, and a catalog loaded later (a
// new revision) must be seen at the next read.
#include <gtest/gtest.h>

#include "app/catalog_loader.h"
#include "app/isms_scope.h"
#include "app/organisations.h"
#include "app/soa.h"
#include "engine_database.h"
#include "store/catalog_repository.h"
#include "store/database.h"

namespace mamori {

namespace {

const domain::SoaRow* row(const app::SoaView& view, const std::string& catalog, const std::string& ref) {
  for (const auto& r : view.rows)
    if (r.catalog_key == catalog && r.ref == ref) return &r;
  return nullptr;
}

class ReadCacheTest : public ::testing::TestWithParam<store::Engine> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(engine_.open(GetParam(), db_));
    auto bundle = app::builtin_bundle();
    ASSERT_TRUE(bundle);
    bundle_ = bundle.value();
    ASSERT_TRUE(app::load_bundle(*db_, *bundle_, "builtin"));
    services_ = std::make_unique<app::Services>(app::Services{*db_, secrets_, {}, nullptr});
    for (const char* name : {"キャッシュ組織A", "キャッシュ組織B"}) {
      auto tenant = app::create_tenant(*services_, op_, name, domain::TenantKind::provider);
      ASSERT_TRUE(tenant);
      domain::CloudService s;
      s.name = "文書SaaS";
      s.role = domain::ServiceRole::both;
      s.runs_on = {{"", "IaaS 事業者", true}};
      auto service = app::create_cloud_service(*services_, op_, tenant->id, s);
      ASSERT_TRUE(service) << service.error().describe();
      auto soa = app::create_soa(*services_, op_, tenant->id, service->id);
      ASSERT_TRUE(soa) << soa.error().describe();
      orgs_.push_back(tenant->id);
      soas_.push_back(soa->soa.id);
    }
  }
  void TearDown() override {
    services_.reset();
    db_.reset();
  }

  test::EngineDatabase engine_;
  std::unique_ptr<store::Database> db_;
  security::SecretBox secrets_ = security::SecretBox::from_key({});
  std::unique_ptr<app::Services> services_;
  const formats::CatalogBundle* bundle_ = nullptr;
  const app::Caller op_ = app::Caller::operator_cli();
  std::vector<std::string> orgs_, soas_;
};

}  // namespace

INSTANTIATE_TEST_SUITE_P(Engines, ReadCacheTest, ::testing::Values(store::Engine::sqlite, store::Engine::postgresql),
                         test::engine_name);

TEST_P(ReadCacheTest, SoaReadsThroughTheCacheShowOnlyTheirOwnOrganisation) {
  app::SoaRowEdit edit;
  edit.catalog_key = "iso27001-2022";
  edit.ref = "5.7";
  edit.applicable = domain::Applicability::not_applicable;
  edit.reason = "組織Aだけの除外理由";
  ASSERT_TRUE(app::change_soa_rows(*services_, op_, orgs_[0], soas_[0], {edit}));

  // A's read fills the cache; B's read right after must not see A's row.
  auto a = app::get_soa(*services_, op_, orgs_[0], soas_[0]);
  ASSERT_TRUE(a);
  auto b = app::get_soa(*services_, op_, orgs_[1], soas_[1]);
  ASSERT_TRUE(b);
  ASSERT_NE(row(*a, "iso27001-2022", "5.7"), nullptr);
  ASSERT_NE(row(*b, "iso27001-2022", "5.7"), nullptr);
  EXPECT_EQ(row(*a, "iso27001-2022", "5.7")->reason, "組織Aだけの除外理由");
  EXPECT_EQ(row(*b, "iso27001-2022", "5.7")->reason, "");
  EXPECT_EQ(row(*b, "iso27001-2022", "5.7")->applicable, domain::Applicability::unevaluated);
  EXPECT_EQ(a->rows.size(), b->rows.size());
  // And in the other order, after the cache is warm.
  auto b2 = app::get_soa(*services_, op_, orgs_[1], soas_[1]);
  auto a2 = app::get_soa(*services_, op_, orgs_[0], soas_[0]);
  ASSERT_TRUE(a2 && b2);
  EXPECT_EQ(row(*b2, "iso27001-2022", "5.7")->reason, "");
  EXPECT_EQ(row(*a2, "iso27001-2022", "5.7")->reason, "組織Aだけの除外理由");
  // Another organisation's SoA id finds nothing.
  auto cross = app::get_soa(*services_, op_, orgs_[1], soas_[0]);
  ASSERT_FALSE(cross);
  EXPECT_EQ(cross.error().code, ErrorCode::not_found);
}

TEST_P(ReadCacheTest, ALaterCatalogRevisionIsSeenAtTheNextRead) {
  ASSERT_TRUE(app::get_soa(*services_, op_, orgs_[0], soas_[0]));  // cached now
  const auto* annex = bundle_->find("iso27001-2022");
  ASSERT_NE(annex, nullptr);
  domain::Catalog corrected = *annex;
  bool changed = false;
  for (auto& n : corrected.nodes)
    if (n.ref == "5.7") {
      n.title = "脅威インテリジェンス（訂正版）";
      changed = true;
    }
  ASSERT_TRUE(changed);
  ASSERT_TRUE(db_->with_write([&](store::Tx& tx) -> Status {
    auto stored = store::store_catalog(tx, corrected, "imported");
    if (!stored) return stored.error();
    EXPECT_EQ(stored.value(), store::LoadOutcome::loaded);
    return ok();
  }));
  auto after = app::get_soa(*services_, op_, orgs_[0], soas_[0]);
  ASSERT_TRUE(after) << after.error().describe();
  ASSERT_NE(row(*after, "iso27001-2022", "5.7"), nullptr);
  EXPECT_EQ(row(*after, "iso27001-2022", "5.7")->title, "脅威インテリジェンス（訂正版）");
}

}  // namespace mamori
