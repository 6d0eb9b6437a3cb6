// The batch append of audit entries (store::append_audit_entries) on both
// engines: a batch chains exactly as one-by-one appends do (same seqs, same
// hash rule, verify says intact), it continues a chain that single appends
// started, and a batch that mixes chains is refused without storing anything.
#include <gtest/gtest.h>

#include "engine_database.h"
#include "app/audit_log.h"
#include "domain/audit_chain.h"
#include "store/audit_repository.h"
#include "store/database.h"
#include "store/ids.h"
#include "store/tx.h"

namespace mamori {

namespace {

const std::string kOrgA = "00000000-0000-7000-8000-00000000000a";
const std::string kOrgB = "00000000-0000-7000-8000-00000000000b";

domain::AuditEntry event(const std::string& tenant, int n) {
  domain::AuditEntry e;
  e.tenant_id = tenant;
  e.actor_user_id = "00000000-0000-7000-8000-0000000000u1";
  e.actor_label = "admin@a.example.jp";
  e.source_ip = "192.0.2.10";
  e.action = "asset.update";
  e.object_type = "asset";
  e.object_id = "asset-" + std::to_string(n);
  e.privileged = n % 3 == 0;
  e.details = R"({"n":)" + std::to_string(n) + R"(,"name":"顧客文書データ"})";
  return e;
}

class AuditStoreTest : public ::testing::TestWithParam<store::Engine> {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(engine_.open(GetParam(), db_)); }

  std::vector<domain::AuditEntry> append_batch(std::vector<domain::AuditEntry> batch) {
    std::vector<domain::AuditEntry> out;
    auto s = db_->with_write([&](store::Tx& tx) -> Status {
      auto r = store::append_audit_entries(tx, std::move(batch));
      if (!r) return r.error();
      out = std::move(r.value());
      return ok();
    });
    EXPECT_TRUE(s) << s.error().describe();
    return out;
  }

  domain::AuditEntry append_one(domain::AuditEntry e) {
    domain::AuditEntry out;
    auto s = db_->with_write([&](store::Tx& tx) -> Status {
      auto r = store::append_audit_entry(tx, std::move(e));
      if (!r) return r.error();
      out = std::move(r.value());
      return ok();
    });
    EXPECT_TRUE(s) << s.error().describe();
    return out;
  }

  std::vector<domain::AuditEntry> stored(const std::string& chain) {
    std::vector<domain::AuditEntry> out;
    auto s = db_->with_read([&](store::Tx& tx) -> Status {
      return store::for_each_audit_entry(tx, chain, [&](const domain::AuditEntry& e) {
        out.push_back(e);
        return true;
      });
    });
    EXPECT_TRUE(s) << s.error().describe();
    return out;
  }

  // What append_audit_entry does to each entry, by the domain's hash rule:
  // seq 1, 2, 3 …, each prev_hash the hash before, each hash over the entry.
  static void expect_chained(const std::vector<domain::AuditEntry>& entries, const std::string& chain) {
    std::string prev = domain::kGenesisHash;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const auto& e = entries[i];
      EXPECT_EQ(e.chain, chain);
      EXPECT_EQ(e.seq, static_cast<std::int64_t>(i + 1));
      EXPECT_EQ(e.prev_hash, prev) << "entry " << i + 1;
      EXPECT_EQ(e.hash, domain::audit_entry_hash(e, [](std::string_view b) { return store::sha256_hex(b); }))
          << "entry " << i + 1;
      prev = e.hash;
    }
  }

  void expect_intact(int chains, std::int64_t entries) {
    auto report = app::verify_audit_log(*db_);
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_FALSE(report->first_break) << report->first_break->reason;
    EXPECT_EQ(report->chains, chains);
    EXPECT_EQ(report->entries, entries);
  }

  test::EngineDatabase engine_;
  std::unique_ptr<store::Database> db_;
};

}  // namespace

INSTANTIATE_TEST_SUITE_P(Engines, AuditStoreTest, ::testing::Values(store::Engine::sqlite, store::Engine::postgresql),
                         test::engine_name);

TEST_P(AuditStoreTest, ABatchChainsExactlyAsOneByOneAppends) {
  // Chain A one by one, chain B as one batch of the same events: more than
  // one bulk-insert chunk and more than one page of verification reads, so
  // both boundaries are covered.
  constexpr int kCount = 5200;
  std::vector<domain::AuditEntry> singles, batch;
  for (int i = 0; i < 5; ++i) singles.push_back(append_one(event(kOrgA, i)));
  for (int i = 0; i < kCount; ++i) batch.push_back(event(kOrgB, i));
  const auto returned = append_batch(batch);
  ASSERT_EQ(returned.size(), static_cast<std::size_t>(kCount));

  expect_chained(singles, kOrgA);
  const auto rows = stored(kOrgB);
  ASSERT_EQ(rows.size(), static_cast<std::size_t>(kCount));
  expect_chained(rows, kOrgB);
  // What the batch returned is what was stored, field for field.
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].id, returned[i].id);
    EXPECT_EQ(rows[i].hash, returned[i].hash);
    EXPECT_EQ(rows[i].details, batch[i].details);
    EXPECT_EQ(rows[i].privileged, batch[i].privileged);
    EXPECT_EQ(rows[i].tenant_id, kOrgB);
  }
  expect_intact(2, 5 + kCount);
}

TEST_P(AuditStoreTest, ABatchThatMixesChainsIsRefusedAndStoresNothing) {
  std::vector<domain::AuditEntry> batch{event(kOrgA, 1), event(kOrgA, 2), event(kOrgB, 3)};
  auto s = db_->with_write([&](store::Tx& tx) -> Status {
    auto r = store::append_audit_entries(tx, batch);
    if (!r) return r.error();
    return ok();
  });
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::invalid_input);
  // The system chain (no tenant) is a chain of its own too.
  auto system_mix = db_->with_write([&](store::Tx& tx) -> Status {
    auto r = store::append_audit_entries(tx, {event(kOrgA, 1), event("", 2)});
    if (!r) return r.error();
    return ok();
  });
  EXPECT_FALSE(system_mix);
  auto counted = db_->with_read([&](store::Tx& tx) -> Status {
    auto n = store::count_audit_entries(tx);
    if (!n) return n.error();
    EXPECT_EQ(n.value(), 0);
    auto heads = store::audit_chain_heads(tx);
    if (!heads) return heads.error();
    EXPECT_TRUE(heads->empty());
    return ok();
  });
  ASSERT_TRUE(counted) << counted.error().describe();
  expect_intact(0, 0);
}

TEST_P(AuditStoreTest, ABatchAfterSingleAppendsContinuesTheChain) {
  append_one(event(kOrgA, 1));
  append_one(event(kOrgA, 2));
  append_batch({event(kOrgA, 3), event(kOrgA, 4), event(kOrgA, 5)});
  append_one(event(kOrgA, 6));
  append_batch({event("", 7), event("", 8)});  // the system chain
  const auto rows = stored(kOrgA);
  ASSERT_EQ(rows.size(), 6u);
  expect_chained(rows, kOrgA);
  for (std::size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(rows[i].object_id, "asset-" + std::to_string(i + 1));
  expect_chained(stored(domain::kSystemChain), domain::kSystemChain);
  expect_intact(2, 8);
}

TEST_P(AuditStoreTest, VerifyFindsTheFirstBrokenEntryOfABatch) {
  append_batch({event(kOrgA, 1), event(kOrgA, 2), event(kOrgA, 3), event(kOrgA, 4)});
  ASSERT_TRUE(db_->with_write([&](store::Tx& tx) -> Status {
    tx.sql() << "UPDATE audit_log SET details = '{\"n\":99}' WHERE chain = :c AND seq = 3", soci::use(kOrgA);
    return ok();
  }));
  auto report = app::verify_audit_log(*db_);
  ASSERT_TRUE(report) << report.error().describe();
  ASSERT_TRUE(report->first_break);
  EXPECT_EQ(report->first_break->chain, kOrgA);
  EXPECT_EQ(report->first_break->seq, 3);
  EXPECT_NE(report->first_break->reason.find("does not match its hash"), std::string::npos);
}

TEST_P(AuditStoreTest, VerifyReportsTheFirstBrokenChainInChainOrder) {
  // The log is read in one pass in storage order, chains interleaved; the
  // report must still name the first broken chain in chain order, as a walk
  // chain by chain would.
  std::vector<std::string> chains;
  for (int c = 0; c < 6; ++c) {
    const std::string chain = "00000000-0000-7000-8000-00000000010" + std::to_string(c);
    chains.push_back(chain);
    std::vector<domain::AuditEntry> batch;
    for (int i = 0; i < 50; ++i) batch.push_back(event(chain, i));
    append_batch(batch);
  }
  ASSERT_TRUE(db_->with_write([&](store::Tx& tx) -> Status {
    tx.sql() << "DELETE FROM audit_log WHERE chain = :c AND seq = 40", soci::use(chains[5]);
    tx.sql() << "UPDATE audit_log SET actor_label = 'x' WHERE chain = :c AND seq = 7", soci::use(chains[2]);
    return ok();
  }));
  auto report = app::verify_audit_log(*db_);
  ASSERT_TRUE(report) << report.error().describe();
  ASSERT_TRUE(report->first_break);
  EXPECT_EQ(report->first_break->chain, chains[2]);
  EXPECT_EQ(report->first_break->seq, 7);
  EXPECT_EQ(report->chains, 3);
  EXPECT_EQ(report->entries, 50 + 50 + 6);
}

TEST_P(AuditStoreTest, VerifyIsIntactWhateverOrderStorageReturnsEntriesIn) {
  // On PostgreSQL an UPDATE writes a new row version at the end of the heap,
  // so the scan meets these early entries last: they wait for their turn
  // (domain::LogVerifier) and the log is still intact. On SQLite the rowid
  // order stays; the same answer either way.
  std::vector<domain::AuditEntry> batch;
  for (int i = 0; i < 300; ++i) batch.push_back(event(kOrgA, i));
  append_batch(batch);
  batch.clear();
  for (int i = 0; i < 300; ++i) batch.push_back(event(kOrgB, i));
  append_batch(batch);
  ASSERT_TRUE(db_->with_write([&](store::Tx& tx) -> Status {
    tx.sql() << "UPDATE audit_log SET seq = seq WHERE seq <= 20";
    return ok();
  }));
  expect_intact(2, 600);
}

TEST_P(AuditStoreTest, AChainNameIsDataNeverSql) {
  // PostgreSQL's COPY takes no parameters, so a chain's reader quotes the
  // name as a literal: a quote in it must not end the literal.
  const std::string hostile = "o'rg'); DROP TABLE audit_log; --";
  std::vector<domain::AuditEntry> batch;
  for (int i = 0; i < 3; ++i) batch.push_back(event(hostile, i));
  append_batch(batch);
  const auto rows = stored(hostile);
  ASSERT_EQ(rows.size(), 3u);
  expect_chained(rows, hostile);
  expect_intact(1, 3);
}

}  // namespace mamori
