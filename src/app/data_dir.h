// Where mamori keeps its data, and `init`: create the database, apply the
// migrations, load the built-in catalogs, optionally the demo organisation.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "domain/error.h"
#include "store/database.h"

namespace mamori::app {

struct DataOptions {
  std::string data_dir;  // SQLite file DIR/mamori.db unless db_url is given
  std::string db_url;    // postgresql://… (or sqlite:PATH)
};

// Opens the configured database (migrating it). With neither a data dir nor
// a URL it is an error: the caller decides whether an in-memory store of the
// built-in catalogs (open_builtin_in_memory) is the right fallback.
Result<std::unique_ptr<store::Database>> open_data(const DataOptions& options, bool create_if_missing = false);

// A throwaway in-memory database holding the built-in catalogs: lets
// `mamori catalog …` work before any `init`.
Result<std::unique_ptr<store::Database>> open_builtin_in_memory();

// Creates the data directory (for SQLite) if it does not exist.
Status ensure_data_dir(const DataOptions& options);

struct InitReport {
  std::vector<std::string> loaded;     // "ismap-2024 2024-08-01 (324 nodes)"
  std::vector<std::string> unchanged;  // already present with the same content
  int mappings_loaded = 0;
};

// Loads the built-in catalogs. Idempotent: a second run changes nothing.
Result<InitReport> load_builtin_catalogs(store::Database& db);

}  // namespace mamori::app
