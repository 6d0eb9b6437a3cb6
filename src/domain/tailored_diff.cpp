#include "domain/tailored_diff.h"

#include <algorithm>
#include <unordered_map>

namespace mamori::domain {

std::vector<StandardItemChange> diff_items(const std::vector<TailoredItem>& from, const std::vector<TailoredItem>& to) {
  std::unordered_map<std::string, const TailoredItem*> before, after;
  for (const auto& i : from) before[i.key] = &i;
  for (const auto& i : to) after[i.key] = &i;
  std::vector<StandardItemChange> out;
  for (const auto& b : to) {
    auto found = before.find(b.key);
    if (found == before.end()) {
      out.push_back({b.key, {"added"}, std::nullopt, b});
      continue;
    }
    const TailoredItem& a = *found->second;
    std::vector<std::string> changes;
    if (a.number != b.number) changes.push_back("renumbered");
    if (a.title != b.title || a.text != b.text) changes.push_back("reworded");
    if (a.origin != b.origin || a.source != b.source) changes.push_back("origin");
    if (a.level != b.level) changes.push_back("level");
    if (a.technical != b.technical || a.review_months != b.review_months) changes.push_back("technical");
    if (a.attributes != b.attributes) changes.push_back("attributes");
    if (a.regulations != b.regulations) changes.push_back("regulations");
    if (!changes.empty()) out.push_back({b.key, std::move(changes), a, b});
  }
  for (const auto& a : from)
    if (!after.count(a.key)) out.push_back({a.key, {"removed"}, a, std::nullopt});
  return out;
}

}  // namespace mamori::domain
