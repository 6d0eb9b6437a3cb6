// Tailoring a draft sheet's questions: add, reword, drop; each change with
// its reason, kept on the item and in the audit log (before and after).
#include <nlohmann/json.hpp>

#include <algorithm>

#include "app/audited_write.h"
#include "app/authorize.h"
#include "app/sheet_access.h"
#include "app/sheets.h"
#include "domain/sheet_tailoring.h"
#include "domain/sheet_workflow.h"
#include "store/ids.h"

namespace mamori::app {

using nlohmann::json;

namespace {

json item_json(const store::SheetItem& i) {
  return {{"ref", i.ref},
          {"title", i.title},
          {"requirement", i.requirement},
          {"required", i.required},
          {"change", domain::to_string(i.change)},
          {"reason", i.change_reason}};
}

// The draft sheet and its items, or why it cannot be tailored.
struct Draft {
  store::Sheet sheet;
  std::vector<store::SheetItem> items;
};
Result<Draft> draft_sheet(store::Tx& tx, const Caller& caller, const std::string& tenant_id, const std::string& sheet_id) {
  auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
  if (!scope) return scope.error();
  auto sheet = existing_sheet(tx, scope.value(), sheet_id);
  if (!sheet) return sheet.error();
  if (auto p = domain::tailoring_problem(sheet->status)) return rule_error(ErrorCode::conflict, *p);
  auto items = store::sheet_items(tx, tenant_id, sheet_id);
  if (!items) return items.error();
  return Draft{std::move(sheet.value()), std::move(items.value())};
}

Result<store::SheetItem> question(const Draft& d, const std::string& ref) {
  for (const auto& i : d.items) {
    if (i.ref != ref) continue;
    if (i.kind != "question")
      return make_error(ErrorCode::invalid_input, "not_a_question",
                        "item " + ref + " is a heading, not a question / 項番 " + ref + " は見出しです",
                        Location::in_field("ref"));
    if (i.change == domain::ItemChange::dropped)
      return make_error(ErrorCode::conflict, "item_dropped",
                        "item " + ref + " was dropped / 項番 " + ref + " は削除済みです", Location::in_field("ref"));
    return i;
  }
  return make_error(ErrorCode::not_found, "no_such_item", "the sheet has no item " + ref + " / 項番 " + ref + " はありません",
                    Location::in_field("ref"));
}

Status touch(store::Tx& tx, store::Sheet sheet) {
  sheet.updated_at = store::utc_now();
  return store::update_sheet(tx, sheet);
}

}  // namespace

Result<store::SheetItem> add_sheet_item(Services& services, const Caller& caller, const std::string& tenant_id,
                                        const std::string& sheet_id, const NewItem& input) {
  store::SheetItem item;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto draft = draft_sheet(tx, caller, tenant_id, sheet_id);
    if (!draft) return draft.error();
    std::vector<std::string> taken;
    int last = 0;
    for (const auto& i : draft->items) {
      taken.push_back(i.ref);
      last = std::max(last, i.position);
    }
    if (auto p = domain::added_ref_problem(input.ref, taken))
      return rule_error(p->reason == "duplicate_ref" ? ErrorCode::conflict : ErrorCode::invalid_input, *p);
    if (auto p = domain::item_title_problem(input.title)) return rule_error(ErrorCode::invalid_input, *p);
    if (auto p = domain::requirement_problem(input.requirement)) return rule_error(ErrorCode::invalid_input, *p);
    if (auto p = domain::change_reason_problem(input.reason)) return rule_error(ErrorCode::invalid_input, *p);
    item.position = last + 1;
    item.ref = input.ref;
    item.kind = "question";
    item.title = input.title;
    item.requirement = input.requirement;
    item.required = input.required;
    item.change = domain::ItemChange::added;
    item.change_reason = input.reason;
    if (auto r = store::insert_sheet_items(tx, tenant_id, sheet_id, {item}); !r) return r;
    if (auto r = touch(tx, draft->sheet); !r) return r;
    return audit.record({tenant_id, "sheet.item_add", "sheet", sheet_id, "success", false, item_json(item).dump()});
  });
  if (!status) return status.error();
  return item;
}

Result<store::SheetItem> reword_sheet_item(Services& services, const Caller& caller, const std::string& tenant_id,
                                           const std::string& sheet_id, const std::string& ref, const ItemEdit& edit) {
  store::SheetItem item;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto draft = draft_sheet(tx, caller, tenant_id, sheet_id);
    if (!draft) return draft.error();
    auto before = question(draft.value(), ref);
    if (!before) return before.error();
    if (!edit.title && !edit.requirement && !edit.required)
      return make_error(ErrorCode::invalid_input, "required",
                        "give title, requirement or required to change / 変更する内容を指定してください",
                        Location::in_field("title"));
    if (edit.title)
      if (auto p = domain::item_title_problem(*edit.title)) return rule_error(ErrorCode::invalid_input, *p);
    if (edit.requirement)
      if (auto p = domain::requirement_problem(*edit.requirement)) return rule_error(ErrorCode::invalid_input, *p);
    if (auto p = domain::change_reason_problem(edit.reason)) return rule_error(ErrorCode::invalid_input, *p);
    item = before.value();
    if (edit.title) item.title = *edit.title;
    if (edit.requirement) item.requirement = *edit.requirement;
    if (edit.required) item.required = *edit.required;
    item.change = *domain::after_rewording(before->change);  // never dropped here: question() refused those
    item.change_reason = edit.reason;
    if (auto r = store::update_sheet_item(tx, tenant_id, sheet_id, item); !r) return r;
    if (auto r = touch(tx, draft->sheet); !r) return r;
    return audit.record({tenant_id, "sheet.item_reword", "sheet", sheet_id, "success", false,
                         json{{"ref", ref}, {"before", item_json(before.value())}, {"after", item_json(item)}}.dump()});
  });
  if (!status) return status.error();
  return item;
}

Result<store::SheetItem> drop_sheet_item(Services& services, const Caller& caller, const std::string& tenant_id,
                                         const std::string& sheet_id, const std::string& ref, const std::string& reason) {
  store::SheetItem item;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto draft = draft_sheet(tx, caller, tenant_id, sheet_id);
    if (!draft) return draft.error();
    auto before = question(draft.value(), ref);
    if (!before) return before.error();
    if (auto p = domain::change_reason_problem(reason)) return rule_error(ErrorCode::invalid_input, *p);
    item = before.value();
    item.change = domain::ItemChange::dropped;
    item.change_reason = reason;
    if (auto r = store::update_sheet_item(tx, tenant_id, sheet_id, item); !r) return r;
    if (auto r = touch(tx, draft->sheet); !r) return r;
    return audit.record({tenant_id, "sheet.item_drop", "sheet", sheet_id, "success", false,
                         json{{"ref", ref}, {"before", item_json(before.value())}, {"reason", reason}}.dump()});
  });
  if (!status) return status.error();
  return item;
}

}  // namespace mamori::app
