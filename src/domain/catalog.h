// A catalog is a tree of numbered nodes from one source document: a control
// framework (ISMAP 管理基準, ISO/IEC 27001 Annex A), a provision standard, or
// a check-sheet template. The structs mirror catalogs/README.md, the file
// format; CatalogIndex adds what is derived (levels, children, lookup).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mamori::domain {

struct LocalizedText {
  std::string ja;
  std::string en;
};

// A flag a node may carry (ISMAP: P = cloud-specific, B = basic requirement).
struct FlagDefinition {
  std::string key;
  LocalizedText name;
};

// An attribute type with its closed vocabulary, e.g. control_type with
// preventive / detective / corrective (ISO/IEC 27002:2022).
struct AttributeValue {
  std::string key;
  LocalizedText name;
};
struct AttributeType {
  std::string key;
  LocalizedText name;
  std::vector<AttributeValue> values;

  const AttributeValue* find_value(std::string_view value_key) const;
};

// A structured reference to a clause of another document ("[27001-5.1b)]").
struct Reference {
  std::string standard;
  std::string clause;
};

// Sheet templates: how an item is answered.
struct AnswerOption {
  std::string value;
  std::string label;
  std::string description;
  std::string examples;
};
struct AnswerField {
  std::string key;
  std::string label;
};
struct AnswerSpec {
  std::string type;  // conformity | choice | form
  std::vector<AnswerOption> options;
  std::vector<AnswerField> fields;
};

// Attribute values of one node, in the order the catalog declares the types.
using AttributeValues = std::vector<std::pair<std::string, std::vector<std::string>>>;

struct Node {
  std::string ref;
  std::string parent;  // empty for a root
  std::string kind;
  std::string title;
  std::string title_en;
  std::string label;  // the number as printed, when it differs from ref
  std::string text;
  std::string objective;  // 管理目的
  std::vector<std::string> footnotes;
  std::vector<std::string> flags;
  std::vector<Reference> references;
  AttributeValues attributes;
  // Sheet templates only.
  bool required = false;
  std::vector<std::string> refers_to;  // "catalog:ref"
  std::optional<AnswerSpec> answer;

  int source_line = 0;  // where the node starts in its file; 0 when generated

  bool has_flag(std::string_view flag) const;
  const std::vector<std::string>* attribute(std::string_view type) const;
};

struct CatalogInfo {
  std::string id;
  std::string version;
  std::string title;
  std::string title_en;
  std::string publisher;
  std::string source;
  std::string notes;
  std::vector<std::string> kinds;
  std::vector<FlagDefinition> flags;
  std::vector<AttributeType> attributes;

  const AttributeType* find_attribute(std::string_view key) const;
  const FlagDefinition* find_flag(std::string_view key) const;
  bool has_kind(std::string_view kind) const;
};

struct Catalog {
  CatalogInfo info;
  std::vector<Node> nodes;  // document order
  std::string file;          // the file it was read from, for messages
};

// Lookups derived from a catalog that passed check_catalog(). Holds indexes
// into catalog.nodes; the catalog must outlive it and must not change.
class CatalogIndex {
 public:
  explicit CatalogIndex(const Catalog& catalog);

  const Catalog& catalog() const { return *catalog_; }
  const Node* find(std::string_view ref) const;
  // Depth in the tree: a root is level 1.
  int level(std::size_t node_index) const { return levels_[node_index]; }
  int level_of(std::string_view ref) const;
  const std::vector<std::size_t>& children(std::size_t node_index) const { return children_[node_index]; }
  const std::vector<std::size_t>& roots() const { return roots_; }
  std::optional<std::size_t> index_of(std::string_view ref) const;

 private:
  const Catalog* catalog_;
  std::unordered_map<std::string_view, std::size_t> by_ref_;
  std::vector<int> levels_;
  std::vector<std::vector<std::size_t>> children_;
  std::vector<std::size_t> roots_;
};

// Orders versions of the same catalog: digit runs compare as numbers, the
// rest as text, so "2024-08-01" > "2023-09-22" and "1.10" > "1.9".
int compare_versions(std::string_view a, std::string_view b);

}  // namespace mamori::domain
