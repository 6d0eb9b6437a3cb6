// The .xlsx export of a tailored standard (formats/tailored_standard_xlsx.h).
#include <map>

#include "app/tailored_standards.h"
#include "formats/tailored_standard_xlsx.h"

namespace mamori::app {

Result<StandardFile> export_standard_xlsx(Services& services, const Caller& caller, const std::string& tenant_id,
                                          const std::string& id, int version) {
  auto state = get_standard(services, caller, tenant_id, id);
  if (!state) return state.error();
  formats::StandardWorkbook book;
  book.name = state->standard.name;
  book.base = state->standard.base_catalog_key + " " + state->standard.base_catalog_version;
  book.review_months = state->standard.review_months;
  book.vocabulary = state->vocabulary;
  int upto = state->standard.operation_count;
  if (version == 0) {
    book.items = state->items;
    book.version = state->has_draft_changes() || state->standard.approved_version == 0
                       ? "ドラフト / draft"
                       : "第" + std::to_string(state->standard.approved_version) + "版 / version " +
                             std::to_string(state->standard.approved_version);
  } else {
    auto v = get_standard_version(services, caller, tenant_id, id, version);
    if (!v) return v.error();
    book.items = std::move(v->items);
    upto = v->operation_count;
    book.version = "第" + std::to_string(version) + "版 (承認済み) / version " + std::to_string(version) + " (approved)";
  }
  // Operations name items by key; people read numbers. Keys of items that
  // no longer exist (split, merged, removed) show as the key.
  std::map<std::string, std::string> numbers;
  for (const auto& i : state->items) numbers[i.key] = i.number;
  for (const auto& i : book.items) numbers[i.key] = i.number;
  for (const auto& o : state->operations) {
    if (o.op.seq > upto) break;
    std::string items;
    for (const auto& k : o.op.items) {
      auto n = numbers.find(k);
      items += (items.empty() ? "" : ", ") + (n == numbers.end() ? k : n->second);
    }
    for (const auto& c : o.op.content)
      if (o.op.kind != domain::OperationKind::take && !c.number.empty())
        items += (items.empty() ? "→ " : " → ") + c.number;
    if (o.op.kind == domain::OperationKind::take) items = std::to_string(o.op.content.size()) + " 項目 / items";
    book.log.push_back({o.op.seq, domain::step_of(o.op), domain::to_string(o.op.kind), items, o.op.reason, o.created_by,
                        o.created_at});
  }
  auto bytes = formats::tailored_standard_xlsx(book);
  if (!bytes) return bytes.error();
  return StandardFile{"個別管理基準-" + state->standard.name + (version == 0 ? "" : "-v" + std::to_string(version)) + ".xlsx",
                      std::move(bytes.value())};
}

}  // namespace mamori::app
