// Internal to src/store: the small reads every request makes (who is
// calling, the data version) without SOCI's cost per call. SOCI parses and
// prepares a statement each time it runs; for these one-row lookups that
// was most of a request's time on SQLite (sqlite3_prepare_v2 in the
// profile). Here SQLite keeps each statement prepared on its connection
// for the connection's life; PostgreSQL prepares it once per connection
// too (PQprepare, then PQexecPrepared: planning the data-version query took
// longer than running it) and runs it in the session's own transaction.
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "store/database.h"

namespace mamori::store {

class Tx;
struct HotQuery;

// Statements prepared on one pooled connection (Database owns one per
// connection; on SQLite they are finalized before the connection closes,
// on PostgreSQL they end with the session).
class KeptStatements {
 public:
  // `connection`: the sqlite3* or PGconn* of the session.
  KeptStatements(Engine engine, void* connection);
  ~KeptStatements();
  KeptStatements(const KeptStatements&) = delete;
  KeptStatements& operator=(const KeptStatements&) = delete;

  struct Impl;

 private:
  friend Result<std::vector<std::vector<std::string>>> hot_query(Tx&, const std::string&,
                                                                std::initializer_list<std::string_view>);
  friend Result<std::vector<std::vector<std::vector<std::string>>>> hot_queries(Tx&, const std::vector<HotQuery>&);
  std::unique_ptr<Impl> impl_;
};

// Runs `sql` (parameters written $1, $2, … for both engines) and returns
// every row as text, NULL as "" (no rows for a command such as BEGIN).
Result<std::vector<std::vector<std::string>>> hot_query(Tx& tx, const std::string& sql,
                                                       std::initializer_list<std::string_view> params);

// Several statements, run in order, with their rows in the same order. On
// PostgreSQL they go in one round trip (libpq pipeline mode): a request's
// lookups cost one wait for the server instead of one each, and the
// backend's work per statement falls too (pgbench on the lab: 1.7x the
// lookups per second of the same statements one by one). On SQLite, where
// there is no round trip, they simply run one after another.
struct HotQuery {
  const std::string& sql;
  std::vector<std::string_view> params;
};
Result<std::vector<std::vector<std::vector<std::string>>>> hot_queries(Tx& tx, const std::vector<HotQuery>& queries);

}  // namespace mamori::store
