#include "domain/catalog.h"

#include <algorithm>
#include <cctype>

namespace mamori::domain {

const AttributeValue* AttributeType::find_value(std::string_view value_key) const {
  for (const auto& v : values)
    if (v.key == value_key) return &v;
  return nullptr;
}

bool Node::has_flag(std::string_view flag) const {
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

const std::vector<std::string>* Node::attribute(std::string_view type) const {
  for (const auto& [key, values] : attributes)
    if (key == type) return &values;
  return nullptr;
}

const AttributeType* CatalogInfo::find_attribute(std::string_view key) const {
  for (const auto& a : attributes)
    if (a.key == key) return &a;
  return nullptr;
}

const FlagDefinition* CatalogInfo::find_flag(std::string_view key) const {
  for (const auto& f : flags)
    if (f.key == key) return &f;
  return nullptr;
}

bool CatalogInfo::has_kind(std::string_view kind) const {
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

CatalogIndex::CatalogIndex(const Catalog& catalog)
    : catalog_(&catalog), levels_(catalog.nodes.size(), 1), children_(catalog.nodes.size()) {
  const auto& nodes = catalog.nodes;
  by_ref_.reserve(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) by_ref_.emplace(nodes[i].ref, i);
  // Parents come earlier in the file (check_catalog enforces it), so one
  // pass in document order sets every level and keeps children in order.
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].parent.empty()) {
      roots_.push_back(i);
      continue;
    }
    auto it = by_ref_.find(nodes[i].parent);
    if (it == by_ref_.end()) {
      roots_.push_back(i);  // only for unchecked catalogs; check_catalog reports it
      continue;
    }
    levels_[i] = levels_[it->second] + 1;
    children_[it->second].push_back(i);
  }
}

const Node* CatalogIndex::find(std::string_view ref) const {
  auto it = by_ref_.find(ref);
  return it == by_ref_.end() ? nullptr : &catalog_->nodes[it->second];
}

std::optional<std::size_t> CatalogIndex::index_of(std::string_view ref) const {
  auto it = by_ref_.find(ref);
  if (it == by_ref_.end()) return std::nullopt;
  return it->second;
}

int CatalogIndex::level_of(std::string_view ref) const {
  auto i = index_of(ref);
  return i ? levels_[*i] : 0;
}

int compare_versions(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  auto is_digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      std::size_t si = i, sj = j;
      while (i < a.size() && is_digit(a[i])) ++i;
      while (j < b.size() && is_digit(b[j])) ++j;
      auto da = a.substr(si, i - si), db = b.substr(sj, j - sj);
      // Compare as numbers without overflow: strip leading zeros, then the
      // longer digit run is larger, then lexicographic.
      while (da.size() > 1 && da.front() == '0') da.remove_prefix(1);
      while (db.size() > 1 && db.front() == '0') db.remove_prefix(1);
      if (da.size() != db.size()) return da.size() < db.size() ? -1 : 1;
      if (int c = da.compare(db); c != 0) return c < 0 ? -1 : 1;
    } else {
      if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]) ? -1 : 1;
      ++i;
      ++j;
    }
  }
  if (i < a.size()) return 1;
  if (j < b.size()) return -1;
  return 0;
}

}  // namespace mamori::domain
