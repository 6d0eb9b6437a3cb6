#include "store/audit_repository.h"

#include <algorithm>

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <charconv>
#include <memory>

#include "store/ids.h"
#include "store/tx.h"

namespace mamori::store {

namespace {

constexpr const char* kAuditColumns =
    "id, chain, seq, at, COALESCE(tenant_id, ''), COALESCE(actor_user_id, ''), actor_label, source_ip, action, "
    "object_type, object_id, outcome, privileged, details, prev_hash, hash";

// COUNT(*) and INTEGER columns come back as different C++ types on the two
// engines; read either.
std::int64_t integer_at(const soci::row& r, std::size_t i) {
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer: return r.get<int>(i);
    case soci::dt_long_long: return r.get<long long>(i);
    case soci::dt_unsigned_long_long: return static_cast<std::int64_t>(r.get<unsigned long long>(i));
    default: return static_cast<std::int64_t>(r.get<double>(i));
  }
}

domain::AuditEntry entry_from_row(const soci::row& r) {
  domain::AuditEntry e;
  e.id = r.get<std::string>(0);
  e.chain = r.get<std::string>(1);
  e.seq = integer_at(r, 2);
  e.at = r.get<std::string>(3);
  e.tenant_id = r.get<std::string>(4);
  e.actor_user_id = r.get<std::string>(5);
  e.actor_label = r.get<std::string>(6);
  e.source_ip = r.get<std::string>(7);
  e.action = r.get<std::string>(8);
  e.object_type = r.get<std::string>(9);
  e.object_id = r.get<std::string>(10);
  e.outcome = r.get<std::string>(11);
  e.privileged = integer_at(r, 12) != 0;
  e.details = r.get<std::string>(13);
  e.prev_hash = r.get<std::string>(14);
  e.hash = r.get<std::string>(15);
  return e;
}

}  // namespace

Result<domain::AuditEntry> append_audit_entry(Tx& tx, domain::AuditEntry e) {
  auto& sql = tx.sql();
  if (e.chain.empty()) e.chain = e.tenant_id.empty() ? domain::kSystemChain : e.tenant_id;
  const std::string genesis = domain::kGenesisHash;
  sql << "INSERT INTO audit_chains (chain, last_seq, last_hash) VALUES (:c, 0, :h) ON CONFLICT (chain) DO NOTHING",
      soci::use(e.chain), soci::use(genesis);
  // SQLite's write transaction (BEGIN IMMEDIATE) already excludes other
  // writers; PostgreSQL needs the row lock.
  long long last_seq = 0;
  std::string last_hash;
  sql << "SELECT last_seq, last_hash FROM audit_chains WHERE chain = :c"
      << (tx.engine() == Engine::postgresql ? " FOR UPDATE" : ""),
      soci::into(last_seq), soci::into(last_hash), soci::use(e.chain);

  e.id = new_uuid_v7();
  e.seq = last_seq + 1;
  if (e.at.empty()) e.at = utc_now();
  e.prev_hash = last_hash;
  e.hash = domain::audit_entry_hash(e, [](std::string_view bytes) { return sha256_hex(bytes); });

  const long long seq = e.seq;
  const int privileged = e.privileged ? 1 : 0;
  soci::indicator tenant_ind = e.tenant_id.empty() ? soci::i_null : soci::i_ok;
  soci::indicator actor_ind = e.actor_user_id.empty() ? soci::i_null : soci::i_ok;
  sql << "INSERT INTO audit_log (id, chain, seq, at, tenant_id, actor_user_id, actor_label, source_ip, action, "
         "object_type, object_id, outcome, privileged, details, prev_hash, hash) VALUES (:id, :c, :s, :at, :t, :u, :l, "
         ":ip, :a, :ot, :oi, :o, :p, :d, :ph, :h)",
      soci::use(e.id), soci::use(e.chain), soci::use(seq), soci::use(e.at), soci::use(e.tenant_id, tenant_ind),
      soci::use(e.actor_user_id, actor_ind), soci::use(e.actor_label), soci::use(e.source_ip), soci::use(e.action),
      soci::use(e.object_type), soci::use(e.object_id), soci::use(e.outcome), soci::use(privileged),
      soci::use(e.details), soci::use(e.prev_hash), soci::use(e.hash);
  sql << "UPDATE audit_chains SET last_seq = :s, last_hash = :h WHERE chain = :c", soci::use(seq), soci::use(e.hash),
      soci::use(e.chain);
  return e;
}

Result<std::vector<domain::AuditEntry>> append_audit_entries(Tx& tx, std::vector<domain::AuditEntry> entries) {
  if (entries.empty()) return entries;
  auto& sql = tx.sql();
  std::string chain = entries.front().chain;
  if (chain.empty()) chain = entries.front().tenant_id.empty() ? domain::kSystemChain : entries.front().tenant_id;
  for (const auto& e : entries) {
    const std::string own = e.chain.empty() ? (e.tenant_id.empty() ? domain::kSystemChain : e.tenant_id) : e.chain;
    if (own != chain)
      return make_error(ErrorCode::invalid_input, "one_chain", "a batch of audit entries must share one chain",
                        Location::in_field("chain"));
  }
  const std::string genesis = domain::kGenesisHash;
  sql << "INSERT INTO audit_chains (chain, last_seq, last_hash) VALUES (:c, 0, :h) ON CONFLICT (chain) DO NOTHING",
      soci::use(chain), soci::use(genesis);
  long long last_seq = 0;
  std::string last_hash;
  sql << "SELECT last_seq, last_hash FROM audit_chains WHERE chain = :c"
      << (tx.engine() == Engine::postgresql ? " FOR UPDATE" : ""),
      soci::into(last_seq), soci::into(last_hash), soci::use(chain);

  const auto sha256 = [](std::string_view bytes) { return sha256_hex(bytes); };
  const std::string now = utc_now();
  for (auto& e : entries) {
    e.chain = chain;
    e.id = new_uuid_v7();
    e.seq = ++last_seq;
    if (e.at.empty()) e.at = now;
    e.prev_hash = last_hash;
    e.hash = domain::audit_entry_hash(e, sha256);
    last_hash = e.hash;
  }

  // Bulk INSERT in chunks: SOCI binds vectors on both engines.
  constexpr std::size_t kChunk = 1000;
  for (std::size_t start = 0; start < entries.size(); start += kChunk) {
    const std::size_t end = std::min(entries.size(), start + kChunk);
    std::vector<std::string> id, ch, at, tenant, actor, label, ip, action, otype, oid, outcome, details, prev, hash;
    std::vector<long long> seq;
    std::vector<int> privileged;
    std::vector<soci::indicator> tenant_ind, actor_ind;
    for (std::size_t i = start; i < end; ++i) {
      const auto& e = entries[i];
      id.push_back(e.id);
      ch.push_back(e.chain);
      seq.push_back(e.seq);
      at.push_back(e.at);
      tenant.push_back(e.tenant_id);
      tenant_ind.push_back(e.tenant_id.empty() ? soci::i_null : soci::i_ok);
      actor.push_back(e.actor_user_id);
      actor_ind.push_back(e.actor_user_id.empty() ? soci::i_null : soci::i_ok);
      label.push_back(e.actor_label);
      ip.push_back(e.source_ip);
      action.push_back(e.action);
      otype.push_back(e.object_type);
      oid.push_back(e.object_id);
      outcome.push_back(e.outcome);
      privileged.push_back(e.privileged ? 1 : 0);
      details.push_back(e.details);
      prev.push_back(e.prev_hash);
      hash.push_back(e.hash);
    }
    sql << "INSERT INTO audit_log (id, chain, seq, at, tenant_id, actor_user_id, actor_label, source_ip, action, "
           "object_type, object_id, outcome, privileged, details, prev_hash, hash) VALUES (:id, :c, :s, :at, :t, :u, "
           ":l, :ip, :a, :ot, :oi, :o, :p, :d, :ph, :h)",
        soci::use(id), soci::use(ch), soci::use(seq), soci::use(at), soci::use(tenant, tenant_ind),
        soci::use(actor, actor_ind), soci::use(label), soci::use(ip), soci::use(action), soci::use(otype),
        soci::use(oid), soci::use(outcome), soci::use(privileged), soci::use(details), soci::use(prev),
        soci::use(hash);
  }
  sql << "UPDATE audit_chains SET last_seq = :s, last_hash = :h WHERE chain = :c", soci::use(last_seq),
      soci::use(last_hash), soci::use(chain);
  return entries;
}

Result<std::vector<domain::AuditEntry>> list_audit_entries(Tx& tx, const AuditQuery& q) {
  std::vector<domain::AuditEntry> out;
  const int all = q.all_chains ? 1 : 0, members = q.with_member_logins ? 1 : 0, limit = q.limit;
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT " << kAuditColumns << " FROM audit_log WHERE (:all = 1 OR chain = :t OR "
                        << "(:m = 1 AND chain = 'system' AND (actor_user_id IN "
                        << "(SELECT user_id FROM memberships WHERE tenant_id = :t2) OR (object_type = 'user' AND "
                        << "object_id IN (SELECT user_id FROM memberships WHERE tenant_id = :t3))))) "
                        << "AND (:b = '' OR id < :b2) ORDER BY id DESC LIMIT :l",
       soci::use(all), soci::use(q.tenant_id), soci::use(members), soci::use(q.tenant_id), soci::use(q.tenant_id),
       soci::use(q.before_id), soci::use(q.before_id), soci::use(limit));
  for (const auto& r : rows) out.push_back(entry_from_row(r));
  return out;
}

Result<std::vector<domain::AuditEntry>> audit_entries_for_object(Tx& tx, const std::string& tenant_id,
                                                                 const std::string& object_type,
                                                                 const std::string& object_id) {
  std::vector<domain::AuditEntry> out;
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT " << kAuditColumns << " FROM audit_log WHERE chain = :t AND object_type = :ot "
                        << "AND object_id = :oi ORDER BY seq",
       soci::use(tenant_id), soci::use(object_type), soci::use(object_id));
  for (const auto& r : rows) out.push_back(entry_from_row(r));
  return out;
}

Result<std::vector<ChainHead>> audit_chain_heads(Tx& tx) {
  std::vector<ChainHead> out;
  soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT chain, last_seq, last_hash FROM audit_chains ORDER BY chain");
  for (const auto& r : rows) out.push_back({r.get<std::string>(0), integer_at(r, 1), r.get<std::string>(2)});
  return out;
}

Result<std::vector<std::string>> chains_with_entries(Tx& tx) {
  std::vector<std::string> out;
  soci::rowset<std::string> rows = (tx.sql().prepare << "SELECT DISTINCT chain FROM audit_log ORDER BY chain");
  for (const auto& c : rows) out.push_back(c);
  return out;
}

Status begin_audit_snapshot(Tx& tx) {
  if (tx.engine() == Engine::postgresql) tx.sql() << "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";
  return ok();
}

Result<std::int64_t> count_audit_entries(Tx& tx) {
  long long n = 0;
  tx.sql() << "SELECT COUNT(*) FROM audit_log", soci::into(n);
  return static_cast<std::int64_t>(n);
}

}  // namespace mamori::store
