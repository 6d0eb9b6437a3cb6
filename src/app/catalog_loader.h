// Loads catalogs into the store: the built-in set (embedded at build time)
// or a user's files, with the same checks as the build.
#pragma once

#include <string>
#include <vector>

#include "domain/error.h"
#include "formats/catalog_bundle.h"
#include "store/database.h"

namespace mamori::app {

// The embedded catalogs, parsed and checked once per process.
Result<const formats::CatalogBundle*> builtin_bundle();

struct LoadReport {
  std::vector<std::string> loaded;
  std::vector<std::string> unchanged;
  int mappings_loaded = 0;
};

// Stores every catalog and mapping of the bundle in one transaction. A
// mapping whose catalog is not in the bundle links to the latest stored
// version of it (`known` holds those, for expanding attribute mappings).
Result<LoadReport> load_bundle(store::Database& db, const formats::CatalogBundle& bundle, const std::string& origin,
                               const std::vector<const domain::Catalog*>& known = {});

}  // namespace mamori::app
