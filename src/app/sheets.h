// A procurer's check sheets (issue 5): create one from a template, tailor
// its questions (each change with a reason), send it as .xlsx in the
// seed-000 layout, and see its vendors' responses at a glance. Responses
// are in app/sheet_responses.h, evaluation and review in app/sheet_reviews.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/services.h"
#include "domain/error.h"
#include "domain/sheet_evaluation.h"
#include "store/sheet_repository.h"
#include "store/sheet_response_repository.h"

namespace mamori::app {

struct NewSheet {
  std::string title;
  std::string template_name;  // ismap-sheet-summary | ismap-sheet-detailed (| ismap-summary | ismap-detailed)
  std::string counterparty;
  std::string service_name;
  std::string due_date;  // YYYY-MM-DD or ""
  std::string classification;
  std::string information_details;
};

struct SheetUpdate {
  std::optional<std::string> title;
  std::optional<std::string> counterparty;
  std::optional<std::string> service_name;
  std::optional<std::string> due_date;
  std::optional<std::string> classification;
  std::optional<std::string> information_details;
  std::optional<std::string> status;  // draft | sent | closed
};

struct ResponseSummary {
  store::SheetResponse response;
  domain::Verdict verdict = domain::Verdict::nonconforming;
  bool by_listing = false;
  int met = 0, needs_review = 0, unmet = 0;
};

struct SheetDetail {
  store::Sheet sheet;
  std::vector<store::SheetItem> items;
  std::vector<ResponseSummary> responses;  // evaluated as of today (Japan)
};

Result<store::Sheet> create_sheet(Services& services, const Caller& caller, const std::string& tenant_id,
                                  const NewSheet& input);
Result<std::vector<store::Sheet>> list_sheets(Services& services, const Caller& caller, const std::string& tenant_id);
Result<SheetDetail> get_sheet(Services& services, const Caller& caller, const std::string& tenant_id,
                              const std::string& sheet_id);
Result<store::Sheet> update_sheet(Services& services, const Caller& caller, const std::string& tenant_id,
                                  const std::string& sheet_id, const SheetUpdate& update);
// Every response of the sheet with its verdict as of today (Japan).
Result<std::vector<ResponseSummary>> list_sheet_responses(Services& services, const Caller& caller,
                                                          const std::string& tenant_id, const std::string& sheet_id);
// With its items, responses, answers, reviews and evidence.
Status delete_sheet(Services& services, const Caller& caller, const std::string& tenant_id, const std::string& sheet_id);

// Tailoring, while the sheet is a draft; every change needs a reason.
struct NewItem {
  std::string ref;
  std::string title;
  std::string requirement;
  bool required = true;
  std::string reason;
};
struct ItemEdit {
  std::optional<std::string> title;
  std::optional<std::string> requirement;
  std::optional<bool> required;
  std::string reason;
};
Result<store::SheetItem> add_sheet_item(Services& services, const Caller& caller, const std::string& tenant_id,
                                        const std::string& sheet_id, const NewItem& item);
Result<store::SheetItem> reword_sheet_item(Services& services, const Caller& caller, const std::string& tenant_id,
                                           const std::string& sheet_id, const std::string& ref, const ItemEdit& edit);
Result<store::SheetItem> drop_sheet_item(Services& services, const Caller& caller, const std::string& tenant_id,
                                         const std::string& sheet_id, const std::string& ref, const std::string& reason);

struct SheetFile {
  std::string file_name;
  std::string bytes;
};
// The blank sheet in the seed-000 layout with the sheet's own questions.
Result<SheetFile> export_sheet_xlsx(Services& services, const Caller& caller, const std::string& tenant_id,
                                    const std::string& sheet_id);

}  // namespace mamori::app
