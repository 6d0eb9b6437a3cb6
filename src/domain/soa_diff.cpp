#include "domain/soa_diff.h"

#include <map>

namespace mamori::domain {

const char* to_string(SoaChangeKind k) {
  switch (k) {
    case SoaChangeKind::added: return "added";
    case SoaChangeKind::removed: return "removed";
    case SoaChangeKind::changed: break;
  }
  return "changed";
}

namespace {

std::string lines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : "\n") + item;
  return out;
}

std::vector<SoaFieldChange> field_changes(const SoaRow& a, const SoaRow& b) {
  std::vector<SoaFieldChange> out;
  if (a.applicable != b.applicable) out.push_back({"applicable", to_string(a.applicable), to_string(b.applicable)});
  if (a.reason != b.reason) out.push_back({"reason", a.reason, b.reason});
  if (a.status != b.status) out.push_back({"status", to_string(a.status), to_string(b.status)});
  if (a.evidence != b.evidence) out.push_back({"evidence", lines(a.evidence), lines(b.evidence)});
  if (a.treatments != b.treatments) out.push_back({"treatments", lines(a.treatments), lines(b.treatments)});
  return out;
}

SoaRowChange whole_row(SoaChangeKind kind, const SoaRow& row) {
  return SoaRowChange{kind, row.catalog_key, row.ref, row.title, {}};
}

}  // namespace

std::vector<SoaRowChange> diff_soa_rows(const std::vector<SoaRow>& before, const std::vector<SoaRow>& after) {
  std::map<std::string, const SoaRow*> in_after;
  for (const auto& r : after) in_after.emplace(row_key(r.catalog_key, r.ref), &r);
  std::map<std::string, const SoaRow*> in_before;
  for (const auto& r : before) in_before.emplace(row_key(r.catalog_key, r.ref), &r);

  // Removed rows are placed after the last row of `before` that precedes them
  // and still exists, so a reader sees them where they were.
  std::map<std::string, std::vector<const SoaRow*>> removed_after;  // key "" = at the start
  std::string last_kept;
  for (const auto& r : before) {
    const std::string key = row_key(r.catalog_key, r.ref);
    if (in_after.count(key))
      last_kept = key;
    else
      removed_after[last_kept].push_back(&r);
  }

  std::vector<SoaRowChange> out;
  auto flush_removed = [&](const std::string& key) {
    auto it = removed_after.find(key);
    if (it == removed_after.end()) return;
    for (const auto* r : it->second) out.push_back(whole_row(SoaChangeKind::removed, *r));
  };
  flush_removed("");
  for (const auto& r : after) {
    const std::string key = row_key(r.catalog_key, r.ref);
    auto was = in_before.find(key);
    if (was == in_before.end()) {
      out.push_back(whole_row(SoaChangeKind::added, r));
    } else if (auto fields = field_changes(*was->second, r); !fields.empty()) {
      SoaRowChange change = whole_row(SoaChangeKind::changed, r);
      change.fields = std::move(fields);
      out.push_back(std::move(change));
    }
    flush_removed(key);
  }
  return out;
}

}  // namespace mamori::domain
