// One value picked by the word a person typed in a cell, compared folded
// (domain::fold_for_search: width, case, spaces), as importers read 種別,
// levels and あり/なし in every row of a sheet.
//
// Most cells hold a word exactly as the exporter wrote it ("情報", "3",
// "あり"), so each word's own spelling is tried first, without folding; the
// answer for it is the one the folded comparison gives (worked out once
// when the word is added), so the shortcut can never disagree with it. Only
// other spellings are folded, which costs an allocation per cell.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/text.h"

namespace mamori::formats {

template <typename Value>
class FoldedChoice {
 public:
  // Words are compared in the order added; the first that matches wins.
  void add(std::string_view word, Value value) {
    folded_.emplace_back(domain::fold_for_search(word), value);
    // The first match wins, so words added later cannot change this answer.
    exact_.emplace_back(std::string(word), *find_folded(word));
  }

  std::optional<Value> find(std::string_view cell) const {
    for (const auto& [word, value] : exact_)
      if (cell == word) return value;
    return find_folded(cell);
  }

 private:
  std::optional<Value> find_folded(std::string_view cell) const {
    const std::string f = domain::fold_for_search(cell);
    for (const auto& [word, value] : folded_)
      if (f == word) return value;
    return std::nullopt;
  }

  std::vector<std::pair<std::string, Value>> folded_;  // folded, same order
  std::vector<std::pair<std::string, Value>> exact_;   // as given -> the folded comparison's answer
};

}  // namespace mamori::formats
