// Evaluating a returned check sheet (.xlsx) by the rule of seed 000: read it
// whatever its layout, tell which template it follows, judge every required
// item, and check item 2 against the ISMAP / ISMAP-LIU service list.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/catalog.h"
#include "domain/error.h"
#include "domain/sheet_evaluation.h"
#include "formats/check_sheet_import.h"

namespace mamori::app {

// The required items of a sheet template (ismap-sheet-summary, -detailed or
// a tailored copy), in order, with the ISMAP item each refers to.
std::vector<domain::RequiredItem> required_items(const domain::Catalog& sheet_template);

struct SheetReport {
  std::string template_id;
  formats::ImportedCheckSheet imported;
  domain::SheetEvaluation evaluation;
};

// `templates` are the sheet templates the file may follow; the one sharing
// the most item numbers with the file is used. Required items the file does
// not have are unanswered (unmet) and listed as problems.
Result<SheetReport> evaluate_sheet_file(std::string_view bytes, const std::string& file_name,
                                        const std::vector<const domain::Catalog*>& templates,
                                        const std::vector<domain::ServiceListing>& service_list,
                                        const std::string& as_of,
                                        const std::map<std::string, domain::Review>& reviews = {});

// The built-in templates (summary and detailed).
Result<std::vector<const domain::Catalog*>> builtin_sheet_templates();

// Today in Japan (Asia/Tokyo, UTC+9, no daylight saving): the date a procurer
// means by "today".
std::string today_in_japan();

}  // namespace mamori::app
