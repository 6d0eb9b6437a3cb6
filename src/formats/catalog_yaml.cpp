#include "formats/catalog_yaml.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <initializer_list>
#include <sstream>

#include "domain/text.h"

namespace mamori::formats {

using domain::Problem;

namespace {

// Walks a parsed YAML tree and collects every structural problem with its
// line, instead of stopping at the first.
class Reader {
 public:
  explicit Reader(std::vector<Problem>& problems) : problems_(problems) {}

  static int line_of(const YAML::Node& n) { return n.Mark().is_null() ? 0 : n.Mark().line + 1; }

  void fail(const YAML::Node& at, std::string message) { problems_.push_back({line_of(at), std::move(message)}); }

  bool is_map(const YAML::Node& n, const std::string& what) {
    if (n.IsMap()) return true;
    fail(n, what + " must be a mapping (key: value)");
    return false;
  }

  // Every key of `map` must be one of `allowed`.
  void only_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed, const std::string& what) {
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (!it->first.IsScalar()) {
        fail(it->first, what + ": a key must be plain text");
        continue;
      }
      const auto key = it->first.Scalar();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
        fail(it->first, what + ": unknown key \"" + key + "\"");
    }
  }

  // A scalar as text. Missing and not required -> "". Checks UTF-8.
  std::string text(const YAML::Node& map, const char* key, const std::string& what, bool required = false) {
    const YAML::Node n = map[key];
    if (!n || n.IsNull()) {
      if (required) fail(map, what + ": " + key + " is required");
      return {};
    }
    if (!n.IsScalar()) {
      fail(n, what + ": " + key + " must be text");
      return {};
    }
    return checked(n, n.Scalar(), what + ": " + key);
  }

  // Valid UTF-8, trailing whitespace removed: a `|` block's final newline
  // carries no meaning, and trimming makes the stored text the same whatever
  // block style a file uses (so content hashes compare content).
  std::string checked(const YAML::Node& at, const std::string& value, const std::string& what) {
    std::size_t bad = 0;
    if (!domain::is_valid_utf8(value, &bad)) {
      fail(at, what + " is not valid UTF-8 (byte " + std::to_string(bad) + ")");
      return {};
    }
    auto end = value.find_last_not_of(" \t\r\n");
    return end == std::string::npos ? std::string() : value.substr(0, end + 1);
  }

  std::vector<std::string> text_list(const YAML::Node& map, const char* key, const std::string& what) {
    std::vector<std::string> out;
    const YAML::Node n = map[key];
    if (!n || n.IsNull()) return out;
    if (!n.IsSequence()) {
      fail(n, what + ": " + key + " must be a list");
      return out;
    }
    for (const auto& item : n) {
      if (!item.IsScalar()) {
        fail(item, what + ": every entry of " + key + " must be text");
        continue;
      }
      out.push_back(checked(item, item.Scalar(), what + ": " + key));
    }
    return out;
  }

  bool boolean(const YAML::Node& map, const char* key, const std::string& what) {
    const YAML::Node n = map[key];
    if (!n || n.IsNull()) return false;
    bool value = false;
    if (!n.IsScalar() || !YAML::convert<bool>::decode(n, value)) fail(n, what + ": " + key + " must be true or false");
    return value;
  }

  domain::LocalizedText localized(const YAML::Node& n, const std::string& what) {
    domain::LocalizedText out;
    if (!is_map(n, what)) return out;
    only_keys(n, {"ja", "en"}, what);
    out.ja = text(n, "ja", what, true);
    out.en = text(n, "en", what, true);
    return out;
  }

 private:
  std::vector<Problem>& problems_;
};

domain::CatalogInfo read_header(Reader& r, const YAML::Node& h) {
  domain::CatalogInfo info;
  if (!r.is_map(h, "catalog")) return info;
  r.only_keys(h, {"id", "version", "title", "title_en", "publisher", "source", "notes", "kinds", "flags", "attributes"},
              "catalog");
  info.id = r.text(h, "id", "catalog", true);
  info.version = r.text(h, "version", "catalog", true);
  info.title = r.text(h, "title", "catalog", true);
  info.title_en = r.text(h, "title_en", "catalog", true);
  info.publisher = r.text(h, "publisher", "catalog");
  info.source = r.text(h, "source", "catalog", true);
  info.notes = r.text(h, "notes", "catalog");
  info.kinds = r.text_list(h, "kinds", "catalog");
  if (const YAML::Node flags = h["flags"]; flags && !flags.IsNull() && r.is_map(flags, "catalog.flags")) {
    for (auto it = flags.begin(); it != flags.end(); ++it) {
      const std::string key = it->first.Scalar();
      info.flags.push_back({key, r.localized(it->second, "catalog.flags." + key)});
    }
  }
  if (const YAML::Node attrs = h["attributes"]; attrs && !attrs.IsNull() && r.is_map(attrs, "catalog.attributes")) {
    for (auto it = attrs.begin(); it != attrs.end(); ++it) {
      const std::string key = it->first.Scalar();
      const std::string what = "catalog.attributes." + key;
      domain::AttributeType type;
      type.key = key;
      const YAML::Node def = it->second;
      if (!r.is_map(def, what)) continue;
      r.only_keys(def, {"ja", "en", "values"}, what);
      type.name.ja = r.text(def, "ja", what, true);
      type.name.en = r.text(def, "en", what, true);
      const YAML::Node values = def["values"];
      if (!values || !r.is_map(values, what + ".values")) {
        if (!values) r.fail(def, what + ": values is required");
        continue;
      }
      for (auto v = values.begin(); v != values.end(); ++v)
        type.values.push_back({v->first.Scalar(), r.localized(v->second, what + ".values." + v->first.Scalar())});
      info.attributes.push_back(std::move(type));
    }
  }
  return info;
}

std::optional<domain::AnswerSpec> read_answer(Reader& r, const YAML::Node& a, const std::string& what) {
  if (!a || a.IsNull()) return std::nullopt;
  if (!r.is_map(a, what)) return std::nullopt;
  r.only_keys(a, {"type", "options", "fields"}, what);
  domain::AnswerSpec spec;
  spec.type = r.text(a, "type", what, true);
  if (const YAML::Node options = a["options"]; options && !options.IsNull()) {
    if (!options.IsSequence()) r.fail(options, what + ": options must be a list");
    else
      for (const auto& o : options) {
        if (!r.is_map(o, what + ".options[]")) continue;
        r.only_keys(o, {"value", "label", "description", "examples"}, what + ".options[]");
        spec.options.push_back({r.text(o, "value", what + ".options[]", true), r.text(o, "label", what + ".options[]", true),
                                r.text(o, "description", what + ".options[]"), r.text(o, "examples", what + ".options[]")});
      }
  }
  if (const YAML::Node fields = a["fields"]; fields && !fields.IsNull()) {
    if (!fields.IsSequence()) r.fail(fields, what + ": fields must be a list");
    else
      for (const auto& f : fields) {
        if (!r.is_map(f, what + ".fields[]")) continue;
        r.only_keys(f, {"key", "label"}, what + ".fields[]");
        spec.fields.push_back({r.text(f, "key", what + ".fields[]", true), r.text(f, "label", what + ".fields[]", true)});
      }
  }
  return spec;
}

domain::Node read_node(Reader& r, const YAML::Node& n, const domain::CatalogInfo& info) {
  domain::Node node;
  node.source_line = Reader::line_of(n);
  if (!r.is_map(n, "node")) return node;
  node.ref = r.text(n, "ref", "node", true);
  const std::string what = node.ref.empty() ? std::string("node") : "node " + node.ref;
  r.only_keys(n,
              {"ref", "parent", "kind", "title", "title_en", "label", "text", "objective", "footnotes", "flags",
               "references", "attributes", "required", "refers_to", "answer"},
              what);
  node.parent = r.text(n, "parent", what);
  node.kind = r.text(n, "kind", what, true);
  node.title = r.text(n, "title", what, true);
  node.title_en = r.text(n, "title_en", what);
  node.label = r.text(n, "label", what);
  node.text = r.text(n, "text", what);
  node.objective = r.text(n, "objective", what);
  node.footnotes = r.text_list(n, "footnotes", what);
  node.flags = r.text_list(n, "flags", what);
  node.refers_to = r.text_list(n, "refers_to", what);
  node.required = r.boolean(n, "required", what);
  if (const YAML::Node refs = n["references"]; refs && !refs.IsNull()) {
    if (!refs.IsSequence()) r.fail(refs, what + ": references must be a list");
    else
      for (const auto& ref : refs) {
        if (!r.is_map(ref, what + ".references[]")) continue;
        r.only_keys(ref, {"standard", "clause"}, what + ".references[]");
        node.references.push_back(
            {r.text(ref, "standard", what + ".references[]", true), r.text(ref, "clause", what + ".references[]", true)});
      }
  }
  if (const YAML::Node attrs = n["attributes"]; attrs && !attrs.IsNull() && r.is_map(attrs, what + ".attributes")) {
    // Keep the header's order so output is stable whatever order the file uses.
    for (const auto& type : info.attributes) {
      if (attrs[type.key]) node.attributes.emplace_back(type.key, r.text_list(attrs, type.key.c_str(), what + ".attributes"));
    }
    for (auto it = attrs.begin(); it != attrs.end(); ++it) {
      if (!info.find_attribute(it->first.Scalar()))
        node.attributes.emplace_back(it->first.Scalar(),
                                     r.text_list(attrs, it->first.Scalar().c_str(), what + ".attributes"));
    }
  }
  node.answer = read_answer(r, n["answer"], what + ".answer");
  return node;
}

domain::Catalog read_catalog(Reader& r, const YAML::Node& root, const std::string& file) {
  domain::Catalog catalog;
  catalog.file = file;
  r.only_keys(root, {"catalog", "nodes"}, "file");
  catalog.info = read_header(r, root["catalog"]);
  const YAML::Node nodes = root["nodes"];
  if (!nodes || !nodes.IsSequence()) {
    r.fail(root, "nodes must be a list of nodes");
    return catalog;
  }
  catalog.nodes.reserve(nodes.size());
  for (const auto& n : nodes) catalog.nodes.push_back(read_node(r, n, catalog.info));
  return catalog;
}

domain::Mapping read_mapping(Reader& r, const YAML::Node& root, const std::string& file) {
  domain::Mapping m;
  m.file = file;
  r.only_keys(root, {"mapping", "entries"}, "file");
  const YAML::Node h = root["mapping"];
  if (r.is_map(h, "mapping")) {
    r.only_keys(h, {"id", "from", "to", "title", "source", "method", "from_attribute"}, "mapping");
    m.id = r.text(h, "id", "mapping", true);
    m.from_catalog = r.text(h, "from", "mapping", true);
    m.to_catalog = r.text(h, "to", "mapping", true);
    m.title = r.text(h, "title", "mapping", true);
    m.source = r.text(h, "source", "mapping", true);
    m.method = r.text(h, "method", "mapping", true);
    m.from_attribute = r.text(h, "from_attribute", "mapping");
  }
  const YAML::Node entries = root["entries"];
  if (!entries || !entries.IsSequence()) {
    r.fail(root, "entries must be a list");
    return m;
  }
  for (const auto& e : entries) {
    domain::MappingEntry entry;
    entry.source_line = Reader::line_of(e);
    if (!r.is_map(e, "entry")) continue;
    r.only_keys(e, {"from", "to", "rel", "note"}, "entry");
    entry.from = r.text(e, "from", "entry", true);
    entry.to = r.text(e, "to", "entry", true);
    entry.note = r.text(e, "note", "entry");
    const std::string rel = r.text(e, "rel", "entry", true);
    if (auto parsed = domain::parse_relationship(rel)) entry.rel = *parsed;
    else if (!rel.empty())
      r.fail(e, "entry " + entry.from + " -> " + entry.to + ": unknown rel \"" + rel +
                    "\" (equal, subset, superset or intersect)");
    m.entries.push_back(std::move(entry));
  }
  return m;
}

Error problems_error(const std::string& file, const std::vector<Problem>& problems) {
  domain::Problem first = problems.front();
  return make_error(ErrorCode::invalid_input, describe_problems(file, problems), Location::in_file(file, first.line));
}

}  // namespace

std::string describe_problems(const std::string& file, const std::vector<Problem>& problems) {
  std::string out;
  for (const auto& p : problems) {
    if (!out.empty()) out += '\n';
    out += file;
    if (p.line > 0) out += ":" + std::to_string(p.line);
    out += ": " + p.message;
  }
  return out;
}

Result<CatalogDocument> parse_catalog_document(std::string_view text, const std::string& file) {
  if (text.size() > kMaxCatalogFileBytes)
    return make_error(ErrorCode::too_large,
                      "the file is " + std::to_string(text.size()) + " bytes; catalogs are limited to " +
                          std::to_string(kMaxCatalogFileBytes) + " bytes",
                      Location::in_file(file));
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return make_error(ErrorCode::invalid_input, "not valid YAML: " + e.msg,
                      Location::in_file(file, e.mark.is_null() ? 0 : e.mark.line + 1));
  }
  if (!root.IsMap())
    return make_error(ErrorCode::invalid_input, "expected a catalog (catalog: + nodes:) or a mapping (mapping: + entries:)",
                      Location::in_file(file));

  std::vector<Problem> problems;
  Reader reader(problems);
  try {
    if (root["catalog"]) {
      auto catalog = read_catalog(reader, root, file);
      if (!problems.empty()) return problems_error(file, problems);
      return CatalogDocument{std::move(catalog)};
    }
    if (root["mapping"]) {
      auto mapping = read_mapping(reader, root, file);
      if (!problems.empty()) return problems_error(file, problems);
      return CatalogDocument{std::move(mapping)};
    }
  } catch (const YAML::Exception& e) {
    // yaml-cpp throws on malformed aliases and the like while walking.
    return make_error(ErrorCode::invalid_input, "not a valid catalog file: " + e.msg,
                      Location::in_file(file, e.mark.is_null() ? 0 : e.mark.line + 1));
  }
  return make_error(ErrorCode::invalid_input,
                    "expected a top-level `catalog:` (a catalog) or `mapping:` (a mapping)", Location::in_file(file, 1));
}

Result<domain::Catalog> parse_catalog_yaml(std::string_view text, const std::string& file) {
  auto doc = parse_catalog_document(text, file);
  if (!doc) return doc.error();
  if (auto* c = std::get_if<domain::Catalog>(&doc.value())) return std::move(*c);
  return make_error(ErrorCode::invalid_input, "expected a catalog, found a mapping", Location::in_file(file));
}

Result<domain::Mapping> parse_mapping_yaml(std::string_view text, const std::string& file) {
  auto doc = parse_catalog_document(text, file);
  if (!doc) return doc.error();
  if (auto* m = std::get_if<domain::Mapping>(&doc.value())) return std::move(*m);
  return make_error(ErrorCode::invalid_input, "expected a mapping, found a catalog", Location::in_file(file));
}

namespace {

void emit_text(YAML::Emitter& out, const char* key, const std::string& value) {
  if (value.empty()) return;
  out << YAML::Key << key << YAML::Value;
  if (value.find('\n') != std::string::npos) out << YAML::Literal;
  else out << YAML::DoubleQuoted;
  out << value;
}

void emit_list(YAML::Emitter& out, const char* key, const std::vector<std::string>& values) {
  if (values.empty()) return;
  out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
  for (const auto& v : values) out << YAML::DoubleQuoted << v;
  out << YAML::EndSeq;
}

void emit_localized(YAML::Emitter& out, const std::string& key, const domain::LocalizedText& t) {
  out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginMap;
  out << YAML::Key << "ja" << YAML::Value << YAML::DoubleQuoted << t.ja;
  out << YAML::Key << "en" << YAML::Value << YAML::DoubleQuoted << t.en;
  out << YAML::EndMap;
}

}  // namespace

std::string write_catalog_yaml(const domain::Catalog& catalog) {
  YAML::Emitter out;
  out.SetOutputCharset(YAML::EmitNonAscii);
  const auto& info = catalog.info;
  out << YAML::BeginMap;
  out << YAML::Key << "catalog" << YAML::Value << YAML::BeginMap;
  emit_text(out, "id", info.id);
  emit_text(out, "version", info.version);
  emit_text(out, "title", info.title);
  emit_text(out, "title_en", info.title_en);
  emit_text(out, "publisher", info.publisher);
  emit_text(out, "source", info.source);
  emit_text(out, "notes", info.notes);
  emit_list(out, "kinds", info.kinds);
  if (!info.flags.empty()) {
    out << YAML::Key << "flags" << YAML::Value << YAML::BeginMap;
    for (const auto& f : info.flags) emit_localized(out, f.key, f.name);
    out << YAML::EndMap;
  }
  if (!info.attributes.empty()) {
    out << YAML::Key << "attributes" << YAML::Value << YAML::BeginMap;
    for (const auto& a : info.attributes) {
      out << YAML::Key << a.key << YAML::Value << YAML::BeginMap;
      out << YAML::Key << "ja" << YAML::Value << YAML::DoubleQuoted << a.name.ja;
      out << YAML::Key << "en" << YAML::Value << YAML::DoubleQuoted << a.name.en;
      out << YAML::Key << "values" << YAML::Value << YAML::BeginMap;
      for (const auto& v : a.values) emit_localized(out, v.key, v.name);
      out << YAML::EndMap << YAML::EndMap;
    }
    out << YAML::EndMap;
  }
  out << YAML::EndMap;

  out << YAML::Key << "nodes" << YAML::Value << YAML::BeginSeq;
  for (const auto& n : catalog.nodes) {
    out << YAML::BeginMap;
    emit_text(out, "ref", n.ref);
    emit_text(out, "parent", n.parent);
    emit_text(out, "kind", n.kind);
    emit_text(out, "title", n.title);
    emit_text(out, "title_en", n.title_en);
    emit_text(out, "label", n.label);
    emit_text(out, "text", n.text);
    emit_text(out, "objective", n.objective);
    emit_list(out, "footnotes", n.footnotes);
    emit_list(out, "flags", n.flags);
    if (!n.references.empty()) {
      out << YAML::Key << "references" << YAML::Value << YAML::BeginSeq;
      for (const auto& r : n.references) {
        out << YAML::Flow << YAML::BeginMap << YAML::Key << "standard" << YAML::Value << YAML::DoubleQuoted << r.standard
            << YAML::Key << "clause" << YAML::Value << YAML::DoubleQuoted << r.clause << YAML::EndMap;
      }
      out << YAML::EndSeq;
    }
    if (!n.attributes.empty()) {
      out << YAML::Key << "attributes" << YAML::Value << YAML::BeginMap;
      for (const auto& [key, values] : n.attributes) emit_list(out, key.c_str(), values);
      out << YAML::EndMap;
    }
    if (n.required) out << YAML::Key << "required" << YAML::Value << true;
    emit_list(out, "refers_to", n.refers_to);
    if (n.answer) {
      const auto& a = *n.answer;
      out << YAML::Key << "answer" << YAML::Value << YAML::BeginMap;
      emit_text(out, "type", a.type);
      if (!a.options.empty()) {
        out << YAML::Key << "options" << YAML::Value << YAML::BeginSeq;
        for (const auto& o : a.options) {
          out << YAML::BeginMap;
          emit_text(out, "value", o.value);
          emit_text(out, "label", o.label);
          emit_text(out, "description", o.description);
          emit_text(out, "examples", o.examples);
          out << YAML::EndMap;
        }
        out << YAML::EndSeq;
      }
      if (!a.fields.empty()) {
        out << YAML::Key << "fields" << YAML::Value << YAML::BeginSeq;
        for (const auto& f : a.fields) {
          out << YAML::Flow << YAML::BeginMap;
          out << YAML::Key << "key" << YAML::Value << YAML::DoubleQuoted << f.key;
          out << YAML::Key << "label" << YAML::Value << YAML::DoubleQuoted << f.label;
          out << YAML::EndMap;
        }
        out << YAML::EndSeq;
      }
      out << YAML::EndMap;
    }
    out << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace mamori::formats
