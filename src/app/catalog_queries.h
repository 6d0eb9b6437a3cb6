// Reading catalogs: the use cases behind `mamori catalog …` and the catalog
// API. Catalogs are reference data shared by all organisations; reading them
// needs no organisation context.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/catalog.h"
#include "domain/error.h"
#include "store/catalog_repository.h"
#include "store/database.h"

namespace mamori::app {

struct NodeView {
  domain::Node node;
  int level = 1;
};

struct NodeDetail {
  store::StoredCatalog catalog;
  NodeView node;
  std::optional<NodeView> parent;
  std::vector<NodeView> children;
  std::vector<store::StoredLink> links;
};

// Latest version of every catalog.
Result<std::vector<store::StoredCatalog>> list_catalogs(store::Database& db, bool all_versions = false);

// `version` empty = the latest. not_found names the catalog and what exists.
Result<store::StoredCatalog> find_catalog(store::Database& db, const std::string& key, const std::string& version = {});

Result<std::vector<NodeView>> catalog_nodes(store::Database& db, const std::string& key, const std::string& version = {});
Result<NodeDetail> show_node(store::Database& db, const std::string& key, const std::string& ref,
                             const std::string& version = {});

inline constexpr int kDefaultSearchLimit = 200;
inline constexpr std::size_t kMaxSearchQueryBytes = 1000;
Result<std::vector<NodeView>> search_catalog(store::Database& db, const std::string& key, const std::string& query,
                                             int limit = kDefaultSearchLimit, const std::string& version = {});

Result<domain::Catalog> export_catalog(store::Database& db, const std::string& key, const std::string& version = {});

}  // namespace mamori::app
