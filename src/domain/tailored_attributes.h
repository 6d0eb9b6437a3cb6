// Using attributes on a tailored standard's items (seed 002 III.2): filter
// and group items by any attribute type (27002:2022's or the organisation's
// own), the balance view (are 予防 / 検知 / 是正 and 機密性 / 完全性 / 可用性
// covered in proportion?), and the audit-scope selection (e.g. every #検知
// item) an audit works from.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "domain/tailored_standard.h"

namespace mamori::domain {

// Items matching every condition: for each attribute type listed, at least
// one of its values (AND across types, OR within one); level and technical
// when given.
struct ItemFilter {
  AttributeValues attributes;
  std::optional<ItemLevel> level;
  std::optional<bool> technical;
  bool empty() const { return attributes.empty() && !level && !technical; }
  bool operator==(const ItemFilter&) const = default;
};

bool matches(const TailoredItem& item, const ItemFilter& filter);
std::vector<TailoredItem> filter_items(const std::vector<TailoredItem>& items, const ItemFilter& filter);

// Reads "type:value" terms (the query form ?attr=control_type:detective)
// into a filter; invalid_input names `attr` for a malformed term.
Result<ItemFilter> parse_attribute_terms(const std::vector<std::string>& terms);

struct ItemGroup {
  std::string value;               // "" for items without a value of the type
  std::vector<std::string> keys;   // in item order
};
// Items grouped by the values of one type, in vocabulary order when the type
// has one, otherwise in order of first appearance; the ungrouped last. An
// item with two values is in both groups.
std::vector<ItemGroup> group_items(const std::vector<TailoredItem>& items, std::string_view type,
                                   const std::vector<AttributeType>& vocabulary);

struct ValueCount {
  std::string value;
  int count = 0;
};
struct TypeBalance {
  std::string type;
  std::vector<ValueCount> values;  // every vocabulary value, zeros included, so a gap shows
  int unclassified = 0;            // items with no value of this type
};
struct Balance {
  int total = 0;
  int required = 0;
  int recommended = 0;
  int technical = 0;
  std::vector<TypeBalance> types;  // vocabulary types first, then the organisation's own
};
Balance balance(const std::vector<TailoredItem>& items, const std::vector<AttributeType>& vocabulary);

}  // namespace mamori::domain
