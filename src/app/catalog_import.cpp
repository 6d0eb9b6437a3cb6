#include "app/catalog_import.h"

#include "app/catalog_queries.h"
#include "store/catalog_repository.h"

namespace mamori::app {

namespace {

std::vector<formats::SourceFile> sources(const std::vector<CatalogFileInput>& files) {
  std::vector<formats::SourceFile> out;
  for (const auto& f : files) out.push_back({f.name, f.bytes});
  return out;
}

}  // namespace

Result<std::vector<std::string>> check_catalog_files(const std::vector<CatalogFileInput>& files) {
  auto builtin = builtin_bundle();
  if (!builtin) return builtin.error();
  std::vector<const domain::Catalog*> known;
  for (const auto& c : builtin.value()->catalogs) known.push_back(&c);
  auto bundle = formats::load_catalog_bundle(sources(files), known);
  if (!bundle) return bundle.error();
  std::vector<std::string> lines;
  for (const auto& c : bundle->catalogs)
    lines.push_back(c.info.id + " " + c.info.version + ": " + std::to_string(c.nodes.size()) + " nodes");
  for (const auto& m : bundle->mappings) lines.push_back(m.id + ": " + std::to_string(m.entries.size()) + " entries");
  return lines;
}

Result<LoadReport> import_catalog_files(store::Database& db, const std::vector<CatalogFileInput>& files) {
  // What the files may refer to: the latest version of every stored catalog.
  std::vector<domain::Catalog> stored;
  auto list = list_catalogs(db);
  if (!list) return list.error();
  for (const auto& c : list.value()) {
    auto catalog = export_catalog(db, c.info.id, c.info.version);
    if (!catalog) return catalog.error();
    stored.push_back(std::move(catalog.value()));
  }
  std::vector<const domain::Catalog*> known;
  for (const auto& c : stored) known.push_back(&c);
  auto bundle = formats::load_catalog_bundle(sources(files), known);
  if (!bundle) return bundle.error();
  return load_bundle(db, bundle.value(), "imported", known);
}

}  // namespace mamori::app
