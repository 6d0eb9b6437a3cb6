// Where a tailored standard's items come from: the base catalog's nodes a
// "take" brings in, the catalog items an added item names as its origin,
// and the ISO/IEC 27002:2022 attributes an item inherits from them, either
// directly (Annex A carries them) or through a mapping to Annex A (ISMAP's
// 統制目標 map to Annex A controls; a .B/.PB detail inherits through its
// objective). Internal to app/.
#pragma once

#include <string>
#include <vector>

#include "domain/catalog.h"
#include "domain/error.h"
#include "domain/tailored_standard.h"
#include "store/catalog_repository.h"

namespace mamori::store {
class Tx;
}

namespace mamori::app {

// The catalog whose attribute vocabulary the standards use.
inline constexpr const char* kAttributeCatalog = "iso27001-2022";

// The 27002:2022 attribute types (empty when the catalog is not loaded).
Result<std::vector<domain::AttributeType>> attribute_vocabulary(store::Tx& tx);

// Content for taking `refs` (or, with `kinds`, every node of those kinds)
// from the base catalog, in document order, each with its inherited
// attributes. invalid_input naming `refs` for a ref the catalog lacks.
Result<std::vector<domain::ItemContent>> base_items(store::Tx& tx, const store::StoredCatalog& base,
                                                    const std::vector<std::string>& refs,
                                                    const std::vector<std::string>& kinds);

// Checks every origin of `content` names a loaded catalog item ("catalog:ref"),
// fills an empty text/title from the first origin, and adds the inherited
// attributes to those given. invalid_input naming `origin` otherwise.
Status resolve_origins(store::Tx& tx, domain::ItemContent& content);

}  // namespace mamori::app
