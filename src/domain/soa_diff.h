// Comparing two states of a Statement of Applicability (two approved
// versions, or the draft against the last version): which rows were added
// or removed (the role or the catalogs changed) and, for rows in both,
// which stated fields changed from what to what.
#pragma once

#include <string>
#include <vector>

#include "domain/soa.h"

namespace mamori::domain {

struct SoaFieldChange {
  std::string field;  // applicable | reason | status | evidence | treatments
  std::string before;  // as text: evidence and treatments one item per line
  std::string after;
  bool operator==(const SoaFieldChange&) const = default;
};

enum class SoaChangeKind { added, removed, changed };
const char* to_string(SoaChangeKind k);  // added | removed | changed

struct SoaRowChange {
  SoaChangeKind kind = SoaChangeKind::changed;
  std::string catalog_key;
  std::string ref;
  std::string title;
  std::vector<SoaFieldChange> fields;  // changed: the fields that differ; added/removed: empty
  bool operator==(const SoaRowChange&) const = default;
};

// Rows are matched by catalog_key + ref. The result follows `after`'s
// order, with removed rows where they stood in `before` (after the row that
// preceded them). Titles are not compared: they come from the catalog.
std::vector<SoaRowChange> diff_soa_rows(const std::vector<SoaRow>& before, const std::vector<SoaRow>& after);

}  // namespace mamori::domain
