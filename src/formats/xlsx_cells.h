// The cells of one sheet, in (row, column) order: a sorted vector rather
// than a std::map, because a sheet is filled once, in the order the file
// lists its cells (almost always already sorted), and then only read. It
// offers the part of std::map's interface the readers use.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace mamori::formats {

// 1-based, as Excel shows them (row 1, column 1 = A1).
struct CellAddress {
  int row = 0;
  int column = 0;
  bool operator<(const CellAddress& o) const { return row != o.row ? row < o.row : column < o.column; }
  bool operator==(const CellAddress& o) const { return row == o.row && column == o.column; }
};

class XlsxCells {
 public:
  using value_type = std::pair<CellAddress, std::string>;
  using const_iterator = std::vector<value_type>::const_iterator;
  using iterator = const_iterator;  // cells are changed through insert_or_assign only

  const_iterator begin() const { return cells_.begin(); }
  const_iterator end() const { return cells_.end(); }
  std::size_t size() const { return cells_.size(); }
  bool empty() const { return cells_.empty(); }

  const_iterator lower_bound(const CellAddress& at) const {
    return std::lower_bound(cells_.begin(), cells_.end(), at,
                            [](const value_type& c, const CellAddress& a) { return c.first < a; });
  }
  const_iterator upper_bound(const CellAddress& at) const {
    return std::upper_bound(cells_.begin(), cells_.end(), at,
                            [](const CellAddress& a, const value_type& c) { return a < c.first; });
  }
  const_iterator find(const CellAddress& at) const {
    auto it = lower_bound(at);
    return it != cells_.end() && it->first == at ? it : cells_.end();
  }
  std::size_t count(const CellAddress& at) const { return find(at) != cells_.end() ? 1 : 0; }

  // Sets the cell's text, keeping the order; appending after the last cell
  // (how a file lists them) costs no search.
  void insert_or_assign(const CellAddress& at, std::string text) {
    if (cells_.empty() || cells_.back().first < at) {
      cells_.emplace_back(at, std::move(text));
      return;
    }
    auto it = std::lower_bound(cells_.begin(), cells_.end(), at,
                               [](const value_type& c, const CellAddress& a) { return c.first < a; });
    if (it != cells_.end() && it->first == at)
      it->second = std::move(text);
    else
      cells_.emplace(it, at, std::move(text));
  }

  // For a reader that lists cells as the file has them, sorted or not:
  // `append` now, then `sort` once; of cells with the same address the one
  // appended last stays, as insert_or_assign would have left it.
  void append(const CellAddress& at, std::string text) {
    if (!cells_.empty() && !(cells_.back().first < at)) sorted_ = false;
    cells_.emplace_back(at, std::move(text));
  }
  void sort() {
    if (sorted_) return;
    std::stable_sort(cells_.begin(), cells_.end(),
                     [](const value_type& a, const value_type& b) { return a.first < b.first; });
    // Keep the last of each run of equal addresses.
    auto out = cells_.begin();
    for (auto it = cells_.begin(); it != cells_.end(); ++it) {
      auto next = std::next(it);
      if (next != cells_.end() && next->first == it->first) continue;
      if (out != it) *out = std::move(*it);
      ++out;
    }
    cells_.erase(out, cells_.end());
    sorted_ = true;
  }

  void clear() {
    cells_.clear();
    sorted_ = true;
  }
  void reserve(std::size_t n) { cells_.reserve(n); }

  bool operator==(const XlsxCells& o) const { return cells_ == o.cells_; }

 private:
  std::vector<value_type> cells_;
  bool sorted_ = true;
};

}  // namespace mamori::formats
