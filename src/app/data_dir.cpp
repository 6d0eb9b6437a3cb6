#include "app/data_dir.h"

#include <filesystem>

#include "app/catalog_loader.h"

namespace mamori::app {

namespace {

Result<store::DatabaseUrl> url_of(const DataOptions& options) {
  if (!options.db_url.empty()) return store::parse_database_url(options.db_url);
  if (!options.data_dir.empty()) return store::sqlite_in_dir(options.data_dir);
  return make_error(ErrorCode::invalid_input, "say where the data is: --data DIR (SQLite) or --db URL",
                    Location::in_field("--data"));
}

}  // namespace

Result<std::unique_ptr<store::Database>> open_data(const DataOptions& options, bool create_if_missing) {
  auto url = url_of(options);
  if (!url) return url.error();
  store::OpenOptions open;
  open.create_if_missing = create_if_missing;
  return store::Database::open(url.value(), open);
}

Result<std::unique_ptr<store::Database>> open_builtin_in_memory() {
  auto bundle = builtin_bundle();
  if (!bundle) return bundle.error();
  auto db = store::Database::open(store::DatabaseUrl{store::Engine::sqlite, ":memory:"});
  if (!db) return db.error();
  auto loaded = load_bundle(*db.value(), *bundle.value(), "builtin");
  if (!loaded) return loaded.error();
  return std::move(db.value());
}

Status ensure_data_dir(const DataOptions& options) {
  if (!options.db_url.empty() || options.data_dir.empty()) return ok();
  std::error_code ec;
  std::filesystem::create_directories(options.data_dir, ec);
  if (ec)
    return make_error(ErrorCode::io, "cannot create the data directory " + options.data_dir + ": " + ec.message(),
                      Location::in_field("--data"));
  // The directory holds the database and the key: its owner only.
  std::filesystem::permissions(options.data_dir, std::filesystem::perms::owner_all, ec);
  return ok();
}

Result<InitReport> load_builtin_catalogs(store::Database& db) {
  auto bundle = builtin_bundle();
  if (!bundle) return bundle.error();
  auto loaded = load_bundle(db, *bundle.value(), "builtin");
  if (!loaded) return loaded.error();
  InitReport report;
  report.loaded = std::move(loaded->loaded);
  report.unchanged = std::move(loaded->unchanged);
  report.mappings_loaded = loaded->mappings_loaded;
  return report;
}

}  // namespace mamori::app
