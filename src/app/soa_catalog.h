// What an SoA is made of, read from the loaded catalogs: the controls it may
// have rows for (Annex A controls, CLD controls with their applies_to, ISMAP
// objectives and .B/.PB details) and the base Annex A controls of each CLD
// control (mapping iso27017-2015_iso27001-2022). The latest version of each
// catalog is used.
#pragma once

#include <memory>
#include <vector>

#include "domain/error.h"
#include "domain/soa.h"
#include "domain/soa_rules.h"

namespace mamori::store {
class Tx;
}

namespace mamori::app {

inline constexpr const char* kCloudBaseMapping = "iso27017-2015_iso27001-2022";

struct SoaCatalogData {
  std::vector<domain::SoaControl> controls;  // catalog order: Annex A, CLD, ISMAP
  domain::CloudBases bases;
};

// not_found naming the catalog when one of the three is not loaded.
//
// Cached: the data changes only when a catalog or the mapping is loaded, and
// rebuilding it (about 450 nodes and a link query per CLD control) was most
// of an SoA read. Each call checks the cache against what identifies every
// stored catalog and mapping (store::catalogs_fingerprint: ids, revisions,
// content hashes), so a load by any process is seen at the next call. Catalogs are shared by every organisation; the
// cache holds nothing of any one organisation.
Result<std::shared_ptr<const SoaCatalogData>> soa_catalog_data(store::Tx& tx);

}  // namespace mamori::app
