// The JSON form of catalogs and nodes: what `mamori catalog … --json` prints,
// what the API returns, and how the store keeps a node's details. One
// encoding, so the three never disagree.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "domain/catalog.h"
#include "domain/error.h"

namespace mamori::formats {

// The node as users see it: ref, title, text, kind, level, parent (ref or
// null), flags, and every optional field that is set.
nlohmann::json node_to_json(const domain::Node& node, int level);
Result<domain::Node> node_from_json(const nlohmann::json& j);

// The catalog header (kinds, flags, attribute vocabularies).
nlohmann::json info_to_json(const domain::CatalogInfo& info);
Result<domain::CatalogInfo> info_from_json(const nlohmann::json& j);

}  // namespace mamori::formats
