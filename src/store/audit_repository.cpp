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

namespace {

constexpr const char* kChainColumns =
    "SELECT id, seq, at, COALESCE(tenant_id, ''), COALESCE(actor_user_id, ''), actor_label, source_ip, action, "
    "object_type, object_id, outcome, privileged, details, prev_hash, hash FROM audit_log WHERE chain = ";

// SQLite: straight through its C API on the session's own connection (same
// transaction). SQLite steps a statement row by row, so this streams in
// constant memory, and the text columns are copied once, into strings that
// are reused: SOCI's bulk fetch allocates several times per cell, which was
// most of the time of verifying a million entries.
Status for_each_sqlite(Tx& tx, const std::string& chain, const std::function<bool(const domain::AuditEntry&)>& visit) {
  using namespace sqlite_api;  // where SOCI's header puts sqlite3.h
  sqlite3* db = static_cast<soci::sqlite3_session_backend*>(tx.sql().get_backend())->conn_;
  const std::string query = std::string(kChainColumns) + "?1 ORDER BY seq, id";
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, query.c_str(), -1, &statement, nullptr) != SQLITE_OK)
    return make_error(ErrorCode::database, std::string("audit log: ") + sqlite3_errmsg(db));
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(statement, sqlite3_finalize);
  sqlite3_bind_text(statement, 1, chain.data(), static_cast<int>(chain.size()), SQLITE_STATIC);
  auto text = [&](int column, std::string& out) {
    const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
    out.assign(bytes ? bytes : "", static_cast<std::size_t>(sqlite3_column_bytes(statement, column)));
  };
  domain::AuditEntry e;
  e.chain = chain;
  for (;;) {
    const int step = sqlite3_step(statement);
    if (step == SQLITE_DONE) return ok();
    if (step != SQLITE_ROW) return make_error(ErrorCode::database, std::string("audit log: ") + sqlite3_errmsg(db));
    text(0, e.id);
    e.seq = sqlite3_column_int64(statement, 1);
    text(2, e.at);
    text(3, e.tenant_id);
    text(4, e.actor_user_id);
    text(5, e.actor_label);
    text(6, e.source_ip);
    text(7, e.action);
    text(8, e.object_type);
    text(9, e.object_id);
    text(10, e.outcome);
    e.privileged = sqlite3_column_int64(statement, 11) != 0;
    text(12, e.details);
    text(13, e.prev_hash);
    text(14, e.hash);
    if (!visit(e)) return ok();
  }
}

// PostgreSQL: through libpq on the session's own connection, in pages of
// kPage rows by (seq, id) (keyset on the (chain, seq) unique index), so
// memory stays one page whatever the chain's length (a single query would
// hold the whole result). Values are read with their lengths: SOCI's
// conversions cost a strlen and allocations per cell. The id breaks ties so
// rows sharing a seq (possible only if someone dropped the unique index) are
// all seen and reported, none skipped.
Status for_each_postgresql(Tx& tx, const std::string& chain,
                           const std::function<bool(const domain::AuditEntry&)>& visit) {
  constexpr int kPage = 5000;
  PGconn* conn = static_cast<soci::postgresql_session_backend*>(tx.sql().get_backend())->conn_;
  const std::string query = std::string(kChainColumns) +
                            "$1 AND seq >= $2::bigint AND NOT (seq = $2::bigint AND id <= $3) ORDER BY seq, id LIMIT " +
                            std::to_string(kPage);
  // Start at the chain's lowest seq, whatever it is (a tampered one may be below 1).
  long long lowest = 0;
  soci::indicator none = soci::i_null;
  tx.sql() << "SELECT MIN(seq) FROM audit_log WHERE chain = :c", soci::into(lowest, none), soci::use(chain);
  if (none == soci::i_null) return ok();
  std::string after = std::to_string(lowest), after_id;
  domain::AuditEntry e;
  e.chain = chain;
  for (;;) {
    const char* values[] = {chain.c_str(), after.c_str(), after_id.c_str()};
    std::unique_ptr<PGresult, void (*)(PGresult*)> page(
        PQexecParams(conn, query.c_str(), 3, nullptr, values, nullptr, nullptr, 0), PQclear);
    if (PQresultStatus(page.get()) != PGRES_TUPLES_OK)
      return make_error(ErrorCode::database, std::string("audit log: ") + PQerrorMessage(conn));
    const int n = PQntuples(page.get());
    auto text = [&](int row, int column, std::string& out) {
      out.assign(PQgetvalue(page.get(), row, column), static_cast<std::size_t>(PQgetlength(page.get(), row, column)));
    };
    auto integer = [&](int row, int column) {
      long long v = 0;
      const char* p = PQgetvalue(page.get(), row, column);
      std::from_chars(p, p + PQgetlength(page.get(), row, column), v);
      return v;
    };
    for (int r = 0; r < n; ++r) {
      text(r, 0, e.id);
      e.seq = integer(r, 1);
      text(r, 2, e.at);
      text(r, 3, e.tenant_id);
      text(r, 4, e.actor_user_id);
      text(r, 5, e.actor_label);
      text(r, 6, e.source_ip);
      text(r, 7, e.action);
      text(r, 8, e.object_type);
      text(r, 9, e.object_id);
      text(r, 10, e.outcome);
      e.privileged = integer(r, 11) != 0;
      text(r, 12, e.details);
      text(r, 13, e.prev_hash);
      text(r, 14, e.hash);
      if (!visit(e)) return ok();
    }
    if (n < kPage) return ok();
    after = std::to_string(e.seq);
    after_id = e.id;
  }
}

}  // namespace

Status for_each_audit_entry(Tx& tx, const std::string& chain,
                            const std::function<bool(const domain::AuditEntry&)>& visit) {
  return tx.engine() == Engine::sqlite ? for_each_sqlite(tx, chain, visit) : for_each_postgresql(tx, chain, visit);
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
