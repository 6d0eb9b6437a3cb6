// domain::LogVerifier against the definition it must agree with: each chain
// fed to a ChainVerifier in (seq, id) order. Intact and tampered logs are
// fed in storage order, reversed and in many random orders; every order must
// give the reference's finding (chain, seq, reason, entries verified).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "domain/audit_chain.h"
#include "domain/audit_log_verifier.h"
#include "store/ids.h"

namespace mamori {
namespace {

using domain::AuditEntry;
using domain::ChainHead;

domain::HashFunction sha() {
  return [](std::string_view bytes) { return store::sha256_hex(bytes); };
}

struct Log {
  std::vector<AuditEntry> entries;  // storage order: appends interleaved across chains
  std::vector<ChainHead> heads;     // by chain name, as the store lists them
};

// `chains` chains of `per_chain` entries, appended round-robin.
Log build_log(int chains, int per_chain) {
  Log log;
  std::vector<std::string> names;
  for (int c = 0; c < chains; ++c) names.push_back("org-" + std::to_string(c));
  std::map<std::string, std::string> last_hash;
  for (const auto& n : names) last_hash[n] = domain::kGenesisHash;
  for (int i = 1; i <= per_chain; ++i)
    for (const auto& n : names) {
      AuditEntry e;
      e.id = n + "-e" + std::to_string(i);
      e.chain = n;
      e.seq = i;
      e.at = "2026-11-23T10:00:00.000Z";
      e.tenant_id = n;
      e.actor_label = "admin@example.jp";
      e.source_ip = "192.0.2.1";
      e.action = "asset.update";
      e.object_type = "asset";
      e.object_id = "a" + std::to_string(i);
      e.outcome = "success";
      e.details = R"({"i":)" + std::to_string(i) + "}";
      e.prev_hash = last_hash[n];
      e.hash = domain::audit_entry_hash(e, sha());
      last_hash[n] = e.hash;
      log.entries.push_back(e);
    }
  for (const auto& n : names) log.heads.push_back({n, per_chain, last_hash[n]});
  return log;
}

// The definition: every chain walked in (seq, id) order.
std::vector<domain::ChainReport> reference(const Log& log) {
  std::map<std::string, std::vector<AuditEntry>> by_chain;
  for (const auto& e : log.entries) by_chain[e.chain].push_back(e);
  std::vector<domain::ChainReport> out;
  for (const auto& [name, entries] : by_chain)
    if (std::none_of(log.heads.begin(), log.heads.end(), [&](const ChainHead& h) { return h.chain == name; }))
      out.push_back({name, 0, domain::ChainBreak{name, 0, "", "the chain has entries but no head (its head row was removed)"}});
  for (const auto& head : log.heads) {
    auto entries = by_chain[head.chain];
    std::sort(entries.begin(), entries.end(),
              [](const AuditEntry& a, const AuditEntry& b) { return a.seq != b.seq ? a.seq < b.seq : a.id < b.id; });
    domain::ChainVerifier verifier(head.chain, sha());
    domain::ChainReport report{head.chain, 0, std::nullopt};
    for (const auto& e : entries)
      if ((report.broken = verifier.feed(e))) break;
    if (!report.broken) report.broken = verifier.finish(head.last_seq, head.last_hash);
    report.entries = verifier.count();
    out.push_back(report);
  }
  return out;
}

std::vector<domain::ChainReport> verify(const Log& log, const std::vector<AuditEntry>& order) {
  domain::LogVerifier verifier(sha());
  for (const auto& e : order) verifier.add(e);
  return verifier.finish(log.heads);
}

void expect_same(const std::vector<domain::ChainReport>& got, const std::vector<domain::ChainReport>& want,
                 const std::string& order_name) {
  ASSERT_EQ(got.size(), want.size()) << order_name;
  for (std::size_t i = 0; i < got.size(); ++i) {
    SCOPED_TRACE(order_name + ", chain " + want[i].chain);
    EXPECT_EQ(got[i].chain, want[i].chain);
    EXPECT_EQ(got[i].entries, want[i].entries);
    ASSERT_EQ(got[i].broken.has_value(), want[i].broken.has_value());
    if (!want[i].broken) continue;
    EXPECT_EQ(got[i].broken->seq, want[i].broken->seq);
    EXPECT_EQ(got[i].broken->entry_id, want[i].broken->entry_id);
    EXPECT_EQ(got[i].broken->reason, want[i].broken->reason);
  }
}

// Storage order, reversed, and random orders: all must match the reference.
void expect_every_order_agrees(const Log& log) {
  const auto want = reference(log);
  expect_same(verify(log, log.entries), want, "storage order");
  auto reversed = log.entries;
  std::reverse(reversed.begin(), reversed.end());
  expect_same(verify(log, reversed), want, "reversed");
  std::mt19937 random(20261123);
  for (int round = 0; round < 20; ++round) {
    auto shuffled = log.entries;
    std::shuffle(shuffled.begin(), shuffled.end(), random);
    expect_same(verify(log, shuffled), want, "shuffle " + std::to_string(round));
  }
}

AuditEntry& entry(Log& log, const std::string& chain, std::int64_t seq) {
  for (auto& e : log.entries)
    if (e.chain == chain && e.seq == seq) return e;
  throw std::runtime_error("no such entry");
}

void remove_entry(Log& log, const std::string& chain, std::int64_t seq) {
  std::erase_if(log.entries, [&](const AuditEntry& e) { return e.chain == chain && e.seq == seq; });
}

TEST(LogVerifier, AnIntactLogIsIntactInAnyOrder) {
  Log log = build_log(5, 30);
  expect_every_order_agrees(log);
  const auto got = verify(log, log.entries);
  for (const auto& c : got) {
    EXPECT_FALSE(c.broken);
    EXPECT_EQ(c.entries, 30);
  }
}

TEST(LogVerifier, InStorageOrderNothingWaits) {
  Log log = build_log(4, 50);
  domain::LogVerifier verifier(sha());
  for (const auto& e : log.entries) {
    verifier.add(e);
    EXPECT_EQ(verifier.waiting(), 0u);
  }
}

TEST(LogVerifier, AChangedEntryIsFoundInAnyOrder) {
  Log log = build_log(4, 30);
  entry(log, "org-2", 17).details = R"({"i":999})";
  expect_every_order_agrees(log);
  const auto got = verify(log, log.entries);
  ASSERT_TRUE(got[2].broken);
  EXPECT_EQ(got[2].broken->seq, 17);
  EXPECT_NE(got[2].broken->reason.find("does not match its hash"), std::string::npos);
  EXPECT_EQ(got[2].entries, 16);
}

TEST(LogVerifier, ARemovedEntryIsFoundInAnyOrder) {
  Log log = build_log(3, 30);
  remove_entry(log, "org-1", 12);
  expect_every_order_agrees(log);
  const auto got = verify(log, log.entries);
  ASSERT_TRUE(got[1].broken);
  EXPECT_EQ(got[1].broken->seq, 13);
  EXPECT_NE(got[1].broken->reason.find("where 12 was expected (an entry is missing)"), std::string::npos);
}

TEST(LogVerifier, EntriesRemovedFromTheEndAreFoundByTheHead) {
  Log log = build_log(3, 30);
  remove_entry(log, "org-0", 30);
  remove_entry(log, "org-0", 29);
  expect_every_order_agrees(log);
  const auto got = verify(log, log.entries);
  ASSERT_TRUE(got[0].broken);
  EXPECT_NE(got[0].broken->reason.find("head records entry 30"), std::string::npos);
}

TEST(LogVerifier, ARelinkedChainBreaksAtTheFirstChangedLink) {
  // An attacker rewrites entry 10 and recomputes its hash: entry 11 no
  // longer links to it.
  Log log = build_log(3, 30);
  auto& changed = entry(log, "org-1", 10);
  changed.details = R"({"i":"forged"})";
  changed.hash = domain::audit_entry_hash(changed, sha());
  expect_every_order_agrees(log);
  const auto got = verify(log, log.entries);
  ASSERT_TRUE(got[1].broken);
  EXPECT_EQ(got[1].broken->seq, 11);
  EXPECT_NE(got[1].broken->reason.find("prev_hash differs"), std::string::npos);
}

TEST(LogVerifier, ASecondEntryWithTheSameSeqIsFound) {
  // Only possible with the unique index dropped. Its id sorts after the
  // genuine one's, so the walk in (seq, id) order meets it second.
  Log log = build_log(3, 30);
  AuditEntry copy = entry(log, "org-2", 8);
  copy.id = "org-2-e8-zz";
  log.entries.push_back(copy);
  const auto want = reference(log);
  ASSERT_TRUE(want[2].broken);
  EXPECT_EQ(want[2].broken->seq, 8);
  // Arriving after the genuine one (as an insert does on disk) gives the
  // reference's finding exactly.
  expect_same(verify(log, log.entries), want, "storage order");
  EXPECT_EQ(want[2].broken->entry_id, "org-2-e8-zz");
  EXPECT_NE(want[2].broken->reason.find("a second entry with sequence number 8"), std::string::npos);
  // In any order the break is at that seq. Which entry it names depends on
  // which of the two came to its turn first: the copy, checked first, fails
  // its own hash (its id is hashed) before the genuine one is seen; checked
  // second, it is the second entry for seq 8.
  std::mt19937 random(7);
  for (int round = 0; round < 20; ++round) {
    auto shuffled = log.entries;
    std::shuffle(shuffled.begin(), shuffled.end(), random);
    const auto got = verify(log, shuffled);
    ASSERT_TRUE(got[2].broken);
    EXPECT_EQ(got[2].broken->seq, 8);
    EXPECT_EQ(got[2].broken->entry_id, "org-2-e8-zz");
    if (got[2].entries == 8)
      EXPECT_NE(got[2].broken->reason.find("a second entry"), std::string::npos);
    else
      EXPECT_EQ(got[2].entries, 7);
    EXPECT_FALSE(got[0].broken);
    EXPECT_FALSE(got[1].broken);
  }
}

TEST(LogVerifier, AChainWithoutItsHeadComesFirst) {
  Log log = build_log(3, 10);
  log.heads.erase(log.heads.begin() + 1);
  expect_every_order_agrees(log);
  const auto got = verify(log, log.entries);
  ASSERT_TRUE(got[0].broken);
  EXPECT_EQ(got[0].chain, "org-1");
  EXPECT_NE(got[0].broken->reason.find("no head"), std::string::npos);
}

TEST(LogVerifier, AHeadWithoutEntries) {
  Log log = build_log(2, 5);
  log.heads.push_back({"org-empty", 0, domain::kGenesisHash});
  log.heads.push_back({"org-emptied", 3, "abc"});
  expect_every_order_agrees(log);
  const auto got = verify(log, log.entries);
  EXPECT_FALSE(got[2].broken);
  ASSERT_TRUE(got[3].broken);
  EXPECT_EQ(got[3].broken->seq, 3);
}

TEST(LogVerifier, SeveralBreaksInOneChainReportTheLowest) {
  Log log = build_log(2, 40);
  entry(log, "org-0", 33).actor_label = "x";
  remove_entry(log, "org-0", 21);
  entry(log, "org-0", 9).object_id = "y";
  expect_every_order_agrees(log);
  EXPECT_EQ(verify(log, log.entries)[0].broken->seq, 9);
}

}  // namespace
}  // namespace mamori
