#include "domain/catalog_rules.h"

#include <regex>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace mamori::domain {

namespace {

bool valid_id(const std::string& id) {
  static const std::regex pattern("[a-z0-9][a-z0-9.-]*");
  return std::regex_match(id, pattern);
}

// Refs are what users type on the command line and in URLs: printable, no
// spaces, no slashes.
bool valid_ref(const std::string& ref) {
  if (ref.empty() || ref.size() > 64) return false;
  for (unsigned char c : ref) {
    if (c <= ' ' || c == '/' || c == '\\' || c == '?' || c == '#' || c == '%' || c == 0x7f) return false;
  }
  return true;
}

void check_header(const CatalogInfo& info, std::vector<Problem>& out) {
  auto need = [&out](const std::string& value, const char* field) {
    if (value.empty()) out.push_back({0, std::string("catalog.") + field + " is missing or empty"});
  };
  need(info.id, "id");
  need(info.version, "version");
  need(info.title, "title");
  need(info.title_en, "title_en");
  need(info.source, "source");
  if (!info.id.empty() && !valid_id(info.id))
    out.push_back({0, "catalog.id \"" + info.id + "\" must be lower-case letters, digits, '.' and '-'"});
  if (info.kinds.empty()) out.push_back({0, "catalog.kinds is missing or empty"});
  std::set<std::string> seen;
  for (const auto& f : info.flags)
    if (!seen.insert("flag:" + f.key).second) out.push_back({0, "catalog.flags declares " + f.key + " twice"});
  for (const auto& a : info.attributes) {
    if (!seen.insert("attr:" + a.key).second)
      out.push_back({0, "catalog.attributes declares " + a.key + " twice"});
    if (a.values.empty()) out.push_back({0, "catalog.attributes." + a.key + " has no values"});
    std::set<std::string> values;
    for (const auto& v : a.values)
      if (!values.insert(v.key).second)
        out.push_back({0, "catalog.attributes." + a.key + " declares value " + v.key + " twice"});
  }
}

void check_answer(const Node& node, std::vector<Problem>& out) {
  if (!node.answer) return;
  const auto& a = *node.answer;
  if (a.type != "conformity" && a.type != "choice" && a.type != "form")
    out.push_back({node.source_line, node.ref + ": unknown answer type \"" + a.type +
                                         "\" (conformity, choice or form)"});
  if (a.type == "choice" && a.options.empty())
    out.push_back({node.source_line, node.ref + ": a choice answer needs options"});
  if (a.type == "form" && a.fields.empty())
    out.push_back({node.source_line, node.ref + ": a form answer needs fields"});
  std::set<std::string> values;
  for (const auto& o : a.options)
    if (o.value.empty() || !values.insert(o.value).second)
      out.push_back({node.source_line, node.ref + ": answer option value empty or repeated: \"" + o.value + "\""});
  std::set<std::string> keys;
  for (const auto& f : a.fields)
    if (f.key.empty() || !keys.insert(f.key).second)
      out.push_back({node.source_line, node.ref + ": answer field key empty or repeated: \"" + f.key + "\""});
}

}  // namespace

std::vector<Problem> check_catalog(const Catalog& catalog) {
  std::vector<Problem> out;
  const auto& info = catalog.info;
  check_header(info, out);
  if (catalog.nodes.empty()) out.push_back({0, "the catalog has no nodes"});

  std::unordered_map<std::string, int> defined;  // ref -> line
  for (const auto& node : catalog.nodes) {
    const int line = node.source_line;
    const std::string who = node.ref.empty() ? std::string("a node") : "node " + node.ref;
    if (node.ref.empty()) {
      out.push_back({line, "a node has no ref"});
    } else if (!valid_ref(node.ref)) {
      out.push_back({line, "ref \"" + node.ref + "\" has a space, a slash or another character refs may not hold"});
    } else if (auto [it, inserted] = defined.emplace(node.ref, line); !inserted) {
      out.push_back({line, "duplicate ref " + node.ref + " (first defined at line " + std::to_string(it->second) + ")"});
    }
    if (!node.parent.empty()) {
      if (node.parent == node.ref) {
        out.push_back({line, who + ": a node cannot be its own parent"});
      } else if (!defined.count(node.parent)) {
        out.push_back({line, who + ": parent " + node.parent + " is not defined above this node (dangling parent)"});
      }
    }
    if (node.kind.empty())
      out.push_back({line, who + ": kind is missing"});
    else if (!info.has_kind(node.kind))
      out.push_back({line, who + ": unknown kind \"" + node.kind + "\" (not in catalog.kinds)"});
    if (node.title.empty()) out.push_back({line, who + ": title is missing or empty"});

    std::set<std::string> flags;
    for (const auto& f : node.flags) {
      if (!info.find_flag(f)) out.push_back({line, who + ": unknown flag \"" + f + "\" (not in catalog.flags)"});
      if (!flags.insert(f).second) out.push_back({line, who + ": flag " + f + " given twice"});
    }
    for (const auto& [type, values] : node.attributes) {
      const auto* def = info.find_attribute(type);
      if (!def) {
        out.push_back({line, who + ": unknown attribute \"" + type + "\" (not in catalog.attributes)"});
        continue;
      }
      if (values.empty()) out.push_back({line, who + ": attribute " + type + " has no values"});
      for (const auto& v : values)
        if (!def->find_value(v))
          out.push_back({line, who + ": attribute " + type + " has unknown value \"" + v + "\""});
    }
    for (const auto& r : node.references)
      if (r.standard.empty() || r.clause.empty())
        out.push_back({line, who + ": a reference needs both standard and clause"});
    for (const auto& target : node.refers_to)
      if (target.find(':') == std::string::npos)
        out.push_back({line, who + ": refers_to \"" + target + "\" must be catalog:ref"});
    check_answer(node, out);
  }
  return out;
}

std::vector<Problem> check_mapping(const Mapping& m, const Catalog* from, const Catalog* to) {
  std::vector<Problem> out;
  if (m.id.empty()) out.push_back({0, "mapping.id is missing"});
  if (m.title.empty()) out.push_back({0, "mapping.title is missing"});
  if (m.source.empty()) out.push_back({0, "mapping.source is missing: say where the correspondence is published"});
  if (m.method.empty()) out.push_back({0, "mapping.method is missing: say how relationships were decided"});
  if (!from) out.push_back({0, "mapping.from names catalog \"" + m.from_catalog + "\", which is not loaded"});
  if (!to) out.push_back({0, "mapping.to names catalog \"" + m.to_catalog + "\", which is not loaded"});
  if (m.entries.empty()) out.push_back({0, "the mapping has no entries"});
  if (!from || !to) return out;

  const AttributeType* attribute = nullptr;
  if (!m.from_attribute.empty()) {
    attribute = from->info.find_attribute(m.from_attribute);
    if (!attribute)
      out.push_back({0, "mapping.from_attribute \"" + m.from_attribute + "\" is not an attribute of " + from->info.id});
  }
  std::unordered_set<std::string> from_refs, to_refs;
  for (const auto& n : from->nodes) from_refs.insert(n.ref);
  for (const auto& n : to->nodes) to_refs.insert(n.ref);

  std::set<std::pair<std::string, std::string>> pairs;
  for (const auto& e : m.entries) {
    if (!m.from_attribute.empty()) {
      if (attribute && !attribute->find_value(e.from))
        out.push_back({e.source_line, "from \"" + e.from + "\" is not a value of attribute " + m.from_attribute});
    } else if (!from_refs.count(e.from)) {
      out.push_back({e.source_line, "from \"" + e.from + "\" is not a node of " + from->info.id});
    }
    if (!to_refs.count(e.to)) out.push_back({e.source_line, "to \"" + e.to + "\" is not a node of " + to->info.id});
    if (!pairs.insert({e.from, e.to}).second)
      out.push_back({e.source_line, "the pair " + e.from + " -> " + e.to + " is listed twice"});
  }
  return out;
}

std::vector<Problem> check_references(const Catalog& catalog, const std::vector<const Catalog*>& others) {
  std::vector<Problem> out;
  for (const auto& node : catalog.nodes) {
    for (const auto& target : node.refers_to) {
      auto colon = target.find(':');
      if (colon == std::string::npos) continue;  // check_catalog reports it
      const std::string cat = target.substr(0, colon), ref = target.substr(colon + 1);
      const Catalog* found = nullptr;
      for (const auto* c : others)
        if (c && c->info.id == cat) found = c;
      if (!found) {
        out.push_back({node.source_line, node.ref + ": refers_to names catalog \"" + cat + "\", which is not loaded"});
        continue;
      }
      bool exists = false;
      for (const auto& n : found->nodes)
        if (n.ref == ref) exists = true;
      if (!exists) out.push_back({node.source_line, node.ref + ": refers_to " + target + " does not exist"});
    }
  }
  return out;
}

}  // namespace mamori::domain
