// Catalogs in the database: versions as loaded, their nodes, search, and the
// mappings between them. Content is immutable once loaded.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/catalog.h"
#include "domain/error.h"
#include "domain/mapping.h"

namespace mamori::store {

class Tx;

struct StoredCatalog {
  std::string id;  // row id (UUID)
  domain::CatalogInfo info;
  int revision = 1;  // > 1 when the same version was loaded again with corrected content
  std::string content_sha256;
  int node_count = 0;
  std::string origin;  // builtin | imported
  std::string loaded_at;
};

struct StoredNode {
  domain::Node node;
  int level = 1;
};

struct StoredLink {
  domain::Link link;
  std::string other_title;     // the other node's title, for display
  std::string other_title_en;  // and its English title, when the catalog has one
};

enum class LoadOutcome { unchanged, loaded };

// The canonical content hash of a catalog (header + nodes), independent of
// YAML formatting: the same content always hashes the same.
std::string catalog_content_hash(const domain::Catalog& catalog);

// Stores the catalog unless this exact content is already stored. Another
// content under the same id and version becomes the next revision.
Result<LoadOutcome> store_catalog(Tx& tx, const domain::Catalog& catalog, const std::string& origin,
                                  StoredCatalog* stored = nullptr);

// Stores (or replaces the entries of) a mapping between two stored catalog
// rows. `entries` are node-to-node (attribute mappings already expanded).
Result<LoadOutcome> store_mapping(Tx& tx, const domain::Mapping& mapping, const std::vector<domain::MappingEntry>& entries,
                                  const std::string& from_catalog_row, const std::string& to_catalog_row);

// What identifies every stored catalog and mapping (row ids, revisions,
// content hashes) in one short string: it changes whenever any catalog or
// mapping is loaded or corrected, by this process or another. Keys caches of
// data derived from catalogs (two small queries, no JSON parsed).
Result<std::string> catalogs_fingerprint(Tx& tx);

// Every stored catalog row; with latest_only, the newest version+revision per id.
Result<std::vector<StoredCatalog>> list_catalogs(Tx& tx, bool latest_only);
// One catalog id at a version (empty = latest).
Result<std::optional<StoredCatalog>> find_catalog(Tx& tx, const std::string& key, const std::string& version = {});

Result<std::vector<StoredNode>> list_nodes(Tx& tx, const std::string& catalog_row);
Result<std::optional<StoredNode>> find_node(Tx& tx, const std::string& catalog_row, const std::string& ref);
Result<std::vector<StoredNode>> child_nodes(Tx& tx, const std::string& catalog_row, const std::string& ref);

// Nodes whose ref, titles or text contain `query` after fold_for_search()
// (so full/half width and case do not matter), in document order.
Result<std::vector<StoredNode>> search_nodes(Tx& tx, const std::string& catalog_row, const std::string& query,
                                             int limit);

// Links of one node, both directions, read from this node's side.
Result<std::vector<StoredLink>> node_links(Tx& tx, const std::string& catalog_row, const std::string& ref);

// The full catalog back as domain structs (for export).
Result<domain::Catalog> load_catalog(Tx& tx, const StoredCatalog& stored);

}  // namespace mamori::store
