// Check-sheet templates derived from catalogs, and the ISMAP rule of which
// items a sheet must cover (seed 000: every 3-digit 統制目標 and every 4-digit
// 詳細管理策 ending in B must in principle be met; the detailed sheet also
// asks every governance and management item).
#pragma once

#include "domain/catalog.h"

namespace mamori::domain {

inline constexpr const char* kIsmapCatalogId = "ismap-2024";
inline constexpr const char* kDetailedSheetId = "ismap-sheet-detailed";

// True for the ISMAP nodes a detailed check sheet asks about: governance and
// management items (kind item), 3-digit objectives, and details flagged B.
bool is_required_ismap_item(const Node& node);

// The detailed check-sheet template: a group per part (3, 4) and per domain
// (5–18), and under it one question per required ISMAP item, in the
// catalog's order, each referring back to its ISMAP node. `ismap` must be a
// checked ismap-2024 catalog.
Catalog derive_detailed_sheet(const Catalog& ismap);

}  // namespace mamori::domain
