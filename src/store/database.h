// The database: SQLite (embedded default, WAL) or PostgreSQL, through SOCI.
// One schema for both, numbered migrations applied when the database is
// opened. Callers work inside transactions: with_write()/with_read() hand a
// Tx to the repositories and commit or roll back. SOCI stays behind Tx, so
// this header is cheap to include.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "domain/error.h"

namespace mamori::store {

enum class Engine { sqlite, postgresql };
const char* to_string(Engine engine);

struct DatabaseUrl {
  Engine engine = Engine::sqlite;
  std::string target;  // SQLite: file path or ":memory:"; PostgreSQL: the libpq URI
  // "sqlite:/path/mamori.db", "postgresql://user@host:port/db" (no password).
  std::string display() const;
};

// "postgresql://…" / "postgres://…" -> PostgreSQL; "sqlite:PATH", ":memory:"
// or a plain path -> SQLite.
Result<DatabaseUrl> parse_database_url(const std::string& url);
// DIR/mamori.db
DatabaseUrl sqlite_in_dir(const std::string& dir);

class Tx;  // a transaction on one pooled connection (store/tx.h)

struct OpenOptions {
  int pool_size = 4;         // connections; SQLite :memory: always uses 1
  bool migrate = true;       // apply pending migrations
  bool create_if_missing = true;  // SQLite: create the file (init); false for commands that need an existing one
};

class Database {
 public:
  static Result<std::unique_ptr<Database>> open(const DatabaseUrl& url, const OpenOptions& options = {});
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Engine engine() const;
  const DatabaseUrl& url() const;
  int schema_version() const;

  // Runs `work` in a transaction: commit when it returns ok, roll back when
  // it returns an error or a database exception escapes (turned into an
  // Error). SQLite write transactions take the write lock up front
  // (BEGIN IMMEDIATE) so two writers never deadlock on upgrade.
  Status with_write(const std::function<Status(Tx&)>& work);
  Status with_read(const std::function<Status(Tx&)>& work);
  // Reads whose statements need no common snapshot, such as resolving who
  // is calling on every request. PostgreSQL runs each statement on its own
  // (its reads are READ COMMITTED, so a transaction would add nothing but
  // the BEGIN and COMMIT round trips); SQLite runs them in one read
  // transaction, which is cheaper there than a lock per statement.
  Status with_lookups(const std::function<Status(Tx&)>& work);

  // A number that moves whenever something a cached lookup may depend on
  // may have changed: after every write transaction of this process, and
  // when another process changes it (PostgreSQL: store/change_watch.h, once
  // its notification arrives; SQLite: store/file_change_watch.h, at once).
  // nullopt: changes cannot be watched (an in-memory SQLite database, no
  // inotify, or the PostgreSQL listener is not connected): read the
  // database. The first call starts the watch; on PostgreSQL it answers
  // nullopt until the listener has connected.
  std::optional<std::uint64_t> change_generation();

  // True when a trivial query answers.
  bool ping();

  struct PoolStats {
    int size = 0;
    int in_use = 0;
  };
  PoolStats pool_stats() const;

  struct Impl;  // database.cpp only

 private:
  explicit Database(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace mamori::store
