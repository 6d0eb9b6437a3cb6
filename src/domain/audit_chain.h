// The audit log's tamper evidence: each entry's hash covers the previous
// entry's hash and the entry itself, per chain (one chain per organisation,
// one for account-level events). Changing, removing or reordering any entry
// breaks every hash after it. The hash function is passed in (SHA-256 in
// mamori) so this file stays free of libraries.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace mamori::domain {

inline constexpr const char* kSystemChain = "system";
// The hash before the first entry of every chain.
inline constexpr const char* kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

struct AuditEntry {
  std::string id;
  std::string chain;  // tenant id, or kSystemChain
  std::int64_t seq = 0;  // 1, 2, 3 … within the chain
  std::string at;        // UTC ISO 8601 with ms
  std::string tenant_id;
  std::string actor_user_id;
  std::string actor_label;  // e-mail, "cli", "api-token:<name>"
  std::string source_ip;
  std::string action;       // e.g. "auth.login", "member.add"
  std::string object_type;
  std::string object_id;
  std::string outcome;      // "success" | "failure"
  bool privileged = false;  // use of an administrative privilege (seed 004 11.1.11 d)
  std::string details;      // JSON: what changed, before/after summary
  std::string prev_hash;
  std::string hash;
};

using HashFunction = std::function<std::string(std::string_view)>;

// Every field but `hash`, length-prefixed so no two entries serialise alike.
std::string canonical_audit_entry(const AuditEntry& entry);
// The same into a reused buffer (verification hashes a million of them).
void canonical_audit_entry_into(const AuditEntry& entry, std::string& out);
std::string audit_entry_hash(const AuditEntry& entry, const HashFunction& hash);

// What the store records as the end of a chain (the row writers lock).
struct ChainHead {
  std::string chain;
  std::int64_t last_seq = 0;
  std::string last_hash;
};

// An entry reduced to what linking it into its chain needs, its content
// already checked against its hash: how entries that arrive before their
// turn wait (audit_log_verifier.h) without keeping every field.
struct ChainLink {
  std::int64_t seq = 0;
  std::string id;
  std::string prev_hash;
  std::string hash;
  bool content_matches = true;
};

struct ChainBreak {
  std::string chain;
  std::int64_t seq = 0;
  std::string entry_id;
  std::string reason;
};

// Feed a chain's entries in seq order; the first break is reported and
// verification of that chain stops.
class ChainVerifier {
 public:
  ChainVerifier(std::string chain, HashFunction hash);
  std::optional<ChainBreak> feed(const AuditEntry& entry);
  std::optional<ChainBreak> feed(const ChainLink& link);
  // After the last entry: the chain head the store recorded must match.
  std::optional<ChainBreak> finish(std::int64_t head_seq, std::string_view head_hash) const;
  std::int64_t count() const { return expected_seq_ - 1; }
  std::int64_t expected_seq() const { return expected_seq_; }
  // The same check of an entry's content as feed() makes (its hash
  // recomputed), for an entry that has to wait for its turn.
  bool content_matches(const AuditEntry& entry);

 private:
  template <typename ContentCheck>
  std::optional<ChainBreak> step(std::int64_t seq, const std::string& id, const std::string& prev_hash,
                                 const std::string& hash, ContentCheck content_matches);

  std::string chain_;
  HashFunction hash_;
  std::int64_t expected_seq_ = 1;
  std::string prev_hash_ = kGenesisHash;
  std::string last_id_;
  std::string canonical_;  // reused for every entry
};

}  // namespace mamori::domain
