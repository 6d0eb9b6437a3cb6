// Procurement check sheets in the database: the sheet and its own copy of
// the questions. Every function takes the organisation (tenant) from the
// caller's authorised scope and never finds another organisation's rows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/sheet_tailoring.h"
#include "domain/sheet_workflow.h"

namespace mamori::store {

class Tx;

struct Sheet {
  std::string id;
  std::string tenant_id;
  std::string title;
  std::string template_id;  // ismap-sheet-summary | ismap-sheet-detailed
  std::string counterparty;
  std::string service_name;
  std::string due_date;        // YYYY-MM-DD or ""
  std::string classification;  // 3B | 3C | 2 | ""
  std::string information_details;
  domain::SheetStatus status = domain::SheetStatus::draft;
  std::string created_by;
  std::string created_at;
  std::string updated_at;
};

struct SheetItem {
  int position = 0;
  std::string ref;
  std::string parent_ref;  // the group it is under, or ""
  std::string kind;        // group | question
  std::string ismap_ref;
  std::string title;
  std::string requirement;
  bool required = false;   // judged by the ISMAP rule
  domain::ItemChange change = domain::ItemChange::none;
  std::string change_reason;

  // Put to the vendor: a question that was not dropped.
  bool asked() const { return kind == "question" && change != domain::ItemChange::dropped; }
};

Status insert_sheet(Tx& tx, const Sheet& sheet);
// Title, counterparty, service, due date, classification, details, status, updated_at.
Status update_sheet(Tx& tx, const Sheet& sheet);
// The sheet with its items, responses, answers, reviews and evidence.
Status delete_sheet(Tx& tx, const std::string& tenant_id, const std::string& sheet_id);
Result<std::optional<Sheet>> find_sheet(Tx& tx, const std::string& tenant_id, const std::string& sheet_id);
Result<std::vector<Sheet>> sheets_of_tenant(Tx& tx, const std::string& tenant_id);  // newest first

Status insert_sheet_items(Tx& tx, const std::string& tenant_id, const std::string& sheet_id,
                          const std::vector<SheetItem>& items);
// Title, requirement, required, change and reason of the item with that ref.
Status update_sheet_item(Tx& tx, const std::string& tenant_id, const std::string& sheet_id, const SheetItem& item);
Result<std::vector<SheetItem>> sheet_items(Tx& tx, const std::string& tenant_id, const std::string& sheet_id);

}  // namespace mamori::store
