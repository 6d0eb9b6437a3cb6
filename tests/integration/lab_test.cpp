// The bench lab (bench/lab) at a small scale on both engines: it builds what
// it says through the product's use cases, the audit chains it tops up stay
// intact, its API token reads its organisation, and a second run is refused
// rather than doubling the data.
#include <gtest/gtest.h>

#include "app/audit_log.h"
#include "app/auth.h"
#include "app/catalog_loader.h"
#include "app/risks.h"
#include "app/sheets.h"
#include "app/soa.h"
#include "bench/lab/lab.h"
#include "engine_database.h"
#include "store/database.h"

namespace mamori {

namespace {

class LabTest : public ::testing::TestWithParam<store::Engine> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(engine_.open(GetParam(), db_));
    auto bundle = app::builtin_bundle();
    ASSERT_TRUE(bundle);
    ASSERT_TRUE(app::load_bundle(*db_, *bundle.value(), "builtin"));
    services_ = std::make_unique<app::Services>(app::Services{*db_, secrets_, {}, nullptr});
  }
  void TearDown() override {
    services_.reset();
    db_.reset();
  }

  test::EngineDatabase engine_;
  std::unique_ptr<store::Database> db_;
  security::SecretBox secrets_ = security::SecretBox::from_key({});
  std::unique_ptr<app::Services> services_;
};

}  // namespace

INSTANTIATE_TEST_SUITE_P(Engines, LabTest, ::testing::Values(store::Engine::sqlite, store::Engine::postgresql),
                         test::engine_name);

TEST_P(LabTest, BuildsWhatItSaysWithIntactAuditChains) {
  lab::LabScale scale;
  scale.organisations = 2;
  scale.services = 2;
  scale.assets = 3;
  scale.risks = 4;
  scale.sheets = 1;
  scale.audit_entries = 2500;
  auto report = lab::build_lab(*services_, scale);
  ASSERT_TRUE(report) << report.error().describe();

  EXPECT_EQ(report->counts.at("tenants"), 2);
  EXPECT_EQ(report->counts.at("cloud_services"), 4);
  EXPECT_EQ(report->counts.at("assets"), 6);
  EXPECT_EQ(report->counts.at("risks"), 8);
  EXPECT_EQ(report->counts.at("soas"), 4);
  EXPECT_EQ(report->counts.at("sheets"), 2);
  EXPECT_EQ(report->counts.at("sheet_responses"), 2);
  EXPECT_EQ(report->counts.at("audit_log"), 2500);
  // The detailed ISMAP sheet: about 200 questions, each answered.
  EXPECT_GT(report->counts.at("sheet_items"), 2 * 150);
  EXPECT_GT(report->counts.at("sheet_answers"), 2 * 150);
  // A provider-and-customer service's SoA: Annex A, CLD and ISMAP rows.
  EXPECT_GT(report->counts.at("soa_rows"), 2 * 200);

  auto verified = app::verify_audit_log(*db_);
  ASSERT_TRUE(verified);
  EXPECT_FALSE(verified->first_break.has_value());
  EXPECT_EQ(verified->entries, 2500);

  // The targets point at real records of their organisation.
  ASSERT_EQ(report->targets.size(), 2u);
  const auto& t = report->targets.front();
  EXPECT_EQ(t.token.rfind("mamori_", 0), 0u);
  auto reader = app::authenticate_api_token(*services_, t.token, "127.0.0.1", "lab-test");
  ASSERT_TRUE(reader) << reader.error().describe();
  auto sheet = app::get_sheet(*services_, reader.value(), t.org_id, t.sheet_id);
  ASSERT_TRUE(sheet) << sheet.error().describe();
  EXPECT_EQ(sheet->responses.size(), 1u);
  auto soa = app::get_soa(*services_, reader.value(), t.org_id, t.soa_id);
  ASSERT_TRUE(soa) << soa.error().describe();
  EXPECT_EQ(soa->counts.applicable, soa->counts.rows);
  auto dashboard = app::risk_dashboard(*services_, reader.value(), t.org_id, "2026-11-23");
  ASSERT_TRUE(dashboard) << dashboard.error().describe();
  // The token is the first organisation's only.
  EXPECT_FALSE(app::get_soa(*services_, reader.value(), report->targets[1].org_id, report->targets[1].soa_id));

  auto again = lab::build_lab(*services_, scale);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().reason, "lab_exists");
  EXPECT_EQ(lab::count_rows(*db_)->at("tenants"), 2);
}

}  // namespace mamori
