// Which items of a catalog a question is about: the catalog's nodes (title,
// 管理目的 and text) in a TextIndex, the question expanded with standard
// wording (security_terms.h). With a ranking level, every node scores for its
// ancestor at that level (the best of its subtree): check sheets ask at the
// level of an ISMAP category (12.2), while the words that match are often in
// the items below it (12.2.1.3). bench/matcher_bench.cpp measures the choice.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "domain/catalog.h"
#include "domain/text_index.h"

namespace mamori::domain {

struct MatcherOptions {
  // 0: rank nodes as they are. N >= 1: rank the nodes of level N, each by
  // the best score in its subtree (nodes above N are not returned).
  int rank_level = 0;
  bool expand_terms = true;
};

struct NodeMatch {
  std::size_t node = 0;  // index in catalog().nodes
  double score = 0;      // 0..1
};

class CatalogMatcher {
 public:
  // The catalog must outlive the matcher.
  explicit CatalogMatcher(const Catalog& catalog, MatcherOptions options = {});
  ~CatalogMatcher();
  CatalogMatcher(CatalogMatcher&&) noexcept;
  CatalogMatcher& operator=(CatalogMatcher&&) noexcept;

  const Catalog& catalog() const;
  // Best first; ties keep catalog order. Safe to call concurrently.
  std::vector<NodeMatch> match(std::string_view question, std::size_t top) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A catalog's default ranking level for matching sheet questions: 2 for
// ISMAP (the categories the sheets ask about), 0 (every node) otherwise.
int default_rank_level(const Catalog& catalog);

}  // namespace mamori::domain
