// The answer library and incoming sheets through app/ on both engines
// (SQLite, and PostgreSQL on the test cluster CTest starts): versions and
// approval, the approved library that answers sheets, an uploaded file's
// bytes (NULs and all) back as stored, the answered file, and no function
// reaching another organisation's rows.
#include <gtest/gtest.h>

#include <fstream>

#include "engine_database.h"
#include "app/catalog_loader.h"
#include "app/incoming_sheets.h"
#include "app/library.h"
#include "app/sheet_templates.h"
#include "formats/xlsx_reader.h"
#include "store/database.h"
#include "store/tenant_repository.h"

namespace mamori {

namespace {

domain::LibraryAnswer malware() {
  domain::LibraryAnswer a;
  a.catalog_key = "ismap-2024";
  a.ref = "12.2";
  a.question = "マルウェアからの保護";
  a.explanation = "全サーバにマルウェア対策ソフトを導入しています。";
  a.evidence = {"マルウェア対策基準"};
  a.review_due = "2027-03-31";
  return a;
}

class LibraryStoreTest : public ::testing::TestWithParam<store::Engine> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(engine_.open(GetParam(), db_));
    auto bundle = app::builtin_bundle();
    ASSERT_TRUE(bundle);
    ASSERT_TRUE(app::load_bundle(*db_, *bundle.value(), "builtin"));
    ASSERT_TRUE(db_->with_write([&](store::Tx& tx) -> Status {
      auto t1 = store::create_tenant(tx, "ベンダーA", domain::TenantKind::provider);
      auto t2 = store::create_tenant(tx, "ベンダーB", domain::TenantKind::provider);
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

  test::TempDir dir_;  // files the tests write
  test::EngineDatabase engine_;  // before db_: the database closes before it is dropped
  std::string a_, b_;
  std::unique_ptr<store::Database> db_;
  security::SecretBox secrets_ = security::SecretBox::from_key({});
  std::unique_ptr<app::Services> services_;
  const app::Caller op_ = app::Caller::operator_cli();
};

}  // namespace

INSTANTIATE_TEST_SUITE_P(Engines, LibraryStoreTest, ::testing::Values(store::Engine::sqlite, store::Engine::postgresql),
                         test::engine_name);

TEST_P(LibraryStoreTest, VersionsApprovalAndTheApprovedLibrary) {
  auto created = app::create_library_answer(*services_, op_, a_, malware(), "初版");
  ASSERT_TRUE(created) << created.error().describe();
  const std::string id = created->entry.id;
  EXPECT_TRUE(app::approved_answers(*services_, op_, a_)->empty());  // a draft answers nothing
  ASSERT_TRUE(app::approve_library_answer(*services_, op_, a_, id));

  app::LibraryChange change;
  change.explanation = "EDRを導入しています。";
  change.scope_plans = std::vector<std::string>{"エンタープライズ"};
  change.reason = "EDR導入";
  auto changed = app::change_library_answer(*services_, op_, a_, id, change);
  ASSERT_TRUE(changed) << changed.error().describe();
  EXPECT_EQ(changed->entry.version, 2);
  EXPECT_EQ(changed->approved_version, 1);
  // Version 1 keeps answering until version 2 is approved.
  auto library = app::approved_answers(*services_, op_, a_);
  ASSERT_TRUE(library) << library.error().describe();
  ASSERT_EQ(library->size(), 1u);
  EXPECT_EQ(library->front().version, 1);
  EXPECT_EQ(library->front().content, malware());
  ASSERT_TRUE(app::approve_library_answer(*services_, op_, a_, id));
  library = app::approved_answers(*services_, op_, a_);
  EXPECT_EQ(library->front().version, 2);
  EXPECT_EQ(library->front().content.scope.plans, std::vector<std::string>{"エンタープライズ"});

  auto versions = app::library_answer_versions(*services_, op_, a_, id);
  ASSERT_TRUE(versions) << versions.error().describe();
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ(versions->at(0).version.reason, "初版");
  EXPECT_FALSE(versions->at(0).version.approved_at.empty());
  EXPECT_EQ(versions->at(1).changed, (std::vector<std::string>{"explanation", "scope_plans"}));

  // Another organisation has none of it.
  EXPECT_EQ(app::get_library_answer(*services_, op_, b_, id).error().code, ErrorCode::not_found);
  EXPECT_EQ(app::approve_library_answer(*services_, op_, b_, id).error().code, ErrorCode::not_found);
  EXPECT_TRUE(app::list_library_answers(*services_, op_, b_)->empty());
  EXPECT_TRUE(app::approved_answers(*services_, op_, b_)->empty());

  ASSERT_TRUE(app::retire_library_answer(*services_, op_, a_, id, "廃止"));
  EXPECT_TRUE(app::approved_answers(*services_, op_, a_)->empty());
  EXPECT_EQ(app::list_library_answers(*services_, op_, a_, {"retired", "", ""})->size(), 1u);
}

TEST_P(LibraryStoreTest, AnIncomingSheetRoundTrips) {
  ASSERT_TRUE(app::import_library_answers(*services_, op_, a_, {malware()}, true, "test"));
  const std::string path = dir_.file("blank.xlsx");
  ASSERT_TRUE(app::write_blank_sheet("ismap-summary", path));
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_NE(bytes.find('\0'), std::string::npos);  // a zip has NUL bytes: they must survive

  auto uploaded = app::upload_incoming_sheet(*services_, op_, a_, bytes, {"確認書.xlsx", "東京市", "IaaS", ""});
  ASSERT_TRUE(uploaded) << uploaded.error().describe();
  const std::string id = uploaded->sheet.id;
  auto view = app::get_incoming_sheet(*services_, op_, a_, id);
  ASSERT_TRUE(view) << view.error().describe();
  EXPECT_EQ(view->sheet.size, static_cast<std::int64_t>(bytes.size()));
  ASSERT_EQ(view->questions.size(), 45u);
  int seq_520 = 0;
  for (const auto& q : view->questions)
    if (q.ref == "5-20") {
      seq_520 = q.seq;
      EXPECT_EQ(q.proposal.source, domain::ProposalSource::library);
      EXPECT_DOUBLE_EQ(q.proposal.confidence, domain::kSheetRefConfidence);
      EXPECT_EQ(q.proposal.library_version, 1);
      EXPECT_EQ(q.answer_cell.substr(0, 1), "D");
    }
  ASSERT_GT(seq_520, 0);
  auto accepted = app::accept_all_proposals(*services_, op_, a_, id, 0.5);
  ASSERT_TRUE(accepted) << accepted.error().describe();
  EXPECT_EQ(accepted.value(), 1);
  auto decided = app::decide_incoming_question(*services_, op_, a_, id, 1, {domain::AnswerDecision::skipped, {}, {}});
  ASSERT_TRUE(decided) << decided.error().describe();

  auto file = app::answered_incoming_sheet(*services_, op_, a_, id);
  ASSERT_TRUE(file) << file.error().describe();
  EXPECT_EQ(file->file_name, "確認書-answered.xlsx");
  auto book = formats::read_xlsx(file->bytes, file->file_name);
  ASSERT_TRUE(book) << book.error().describe();
  int written = 0;
  for (const auto& [cell, text] : book->sheets[0].cells)
    if (cell.column == 4 && text == "○") ++written;
  EXPECT_EQ(written, 1);

  EXPECT_EQ(app::get_incoming_sheet(*services_, op_, b_, id).error().code, ErrorCode::not_found);
  EXPECT_EQ(app::answered_incoming_sheet(*services_, op_, b_, id).error().code, ErrorCode::not_found);
  EXPECT_EQ(app::decide_incoming_question(*services_, op_, b_, id, seq_520, {}).error().code, ErrorCode::not_found);
  EXPECT_TRUE(app::list_incoming_sheets(*services_, op_, b_)->empty());
}

}  // namespace mamori
