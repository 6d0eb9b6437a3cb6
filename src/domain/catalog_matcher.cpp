#include "domain/catalog_matcher.h"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "domain/security_terms.h"

namespace mamori::domain {

namespace {

// A node's own words. Items whose text starts with their title (統制目標,
// 詳細管理策) do not get the title twice.
std::string node_text(const Node& n) {
  const bool title_in_text = !n.text.empty() && n.text.rfind(n.title, 0) == 0;
  std::string out = title_in_text ? std::string() : n.title + "\n";
  if (!n.objective.empty()) out += n.objective + "\n";
  return out + n.text;
}

}  // namespace

struct CatalogMatcher::Impl {
  const Catalog* catalog;
  MatcherOptions options;
  CatalogIndex tree;
  TextIndex index;
  std::vector<std::size_t> ranked_as;  // node -> the node it scores for (SIZE_MAX: none)

  Impl(const Catalog& c, MatcherOptions o) : catalog(&c), options(o), tree(c) {
    const auto& nodes = c.nodes;
    ranked_as.assign(nodes.size(), SIZE_MAX);
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      index.add(node_text(nodes[i]));
      if (options.rank_level <= 0) {
        ranked_as[i] = i;
        continue;
      }
      if (tree.level(i) < options.rank_level) continue;
      std::size_t up = i;
      while (tree.level(up) > options.rank_level) up = *tree.index_of(nodes[up].parent);
      ranked_as[i] = up;
    }
    index.build();
  }
};

CatalogMatcher::CatalogMatcher(const Catalog& catalog, MatcherOptions options)
    : impl_(std::make_unique<Impl>(catalog, options)) {}
CatalogMatcher::~CatalogMatcher() = default;
CatalogMatcher::CatalogMatcher(CatalogMatcher&&) noexcept = default;
CatalogMatcher& CatalogMatcher::operator=(CatalogMatcher&&) noexcept = default;

const Catalog& CatalogMatcher::catalog() const { return *impl_->catalog; }

std::vector<NodeMatch> CatalogMatcher::match(std::string_view question, std::size_t top) const {
  const Impl& m = *impl_;
  const std::string text = m.options.expand_terms ? expand_security_terms(question) : std::string(question);
  if (m.options.rank_level <= 0) {
    std::vector<NodeMatch> out;
    for (const auto& hit : m.index.query(text, top)) out.push_back({hit.document, hit.score});
    return out;
  }
  // Every node may lift its ancestor, so all hits are needed, not only the top.
  std::unordered_map<std::size_t, double> best;
  for (const auto& hit : m.index.query(text, m.catalog->nodes.size())) {
    const std::size_t to = m.ranked_as[hit.document];
    if (to == SIZE_MAX) continue;
    double& score = best[to];
    score = std::max(score, hit.score);
  }
  std::vector<NodeMatch> out;
  out.reserve(best.size());
  for (const auto& [node, score] : best) out.push_back({node, score});
  std::sort(out.begin(), out.end(), [](const NodeMatch& a, const NodeMatch& b) {
    return a.score != b.score ? a.score > b.score : a.node < b.node;
  });
  if (out.size() > top) out.resize(top);
  return out;
}

int default_rank_level(const Catalog& catalog) {
  return catalog.info.id.rfind("ismap-20", 0) == 0 ? 2 : 0;
}

}  // namespace mamori::domain
