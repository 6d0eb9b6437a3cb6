#include "app/soa_catalog.h"

#include <mutex>
#include <string>

#include "store/catalog_repository.h"

namespace mamori::app {

namespace {

Result<store::StoredCatalog> latest(store::Tx& tx, const char* key) {
  auto found = store::find_catalog(tx, key);
  if (!found) return found.error();
  if (!found.value())
    return make_error(ErrorCode::not_found, "catalog_missing",
                      std::string("catalog ") + key + " is not loaded (run mamori init)", Location::in_field("catalog"));
  return std::move(*found.value());
}

domain::SoaControl control_of(const char* catalog, const domain::Node& n, domain::SoaRowKind kind) {
  domain::SoaControl c;
  c.catalog_key = catalog;
  c.ref = n.ref;
  c.kind = kind;
  c.title = n.title;
  c.title_en = n.title_en;
  if (kind == domain::SoaRowKind::ismap_detail) c.parent_ref = n.parent;
  return c;
}

Result<SoaCatalogData> build(store::Tx& tx, const std::string& annex_row, const std::string& cloud_row,
                             const std::string& ismap_row) {
  SoaCatalogData out;
  auto annex = store::list_nodes(tx, annex_row);
  if (!annex) return annex.error();
  for (const auto& n : annex.value())
    if (n.node.kind == "control")
      out.controls.push_back(control_of(domain::kAnnexACatalog, n.node, domain::SoaRowKind::annex_a));

  auto cloud = store::list_nodes(tx, cloud_row);
  if (!cloud) return cloud.error();
  for (const auto& n : cloud.value()) {
    if (n.node.kind != "control") continue;
    auto c = control_of(domain::kCloudCatalog, n.node, domain::SoaRowKind::cloud_extension);
    // applies_to is the catalog's statement of whose guidance the control
    // carries; a node without it applies to both sides.
    if (const auto* parties = n.node.attribute("applies_to")) {
      c.applies_to = {};
      for (const auto& p : *parties) {
        if (p == "customer") c.applies_to.customer = true;
        if (p == "provider") c.applies_to.provider = true;
      }
    }
    out.controls.push_back(std::move(c));
    auto links = store::node_links(tx, cloud_row, n.node.ref);
    if (!links) return links.error();
    for (const auto& l : links.value())
      if (l.link.mapping_id == kCloudBaseMapping && l.link.other_catalog == domain::kAnnexACatalog)
        out.bases[n.node.ref].insert(l.link.other_ref);
  }

  auto ismap = store::list_nodes(tx, ismap_row);
  if (!ismap) return ismap.error();
  for (const auto& n : ismap.value()) {
    if (n.node.kind == "objective")
      out.controls.push_back(control_of(domain::kIsmapCatalog, n.node, domain::SoaRowKind::ismap_objective));
    else if (n.node.kind == "detail")
      out.controls.push_back(control_of(domain::kIsmapCatalog, n.node, domain::SoaRowKind::ismap_detail));
  }
  return out;
}

struct Cache {
  std::mutex mutex;
  std::string identity;
  std::shared_ptr<const SoaCatalogData> data;
};

Cache& cache() {
  static Cache c;
  return c;
}

}  // namespace

Result<std::shared_ptr<const SoaCatalogData>> soa_catalog_data(store::Tx& tx) {
  auto identity = store::catalogs_fingerprint(tx);
  if (!identity) return identity.error();
  auto& c = cache();
  {
    std::lock_guard lock(c.mutex);
    if (c.data && c.identity == identity.value()) return c.data;
  }
  auto annex = latest(tx, domain::kAnnexACatalog);
  if (!annex) return annex.error();
  auto cloud = latest(tx, domain::kCloudCatalog);
  if (!cloud) return cloud.error();
  auto ismap = latest(tx, domain::kIsmapCatalog);
  if (!ismap) return ismap.error();
  auto built = build(tx, annex->id, cloud->id, ismap->id);
  if (!built) return built.error();
  auto data = std::make_shared<const SoaCatalogData>(std::move(built.value()));
  std::lock_guard lock(c.mutex);
  c.identity = identity.value();
  c.data = data;
  return data;
}

}  // namespace mamori::app
