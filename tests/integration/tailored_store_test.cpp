// Tailored standards (個別管理基準) through app/ on both engines (SQLite, and
// PostgreSQL on the test cluster CTest starts): created from ISMAP with the
// attributes inherited through the mapping to Annex A, operations replayed
// from the stored log, approval freezing a version, the diff, audit scopes
// kept as selected, and nothing reaching another organisation's rows.
#include <gtest/gtest.h>

#include "engine_database.h"
#include "app/catalog_loader.h"
#include "app/tailored_standards.h"
#include "store/database.h"
#include "store/tenant_repository.h"

namespace mamori {

namespace {

class TailoredStoreTest : public ::testing::TestWithParam<store::Engine> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(engine_.open(GetParam(), db_));
    auto bundle = app::builtin_bundle();
    ASSERT_TRUE(bundle);
    ASSERT_TRUE(app::load_bundle(*db_, *bundle.value(), "builtin"));
    ASSERT_TRUE(db_->with_write([&](store::Tx& tx) -> Status {
      auto t1 = store::create_tenant(tx, "クラウドA", domain::TenantKind::provider);
      auto t2 = store::create_tenant(tx, "クラウドB", domain::TenantKind::provider);
      if (!t1 || !t2) return make_error(ErrorCode::internal, "tenants");
      a_ = t1->id;
      b_ = t2->id;
      return ok();
    }));
    services_ = std::make_unique<app::Services>(app::Services{*db_, secrets_, {}, nullptr});
  }

  void TearDown() override {
    services_.reset();
    db_.reset();
  }

  test::EngineDatabase engine_;  // before db_: the database closes before it is dropped
  std::string a_, b_;
  std::unique_ptr<store::Database> db_;
  security::SecretBox secrets_ = security::SecretBox::from_key({});
  std::unique_ptr<app::Services> services_;
  const app::Caller op_ = app::Caller::operator_cli();
};

const domain::TailoredItem* by_number(const std::vector<domain::TailoredItem>& items, const std::string& number) {
  for (const auto& i : items)
    if (i.number == number) return &i;
  return nullptr;
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Engines, TailoredStoreTest, ::testing::Values(store::Engine::sqlite, store::Engine::postgresql),
                         test::engine_name);

TEST_P(TailoredStoreTest, DerivesVersionsDiffsAndScopes) {
  app::NewStandard request;
  request.name = "個別管理基準";
  request.base_catalog_key = "ismap-2024";
  request.refs = {"4.8.2.2", "12.4.1", "12.2.1"};
  auto created = app::create_standard(*services_, op_, a_, request);
  ASSERT_TRUE(created) << created.error().describe();
  const std::string id = created->standard.id;
  EXPECT_EQ(created->standard.base_catalog_version, "2024-08-01");
  ASSERT_EQ(created->items.size(), 3u);
  EXPECT_EQ(created->items[0].number, "4.8.2.2");
  // 12.4.1 (event logging) maps to Annex A 8.15: detective.
  const auto* logging = by_number(created->items, "12.4.1");
  ASSERT_TRUE(logging);
  ASSERT_FALSE(logging->attributes.empty());
  EXPECT_EQ(logging->attributes[0].first, "control_type");
  EXPECT_EQ(logging->attributes[0].second, std::vector<std::string>{"detective"});
  EXPECT_TRUE(by_number(created->items, "4.8.2.2")->attributes.empty());  // management items map to nothing

  app::OperationRequest reword;
  reword.op.kind = domain::OperationKind::reword;
  reword.op.items = {created->items[0].key};
  reword.op.content = {{"", "", "組織は、文書化した情報を管理する。\n・文書化した情報を破棄及び廃棄状況の確認", {}, "", {}}};
  reword.op.reason = "委託先における契約遵守状況の確認が必要と考えられるため";
  ASSERT_TRUE(app::record_operation(*services_, op_, a_, id, reword));

  auto v1 = app::approve_standard(*services_, op_, a_, id, "初版");
  ASSERT_TRUE(v1) << v1.error().describe();
  EXPECT_EQ(v1->version, 1);
  EXPECT_EQ(app::approve_standard(*services_, op_, a_, id, "").error().code, ErrorCode::conflict);

  app::OperationRequest level;
  level.op.kind = domain::OperationKind::set_level;
  level.op.items = {logging->key};
  level.op.level = domain::ItemLevel::recommended;
  level.op.reason = "推奨とする";
  ASSERT_TRUE(app::record_operation(*services_, op_, a_, id, level));
  app::OperationRequest add;
  add.op.kind = domain::OperationKind::add;
  add.op.add_step = 3;
  add.op.content = {{"7a-7.5.5 e)", "", "e) 地震：地震発生時に安全に停止させるための設備を設置する。", {"iso27001-2022:7.5"}, "", {}}};
  add.op.reason = "組織として認識しているリスクを追加";
  auto added = app::record_operation(*services_, op_, a_, id, add);
  ASSERT_TRUE(added) << added.error().describe();
  EXPECT_EQ(by_number(added->items, "7a-7.5.5 e)")->attributes[0].second, std::vector<std::string>{"preventive"});
  add.op.content = {{"X-1", "", "text", {"iso27001-2022:99.9"}, "", {}}};
  auto unknown = app::record_operation(*services_, op_, a_, id, add);
  EXPECT_EQ(unknown.error().where.field, "origin");

  // The log replays to the same items after a fresh read.
  auto state = app::get_standard(*services_, op_, a_, id);
  ASSERT_TRUE(state) << state.error().describe();
  EXPECT_EQ(state->items, added->items);
  EXPECT_EQ(state->operations.size(), 4u);
  EXPECT_EQ(state->operations[1].op.reason, "委託先における契約遵守状況の確認が必要と考えられるため");
  EXPECT_TRUE(state->has_draft_changes());

  auto diff = app::diff_standard(*services_, op_, a_, id, 1, 0);
  ASSERT_TRUE(diff) << diff.error().describe();
  ASSERT_EQ(diff->size(), 2u);
  EXPECT_EQ((*diff)[0].changes, std::vector<std::string>{"level"});
  EXPECT_EQ((*diff)[1].changes, std::vector<std::string>{"added"});
  EXPECT_EQ(app::diff_standard(*services_, op_, a_, id, 1, 7).error().code, ErrorCode::not_found);

  auto v2 = app::approve_standard(*services_, op_, a_, id, "第2版");
  ASSERT_TRUE(v2);
  auto versions = app::list_standard_versions(*services_, op_, a_, id);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ(app::get_standard_version(*services_, op_, a_, id, 1)->items.size(), 3u);
  EXPECT_EQ(app::get_standard_version(*services_, op_, a_, id, 2)->items.size(), 4u);

  app::NewAuditScope scope;
  scope.name = "検知の管理策";
  scope.filter = domain::parse_attribute_terms({"control_type:detective"}).value();
  auto saved = app::create_audit_scope(*services_, op_, a_, id, scope);
  ASSERT_TRUE(saved) << saved.error().describe();
  EXPECT_EQ(saved->version, 2);
  ASSERT_EQ(saved->items.size(), 2u);  // 12.2.1 (Annex A 8.7) and 12.4.1 (8.15)
  EXPECT_EQ(saved->items[0].number, "12.2.1");
  EXPECT_EQ(saved->items[1].number, "12.4.1");
  auto read = app::get_audit_scope(*services_, op_, a_, id, saved->id);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->filter, scope.filter);
  EXPECT_EQ(read->items, saved->items);
  EXPECT_EQ(app::create_audit_scope(*services_, op_, a_, id, scope).error().code, ErrorCode::conflict);

  // Another organisation sees none of it.
  EXPECT_EQ(app::get_standard(*services_, op_, b_, id).error().code, ErrorCode::not_found);
  EXPECT_TRUE(app::list_standards(*services_, op_, b_)->empty());
  EXPECT_EQ(app::record_operation(*services_, op_, b_, id, level).error().code, ErrorCode::not_found);
  EXPECT_EQ(app::approve_standard(*services_, op_, b_, id, "").error().code, ErrorCode::not_found);
  EXPECT_EQ(app::get_audit_scope(*services_, op_, b_, id, saved->id).error().code, ErrorCode::not_found);
  EXPECT_EQ(app::list_standard_versions(*services_, op_, b_, id).error().code, ErrorCode::not_found);
}

TEST_P(TailoredStoreTest, BadRequestsChangeNothing) {
  app::NewStandard request;
  request.name = "基準";
  request.base_catalog_key = "ismap-2024";
  request.refs = {"99.99"};
  EXPECT_EQ(app::create_standard(*services_, op_, a_, request).error().where.field, "refs");
  request.base_catalog_key = "no-such";
  EXPECT_EQ(app::create_standard(*services_, op_, a_, request).error().where.field, "base_catalog_key");
  EXPECT_TRUE(app::list_standards(*services_, op_, a_)->empty());
  request.base_catalog_key = "iso27001-2022";
  request.refs = {};
  request.kinds = {"control"};
  auto created = app::create_standard(*services_, op_, a_, request);
  ASSERT_TRUE(created) << created.error().describe();
  EXPECT_EQ(created->items.size(), 93u);
  EXPECT_EQ(app::create_standard(*services_, op_, a_, request).error().code, ErrorCode::conflict);
  app::OperationRequest merge;
  merge.op.kind = domain::OperationKind::merge;
  merge.op.items = {created->items[0].key};
  merge.op.content = {{"M", "", "merged", {}, "", {}}};
  merge.op.reason = "統合";
  EXPECT_EQ(app::record_operation(*services_, op_, a_, created->standard.id, merge).error().reason, "too_few");
  EXPECT_EQ(app::get_standard(*services_, op_, a_, created->standard.id)->operations.size(), 1u);
  app::NewAuditScope scope;
  scope.name = "未承認";
  EXPECT_EQ(app::create_audit_scope(*services_, op_, a_, created->standard.id, scope).error().code, ErrorCode::conflict);
}

}  // namespace mamori
