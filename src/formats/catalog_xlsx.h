// A catalog as an Excel workbook: one row per node in document order, a
// frozen bilingual header with a filter, and a sheet describing the catalog.
#pragma once

#include <string>

#include "domain/catalog.h"
#include "domain/error.h"

namespace mamori::formats {

// The .xlsx bytes (a download), and the same written to a file (the CLI).
Result<std::string> catalog_xlsx(const domain::Catalog& catalog);
Status write_catalog_xlsx(const domain::Catalog& catalog, const std::string& path);

}  // namespace mamori::formats
