#include "store/hot_query.h"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <optional>
#include <unordered_map>

#include "store/tx.h"

namespace mamori::store {

using namespace sqlite_api;  // where SOCI's header puts sqlite3.h

struct KeptStatements::Impl {
  Engine engine = Engine::sqlite;
  sqlite3* db = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> prepared;  // SQLite
  std::unordered_map<std::string, std::string> pg_names;    // PostgreSQL: SQL -> prepared statement's name
};

KeptStatements::KeptStatements(Engine engine, void* connection) : impl_(std::make_unique<Impl>()) {
  impl_->engine = engine;
  if (engine == Engine::sqlite) impl_->db = static_cast<sqlite3*>(connection);
}

KeptStatements::~KeptStatements() {
  for (auto& [sql, statement] : impl_->prepared) sqlite3_finalize(statement);
}

namespace {

using Rows = std::vector<std::vector<std::string>>;

Error failure(const std::string& what, const std::string& sql) {
  return make_error(ErrorCode::database, what + " (" + sql.substr(0, 80) + ")");
}

// Params: any range of string_view (an initializer_list or a vector).
template <typename Params>
Result<Rows> run_sqlite(sqlite3* db, KeptStatements::Impl& cache, const std::string& sql, const Params& params) {
  sqlite3_stmt* statement = nullptr;
  if (auto found = cache.prepared.find(sql); found != cache.prepared.end()) {
    statement = found->second;
  } else {
    if (sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) != SQLITE_OK)
      return failure(sqlite3_errmsg(db), sql);
    cache.prepared.emplace(sql, statement);
  }
  // Reset on every way out: a statement left mid-step would hold its read
  // snapshot past the transaction.
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> reset(statement, [](sqlite3_stmt* s) {
    sqlite3_clear_bindings(s);
    return sqlite3_reset(s);
  });
  int n = 0;
  for (std::string_view value : params) {
    const std::string name = "$" + std::to_string(++n);
    const int index = sqlite3_bind_parameter_index(statement, name.c_str());
    if (index == 0) continue;  // a parameter the statement does not use
    // SQLITE_TRANSIENT: SQLite copies; the views need not outlive the bind.
    sqlite3_bind_text(statement, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  }
  Rows rows;
  const int columns = sqlite3_column_count(statement);
  for (;;) {
    const int step = sqlite3_step(statement);
    if (step == SQLITE_DONE) return rows;
    if (step != SQLITE_ROW) return failure(sqlite3_errmsg(db), sql);
    auto& row = rows.emplace_back();
    row.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, c));
      row.emplace_back(text ? text : "", static_cast<std::size_t>(sqlite3_column_bytes(statement, c)));
    }
  }
}

using PgResult = std::unique_ptr<PGresult, void (*)(PGresult*)>;

Rows rows_of(const PGresult* result) {
  Rows rows;
  const int tuples = PQntuples(result);
  const int columns = PQnfields(result);
  rows.reserve(static_cast<std::size_t>(tuples));
  for (int r = 0; r < tuples; ++r) {
    auto& row = rows.emplace_back();
    row.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c)
      row.emplace_back(PQgetvalue(result, r, c), static_cast<std::size_t>(PQgetlength(result, r, c)));
  }
  return rows;
}

// The name `sql` is prepared under on this connection, preparing it the
// first time. "" when it cannot be (then it runs unprepared).
std::string pg_prepared_name(PGconn* conn, KeptStatements::Impl* kept, const std::string& sql, int parameters) {
  if (!kept) return "";
  if (auto found = kept->pg_names.find(sql); found != kept->pg_names.end()) return found->second;
  const std::string name = "mamori_kept_" + std::to_string(kept->pg_names.size() + 1);
  PgResult prepared(PQprepare(conn, name.c_str(), sql.c_str(), parameters, nullptr), PQclear);
  if (!prepared || PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) return "";
  kept->pg_names.emplace(sql, name);
  return name;
}

template <typename Params>
Result<Rows> run_postgresql(PGconn* conn, KeptStatements::Impl* kept, const std::string& sql, const Params& params) {
  std::vector<std::string> values(params.begin(), params.end());  // libpq wants NUL-terminated text
  std::vector<const char*> pointers;
  for (const auto& v : values) pointers.push_back(v.c_str());
  const int count = static_cast<int>(pointers.size());
  const std::string name = pg_prepared_name(conn, kept, sql, count);
  PgResult result(name.empty() ? PQexecParams(conn, sql.c_str(), count, nullptr, pointers.data(), nullptr, nullptr, 0)
                               : PQexecPrepared(conn, name.c_str(), count, pointers.data(), nullptr, nullptr, 0),
                  PQclear);
  const auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) return failure(PQerrorMessage(conn), sql);
  return rows_of(result.get());
}

Error pg_failure(PGconn* conn, const std::string& sql) { return failure(PQerrorMessage(conn), sql); }

// Each query in turn, stopping at the first error.
template <typename Run>
Result<std::vector<Rows>> one_by_one(const std::vector<HotQuery>& queries, Run run) {
  std::vector<Rows> out;
  for (const auto& q : queries) {
    auto rows = run(q);
    if (!rows) return rows.error();
    out.push_back(std::move(rows.value()));
  }
  return out;
}

// The statements in one pipeline: all sent, one sync, then each result in
// turn. A failed statement aborts the ones after it (PostgreSQL answers
// them PGRES_PIPELINE_ABORTED); every result up to the sync is still read,
// so the connection leaves pipeline mode idle and usable.
Result<std::vector<Rows>> run_postgresql_pipeline(PGconn* conn, KeptStatements::Impl* kept,
                                                  const std::vector<HotQuery>& queries) {
  std::vector<std::string> names;
  for (const auto& q : queries) {
    names.push_back(pg_prepared_name(conn, kept, q.sql, static_cast<int>(q.params.size())));
    if (names.back().empty()) names.clear();
    if (names.empty()) break;
  }
  if (names.empty() || PQenterPipelineMode(conn) != 1)  // not prepared (no kept statements) or no pipeline
    return one_by_one(queries, [&](const HotQuery& q) { return run_postgresql(conn, kept, q.sql, q.params); });

  std::optional<Error> error;
  std::size_t sent = 0;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    std::vector<std::string> values(queries[i].params.begin(), queries[i].params.end());
    std::vector<const char*> pointers;
    for (const auto& v : values) pointers.push_back(v.c_str());
    if (PQsendQueryPrepared(conn, names[i].c_str(), static_cast<int>(pointers.size()), pointers.data(), nullptr,
                            nullptr, 0) != 1) {
      error = pg_failure(conn, queries[i].sql);
      break;
    }
    ++sent;
  }
  if (PQpipelineSync(conn) != 1 && !error) error = pg_failure(conn, "pipeline sync");

  std::vector<Rows> out;
  for (std::size_t i = 0; i < sent; ++i) {
    PgResult result(PQgetResult(conn), PQclear);
    if (!result) {
      if (!error) error = pg_failure(conn, queries[i].sql);
      break;
    }
    const auto status = PQresultStatus(result.get());
    if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
      out.push_back(rows_of(result.get()));
    } else if (!error) {
      error = failure(PQresultErrorMessage(result.get()), queries[i].sql);
    }
    // Each statement's results end with a null result.
    while (PGresult* extra = PQgetResult(conn)) PQclear(extra);
  }
  // Up to and including the sync; then the connection is idle again.
  for (int guard = 0; guard < 64; ++guard) {
    PgResult result(PQgetResult(conn), PQclear);
    if (result && PQresultStatus(result.get()) == PGRES_PIPELINE_SYNC) break;
    if (!result && PQstatus(conn) == CONNECTION_BAD) break;
  }
  if (PQexitPipelineMode(conn) != 1 && !error) error = pg_failure(conn, "leaving pipeline mode");
  if (error) return *error;
  return out;
}

}  // namespace

Result<std::vector<Rows>> hot_queries(Tx& tx, const std::vector<HotQuery>& queries) {
  KeptStatements* kept = tx.kept_statements();
  if (tx.engine() == Engine::postgresql)
    return run_postgresql_pipeline(static_cast<soci::postgresql_session_backend*>(tx.sql().get_backend())->conn_,
                                   kept ? kept->impl_.get() : nullptr, queries);
  auto* db = static_cast<soci::sqlite3_session_backend*>(tx.sql().get_backend())->conn_;
  std::optional<KeptStatements> once;
  if (!kept) once.emplace(Engine::sqlite, db);
  KeptStatements::Impl& cache = kept ? *kept->impl_ : *once->impl_;
  return one_by_one(queries, [&](const HotQuery& q) { return run_sqlite(db, cache, q.sql, q.params); });
}

Result<Rows> hot_query(Tx& tx, const std::string& sql, std::initializer_list<std::string_view> params) {
  KeptStatements* kept = tx.kept_statements();
  if (tx.engine() == Engine::postgresql)
    return run_postgresql(static_cast<soci::postgresql_session_backend*>(tx.sql().get_backend())->conn_,
                          kept ? kept->impl_.get() : nullptr, sql, params);
  auto* db = static_cast<soci::sqlite3_session_backend*>(tx.sql().get_backend())->conn_;
  if (kept) return run_sqlite(db, *kept->impl_, sql, params);
  // A Tx without kept statements (none should exist): prepare, run, finalize.
  KeptStatements once(Engine::sqlite, db);
  return run_sqlite(db, *once.impl_, sql, params);
}

}  // namespace mamori::store
