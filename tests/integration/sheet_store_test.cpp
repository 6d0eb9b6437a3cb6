// The check-sheet tables on both engines (SQLite, and PostgreSQL on the
// test cluster CTest starts): rows come back as stored, evidence bytes
// (NULs and all) survive the round trip, answers and reviews are replaced
// in place, a service list replaces the old one, deleting a sheet takes its
// responses with it, and no function finds another organisation's rows.
#include <gtest/gtest.h>

#include "engine_database.h"
#include "store/database.h"
#include "store/ids.h"
#include "store/service_list_repository.h"
#include "store/sheet_repository.h"
#include "store/sheet_response_repository.h"
#include "store/tenant_repository.h"

namespace mamori {

namespace {

class SheetStoreTest : public ::testing::TestWithParam<store::Engine> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(engine_.open(GetParam(), db_));
    ASSERT_TRUE(db_->with_write([&](store::Tx& tx) -> Status {
      auto t1 = store::create_tenant(tx, "東京市", domain::TenantKind::customer);
      auto t2 = store::create_tenant(tx, "他市", domain::TenantKind::customer);
      if (!t1 || !t2) return make_error(ErrorCode::internal, "tenants");
      a_ = t1->id;
      b_ = t2->id;
      return ok();
    }));
  }

  void TearDown() override {
    db_.reset();
  }

  store::Sheet sheet_of(const std::string& tenant) {
    store::Sheet s;
    s.id = store::new_uuid_v7();
    s.tenant_id = tenant;
    s.title = "住民窓口システム調達";
    s.template_id = "ismap-sheet-summary";
    s.classification = "3C";
    s.due_date = "2027-01-29";
    s.created_by = "u";
    s.created_at = s.updated_at = store::utc_now();
    return s;
  }

  test::EngineDatabase engine_;  // before db_: the database closes before it is dropped
  std::unique_ptr<store::Database> db_;
  std::string a_, b_;
};

}  // namespace

INSTANTIATE_TEST_SUITE_P(Engines, SheetStoreTest, ::testing::Values(store::Engine::sqlite, store::Engine::postgresql),
                         test::engine_name);

TEST_P(SheetStoreTest, SheetsResponsesAndEvidenceRoundTripWithinTheirOrganisation) {
  const store::Sheet sheet = sheet_of(a_);
  std::string binary("%PDF\0\x01\x02\xff\xfe end", 14);
  binary += std::string(300000, '\0');  // large and mostly NUL
  store::EvidenceInfo evidence;
  store::SheetResponse response;
  ASSERT_TRUE(db_->with_write([&](store::Tx& tx) -> Status {
    if (auto r = store::insert_sheet(tx, sheet); !r) return r;
    std::vector<store::SheetItem> items(2);
    items[0] = {1, "5", "", "group", "", "管理策基準", "…", false, domain::ItemChange::none, ""};
    items[1] = {2, "5-1", "5", "question", "5.1", "方針", "レビューを実施すること。", true, domain::ItemChange::none, ""};
    if (auto r = store::insert_sheet_items(tx, a_, sheet.id, items); !r) return r;
    items[1].change = domain::ItemChange::reworded;
    items[1].change_reason = "委託先を明示";
    items[1].requirement = "委託先を含めてレビューすること。";
    if (auto r = store::update_sheet_item(tx, a_, sheet.id, items[1]); !r) return r;

    response.id = store::new_uuid_v7();
    response.tenant_id = a_;
    response.sheet_id = sheet.id;
    response.vendor_name = "株式会社ベンダー";
    response.source = "xlsx";
    response.status = domain::ResponseStatus::imported;
    response.listing = {domain::AnswerValue::yes, "サンプルクラウド株式会社", "サンプルSaaS", "ISMAP"};
    response.classification = "3B";
    response.created_by = "u";
    response.created_at = response.updated_at = response.submitted_at = store::utc_now();
    if (auto r = store::insert_response(tx, response); !r) return r;
    store::StoredAnswer answer{"5-1", {domain::AnswerValue::no, "×", "代替策"}, "回答", 12, 4, store::utc_now()};
    if (auto r = store::save_answer(tx, a_, response.id, answer); !r) return r;
    answer.given = {domain::AnswerValue::yes, "○", ""};
    if (auto r = store::save_answer(tx, a_, response.id, answer); !r) return r;  // replaces
    store::StoredReview review{"5-1", domain::ReviewDecision::accepted, "可", "u", "admin", store::utc_now()};
    if (auto r = store::save_review(tx, a_, response.id, review); !r) return r;
    review.decision = domain::ReviewDecision::rejected;
    if (auto r = store::save_review(tx, a_, response.id, review); !r) return r;
    evidence = {store::new_uuid_v7(), response.id, "5-1", "証跡.pdf", "application/pdf",
                static_cast<std::int64_t>(binary.size()), store::sha256_hex(binary), "u", store::utc_now()};
    return store::insert_evidence(tx, a_, evidence, binary);
  }));

  ASSERT_TRUE(db_->with_read([&](store::Tx& tx) -> Status {
    auto found = store::find_sheet(tx, a_, sheet.id);
    EXPECT_TRUE(found && found.value());
    EXPECT_EQ(found.value()->classification, "3C");
    EXPECT_FALSE(store::find_sheet(tx, b_, sheet.id).value());  // not from another organisation
    auto items = store::sheet_items(tx, a_, sheet.id);
    EXPECT_EQ(items->size(), 2u);
    EXPECT_EQ(items->at(1).change, domain::ItemChange::reworded);
    EXPECT_EQ(items->at(1).requirement, "委託先を含めてレビューすること。");
    EXPECT_TRUE(store::sheet_items(tx, b_, sheet.id)->empty());
    auto r = store::find_response(tx, a_, response.id);
    EXPECT_EQ(r.value()->listing.service, "サンプルSaaS");
    EXPECT_EQ(r.value()->respondent_user_id, "");
    EXPECT_FALSE(store::find_response(tx, b_, response.id).value());
    auto answers = store::answers_of_response(tx, a_, response.id);
    EXPECT_EQ(answers->size(), 1u);
    EXPECT_EQ(answers->at(0).given.answer, domain::AnswerValue::yes);
    EXPECT_EQ(answers->at(0).cell_row, 12);
    EXPECT_TRUE(store::answers_of_response(tx, b_, response.id)->empty());
    auto reviews = store::reviews_of_response(tx, a_, response.id);
    EXPECT_EQ(reviews->size(), 1u);
    EXPECT_EQ(reviews->at(0).decision, domain::ReviewDecision::rejected);
    auto file = store::find_evidence(tx, a_, response.id, evidence.id);
    EXPECT_TRUE(file && file.value());
    EXPECT_EQ(file.value()->bytes.size(), binary.size());
    EXPECT_TRUE(file.value()->bytes == binary);
    EXPECT_EQ(file.value()->info.file_name, "証跡.pdf");
    EXPECT_FALSE(store::find_evidence(tx, b_, response.id, evidence.id).value());
    EXPECT_EQ(store::responses_of_tenant(tx, a_)->size(), 1u);
    EXPECT_TRUE(store::responses_of_tenant(tx, b_)->empty());
    return ok();
  }));

  // Deleting the sheet takes everything of it; deleting from B does nothing.
  ASSERT_TRUE(db_->with_write([&](store::Tx& tx) { return store::delete_sheet(tx, b_, sheet.id); }));
  ASSERT_TRUE(db_->with_read([&](store::Tx& tx) -> Status {
    EXPECT_TRUE(store::find_sheet(tx, a_, sheet.id).value());
    return ok();
  }));
  ASSERT_TRUE(db_->with_write([&](store::Tx& tx) { return store::delete_sheet(tx, a_, sheet.id); }));
  ASSERT_TRUE(db_->with_read([&](store::Tx& tx) -> Status {
    EXPECT_FALSE(store::find_sheet(tx, a_, sheet.id).value());
    EXPECT_FALSE(store::find_response(tx, a_, response.id).value());
    EXPECT_FALSE(store::find_evidence(tx, a_, response.id, evidence.id).value());
    EXPECT_TRUE(store::sheet_items(tx, a_, sheet.id)->empty());
    return ok();
  }));
}

TEST_P(SheetStoreTest, AServiceListReplacesTheOldOne) {
  store::StoredServiceList first{"first.csv", "u", store::utc_now(),
                                 {{"C1", "サンプルSaaS", "サンプル社", "ISMAP", "2025-04-01", "2027-07-31"},
                                  {"L2", "業務アプリ", "ソフト社", "ISMAP-LIU", "2024-01-15", "2025-05-31"}}};
  store::StoredServiceList second{"second.csv", "u", store::utc_now(),
                                  {{"C3", "新SaaS", "新社", "ISMAP", "2026-01-01", "2028-01-01"}}};
  ASSERT_TRUE(db_->with_write([&](store::Tx& tx) { return store::replace_service_list(tx, a_, first); }));
  ASSERT_TRUE(db_->with_write([&](store::Tx& tx) { return store::replace_service_list(tx, b_, first); }));
  ASSERT_TRUE(db_->with_write([&](store::Tx& tx) { return store::replace_service_list(tx, a_, second); }));
  ASSERT_TRUE(db_->with_read([&](store::Tx& tx) -> Status {
    auto a = store::service_list(tx, a_);
    EXPECT_EQ(a->file_name, "second.csv");
    EXPECT_EQ(a->entries.size(), 1u);
    EXPECT_EQ(a->entries[0].service, "新SaaS");
    auto b = store::service_list(tx, b_);
    EXPECT_EQ(b->entries.size(), 2u);
    EXPECT_EQ(b->entries[1].valid_until, "2025-05-31");
    return ok();
  }));
}

}  // namespace mamori
