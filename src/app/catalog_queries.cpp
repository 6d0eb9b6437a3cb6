#include "app/catalog_queries.h"

#include "domain/text.h"

namespace mamori::app {

namespace {

std::vector<NodeView> views(std::vector<store::StoredNode>&& nodes) {
  std::vector<NodeView> out;
  out.reserve(nodes.size());
  for (auto& n : nodes) out.push_back({std::move(n.node), n.level});
  return out;
}

Result<store::StoredCatalog> find_in(store::Tx& tx, const std::string& key, const std::string& version) {
  auto found = store::find_catalog(tx, key, version);
  if (!found) return found.error();
  if (found.value()) return std::move(*found.value());
  auto all = store::list_catalogs(tx, false);
  if (!all) return all.error();
  std::string known;
  for (const auto& c : all.value()) {
    if (!version.empty() && c.info.id == key) known += (known.empty() ? "" : ", ") + c.info.version;
    if (version.empty()) known += (known.empty() ? "" : ", ") + c.info.id;
  }
  if (!version.empty())
    return make_error(ErrorCode::not_found, "catalog " + key + " has no version " + version +
                                                (known.empty() ? "" : " (loaded: " + known + ")"));
  return make_error(ErrorCode::not_found, "no catalog \"" + key + "\" (known: " + known + ")");
}

// Runs `query` on the catalog `key` at `version` inside one read
// transaction, so what it reads is one consistent snapshot.
template <class T, class Query>
Result<T> read_catalog(store::Database& db, const std::string& key, const std::string& version, Query&& query) {
  std::optional<T> out;
  auto status = db.with_read([&](store::Tx& tx) -> Status {
    auto catalog = find_in(tx, key, version);
    if (!catalog) return catalog.error();
    Result<T> result = query(tx, catalog.value());
    if (!result) return result.error();
    out = std::move(result.value());
    return ok();
  });
  if (!status) return status.error();
  return std::move(*out);
}

}  // namespace

Result<std::vector<store::StoredCatalog>> list_catalogs(store::Database& db, bool all_versions) {
  std::vector<store::StoredCatalog> out;
  auto status = db.with_read([&](store::Tx& tx) -> Status {
    auto list = store::list_catalogs(tx, !all_versions);
    if (!list) return list.error();
    out = std::move(list.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<store::StoredCatalog> find_catalog(store::Database& db, const std::string& key, const std::string& version) {
  return read_catalog<store::StoredCatalog>(
      db, key, version, [](store::Tx&, store::StoredCatalog& c) -> Result<store::StoredCatalog> { return std::move(c); });
}

Result<std::vector<NodeView>> catalog_nodes(store::Database& db, const std::string& key, const std::string& version) {
  return read_catalog<std::vector<NodeView>>(
      db, key, version, [](store::Tx& tx, const store::StoredCatalog& c) -> Result<std::vector<NodeView>> {
        auto nodes = store::list_nodes(tx, c.id);
        if (!nodes) return nodes.error();
        return views(std::move(nodes.value()));
      });
}

Result<NodeDetail> show_node(store::Database& db, const std::string& key, const std::string& ref,
                             const std::string& version) {
  return read_catalog<NodeDetail>(db, key, version, [&](store::Tx& tx, store::StoredCatalog& c) -> Result<NodeDetail> {
    NodeDetail detail;
    detail.catalog = std::move(c);
    auto node = store::find_node(tx, detail.catalog.id, ref);
    if (!node) return node.error();
    if (!node.value())
      return make_error(ErrorCode::not_found, "catalog " + key + " has no node " + ref, Location::in_field("ref"));
    detail.node = {std::move(node.value()->node), node.value()->level};
    if (!detail.node.node.parent.empty()) {
      auto parent = store::find_node(tx, detail.catalog.id, detail.node.node.parent);
      if (!parent) return parent.error();
      if (parent.value()) detail.parent = NodeView{std::move(parent.value()->node), parent.value()->level};
    }
    auto children = store::child_nodes(tx, detail.catalog.id, ref);
    if (!children) return children.error();
    detail.children = views(std::move(children.value()));
    auto links = store::node_links(tx, detail.catalog.id, ref);
    if (!links) return links.error();
    detail.links = std::move(links.value());
    return detail;
  });
}

Result<std::vector<NodeView>> search_catalog(store::Database& db, const std::string& key, const std::string& query,
                                             int limit, const std::string& version) {
  if (query.size() > kMaxSearchQueryBytes)
    return make_error(ErrorCode::invalid_input, "the search text is longer than " +
                                                    std::to_string(kMaxSearchQueryBytes) + " bytes",
                      Location::in_field("q"));
  if (!domain::is_valid_utf8(query))
    return make_error(ErrorCode::invalid_input, "the search text is not valid UTF-8", Location::in_field("q"));
  if (domain::fold_for_search(query).empty())
    return make_error(ErrorCode::invalid_input, "the search text is empty", Location::in_field("q"));
  if (limit < 1 || limit > 10000)
    return make_error(ErrorCode::invalid_input, "limit must be between 1 and 10000", Location::in_field("limit"));
  return read_catalog<std::vector<NodeView>>(
      db, key, version, [&](store::Tx& tx, const store::StoredCatalog& c) -> Result<std::vector<NodeView>> {
        auto nodes = store::search_nodes(tx, c.id, query, limit);
        if (!nodes) return nodes.error();
        return views(std::move(nodes.value()));
      });
}

Result<domain::Catalog> export_catalog(store::Database& db, const std::string& key, const std::string& version) {
  return read_catalog<domain::Catalog>(db, key, version,
                                       [](store::Tx& tx, const store::StoredCatalog& c) { return store::load_catalog(tx, c); });
}

}  // namespace mamori::app
