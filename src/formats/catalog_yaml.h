// Reads and writes catalog and mapping files (format: catalogs/README.md).
// The reader is strict: unknown keys, wrong types and invalid UTF-8 are
// errors with file:line, so a typo cannot silently drop data.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/catalog.h"
#include "domain/catalog_rules.h"
#include "domain/error.h"
#include "domain/mapping.h"

namespace mamori::formats {

// Files larger than this are refused before parsing (hostile input).
inline constexpr std::size_t kMaxCatalogFileBytes = 32u << 20;

using CatalogDocument = std::variant<domain::Catalog, domain::Mapping>;

// Parses one file: a catalog (top-level `catalog` + `nodes`) or a mapping
// (`mapping` + `entries`). Structural problems come back as an Error whose
// message lists every problem as "file:line: message", one per line. The
// catalog rules (domain::check_catalog) are NOT applied here.
Result<CatalogDocument> parse_catalog_document(std::string_view text, const std::string& file);

// The same, for callers that expect one kind.
Result<domain::Catalog> parse_catalog_yaml(std::string_view text, const std::string& file);
Result<domain::Mapping> parse_mapping_yaml(std::string_view text, const std::string& file);

// Writes a catalog in the same format the reader takes (round-trips).
std::string write_catalog_yaml(const domain::Catalog& catalog);

// "file:line: message" lines for a list of rule problems.
std::string describe_problems(const std::string& file, const std::vector<domain::Problem>& problems);

}  // namespace mamori::formats
