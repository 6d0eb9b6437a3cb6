#include "app/sheet_catalog.h"

#include <set>

#include "app/catalog_loader.h"
#include "app/sheet_templates.h"
#include "domain/sheet_template.h"

namespace mamori::app {

Result<const domain::Catalog*> sheet_template(const std::string& name) {
  const std::string id = sheet_template_id(name);
  if (id != "ismap-sheet-summary" && id != domain::kDetailedSheetId)
    return make_error(ErrorCode::invalid_input, "not_allowed",
                      "unknown template \"" + name + "\" (ismap-sheet-summary or ismap-sheet-detailed)",
                      Location::in_field("template"));
  auto bundle = builtin_bundle();
  if (!bundle) return bundle.error();
  const auto* catalog = bundle.value()->find(id);
  if (!catalog) return make_error(ErrorCode::internal, "the built-in template " + id + " is missing");
  return catalog;
}

std::vector<store::SheetItem> items_from_template(const domain::Catalog& tpl) {
  std::vector<store::SheetItem> out;
  std::set<std::string> copied;
  for (const auto& n : tpl.nodes) {
    if (n.kind != "group" && !n.required) continue;  // sections and the preamble questions
    store::SheetItem item;
    item.position = static_cast<int>(out.size()) + 1;
    item.ref = n.ref;
    item.parent_ref = copied.count(n.parent) ? n.parent : "";
    item.kind = n.kind == "group" ? "group" : "question";
    for (const auto& target : n.refers_to)
      if (auto colon = target.find(':'); colon != std::string::npos) item.ismap_ref = target.substr(colon + 1);
    item.title = n.title;
    item.requirement = n.text;
    item.required = n.required;
    copied.insert(n.ref);
    out.push_back(std::move(item));
  }
  return out;
}

domain::Catalog sheet_catalog(const store::Sheet& sheet, const std::vector<store::SheetItem>& items, CatalogUse use) {
  domain::Catalog c;
  c.info.id = sheet.template_id;
  // The sheet's id as the version: the written file says which sheet it is.
  c.info.version = sheet.id;
  c.info.title = sheet.title;
  c.info.kinds = {"group", "question"};
  c.file = "(sheet " + sheet.id + ")";
  std::set<std::string> groups_with_questions;
  for (const auto& i : items)
    if (i.asked()) groups_with_questions.insert(i.parent_ref);
  for (const auto& i : items) {
    if (i.kind == "group" && !groups_with_questions.count(i.ref)) continue;
    if (i.kind == "question" && !i.asked()) continue;
    domain::Node n;
    n.ref = i.ref;
    n.parent = i.parent_ref;
    n.kind = i.kind;
    n.title = i.title;
    n.text = i.requirement;
    if (i.kind == "question") {
      // The writer puts a row for every node flagged required; the
      // evaluation judges only those the sheet requires.
      n.required = use == CatalogUse::writing || i.required;
      if (!i.ismap_ref.empty()) n.refers_to = {std::string(domain::kIsmapCatalogId) + ":" + i.ismap_ref};
      n.answer = domain::AnswerSpec{"conformity", {}, {}};
    }
    c.nodes.push_back(std::move(n));
  }
  return c;
}

std::vector<domain::RequiredItem> judged_items(const std::vector<store::SheetItem>& items) {
  std::vector<domain::RequiredItem> out;
  for (const auto& i : items)
    if (i.asked() && i.required) out.push_back({i.ref, i.ismap_ref});
  return out;
}

}  // namespace mamori::app
