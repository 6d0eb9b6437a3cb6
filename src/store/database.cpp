#include "store/database.h"

#include <soci/connection-pool.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <libpq-fe.h>

#include <atomic>
#include <mutex>
#include <filesystem>
#include <optional>
#include <unordered_map>
#include <regex>

#include "store/change_watch.h"
#include "store/file_change_watch.h"
#include "store/hot_query.h"
#include "store/ids.h"
#include "store/migrations.h"
#include "store/tx.h"

namespace mamori::store {

const char* to_string(Engine engine) { return engine == Engine::sqlite ? "sqlite" : "postgresql"; }

std::string DatabaseUrl::display() const {
  if (engine == Engine::sqlite) return "sqlite:" + target;
  // Never show a password, even one the user put in the URL.
  static const std::regex password(R"(://([^:/@]*):[^@/]*@)");
  return std::regex_replace(target, password, "://$1:***@");
}

Result<DatabaseUrl> parse_database_url(const std::string& url) {
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0)
    return DatabaseUrl{Engine::postgresql, url};
  std::string path = url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
  if (path.empty())
    return make_error(ErrorCode::invalid_input, "empty database URL (use a path, sqlite:PATH or postgresql://…)",
                      Location::in_field("--db"));
  if (path.find('"') != std::string::npos)
    return make_error(ErrorCode::invalid_input, "a database path may not contain '\"'", Location::in_field("--db"));
  return DatabaseUrl{Engine::sqlite, path};
}

namespace {

// A SQLite database that is a file other processes can open (and that can
// be watched): not ":memory:" nor a "file:" URI.
bool is_sqlite_file(const DatabaseUrl& url) {
  return url.engine == Engine::sqlite && url.target != ":memory:" && url.target.rfind("file:", 0) != 0;
}

}  // namespace

DatabaseUrl sqlite_in_dir(const std::string& dir) {
  return DatabaseUrl{Engine::sqlite, (std::filesystem::path(dir) / "mamori.db").string()};
}

std::string like_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

struct Database::Impl {
  DatabaseUrl url;
  int size = 1;
  std::atomic<int> in_use{0};
  std::optional<soci::connection_pool> pool;
  int schema_version = 0;
  // Each pooled connection's kept statements, by its connection handle
  // (sqlite3* or PGconn*). Filled once at open, read-only after, so no lock. Declared after
  // the pool: destroyed (statements finalized) before the connections close.
  std::unordered_map<const void*, std::unique_ptr<KeptStatements>> statements;
  // PostgreSQL: for the change watch's own connection.
  std::string pg_connect;
  // Moved by every write transaction here and by the watch (change_watch.h).
  std::atomic<std::uint64_t> changes{0};
  std::once_flag watch_started;
  std::unique_ptr<ChangeWatch> watch;           // PostgreSQL
  std::unique_ptr<FileChangeWatch> file_watch;  // SQLite
  std::unique_ptr<CommitSignal> commit_signal;  // SQLite on a file
};

namespace {

Error database_error(const std::string& what, const std::exception& e) {
  return make_error(ErrorCode::database, what + ": " + e.what());
}

// SOCI's PostgreSQL backend reads its connect string as key=value pairs and
// garbles URIs; libpq parses URIs itself, so let it turn the URI into the
// keyword form, quoting each value.
Result<std::string> libpq_keywords(const std::string& uri) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(uri.c_str(), &error);
  if (!options) {
    std::string message = error ? error : "cannot parse the database URL";
    if (error) PQfreemem(error);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    return make_error(ErrorCode::invalid_input, message, Location::in_field("--db"));
  }
  std::string out;
  for (PQconninfoOption* o = options; o->keyword; ++o) {
    if (!o->val || !*o->val) continue;
    std::string quoted = "'";
    for (const char* c = o->val; *c; ++c) {
      if (*c == '\'' || *c == '\\') quoted += '\\';
      quoted += *c;
    }
    out += (out.empty() ? "" : " ") + std::string(o->keyword) + "=" + quoted + "'";
  }
  PQconninfoFree(options);
  return out;
}

void configure_sqlite(soci::session& sql) {
  // Per connection: SQLite does not remember these in the file (except WAL).
  sql << "PRAGMA foreign_keys = ON";
  sql << "PRAGMA busy_timeout = 5000";
  sql << "PRAGMA synchronous = NORMAL";
  std::string mode;
  sql << "PRAGMA journal_mode = WAL", soci::into(mode);
}

Status migrate(soci::session& sql, Engine engine, int& version_out) {
  sql << "CREATE TABLE IF NOT EXISTS schema_migrations ("
         "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";
  if (engine == Engine::sqlite) sql << "BEGIN IMMEDIATE";
  else sql << "BEGIN";
  try {
    // Several app nodes may start at once against one PostgreSQL: the
    // advisory lock lets one of them migrate while the others wait.
    if (engine == Engine::postgresql) sql << "SELECT pg_advisory_xact_lock(7262746)";
    int current = 0;
    soci::indicator ind;
    sql << "SELECT MAX(version) FROM schema_migrations", soci::into(current, ind);
    if (ind == soci::i_null) current = 0;
    if (current > latest_schema_version()) {
      sql << "ROLLBACK";
      return make_error(ErrorCode::conflict, "the database has schema version " + std::to_string(current) +
                                                 ", newer than this mamori knows (" +
                                                 std::to_string(latest_schema_version()) + "): upgrade mamori");
    }
    for (const auto& m : migrations()) {
      if (m.version <= current) continue;
      for (const auto& statement : m.common) sql << statement;
      for (const auto& statement : engine == Engine::sqlite ? m.sqlite : m.postgresql) sql << statement;
      const std::string now = utc_now();
      sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)", soci::use(m.version),
          soci::use(m.name), soci::use(now);
      current = m.version;
    }
    sql << "COMMIT";
    version_out = current;
    return ok();
  } catch (...) {
    try {
      sql << "ROLLBACK";
    } catch (...) {
    }
    throw;
  }
}

}  // namespace

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::~Database() = default;

Engine Database::engine() const { return impl_->url.engine; }
const DatabaseUrl& Database::url() const { return impl_->url; }
int Database::schema_version() const { return impl_->schema_version; }

// Two process-wide SQLite settings, only possible before SQLite initialises,
// hence once, before the first open (soci-sqlite3.h wraps sqlite3.h in the
// namespace sqlite_api):
// - SQLite counts every allocation under one process-wide mutex unless told
//   not to; with several server threads that mutex was the largest cost of a
//   read (futex waits in sqlite3Malloc). mamori never reads those counters.
// - Multi-thread rather than serialized mode: no mutex around every call on a
//   connection (two per column read: a third of reading the audit log once
//   a second thread runs). Safe because a connection is only ever used by
//   the thread that leased it from the pool, never by two at once.
static void configure_sqlite_library() {
  // SQLITE_MISUSE when something initialised SQLite first: then the defaults
  // simply stay, which is slower, never wrong.
  static const int done = [] {
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    return sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  }();
  (void)done;
}

Result<std::unique_ptr<Database>> Database::open(const DatabaseUrl& url, const OpenOptions& options) {
  configure_sqlite_library();
  auto impl = std::make_unique<Impl>();
  impl->url = url;
  const bool memory = url.engine == Engine::sqlite && url.target == ":memory:";
  // Every connection to ":memory:" is a separate empty database, so the
  // in-memory store has exactly one.
  impl->size = memory ? 1 : std::max(1, options.pool_size);

  if (url.engine == Engine::sqlite && !memory) {
    std::error_code ec;
    if (!options.create_if_missing && !std::filesystem::exists(url.target, ec))
      return make_error(ErrorCode::not_found, "no database at " + url.target + " (create it with: mamori init --data DIR)");
    auto parent = std::filesystem::path(url.target).parent_path();
    if (!parent.empty() && !std::filesystem::exists(parent, ec))
      return make_error(ErrorCode::io, "the directory " + parent.string() + " does not exist");
  }

  std::string pg_connect;
  if (url.engine == Engine::postgresql) {
    auto keywords = libpq_keywords(url.target);
    if (!keywords) return keywords.error();
    pg_connect = keywords.value();
    impl->pg_connect = pg_connect;
  }
  try {
    impl->pool.emplace(static_cast<std::size_t>(impl->size));
    for (int i = 0; i < impl->size; ++i) {
      soci::session& s = impl->pool->at(static_cast<std::size_t>(i));
      if (url.engine == Engine::sqlite) {
        s.open(soci::sqlite3, "db=\"" + url.target + "\"");
        configure_sqlite(s);
        auto* connection = static_cast<soci::sqlite3_session_backend*>(s.get_backend())->conn_;
        impl->statements.emplace(connection, std::make_unique<KeptStatements>(Engine::sqlite, connection));
      } else {
        s.open(soci::postgresql, pg_connect);
        // Migrations' "already exists, skipping" notices are not for the
        // person running a command; warnings and errors still show.
        s << "SET client_min_messages = warning";
        auto* connection = static_cast<soci::postgresql_session_backend*>(s.get_backend())->conn_;
        impl->statements.emplace(connection, std::make_unique<KeptStatements>(Engine::postgresql, connection));
      }
    }
    if (options.migrate) {
      soci::session sql(*impl->pool);
      auto migrated = migrate(sql, url.engine, impl->schema_version);
      if (!migrated) return migrated.error();
    } else {
      soci::session sql(*impl->pool);
      soci::indicator ind;
      sql << "SELECT MAX(version) FROM schema_migrations", soci::into(impl->schema_version, ind);
    }
  } catch (const std::exception& e) {
    return database_error("cannot open " + url.display(), e);
  }
  if (is_sqlite_file(url)) impl->commit_signal = std::make_unique<CommitSignal>(url.target);
  return std::unique_ptr<Database>(new Database(std::move(impl)));
}

namespace {

// Counts a leased connection for the pool metrics.
struct Lease {
  std::atomic<int>& counter;
  explicit Lease(std::atomic<int>& c) : counter(c) { ++counter; }
  ~Lease() { --counter; }
};

// BEGIN, COMMIT and ROLLBACK run as kept statements (store/hot_query.h):
// every request opens at least one transaction, and SOCI would parse and
// prepare each of them every time.
enum class Mode { read, write, lookups };

Status run_in_transaction(Database::Impl& impl, Mode mode, const std::function<Status(Tx&)>& work) {
  soci::session sql(*impl.pool);
  const Engine engine = impl.url.engine;
  Lease lease(impl.in_use);
  KeptStatements* statements = nullptr;
  const void* connection = engine == Engine::sqlite
                               ? static_cast<const void*>(static_cast<soci::sqlite3_session_backend*>(sql.get_backend())->conn_)
                               : static_cast<const void*>(static_cast<soci::postgresql_session_backend*>(sql.get_backend())->conn_);
  if (auto found = impl.statements.find(connection); found != impl.statements.end()) statements = found->second.get();
  Tx tx(sql, engine, statements);
  auto command = [&tx](const char* text) -> Status {
    auto done = hot_query(tx, text, {});
    if (!done) return done.error();
    return ok();
  };
  if (mode == Mode::lookups && engine == Engine::postgresql) {
    try {
      return work(tx);  // autocommit: each statement on its own
    } catch (const std::exception& e) {
      return database_error("database", e);
    }
  }
  const bool write = mode == Mode::write;
  if (auto begun = command(engine == Engine::sqlite && write ? "BEGIN IMMEDIATE" : "BEGIN"); !begun)
    return make_error(ErrorCode::database, "cannot begin a transaction: " + begun.error().message);
  try {
    Status result = work(tx);
    if (auto ended = command(result ? "COMMIT" : "ROLLBACK"); !ended) {
      if (result) (void)command("ROLLBACK");  // a failed COMMIT may leave it open
      return ended;
    }
    return result;
  } catch (const std::exception& e) {
    (void)command("ROLLBACK");
    return database_error("database", e);
  }
}

}  // namespace

Status Database::with_write(const std::function<Status(Tx&)>& work) {
  Status result = run_in_transaction(*impl_, Mode::write, work);
  // SQLite: tell watching processes, now that the commit is visible
  // (store/file_change_watch.h explains why the -wal write is not enough).
  if (impl_->commit_signal) impl_->commit_signal->after_commit();
  // After the commit (or the rollback: whether a failed COMMIT took effect
  // is not always known), so whatever a lookup cached before it is stale.
  impl_->changes.fetch_add(1, std::memory_order_acq_rel);
  return result;
}

std::optional<std::uint64_t> Database::change_generation() {
  if (impl_->url.engine == Engine::postgresql) {
    std::call_once(impl_->watch_started,
                   [&] { impl_->watch = std::make_unique<ChangeWatch>(impl_->pg_connect, impl_->changes); });
    return impl_->watch->generation();
  }
  const std::string& file = impl_->url.target;
  if (!is_sqlite_file(impl_->url)) return std::nullopt;
  std::call_once(impl_->watch_started,
                 [&] { impl_->file_watch = std::make_unique<FileChangeWatch>(file, impl_->changes); });
  return impl_->file_watch->generation();
}

Status Database::with_read(const std::function<Status(Tx&)>& work) {
  return run_in_transaction(*impl_, Mode::read, work);
}

Status Database::with_lookups(const std::function<Status(Tx&)>& work) {
  return run_in_transaction(*impl_, Mode::lookups, work);
}

bool Database::ping() {
  return static_cast<bool>(with_read([](Tx& tx) -> Status {
    int one = 0;
    tx.sql() << "SELECT 1", soci::into(one);
    return ok();
  }));
}

Database::PoolStats Database::pool_stats() const { return {impl_->size, impl_->in_use.load()}; }

}  // namespace mamori::store
