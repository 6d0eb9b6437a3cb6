// The cells of one sheet, in (row, column) order: a sorted vector rather
// than a std::map, because a sheet is filled once, in the order the file
// lists its cells (almost always already sorted), and then only read. It
// offers the part of std::map's interface the readers use.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
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

// Cell text lives in blocks the cells own (TextArena), not in one
// std::string per cell: reading a 10,000-row sheet made and freed 140,000
// strings, the largest cost of reading it after the XML itself. Views into
// the blocks stay valid as cells are added, moved or sorted; a copy of the
// cells copies the text into blocks of its own.
class TextArena {
 public:
  TextArena() = default;
  TextArena(TextArena&&) noexcept = default;
  TextArena& operator=(TextArena&&) noexcept = default;
  TextArena(const TextArena&) = delete;
  TextArena& operator=(const TextArena&) = delete;

  std::string_view store(std::string_view text) {
    if (text.empty()) return {};
    if (static_cast<std::size_t>(end_ - next_) < text.size()) {
      // Each block twice the last, up to kLargestBlock: a large sheet takes
      // a few dozen allocations rather than one per 64 KB, and each large
      // allocation makes glibc's malloc consolidate its free small chunks
      // (perf put that at a twentieth of reading 10,000 asset rows).
      const std::size_t grown = blocks_.size() < 4 ? kBlock << blocks_.size() : kLargestBlock;
      const std::size_t size = std::max(grown, text.size());
      blocks_.push_back(std::make_unique_for_overwrite<char[]>(size));  // no zero fill: written next
      next_ = blocks_.back().get();
      end_ = next_ + size;
    }
    char* at = next_;
    std::memcpy(at, text.data(), text.size());
    next_ += text.size();
    return {at, text.size()};
  }
  void clear() {
    blocks_.clear();
    next_ = end_ = nullptr;
  }
  // Takes over the blocks of `other`: views into them stay valid.
  void adopt(TextArena&& other) {
    for (auto& block : other.blocks_) blocks_.push_back(std::move(block));
    other.clear();
  }

 private:
  static constexpr std::size_t kBlock = 64 * 1024;
  static constexpr std::size_t kLargestBlock = 1024 * 1024;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* next_ = nullptr;
  char* end_ = nullptr;
};

class XlsxCells {
 public:
  // first/second, as the std::map this replaced had them.
  struct Cell {
    CellAddress first;
    std::string_view second;  // valid while these cells live
    bool operator==(const Cell& o) const { return first == o.first && second == o.second; }
  };
  using value_type = Cell;
  using const_iterator = std::vector<value_type>::const_iterator;
  using iterator = const_iterator;  // cells are changed through insert_or_assign only

  XlsxCells() = default;
  XlsxCells(XlsxCells&&) noexcept = default;
  XlsxCells& operator=(XlsxCells&&) noexcept = default;
  XlsxCells(const XlsxCells& o) : sorted_(o.sorted_) { copy_from(o); }
  XlsxCells& operator=(const XlsxCells& o) {
    if (this != &o) {
      clear();
      sorted_ = o.sorted_;
      copy_from(o);
    }
    return *this;
  }

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
  void insert_or_assign(const CellAddress& at, std::string_view text) {
    const std::string_view stored = text_.store(text);
    if (cells_.empty() || cells_.back().first < at) {
      cells_.push_back({at, stored});
      return;
    }
    auto it = std::lower_bound(cells_.begin(), cells_.end(), at,
                               [](const value_type& c, const CellAddress& a) { return c.first < a; });
    if (it != cells_.end() && it->first == at)
      it->second = stored;
    else
      cells_.insert(it, {at, stored});
  }

  // For a reader that lists cells as the file has them, sorted or not:
  // `append` now, then `sort` once; of cells with the same address the one
  // appended last stays, as insert_or_assign would have left it.
  void append(const CellAddress& at, std::string_view text) {
    if (!cells_.empty() && !(cells_.back().first < at)) sorted_ = false;
    cells_.push_back({at, text_.store(text)});
  }
  // Appends the cells of `other`, which becomes empty; its text is taken
  // over, not copied (a sheet read in two halves is joined so).
  void append_all(XlsxCells&& other) {
    if (other.cells_.empty()) return;
    if (!other.sorted_ || (!cells_.empty() && !(cells_.back().first < other.cells_.front().first))) sorted_ = false;
    cells_.insert(cells_.end(), other.cells_.begin(), other.cells_.end());
    text_.adopt(std::move(other.text_));
    other.clear();
  }
  void sort() {
    if (sorted_) return;
    std::stable_sort(cells_.begin(), cells_.end(), [](const value_type& a, const value_type& b) { return a.first < b.first; });
    // Keep the last of each run of equal addresses.
    auto out = cells_.begin();
    for (auto it = cells_.begin(); it != cells_.end(); ++it) {
      auto next = std::next(it);
      if (next != cells_.end() && next->first == it->first) continue;
      if (out != it) *out = *it;
      ++out;
    }
    cells_.erase(out, cells_.end());
    sorted_ = true;
  }

  void clear() {
    cells_.clear();
    text_.clear();
    sorted_ = true;
  }
  void reserve(std::size_t n) { cells_.reserve(n); }

  bool operator==(const XlsxCells& o) const { return cells_ == o.cells_; }

 private:
  void copy_from(const XlsxCells& o) {
    cells_.reserve(o.cells_.size());
    for (const auto& c : o.cells_) cells_.push_back({c.first, text_.store(c.second)});
  }

  std::vector<value_type> cells_;
  TextArena text_;
  bool sorted_ = true;
};

}  // namespace mamori::formats
