// What changed between two versions of a tailored standard: items are
// matched by key (stable across rewording and renumbering), so a reworded
// item shows as reworded, not as one removed and one added.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/tailored_standard.h"

namespace mamori::domain {

struct StandardItemChange {
  std::string key;
  // What differs, in this order: added, removed, renumbered, reworded
  // (title or text), origin, level, technical (flag or interval),
  // attributes, regulations.
  std::vector<std::string> changes;
  std::optional<TailoredItem> before;  // absent for an added item
  std::optional<TailoredItem> after;   // absent for a removed item
};

// Changed items only: first those of `to` in its order, then the removed in
// the order they had in `from`.
std::vector<StandardItemChange> diff_items(const std::vector<TailoredItem>& from, const std::vector<TailoredItem>& to);

}  // namespace mamori::domain
