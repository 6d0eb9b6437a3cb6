// Catalogs from users' files: check them (the same rules as the build) and
// load them. Loading never changes what is stored: a new version or a
// corrected file becomes a new catalog row, so sheets, SoAs and answers made
// against an earlier version keep pointing at it.
#pragma once

#include <string>
#include <vector>

#include "app/catalog_loader.h"
#include "domain/error.h"
#include "store/database.h"

namespace mamori::app {

struct CatalogFileInput {
  std::string name;   // path, for messages
  std::string bytes;
};

// One line per catalog/mapping that passed ("ismap-2024 2024-08-01: 324 nodes").
// Mappings may name the built-in catalogs.
Result<std::vector<std::string>> check_catalog_files(const std::vector<CatalogFileInput>& files);

// Checks the files against each other and against the latest catalogs in the
// database, then stores them (origin "imported") in one transaction.
Result<LoadReport> import_catalog_files(store::Database& db, const std::vector<CatalogFileInput>& files);

}  // namespace mamori::app
