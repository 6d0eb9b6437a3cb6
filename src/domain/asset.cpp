#include "domain/asset.h"

#include <algorithm>
#include <set>

#include "domain/country_code.h"
#include "domain/text.h"

namespace mamori::domain {

namespace {

Status field_error(const std::string& field, const char* reason, const std::string& message) {
  return make_error(ErrorCode::invalid_input, reason, message, Location::in_field(field));
}

Status check_text(const char* field, const std::string& text, std::size_t max_chars, bool required) {
  if (!is_valid_utf8(text)) return field_error(field, "invalid", std::string(field) + " is not valid UTF-8");
  if (required && fold_for_search(text).empty())
    return field_error(field, "required", std::string(field) + " must not be empty");
  if (utf8_length(text) > max_chars)
    return field_error(field, "too_long",
                       std::string(field) + " is longer than " + std::to_string(max_chars) + " characters");
  return ok();
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// Keeps the first of each (folded) name, in order.
void drop_repeats(std::vector<std::string>& items, bool fold) {
  std::set<std::string> seen;
  std::vector<std::string> out;
  for (auto& i : items) {
    std::string t = trimmed(i);
    if (t.empty()) continue;
    if (seen.insert(fold ? fold_for_search(t) : t).second) out.push_back(std::move(t));
  }
  items = std::move(out);
}

struct TypeLabel {
  AssetType type;
  const char* key;
  const char* ja;
  const char* en;
};
constexpr TypeLabel kTypes[] = {
    {AssetType::information, "information", "情報", "Information"},
    {AssetType::software, "software", "ソフトウェア", "Software"},
    {AssetType::hardware, "hardware", "ハードウェア", "Hardware"},
    {AssetType::service, "service", "サービス", "Service"},
    {AssetType::people, "people", "人", "People"},
    {AssetType::facility, "facility", "施設", "Facility"},
    {AssetType::other, "other", "その他", "Other"},
};

struct CategoryLabel {
  DataCategory category;
  const char* key;
  const char* ja;
  const char* en;
};
constexpr CategoryLabel kCategories[] = {
    {DataCategory::customer_data, "customer_data", "クラウドサービスカスタマデータ", "Cloud service customer data"},
    {DataCategory::derived_data, "derived_data", "クラウドサービス派生データ", "Cloud service derived data"},
    {DataCategory::own, "own", "自組織の資産", "Own asset"},
};

}  // namespace

const char* to_string(AssetType type) {
  for (const auto& t : kTypes)
    if (t.type == type) return t.key;
  return "other";
}
std::optional<AssetType> parse_asset_type(std::string_view text) {
  for (const auto& t : kTypes)
    if (text == t.key) return t.type;
  return std::nullopt;
}
const char* label_ja(AssetType type) {
  for (const auto& t : kTypes)
    if (t.type == type) return t.ja;
  return "その他";
}
const char* label_en(AssetType type) {
  for (const auto& t : kTypes)
    if (t.type == type) return t.en;
  return "Other";
}
const std::vector<AssetType>& all_asset_types() {
  static const std::vector<AssetType> all = [] {
    std::vector<AssetType> v;
    for (const auto& t : kTypes) v.push_back(t.type);
    return v;
  }();
  return all;
}

const char* to_string(DataCategory category) {
  for (const auto& c : kCategories)
    if (c.category == category) return c.key;
  return "own";
}
const std::vector<DataCategory>& all_data_categories() {
  static const std::vector<DataCategory> all = [] {
    std::vector<DataCategory> v;
    for (const auto& c : kCategories) v.push_back(c.category);
    return v;
  }();
  return all;
}

std::optional<DataCategory> parse_data_category(std::string_view text) {
  for (const auto& c : kCategories)
    if (text == c.key) return c.category;
  return std::nullopt;
}
const char* label_ja(DataCategory category) {
  for (const auto& c : kCategories)
    if (c.category == category) return c.ja;
  return "自組織の資産";
}
const char* label_en(DataCategory category) {
  for (const auto& c : kCategories)
    if (c.category == category) return c.en;
  return "Own asset";
}

Status check_asset(Asset& a, const ClassificationScheme& scheme, const std::vector<std::string>& known_service_ids) {
  a.name = trimmed(a.name);
  a.owner = trimmed(a.owner);
  a.storage_location = trimmed(a.storage_location);
  if (auto r = check_text("name", a.name, kMaxAssetNameChars, true); !r) return r;
  if (auto r = check_text("owner", a.owner, 200, false); !r) return r;
  if (auto r = check_text("description", a.description, kMaxAssetTextChars, false); !r) return r;
  if (auto r = check_text("storage_location", a.storage_location, 500, false); !r) return r;
  if (!fold_for_search(a.storage_country).empty()) {
    auto code = normalise_country_code(a.storage_country);
    if (!code)
      return field_error("storage_country", "invalid_country",
                         "not an ISO 3166-1 alpha-2 country code: " + a.storage_country.substr(0, 20));
    a.storage_country = *code;
  } else {
    a.storage_country.clear();
  }
  const std::pair<const char*, std::pair<SecurityAxis, int>> axes[] = {
      {"confidentiality", {SecurityAxis::confidentiality, a.confidentiality}},
      {"integrity", {SecurityAxis::integrity, a.integrity}},
      {"availability", {SecurityAxis::availability, a.availability}}};
  for (const auto& [field, axis_level] : axes)
    if (!scheme.has_level(axis_level.first, axis_level.second))
      return field_error(field, "unknown_level",
                         std::string(field) + " level " + std::to_string(axis_level.second) +
                             " is not in the organisation's classification scheme");
  if (a.category != DataCategory::own && a.type != AssetType::information)
    return field_error("category", "not_information",
                       "customer data and derived data are information: set the type to information "
                       "(the system holding them is a separate asset)");
  drop_repeats(a.suppliers, true);
  drop_repeats(a.service_ids, false);
  if (a.suppliers.size() > kMaxAssetListItems) return field_error("suppliers", "too_many", "at most 50 suppliers");
  for (const auto& s : a.suppliers)
    if (auto r = check_text("suppliers", s, 200, true); !r) return r;
  if (a.service_ids.size() > kMaxAssetListItems) return field_error("services", "too_many", "at most 50 services");
  for (const auto& id : a.service_ids)
    if (std::find(known_service_ids.begin(), known_service_ids.end(), id) == known_service_ids.end())
      return field_error("services", "unknown_service", "no such cloud service: " + id.substr(0, 100));
  return ok();
}

std::optional<AssetPatch::ServiceMode> parse_service_mode(std::string_view text) {
  if (text == "replace") return AssetPatch::ServiceMode::replace;
  if (text == "add") return AssetPatch::ServiceMode::add;
  if (text == "remove") return AssetPatch::ServiceMode::remove;
  return std::nullopt;
}

Asset apply_patch(const Asset& asset, const AssetPatch& p) {
  Asset out = asset;
  if (p.owner) out.owner = *p.owner;
  if (p.confidentiality) out.confidentiality = *p.confidentiality;
  if (p.integrity) out.integrity = *p.integrity;
  if (p.availability) out.availability = *p.availability;
  if (p.service_ids) {
    switch (p.service_mode) {
      case AssetPatch::ServiceMode::replace: out.service_ids = *p.service_ids; break;
      case AssetPatch::ServiceMode::add:
        for (const auto& id : *p.service_ids)
          if (std::find(out.service_ids.begin(), out.service_ids.end(), id) == out.service_ids.end())
            out.service_ids.push_back(id);
        break;
      case AssetPatch::ServiceMode::remove:
        std::erase_if(out.service_ids, [&](const std::string& id) {
          return std::find(p.service_ids->begin(), p.service_ids->end(), id) != p.service_ids->end();
        });
        break;
    }
  }
  return out;
}

}  // namespace mamori::domain
