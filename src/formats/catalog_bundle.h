// The full set of catalogs and mappings that mamori ships (or a user loads):
// every file parsed, every rule checked, cross-file references resolved, and
// the derived catalogs (the detailed ISMAP sheet) added. Used by the build
// (tools/catalogc) and at run time (app), so both apply the same rules.
#pragma once

#include <string>
#include <vector>

#include "domain/catalog.h"
#include "domain/error.h"
#include "domain/mapping.h"

namespace mamori::formats {

struct SourceFile {
  std::string name;  // shown in messages, e.g. "catalogs/ismap-2024.yaml"
  std::string_view bytes;
};

struct CatalogBundle {
  std::vector<domain::Catalog> catalogs;  // file order, derived ones after their source
  std::vector<domain::Mapping> mappings;

  const domain::Catalog* find(std::string_view id) const;
};

// Parses and checks all files together. Mappings and refers_to may also
// name catalogs in `known` (e.g. those already in the database). On any
// problem the Error lists all of them, one "file:line: message" per line.
Result<CatalogBundle> load_catalog_bundle(const std::vector<SourceFile>& files,
                                          const std::vector<const domain::Catalog*>& known = {});

}  // namespace mamori::formats
