#include "domain/mapping.h"

namespace mamori::domain {

const char* to_string(Relationship rel) {
  switch (rel) {
    case Relationship::equal: return "equal";
    case Relationship::subset: return "subset";
    case Relationship::superset: return "superset";
    case Relationship::intersect: return "intersect";
  }
  return "intersect";
}

std::optional<Relationship> parse_relationship(std::string_view text) {
  if (text == "equal") return Relationship::equal;
  if (text == "subset") return Relationship::subset;
  if (text == "superset") return Relationship::superset;
  if (text == "intersect") return Relationship::intersect;
  return std::nullopt;
}

Relationship inverse(Relationship rel) {
  switch (rel) {
    case Relationship::subset: return Relationship::superset;
    case Relationship::superset: return Relationship::subset;
    default: return rel;
  }
}

std::vector<MappingEntry> expand_mapping(const Mapping& mapping, const Catalog& from) {
  if (mapping.from_attribute.empty()) return mapping.entries;
  std::vector<MappingEntry> out;
  for (const auto& node : from.nodes) {
    const auto* values = node.attribute(mapping.from_attribute);
    if (!values) continue;
    for (const auto& entry : mapping.entries) {
      for (const auto& v : *values) {
        if (v != entry.from) continue;
        // A control with a concept supports the function; it is one part of
        // what the function covers, never all of it.
        MappingEntry e = entry;
        e.from = node.ref;
        e.rel = entry.rel == Relationship::equal ? Relationship::subset : entry.rel;
        e.note = mapping.from_attribute + " = " + v;
        out.push_back(std::move(e));
      }
    }
  }
  return out;
}

}  // namespace mamori::domain
