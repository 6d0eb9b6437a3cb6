// The integrity rules of catalogs and mappings. The build runs them on every
// file in catalogs/ (a broken file fails the build with file:line), and the
// app runs them again on any catalog a user imports.
#pragma once

#include <string>
#include <vector>

#include "domain/catalog.h"
#include "domain/mapping.h"

namespace mamori::domain {

struct Problem {
  int line = 0;  // 0 when the problem is not tied to one line
  std::string message;
};

// Unique refs; each parent defined earlier; kinds, flags and attribute values
// declared in the header; required fields present; no cycles (implied by
// "parent earlier"); the header itself complete.
std::vector<Problem> check_catalog(const Catalog& catalog);

// Both catalogs named by the mapping; every `from` and `to` resolves (for an
// attribute mapping, `from` must be a value of that attribute); known rels;
// no duplicate pairs.
std::vector<Problem> check_mapping(const Mapping& mapping, const Catalog* from, const Catalog* to);

// A sheet template's refers_to entries ("catalog:ref") must resolve in the
// catalogs given.
std::vector<Problem> check_references(const Catalog& catalog, const std::vector<const Catalog*>& others);

}  // namespace mamori::domain
