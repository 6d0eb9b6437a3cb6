#include "store/sheet_repository.h"

#include "store/row_values.h"
#include "store/sheet_response_repository.h"
#include "store/tx.h"

namespace mamori::store {

namespace {

constexpr const char* kSheetColumns =
    "id, tenant_id, title, template_id, counterparty, service_name, due_date, classification, information_details, "
    "status, created_by, created_at, updated_at";

Sheet sheet_from_row(const soci::row& r) {
  Sheet s;
  s.id = r.get<std::string>(0);
  s.tenant_id = r.get<std::string>(1);
  s.title = r.get<std::string>(2);
  s.template_id = r.get<std::string>(3);
  s.counterparty = r.get<std::string>(4);
  s.service_name = r.get<std::string>(5);
  s.due_date = r.get<std::string>(6);
  s.classification = r.get<std::string>(7);
  s.information_details = r.get<std::string>(8);
  s.status = domain::parse_sheet_status(r.get<std::string>(9)).value_or(domain::SheetStatus::draft);
  s.created_by = r.get<std::string>(10);
  s.created_at = r.get<std::string>(11);
  s.updated_at = r.get<std::string>(12);
  return s;
}

constexpr const char* kItemColumns =
    "position, ref, parent_ref, kind, ismap_ref, title, requirement, required, change, change_reason";

SheetItem item_from_row(const soci::row& r) {
  SheetItem i;
  i.position = static_cast<int>(integer_at(r, 0));
  i.ref = r.get<std::string>(1);
  i.parent_ref = r.get<std::string>(2);
  i.kind = r.get<std::string>(3);
  i.ismap_ref = r.get<std::string>(4);
  i.title = r.get<std::string>(5);
  i.requirement = r.get<std::string>(6);
  i.required = integer_at(r, 7) != 0;
  i.change = domain::parse_item_change(r.get<std::string>(8)).value_or(domain::ItemChange::none);
  i.change_reason = r.get<std::string>(9);
  return i;
}

}  // namespace

Status insert_sheet(Tx& tx, const Sheet& s) {
  const std::string status = domain::to_string(s.status);
  tx.sql() << "INSERT INTO sheets (" << kSheetColumns
           << ") VALUES (:id, :t, :title, :tpl, :cp, :svc, :due, :cls, :det, :st, :by, :ca, :ua)",
      soci::use(s.id), soci::use(s.tenant_id), soci::use(s.title), soci::use(s.template_id), soci::use(s.counterparty),
      soci::use(s.service_name), soci::use(s.due_date), soci::use(s.classification), soci::use(s.information_details),
      soci::use(status), soci::use(s.created_by), soci::use(s.created_at), soci::use(s.updated_at);
  return ok();
}

Status update_sheet(Tx& tx, const Sheet& s) {
  const std::string status = domain::to_string(s.status);
  tx.sql() << "UPDATE sheets SET title = :title, counterparty = :cp, service_name = :svc, due_date = :due, "
              "classification = :cls, information_details = :det, status = :st, updated_at = :ua "
              "WHERE tenant_id = :t AND id = :id",
      soci::use(s.title), soci::use(s.counterparty), soci::use(s.service_name), soci::use(s.due_date),
      soci::use(s.classification), soci::use(s.information_details), soci::use(status), soci::use(s.updated_at),
      soci::use(s.tenant_id), soci::use(s.id);
  return ok();
}

Status delete_sheet(Tx& tx, const std::string& tenant_id, const std::string& sheet_id) {
  if (auto r = delete_responses_of_sheet(tx, tenant_id, sheet_id); !r) return r;
  tx.sql() << "DELETE FROM sheet_items WHERE tenant_id = :t AND sheet_id = :s", soci::use(tenant_id), soci::use(sheet_id);
  tx.sql() << "DELETE FROM sheets WHERE tenant_id = :t AND id = :s", soci::use(tenant_id), soci::use(sheet_id);
  return ok();
}

Result<std::optional<Sheet>> find_sheet(Tx& tx, const std::string& tenant_id, const std::string& sheet_id) {
  soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT " << kSheetColumns
                                                   << " FROM sheets WHERE tenant_id = :t AND id = :id",
                                  soci::use(tenant_id), soci::use(sheet_id));
  for (const auto& r : rows) return std::optional<Sheet>(sheet_from_row(r));
  return std::optional<Sheet>();
}

Result<std::vector<Sheet>> sheets_of_tenant(Tx& tx, const std::string& tenant_id) {
  std::vector<Sheet> out;
  soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT " << kSheetColumns
                                                   << " FROM sheets WHERE tenant_id = :t ORDER BY created_at DESC, id DESC",
                                  soci::use(tenant_id));
  for (const auto& r : rows) out.push_back(sheet_from_row(r));
  return out;
}

Status insert_sheet_items(Tx& tx, const std::string& tenant_id, const std::string& sheet_id,
                          const std::vector<SheetItem>& items) {
  if (items.empty()) return ok();
  // One prepared statement, re-bound per row: a detailed sheet has 250.
  SheetItem row;
  int required = 0;
  std::string change;
  soci::statement st =
      (tx.sql().prepare << "INSERT INTO sheet_items (tenant_id, sheet_id, " << kItemColumns
                        << ") VALUES (:t, :s, :pos, :ref, :parent, :kind, :ismap, :title, :req, :required, :change, "
                           ":reason)",
       soci::use(tenant_id), soci::use(sheet_id), soci::use(row.position), soci::use(row.ref), soci::use(row.parent_ref),
       soci::use(row.kind), soci::use(row.ismap_ref), soci::use(row.title), soci::use(row.requirement),
       soci::use(required), soci::use(change), soci::use(row.change_reason));
  for (const auto& item : items) {
    row = item;
    required = item.required ? 1 : 0;
    change = domain::to_string(item.change);
    st.execute(true);
  }
  return ok();
}

Status update_sheet_item(Tx& tx, const std::string& tenant_id, const std::string& sheet_id, const SheetItem& item) {
  const int required = item.required ? 1 : 0;
  const std::string change = domain::to_string(item.change);
  tx.sql() << "UPDATE sheet_items SET title = :title, requirement = :req, required = :required, change = :change, "
              "change_reason = :reason WHERE tenant_id = :t AND sheet_id = :s AND ref = :ref",
      soci::use(item.title), soci::use(item.requirement), soci::use(required), soci::use(change),
      soci::use(item.change_reason), soci::use(tenant_id), soci::use(sheet_id), soci::use(item.ref);
  return ok();
}

Result<std::vector<SheetItem>> sheet_items(Tx& tx, const std::string& tenant_id, const std::string& sheet_id) {
  std::vector<SheetItem> out;
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT " << kItemColumns
                        << " FROM sheet_items WHERE tenant_id = :t AND sheet_id = :s ORDER BY position",
       soci::use(tenant_id), soci::use(sheet_id));
  for (const auto& r : rows) out.push_back(item_from_row(r));
  return out;
}

}  // namespace mamori::store
