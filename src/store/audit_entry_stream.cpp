#include "store/audit_entry_stream.h"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <memory>
#include <vector>

#include "store/pg_binary_copy.h"
#include "store/tx.h"

namespace mamori::store {

namespace {

// The columns in the order both readers below expect.
constexpr const char* kSelectEntries =
    "SELECT id, chain, seq, at, COALESCE(tenant_id, ''), COALESCE(actor_user_id, ''), actor_label, source_ip, "
    "action, object_type, object_id, outcome, privileged, details, prev_hash, hash FROM audit_log";
constexpr int kColumns = 16;

// The entry is the reader's own; `visit` may swap it for another.
using Visit = std::function<bool(domain::AuditEntry&)>;

// SQLite: straight through its C API on the session's own connection (same
// transaction); SQLite steps a statement row by row.
Status stream_sqlite(Tx& tx, const std::string& query, const std::string* chain, const Visit& visit) {
  using namespace sqlite_api;  // where SOCI's header puts sqlite3.h
  sqlite3* db = static_cast<soci::sqlite3_session_backend*>(tx.sql().get_backend())->conn_;
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, query.c_str(), -1, &statement, nullptr) != SQLITE_OK)
    return make_error(ErrorCode::database, std::string("audit log: ") + sqlite3_errmsg(db));
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(statement, sqlite3_finalize);
  if (chain) sqlite3_bind_text(statement, 1, chain->data(), static_cast<int>(chain->size()), SQLITE_STATIC);
  auto text = [&](int column, std::string& out) {
    const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
    out.assign(bytes ? bytes : "", static_cast<std::size_t>(sqlite3_column_bytes(statement, column)));
  };
  domain::AuditEntry e;
  for (;;) {
    const int step = sqlite3_step(statement);
    if (step == SQLITE_DONE) return ok();
    if (step != SQLITE_ROW) return make_error(ErrorCode::database, std::string("audit log: ") + sqlite3_errmsg(db));
    text(0, e.id);
    text(1, e.chain);
    e.seq = sqlite3_column_int64(statement, 2);
    text(3, e.at);
    text(4, e.tenant_id);
    text(5, e.actor_user_id);
    text(6, e.actor_label);
    text(7, e.source_ip);
    text(8, e.action);
    text(9, e.object_type);
    text(10, e.object_id);
    text(11, e.outcome);
    e.privileged = sqlite3_column_int64(statement, 12) != 0;
    text(13, e.details);
    text(14, e.prev_hash);
    text(15, e.hash);
    if (!visit(e)) return ok();
  }
}

// PostgreSQL: a binary COPY of the query, on the session's own connection
// (same transaction, so the same snapshot as the heads read before it).
Status stream_postgresql(Tx& tx, const std::string& query, const Visit& visit) {
  PGconn* conn = static_cast<soci::postgresql_session_backend*>(tx.sql().get_backend())->conn_;
  PgBinaryCopy copy(conn, "COPY (" + query + ") TO STDOUT (FORMAT binary)");
  std::vector<PgCopyField> f;
  domain::AuditEntry e;
  for (;;) {
    auto more = copy.next(f);
    if (!more) return make_error(ErrorCode::database, "audit log: " + more.error().message);
    if (!more.value()) return ok();
    if (f.size() != kColumns) return make_error(ErrorCode::database, "audit log: unexpected COPY columns");
    auto seq = PgBinaryCopy::integer(f[2]);
    auto privileged = PgBinaryCopy::integer(f[12]);
    if (!seq || !privileged) return make_error(ErrorCode::database, "audit log: unexpected COPY integer");
    e.id.assign(f[0].bytes);
    e.chain.assign(f[1].bytes);
    e.seq = seq.value();
    e.at.assign(f[3].bytes);
    e.tenant_id.assign(f[4].bytes);
    e.actor_user_id.assign(f[5].bytes);
    e.actor_label.assign(f[6].bytes);
    e.source_ip.assign(f[7].bytes);
    e.action.assign(f[8].bytes);
    e.object_type.assign(f[9].bytes);
    e.object_id.assign(f[10].bytes);
    e.outcome.assign(f[11].bytes);
    e.privileged = privileged.value() != 0;
    e.details.assign(f[13].bytes);
    e.prev_hash.assign(f[14].bytes);
    e.hash.assign(f[15].bytes);
    if (!visit(e)) return ok();  // PgBinaryCopy reads the rest, leaving the connection usable
  }
}

}  // namespace

Status for_each_audit_entry(Tx& tx, const std::string& chain,
                            const std::function<bool(const domain::AuditEntry&)>& visit) {
  const Visit each = [&](domain::AuditEntry& e) { return visit(e); };
  if (tx.engine() == Engine::sqlite)
    return stream_sqlite(tx, std::string(kSelectEntries) + " WHERE chain = ?1 ORDER BY seq, id", &chain, each);
  // COPY takes no parameters: the chain goes in as a quoted literal.
  PGconn* conn = static_cast<soci::postgresql_session_backend*>(tx.sql().get_backend())->conn_;
  std::unique_ptr<char, void (*)(void*)> literal(PQescapeLiteral(conn, chain.data(), chain.size()), PQfreemem);
  if (!literal) return make_error(ErrorCode::database, std::string("audit log: ") + PQerrorMessage(conn));
  return stream_postgresql(tx, std::string(kSelectEntries) + " WHERE chain = " + literal.get() + " ORDER BY seq, id",
                           each);
}

Status scan_audit_log(Tx& tx, const std::function<void(domain::AuditEntry&)>& visit) {
  const Visit all = [&](domain::AuditEntry& e) {
    visit(e);
    return true;
  };
  if (tx.engine() == Engine::sqlite) return stream_sqlite(tx, kSelectEntries, nullptr, all);
  return stream_postgresql(tx, kSelectEntries, all);
}

}  // namespace mamori::store
