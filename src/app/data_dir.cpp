#include "app/data_dir.h"

#include <filesystem>

#include "app/catalog_loader.h"
#include "store/tenant_repository.h"

namespace mamori::app {

namespace {

// The organisation `make run` shows: a cloud provider, the main user.
constexpr const char* kDemoTenant = "デモクラウド株式会社";

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

Result<InitReport> init_data(const DataOptions& options, bool demo) {
  if (options.db_url.empty() && !options.data_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(options.data_dir, ec);
    if (ec)
      return make_error(ErrorCode::io, "cannot create the data directory " + options.data_dir + ": " + ec.message(),
                        Location::in_field("--data"));
  }
  auto db = open_data(options, true);
  if (!db) return db.error();
  auto bundle = builtin_bundle();
  if (!bundle) return bundle.error();
  auto loaded = load_bundle(*db.value(), *bundle.value(), "builtin");
  if (!loaded) return loaded.error();

  InitReport report;
  report.database = db.value()->url().display();
  report.schema_version = db.value()->schema_version();
  report.loaded = std::move(loaded->loaded);
  report.unchanged = std::move(loaded->unchanged);
  report.mappings_loaded = loaded->mappings_loaded;
  if (demo) {
    auto status = db.value()->with_write([&](store::Tx& tx) -> Status {
      auto existing = store::find_tenant_by_name(tx, kDemoTenant);
      if (!existing) return existing.error();
      if (existing.value()) return ok();
      auto created = store::create_tenant(tx, kDemoTenant, domain::TenantKind::provider);
      if (!created) return created.error();
      report.demo.push_back(std::string("organisation ") + kDemoTenant + " (provider)");
      return ok();
    });
    if (!status) return status.error();
  }
  return report;
}

}  // namespace mamori::app
