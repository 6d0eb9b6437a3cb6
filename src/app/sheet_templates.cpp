#include "app/sheet_templates.h"

#include "app/catalog_loader.h"

namespace mamori::app {

std::string sheet_template_id(const std::string& name) {
  if (name == "ismap-summary") return "ismap-sheet-summary";
  if (name == "ismap-detailed") return "ismap-sheet-detailed";
  return name;
}

Status write_blank_sheet(const std::string& template_name, const std::string& path, const formats::CheckSheetMeta& meta) {
  auto bundle = builtin_bundle();
  if (!bundle) return bundle.error();
  const std::string id = sheet_template_id(template_name);
  const auto* questions = bundle.value()->find(id);
  if (!questions || (id != "ismap-sheet-summary" && id != "ismap-sheet-detailed"))
    return make_error(ErrorCode::invalid_input,
                      "unknown template \"" + template_name + "\" (ismap-sheet-summary or ismap-sheet-detailed)",
                      Location::in_field("--template"));
  const auto* preamble = bundle.value()->find("ismap-sheet-summary");
  return formats::write_check_sheet_xlsx(*preamble, *questions, meta, path);
}

}  // namespace mamori::app
