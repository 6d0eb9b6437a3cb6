// A procurement sheet's questions and the catalog shape the writer, the
// importer and the evaluation work on: a sheet starts as a copy of a
// template's groups and questions, and its (tailored) items turn back into
// a domain::Catalog whenever the shared code needs one.
#pragma once

#include <string>
#include <vector>

#include "domain/catalog.h"
#include "domain/error.h"
#include "domain/sheet_evaluation.h"
#include "store/sheet_repository.h"

namespace mamori::app {

// The built-in template ("ismap-sheet-summary" / "ismap-sheet-detailed",
// or the short names "ismap-summary" / "ismap-detailed").
Result<const domain::Catalog*> sheet_template(const std::string& name);

// A template's section-2 groups and questions as a sheet's own items, in
// order; the preamble (items 1 and 2: information and ISMAP listing) is
// every sheet's and is not copied.
std::vector<store::SheetItem> items_from_template(const domain::Catalog& sheet_template);

enum class CatalogUse {
  writing,     // every asked question is a row of the sheet
  evaluating,  // only the questions the ISMAP rule judges are required
};

// Dropped items and empty groups are left out.
domain::Catalog sheet_catalog(const store::Sheet& sheet, const std::vector<store::SheetItem>& items, CatalogUse use);

// The questions the verdict rests on: asked and required, in order.
std::vector<domain::RequiredItem> judged_items(const std::vector<store::SheetItem>& items);

}  // namespace mamori::app
