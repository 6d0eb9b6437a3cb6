// Blank check sheets from the templates.
#pragma once

#include <string>

#include "domain/catalog.h"
#include "domain/error.h"
#include "formats/check_sheet_xlsx.h"

namespace mamori::app {

// "ismap-summary" -> "ismap-sheet-summary"; other ids as they are.
std::string sheet_template_id(const std::string& name);

// Writes a blank sheet of a built-in template to `path`.
Status write_blank_sheet(const std::string& template_name, const std::string& path,
                         const formats::CheckSheetMeta& meta = {});

}  // namespace mamori::app
