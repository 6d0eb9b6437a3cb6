#include "app/sheet_evaluation.h"

#include <ctime>
#include <set>

#include "app/catalog_loader.h"
#include "formats/xlsx_reader.h"

namespace mamori::app {

std::vector<domain::RequiredItem> required_items(const domain::Catalog& sheet_template) {
  std::vector<domain::RequiredItem> out;
  for (const auto& n : sheet_template.nodes) {
    if (!n.required) continue;
    std::string ismap_ref;
    for (const auto& target : n.refers_to)
      if (auto colon = target.find(':'); colon != std::string::npos) ismap_ref = target.substr(colon + 1);
    out.push_back({n.ref, ismap_ref});
  }
  return out;
}

Result<std::vector<const domain::Catalog*>> builtin_sheet_templates() {
  auto bundle = builtin_bundle();
  if (!bundle) return bundle.error();
  std::vector<const domain::Catalog*> out;
  for (const char* id : {"ismap-sheet-summary", "ismap-sheet-detailed"})
    if (const auto* c = bundle.value()->find(id)) out.push_back(c);
  return out;
}

std::string today_in_japan() {
  const std::time_t t = std::time(nullptr) + 9 * 3600;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

Result<SheetReport> evaluate_sheet_file(std::string_view bytes, const std::string& file_name,
                                        const std::vector<const domain::Catalog*>& templates,
                                        const std::vector<domain::ServiceListing>& service_list,
                                        const std::string& as_of, const std::map<std::string, domain::Review>& reviews) {
  auto book = formats::read_xlsx(bytes, file_name);
  if (!book) return book.error();
  auto imported = formats::import_check_sheet(book.value(), file_name);
  if (!imported) return imported.error();

  // Which template: the one whose item numbers the file shares most.
  std::set<std::string> refs;
  for (const auto& item : imported->items) refs.insert(item.ref);
  const domain::Catalog* best = nullptr;
  std::size_t best_overlap = 0;
  for (const auto* t : templates) {
    std::size_t overlap = 0;
    for (const auto& req : required_items(*t)) overlap += refs.count(req.ref);
    if (overlap > best_overlap) {
      best = t;
      best_overlap = overlap;
    }
  }
  if (!best)
    return make_error(ErrorCode::invalid_input,
                      "the sheet's item numbers match no check-sheet template (e.g. 3-1 … 5-37 or ISMAP 5.1.1 …)",
                      Location::in_file(file_name));

  SheetReport report;
  report.template_id = best->info.id;
  domain::SheetEvaluationInput in;
  in.required = required_items(*best);
  in.classification = imported->classification;
  in.listing = imported->listing;
  in.service_list = service_list;
  in.as_of = as_of;
  in.reviews = reviews;
  for (const auto& item : imported->items) in.answers[item.ref] = item.given;
  // A required item the file lacks is a problem in itself (a row deleted or
  // renumbered), besides being unmet.
  for (const auto& req : in.required)
    if (!in.answers.count(req.ref))
      imported->problems.push_back({Location::in_file(file_name), "item " + req.ref + " is not in the file"});
  report.evaluation = domain::evaluate_sheet(in);
  report.imported = std::move(imported.value());
  return report;
}

}  // namespace mamori::app
