#include "domain/audit_log_verifier.h"

#include <algorithm>
#include <string_view>
#include <unordered_set>

namespace mamori::domain {

LogVerifier::LogVerifier(HashFunction hash) : hash_(std::move(hash)) {}

LogVerifier::Chain& LogVerifier::chain(const std::string& name) {
  if (last_ && *last_name_ == name) return *last_;
  auto it = chains_.find(name);
  if (it == chains_.end()) it = chains_.emplace(name, Chain(name, hash_)).first;
  last_ = &it->second;
  last_name_ = &it->first;  // node-based map: stays valid as chains are added
  return *last_;
}

// The first break in seq order wins: a later-found break at a lower seq
// (a second entry for a seq already verified) replaces one found earlier.
// Entries past a break are not looked at, as an ordered walk stops there.
void LogVerifier::record_break(Chain& c, ChainBreak b, std::int64_t verified_before) {
  if (c.broken && c.broken->seq <= b.seq) return;
  c.broken = std::move(b);
  c.verified_before_break = verified_before;
  c.early.clear();
}

void LogVerifier::add(const AuditEntry& e) {
  Chain& c = chain(e.chain);
  if (c.broken && e.seq >= c.broken->seq) return;
  const std::int64_t expected = c.verifier.expected_seq();
  if (e.seq > expected) {
    ChainLink link{e.seq, e.id, e.prev_hash, e.hash, c.verifier.content_matches(e)};
    c.early.emplace(std::make_pair(e.seq, e.id), std::move(link));
    return;
  }
  // Its turn, or a second entry for a seq already verified: the verifier
  // reports the latter as an inserted entry, and the walk in seq order would
  // have stopped there with that seq's entries verified.
  if (auto b = c.verifier.feed(e)) {
    const std::int64_t verified = e.seq < expected ? e.seq : c.verifier.count();
    record_break(c, std::move(*b), verified);
    return;
  }
  take_turns(c);
}

void LogVerifier::take_turns(Chain& c) {
  while (!c.early.empty() && c.early.begin()->first.first <= c.verifier.expected_seq()) {
    auto node = c.early.extract(c.early.begin());
    const std::int64_t expected = c.verifier.expected_seq();
    if (auto b = c.verifier.feed(node.mapped())) {
      const std::int64_t seq = node.mapped().seq;
      record_break(c, std::move(*b), seq < expected ? seq : c.verifier.count());
      return;
    }
  }
}

std::vector<ChainReport> LogVerifier::finish(const std::vector<ChainHead>& heads) {
  std::vector<ChainReport> out;
  std::unordered_set<std::string_view> headed;
  for (const auto& h : heads) headed.insert(h.chain);
  std::vector<std::string> headless;
  for (const auto& [name, c] : chains_)
    if (!headed.count(name)) headless.push_back(name);
  std::sort(headless.begin(), headless.end());
  for (const auto& name : headless)
    out.push_back({name, 0, ChainBreak{name, 0, "", "the chain has entries but no head (its head row was removed)"}});

  for (const auto& head : heads) {
    auto it = chains_.find(head.chain);
    if (it == chains_.end()) {  // a head with no entries: fine only if it says so
      ChainVerifier empty(head.chain, hash_);
      out.push_back({head.chain, 0, empty.finish(head.last_seq, head.last_hash)});
      continue;
    }
    Chain& c = it->second;
    // Entries still waiting: the one their turn never came for is missing.
    if (!c.broken && !c.early.empty()) {
      auto b = c.verifier.feed(c.early.begin()->second);
      if (b) record_break(c, std::move(*b), c.verifier.count());
    }
    if (!c.broken)
      if (auto b = c.verifier.finish(head.last_seq, head.last_hash)) record_break(c, std::move(*b), c.verifier.count());
    out.push_back({head.chain, c.broken ? c.verified_before_break : c.verifier.count(), c.broken});
  }
  return out;
}

std::size_t LogVerifier::waiting() const {
  std::size_t n = 0;
  for (const auto& [name, c] : chains_) n += c.early.size();
  return n;
}

}  // namespace mamori::domain
