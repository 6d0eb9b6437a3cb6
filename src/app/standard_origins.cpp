#include "app/standard_origins.h"

#include <algorithm>
#include <map>
#include <set>

namespace mamori::app {

namespace {

Error origin_error(const std::string& field, const std::string& message) {
  return make_error(ErrorCode::invalid_input, "unknown_ref", message, Location::in_field(field));
}

// Everything needed to resolve the attributes of one catalog's nodes.
struct CatalogNodes {
  store::StoredCatalog catalog;
  std::map<std::string, domain::Node> by_ref;
  std::vector<std::string> order;
};

Result<CatalogNodes> load_nodes(store::Tx& tx, const store::StoredCatalog& catalog) {
  CatalogNodes out{catalog, {}, {}};
  auto nodes = store::list_nodes(tx, catalog.id);
  if (!nodes) return nodes.error();
  for (auto& n : nodes.value()) {
    out.order.push_back(n.node.ref);
    out.by_ref.emplace(n.node.ref, std::move(n.node));
  }
  return out;
}

// The node's own attributes; otherwise those of the Annex A controls it maps
// to; otherwise its parent's (a .B/.PB detail inherits its objective's).
Result<domain::AttributeValues> inherited(store::Tx& tx, const CatalogNodes& c, const std::string& ref,
                                          const CatalogNodes* annex_a) {
  std::string at = ref;
  for (int depth = 0; depth < 16 && !at.empty(); ++depth) {
    auto node = c.by_ref.find(at);
    if (node == c.by_ref.end()) break;
    if (!node->second.attributes.empty()) return node->second.attributes;
    if (annex_a) {
      auto links = store::node_links(tx, c.catalog.id, at);
      if (!links) return links.error();
      std::vector<domain::AttributeValues> sets;
      for (const auto& l : links.value()) {
        if (l.link.other_catalog != kAttributeCatalog) continue;
        auto target = annex_a->by_ref.find(l.link.other_ref);
        if (target != annex_a->by_ref.end()) sets.push_back(target->second.attributes);
      }
      if (!sets.empty()) return domain::merge_attributes(sets);
    }
    at = node->second.parent;
  }
  return domain::AttributeValues{};
}

Result<std::optional<CatalogNodes>> annex_a_nodes(store::Tx& tx) {
  auto annex = store::find_catalog(tx, kAttributeCatalog);
  if (!annex) return annex.error();
  if (!annex.value()) return std::optional<CatalogNodes>();
  auto nodes = load_nodes(tx, *annex.value());
  if (!nodes) return nodes.error();
  return std::optional<CatalogNodes>(std::move(nodes.value()));
}

}  // namespace

Result<std::vector<domain::AttributeType>> attribute_vocabulary(store::Tx& tx) {
  auto annex = store::find_catalog(tx, kAttributeCatalog);
  if (!annex) return annex.error();
  if (!annex.value()) return std::vector<domain::AttributeType>{};
  return annex.value()->info.attributes;
}

Result<std::vector<domain::ItemContent>> base_items(store::Tx& tx, const store::StoredCatalog& base,
                                                    const std::vector<std::string>& refs,
                                                    const std::vector<std::string>& kinds) {
  auto nodes = load_nodes(tx, base);
  if (!nodes) return nodes.error();
  auto annex = annex_a_nodes(tx);
  if (!annex) return annex.error();
  const CatalogNodes* annex_a = annex.value() ? &*annex.value() : nullptr;
  std::set<std::string> wanted(refs.begin(), refs.end());
  for (const auto& r : refs)
    if (!nodes->by_ref.count(r))
      return origin_error("refs", base.info.id + " " + base.info.version + " has no item " + r);
  std::vector<domain::ItemContent> out;
  for (const auto& ref : nodes->order) {
    const domain::Node& n = nodes->by_ref.at(ref);
    const bool by_kind = std::find(kinds.begin(), kinds.end(), n.kind) != kinds.end();
    if (!wanted.count(ref) && !by_kind) continue;
    domain::ItemContent c;
    c.number = n.label.empty() ? n.ref : n.label;
    c.title = n.title;
    // Annex A carries no control text (copyright): the title stands for it.
    c.text = n.text.empty() ? n.title : n.text;
    c.origin = {base.info.id + ":" + n.ref};
    auto attrs = inherited(tx, *nodes, ref, annex_a);
    if (!attrs) return attrs.error();
    c.attributes = std::move(attrs.value());
    out.push_back(std::move(c));
  }
  if (out.empty())
    return make_error(ErrorCode::invalid_input, "required", "choose the items to take (refs or kinds)",
                      Location::in_field("refs"));
  return out;
}

Status resolve_origins(store::Tx& tx, domain::ItemContent& content) {
  std::vector<domain::AttributeValues> sets{content.attributes};
  std::optional<std::optional<CatalogNodes>> annex;
  for (const auto& origin : content.origin) {
    if (!domain::valid_origin(origin))
      return make_error(ErrorCode::invalid_input, "invalid", "origin is catalog:ref, e.g. iso27001-2022:5.4, not " + origin,
                        Location::in_field("origin"));
    const auto colon = origin.find(':');
    const std::string key = origin.substr(0, colon), ref = origin.substr(colon + 1);
    auto catalog = store::find_catalog(tx, key);
    if (!catalog) return catalog.error();
    if (!catalog.value()) return origin_error("origin", "no catalog " + key + " is loaded (origin " + origin + ")");
    auto nodes = load_nodes(tx, *catalog.value());
    if (!nodes) return nodes.error();
    auto node = nodes->by_ref.find(ref);
    if (node == nodes->by_ref.end()) return origin_error("origin", key + " has no item " + ref);
    if (content.text.empty() && &origin == &content.origin.front())
      content.text = node->second.text.empty() ? node->second.title : node->second.text;
    if (content.title.empty() && &origin == &content.origin.front()) content.title = node->second.title;
    if (!annex) {
      auto loaded = annex_a_nodes(tx);
      if (!loaded) return loaded.error();
      annex = std::move(loaded.value());
    }
    auto attrs = inherited(tx, *nodes, ref, *annex ? &**annex : nullptr);
    if (!attrs) return attrs.error();
    sets.push_back(std::move(attrs.value()));
  }
  content.attributes = domain::merge_attributes(sets);
  return ok();
}

}  // namespace mamori::app
