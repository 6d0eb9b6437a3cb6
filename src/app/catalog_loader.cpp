#include "app/catalog_loader.h"

#include <map>
#include <mutex>

#include "app/embedded_catalogs.h"
#include "store/catalog_repository.h"

namespace mamori::app {

Result<const formats::CatalogBundle*> builtin_bundle() {
  static std::once_flag once;
  static std::optional<Result<formats::CatalogBundle>> parsed;
  std::call_once(once, [] {
    std::vector<formats::SourceFile> files;
    for (const auto& f : embedded_catalog_files()) files.push_back({"catalogs/" + f.name, f.bytes});
    parsed.emplace(formats::load_catalog_bundle(files));
  });
  // The build already checked these files; failing here means the binary
  // and its catalogs disagree, which is a bug, not a user error.
  if (!parsed->has_value())
    return make_error(ErrorCode::internal, "the built-in catalogs do not load: " + parsed->error().message);
  return &parsed->value();
}

Result<LoadReport> load_bundle(store::Database& db, const formats::CatalogBundle& bundle, const std::string& origin,
                               const std::vector<const domain::Catalog*>& known) {
  LoadReport report;
  auto status = db.with_write([&](store::Tx& tx) -> Status {
    std::map<std::string, std::string> row_of;  // catalog id -> stored row id
    for (const auto& catalog : bundle.catalogs) {
      store::StoredCatalog stored;
      auto outcome = store::store_catalog(tx, catalog, origin, &stored);
      if (!outcome) return outcome.error();
      row_of[catalog.info.id] = stored.id;
      std::string line = catalog.info.id + " " + catalog.info.version;
      if (stored.revision > 1) line += " rev " + std::to_string(stored.revision);
      line += " (" + std::to_string(catalog.nodes.size()) + " nodes)";
      (outcome.value() == store::LoadOutcome::loaded ? report.loaded : report.unchanged).push_back(line);
    }
    auto row_for = [&](const std::string& key) -> Result<std::string> {
      if (auto it = row_of.find(key); it != row_of.end()) return it->second;
      auto found = store::find_catalog(tx, key);
      if (!found) return found.error();
      if (!found.value()) return make_error(ErrorCode::not_found, "a mapping names catalog " + key + ", which is not loaded");
      return found.value()->id;
    };
    auto catalog_for = [&](const std::string& key) -> const domain::Catalog* {
      if (const auto* c = bundle.find(key)) return c;
      for (const auto* k : known)
        if (k->info.id == key) return k;
      return nullptr;
    };
    for (const auto& mapping : bundle.mappings) {
      const auto* from = catalog_for(mapping.from_catalog);
      if (!from) return make_error(ErrorCode::not_found, "mapping " + mapping.id + " names catalog " + mapping.from_catalog + ", which is not loaded");
      auto from_row = row_for(mapping.from_catalog);
      if (!from_row) return from_row.error();
      auto to_row = row_for(mapping.to_catalog);
      if (!to_row) return to_row.error();
      auto outcome = store::store_mapping(tx, mapping, domain::expand_mapping(mapping, *from), from_row.value(), to_row.value());
      if (!outcome) return outcome.error();
      if (outcome.value() == store::LoadOutcome::loaded) ++report.mappings_loaded;
    }
    return ok();
  });
  if (!status) return status.error();
  return report;
}

}  // namespace mamori::app
