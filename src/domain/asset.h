// The information asset inventory (JIS Q 27001 A.5.9, ISMAP 8.1.1): what an
// asset is, who owns it, how it is classified, whether it holds personal
// information, where it is stored, which cloud services and suppliers it
// touches, and, for a cloud service provider, whether it is cloud service
// customer data, data derived from it, or the organisation's own (ISMAP
// 8.1.1.6.PB: the inventory must say which assets are customer data and
// derived data). Types and rules only.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/classification.h"
#include "domain/error.h"

namespace mamori::domain {

// A closed list, so the inventory can be filtered and counted.
enum class AssetType { information, software, hardware, service, people, facility, other };
const char* to_string(AssetType type);  // information | software | …
std::optional<AssetType> parse_asset_type(std::string_view text);
const char* label_ja(AssetType type);  // 情報, ソフトウェア, …
const char* label_en(AssetType type);  // Information, Software, …
const std::vector<AssetType>& all_asset_types();

// Whose data an asset is (JIS Q 27017 terms, ISMAP 8.1.1.6.PB).
enum class DataCategory {
  customer_data,  // クラウドサービスカスタマデータ: what customers put in the service
  derived_data,   // クラウドサービス派生データ: made by the service from its use (logs, metadata)
  own,            // the organisation's own (not a customer's)
};
const char* to_string(DataCategory category);  // customer_data | derived_data | own
std::optional<DataCategory> parse_data_category(std::string_view text);
const char* label_ja(DataCategory category);
const char* label_en(DataCategory category);
const std::vector<DataCategory>& all_data_categories();

struct Asset {
  std::string id;
  std::string name;
  AssetType type = AssetType::information;
  std::string description;
  std::string owner;
  int confidentiality = 1;
  int integrity = 1;
  int availability = 1;
  bool personal_info = false;
  DataCategory category = DataCategory::own;
  std::string storage_location;  // system, room, region
  std::string storage_country;   // ISO 3166-1 alpha-2, or "" when not known / not applicable
  std::vector<std::string> service_ids;  // the organisation's cloud services it touches
  std::vector<std::string> suppliers;    // outside suppliers by name
  bool operator==(const Asset&) const = default;
};

inline constexpr std::size_t kMaxAssetNameChars = 200;
inline constexpr std::size_t kMaxAssetTextChars = 2000;
inline constexpr std::size_t kMaxAssetListItems = 50;

// Normalises (trims the name, upper-cases the country, drops repeated
// services and suppliers) and checks one asset. invalid_input naming the
// field: name (required, at most 200), owner, description,
// storage_location, storage_country (an assigned alpha-2 code),
// confidentiality / integrity / availability (a level of `scheme`),
// suppliers, services (each in `known_service_ids`), and category: customer
// and derived data are data, so only an information asset can be one
// (a server holding customer data is hardware; the data on it is the
// information asset).
Status check_asset(Asset& asset, const ClassificationScheme& scheme, const std::vector<std::string>& known_service_ids);

// A change applied to many assets at once (bulk edit). Unset fields stay.
struct AssetPatch {
  std::optional<std::string> owner;
  std::optional<int> confidentiality;
  std::optional<int> integrity;
  std::optional<int> availability;
  enum class ServiceMode { replace, add, remove };
  std::optional<std::vector<std::string>> service_ids;
  ServiceMode service_mode = ServiceMode::replace;
  bool empty() const {
    return !owner && !confidentiality && !integrity && !availability && !service_ids;
  }
};
std::optional<AssetPatch::ServiceMode> parse_service_mode(std::string_view text);  // replace | add | remove

// The asset with the patch applied (not checked: check_asset does that).
Asset apply_patch(const Asset& asset, const AssetPatch& patch);

}  // namespace mamori::domain
