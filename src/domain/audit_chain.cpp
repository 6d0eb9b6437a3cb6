#include "domain/audit_chain.h"

#include <charconv>
#include <utility>

namespace mamori::domain {

namespace {

void field(std::string& out, std::string_view value) {
  char length[24];
  const auto end = std::to_chars(length, length + sizeof length, value.size()).ptr;
  out.append(length, end);
  out += ':';
  out += value;
  out += ';';
}

}  // namespace

std::string canonical_audit_entry(const AuditEntry& e) {
  std::string out;
  canonical_audit_entry_into(e, out);
  return out;
}

void canonical_audit_entry_into(const AuditEntry& e, std::string& out) {
  out.clear();
  out.reserve(256 + e.details.size());
  char seq[24];
  const auto seq_end = std::to_chars(seq, seq + sizeof seq, e.seq).ptr;
  field(out, "mamori-audit-v1");
  field(out, e.id);
  field(out, e.chain);
  field(out, std::string_view(seq, static_cast<std::size_t>(seq_end - seq)));
  field(out, e.at);
  field(out, e.tenant_id);
  field(out, e.actor_user_id);
  field(out, e.actor_label);
  field(out, e.source_ip);
  field(out, e.action);
  field(out, e.object_type);
  field(out, e.object_id);
  field(out, e.outcome);
  field(out, e.privileged ? "1" : "0");
  field(out, e.details);
  field(out, e.prev_hash);
}

std::string audit_entry_hash(const AuditEntry& entry, const HashFunction& hash) {
  return hash(canonical_audit_entry(entry));
}

ChainVerifier::ChainVerifier(std::string chain, HashFunction hash) : chain_(std::move(chain)), hash_(std::move(hash)) {}

std::optional<ChainBreak> ChainVerifier::feed(const AuditEntry& e) {
  if (e.chain != chain_) return ChainBreak{chain_, e.seq, e.id, "belongs to chain " + e.chain};
  return step(e.seq, e.id, e.prev_hash, e.hash, [&] { return content_matches(e); });
}

std::optional<ChainBreak> ChainVerifier::feed(const ChainLink& link) {
  return step(link.seq, link.id, link.prev_hash, link.hash, [&] { return link.content_matches; });
}

bool ChainVerifier::content_matches(const AuditEntry& e) {
  canonical_audit_entry_into(e, canonical_);
  return hash_(canonical_) == e.hash;
}

// The checks in the order a reader of the report needs them: a missing or
// extra entry first, then the link, and only then the (costly) content hash.
template <typename ContentCheck>
std::optional<ChainBreak> ChainVerifier::step(std::int64_t seq, const std::string& id, const std::string& prev_hash,
                                              const std::string& hash, ContentCheck content_matches) {
  auto broken = [&](std::string reason) { return ChainBreak{chain_, seq, id, std::move(reason)}; };
  // Walking in seq order, a seq already passed can only be a second entry
  // for it; a seq ahead means the ones between are gone.
  if (seq < expected_seq_)
    return broken("a second entry with sequence number " + std::to_string(seq) + " (an entry was inserted)");
  if (seq > expected_seq_)
    return broken("sequence number " + std::to_string(seq) + " where " + std::to_string(expected_seq_) +
                  " was expected (an entry is missing)");
  if (prev_hash != prev_hash_) return broken("does not link to the entry before it (prev_hash differs)");
  if (!content_matches()) return broken("its content does not match its hash (the entry was changed)");
  prev_hash_ = hash;
  last_id_ = id;
  ++expected_seq_;
  return std::nullopt;
}

std::optional<ChainBreak> ChainVerifier::finish(std::int64_t head_seq, std::string_view head_hash) const {
  if (head_seq != expected_seq_ - 1 || head_hash != prev_hash_)
    return ChainBreak{chain_, head_seq, last_id_,
                      "the chain ends at entry " + std::to_string(expected_seq_ - 1) + " but its head records entry " +
                          std::to_string(head_seq) + " (entries were removed from the end, or the head was altered)"};
  return std::nullopt;
}

}  // namespace mamori::domain
