// A mapping relates the nodes of one catalog to those of another, each pair
// with a relationship and the published source it comes from. A mapping may
// also relate attribute VALUES of the source catalog (27002:2022
// cybersecurity concepts -> NIST CSF functions); expand_mapping() turns that
// into node-to-node links.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/catalog.h"

namespace mamori::domain {

// Reads "from REL to": subset means the from-node covers part of the to-node.
enum class Relationship { equal, subset, superset, intersect };

const char* to_string(Relationship rel);
std::optional<Relationship> parse_relationship(std::string_view text);
// The same relationship read from the other side (subset <-> superset).
Relationship inverse(Relationship rel);

struct MappingEntry {
  std::string from;
  std::string to;
  Relationship rel = Relationship::equal;
  std::string note;
  int source_line = 0;
};

struct Mapping {
  std::string id;
  std::string from_catalog;
  std::string to_catalog;
  std::string title;
  std::string source;
  std::string method;
  std::string from_attribute;  // non-empty: entries' `from` are values of this attribute
  std::vector<MappingEntry> entries;
  std::string file;
};

// A node-to-node link, as a user sees it from one node.
struct Link {
  std::string mapping_id;
  std::string other_catalog;
  std::string other_ref;
  Relationship rel = Relationship::equal;  // read "this REL other"
  std::string note;
  std::string source;
};

// Node-to-node entries of a mapping; attribute mappings are expanded through
// the source catalog's nodes (a node with concept `identify` maps to ID).
std::vector<MappingEntry> expand_mapping(const Mapping& mapping, const Catalog& from);

}  // namespace mamori::domain
