// Internal to src/store: the small reads every request makes (who is
// calling, the data version) without SOCI's cost per call. SOCI parses and
// prepares a statement each time it runs; for these one-row lookups that
// was most of a request's time on SQLite (sqlite3_prepare_v2 in the
// profile). Here SQLite keeps each statement prepared on its connection
// for the connection's life, and PostgreSQL runs it through libpq's
// PQexecParams: one round trip, in the session's own transaction.
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"

namespace mamori::store {

class Tx;

// Statements prepared on one SQLite connection; finalized before the
// connection closes (Database owns one per pooled connection).
class SqliteStatements {
 public:
  explicit SqliteStatements(void* sqlite3_connection);
  ~SqliteStatements();
  SqliteStatements(const SqliteStatements&) = delete;
  SqliteStatements& operator=(const SqliteStatements&) = delete;

  struct Impl;

 private:
  friend Result<std::vector<std::vector<std::string>>> hot_query(Tx&, const std::string&,
                                                                std::initializer_list<std::string_view>);
  std::unique_ptr<Impl> impl_;
};

// Runs `sql` (parameters written $1, $2, … for both engines) and returns
// every row as text, NULL as "" (no rows for a command such as BEGIN).
Result<std::vector<std::vector<std::string>>> hot_query(Tx& tx, const std::string& sql,
                                                       std::initializer_list<std::string_view> params);

}  // namespace mamori::store
