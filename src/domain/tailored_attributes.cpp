#include "domain/tailored_attributes.h"

#include <algorithm>

namespace mamori::domain {

namespace {

const std::vector<std::string>* values_of(const TailoredItem& item, std::string_view type) {
  for (const auto& [t, values] : item.attributes)
    if (t == type) return &values;
  return nullptr;
}

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

bool matches(const TailoredItem& item, const ItemFilter& filter) {
  if (filter.level && item.level != *filter.level) return false;
  if (filter.technical && item.technical != *filter.technical) return false;
  for (const auto& [type, wanted] : filter.attributes) {
    const auto* have = values_of(item, type);
    if (!have) return false;
    if (std::none_of(wanted.begin(), wanted.end(), [&](const std::string& v) { return contains(*have, v); }))
      return false;
  }
  return true;
}

std::vector<TailoredItem> filter_items(const std::vector<TailoredItem>& items, const ItemFilter& filter) {
  std::vector<TailoredItem> out;
  std::copy_if(items.begin(), items.end(), std::back_inserter(out),
               [&](const TailoredItem& i) { return matches(i, filter); });
  return out;
}

Result<ItemFilter> parse_attribute_terms(const std::vector<std::string>& terms) {
  ItemFilter f;
  for (const auto& term : terms) {
    const auto colon = term.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == term.size())
      return make_error(ErrorCode::invalid_input, "invalid",
                        "an attribute condition is type:value (e.g. control_type:detective), not " + term,
                        Location::in_field("attr"));
    const std::string type = term.substr(0, colon), value = term.substr(colon + 1);
    auto slot = std::find_if(f.attributes.begin(), f.attributes.end(), [&](const auto& p) { return p.first == type; });
    if (slot == f.attributes.end()) slot = f.attributes.insert(f.attributes.end(), {type, {}});
    if (!contains(slot->second, value)) slot->second.push_back(value);
  }
  return f;
}

std::vector<ItemGroup> group_items(const std::vector<TailoredItem>& items, std::string_view type,
                                   const std::vector<AttributeType>& vocabulary) {
  std::vector<ItemGroup> groups;
  for (const auto& t : vocabulary)
    if (t.key == type)
      for (const auto& v : t.values) groups.push_back({v.key, {}});
  ItemGroup none{"", {}};
  for (const auto& item : items) {
    const auto* values = values_of(item, type);
    if (!values || values->empty()) {
      none.keys.push_back(item.key);
      continue;
    }
    for (const auto& v : *values) {
      auto g = std::find_if(groups.begin(), groups.end(), [&](const ItemGroup& x) { return x.value == v; });
      if (g == groups.end()) g = groups.insert(groups.end(), {v, {}});
      g->keys.push_back(item.key);
    }
  }
  if (!none.keys.empty()) groups.push_back(std::move(none));
  return groups;
}

Balance balance(const std::vector<TailoredItem>& items, const std::vector<AttributeType>& vocabulary) {
  Balance b;
  b.total = static_cast<int>(items.size());
  for (const auto& i : items) {
    (i.level == ItemLevel::required ? b.required : b.recommended)++;
    if (i.technical) ++b.technical;
  }
  std::vector<std::string> types;
  for (const auto& t : vocabulary) types.push_back(t.key);
  for (const auto& i : items)
    for (const auto& [t, values] : i.attributes)
      if (!contains(types, t)) types.push_back(t);
  for (const auto& t : types) {
    TypeBalance tb{t, {}, 0};
    for (const auto& g : group_items(items, t, vocabulary)) {
      if (g.value.empty())
        tb.unclassified = static_cast<int>(g.keys.size());
      else
        tb.values.push_back({g.value, static_cast<int>(g.keys.size())});
    }
    b.types.push_back(std::move(tb));
  }
  return b;
}

}  // namespace mamori::domain
