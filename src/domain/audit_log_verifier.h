// Verifying a whole audit log from one pass over its entries in whatever
// order storage returns them (a table scan), rather than walking each chain
// in seq order through an index. On PostgreSQL the index walk fetched every
// row from a different heap page (entries of 100 organisations interleave
// on disk) and cost about 2.6 µs per entry; a scan reads pages in order.
//
// The findings are those of feeding each chain to a ChainVerifier in seq
// order: an entry that arrives in its turn is checked at once; one that
// arrives early waits, reduced to a ChainLink (its content already checked),
// until the entries before it have come. Appends land in seq order on disk,
// so almost none wait; a log whose storage order is scrambled costs memory
// for the entries that wait (about 200 bytes each), never a wrong answer.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/audit_chain.h"

namespace mamori::domain {

struct ChainReport {
  std::string chain;
  std::int64_t entries = 0;  // verified in seq order before the break, or all
  std::optional<ChainBreak> broken;
};

class LogVerifier {
 public:
  explicit LogVerifier(HashFunction hash);

  // Every entry of the log once, in any order.
  void add(const AuditEntry& entry);

  // After the last entry, against the heads read in the same snapshot.
  // Chains that have entries but no head come first (their head row was
  // removed), sorted by name; then one report per head, in the heads' order.
  std::vector<ChainReport> finish(const std::vector<ChainHead>& heads);

  // Entries waiting for their turn now (for tests and the curious).
  std::size_t waiting() const;

 private:
  struct Chain {
    explicit Chain(std::string name, HashFunction hash) : verifier(std::move(name), std::move(hash)) {}
    ChainVerifier verifier;
    // Arrived before their turn, by (seq, id) as an ordered walk sees them.
    std::multimap<std::pair<std::int64_t, std::string>, ChainLink> early;
    std::optional<ChainBreak> broken;
    std::int64_t verified_before_break = 0;
  };

  Chain& chain(const std::string& name);
  void take_turns(Chain& c);
  static void record_break(Chain& c, ChainBreak b, std::int64_t verified_before);

  HashFunction hash_;
  std::unordered_map<std::string, Chain> chains_;
  Chain* last_ = nullptr;  // entries of one chain often come in runs
  const std::string* last_name_ = nullptr;
};

}  // namespace mamori::domain
