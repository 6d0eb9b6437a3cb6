// A tailored standard's items and operations as JSON: how the store keeps
// operation payloads and version snapshots, and how the API shows items.
// Attributes are an array of {type, values} so their order (the catalog's
// type order) survives.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "domain/tailored_standard.h"

namespace mamori::formats {

nlohmann::json attributes_json(const domain::AttributeValues& attributes);
domain::AttributeValues attributes_from_json(const nlohmann::json& j);

nlohmann::json tailored_item_json(const domain::TailoredItem& item);
domain::TailoredItem tailored_item_from_json(const nlohmann::json& j);

std::string tailored_items_text(const std::vector<domain::TailoredItem>& items);
// Malformed text gives no items (snapshots are written by us; a broken one
// is reported by the caller comparing counts, not silently patched).
std::vector<domain::TailoredItem> tailored_items_from_text(const std::string& text);

// Everything of an operation except seq and reason (kept in their own columns).
std::string operation_payload_text(const domain::Operation& op);
// kind is read from the payload; seq and reason are set by the caller.
domain::Operation operation_from_payload_text(const std::string& text);

}  // namespace mamori::formats
