// The demo organisation's answer library (回答マスタ): the 44 required items
// of the summary sheet, approved, two of them 条件付き and one past its
// review date (app/demo_library.cpp).
#pragma once

#include <string>
#include <vector>

#include "app/services.h"
#include "domain/answer_library.h"
#include "domain/catalog.h"
#include "domain/error.h"

namespace mamori::app {

// The answers, built on the summary sheet template (ismap-sheet-summary):
// one per required item, keyed to the ISMAP item it cites.
std::vector<domain::LibraryAnswer> demo_library_answers(const domain::Catalog& summary_template);

// Adds the library when the organisation has none yet; idempotent.
Status ensure_demo_library(Services& services, const std::string& tenant_id);

}  // namespace mamori::app
