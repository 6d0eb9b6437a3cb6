// What an SoA is made of, read from the loaded catalogs: the controls it may
// have rows for (Annex A controls, CLD controls with their applies_to, ISMAP
// objectives and .B/.PB details) and the base Annex A controls of each CLD
// control (mapping iso27017-2015_iso27001-2022). The latest version of each
// catalog is used.
#pragma once

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
Result<SoaCatalogData> soa_catalog_data(store::Tx& tx);

}  // namespace mamori::app
