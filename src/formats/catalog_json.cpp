#include "formats/catalog_json.h"

#include <nlohmann/json.hpp>

namespace mamori::formats {

using nlohmann::json;

namespace {

json localized(const domain::LocalizedText& t) { return json{{"ja", t.ja}, {"en", t.en}}; }

domain::LocalizedText localized_from(const json& j) {
  return {j.value("ja", std::string()), j.value("en", std::string())};
}

void put(json& j, const char* key, const std::string& value) {
  if (!value.empty()) j[key] = value;
}

}  // namespace

json node_to_json(const domain::Node& n, int level) {
  json j;
  j["ref"] = n.ref;
  j["title"] = n.title;
  j["text"] = n.text;
  j["kind"] = n.kind;
  j["level"] = level;
  j["parent"] = n.parent.empty() ? json(nullptr) : json(n.parent);
  j["flags"] = n.flags;
  put(j, "title_en", n.title_en);
  put(j, "label", n.label);
  put(j, "objective", n.objective);
  if (!n.footnotes.empty()) j["footnotes"] = n.footnotes;
  if (!n.references.empty()) {
    json refs = json::array();
    for (const auto& r : n.references) refs.push_back({{"standard", r.standard}, {"clause", r.clause}});
    j["references"] = std::move(refs);
  }
  if (!n.attributes.empty()) {
    // An array of pairs would keep order but read badly; an object is what
    // users expect, and the catalog header gives the canonical order.
    json attrs = json::object();
    for (const auto& [key, values] : n.attributes) attrs[key] = values;
    j["attributes"] = std::move(attrs);
  }
  if (n.required) j["required"] = true;
  if (!n.refers_to.empty()) j["refers_to"] = n.refers_to;
  if (n.answer) {
    json a{{"type", n.answer->type}};
    if (!n.answer->options.empty()) {
      json options = json::array();
      for (const auto& o : n.answer->options) {
        json oj{{"value", o.value}, {"label", o.label}};
        put(oj, "description", o.description);
        put(oj, "examples", o.examples);
        options.push_back(std::move(oj));
      }
      a["options"] = std::move(options);
    }
    if (!n.answer->fields.empty()) {
      json fields = json::array();
      for (const auto& f : n.answer->fields) fields.push_back({{"key", f.key}, {"label", f.label}});
      a["fields"] = std::move(fields);
    }
    j["answer"] = std::move(a);
  }
  return j;
}

Result<domain::Node> node_from_json(const json& j) {
  try {
    domain::Node n;
    n.ref = j.at("ref").get<std::string>();
    n.title = j.at("title").get<std::string>();
    n.text = j.value("text", std::string());
    n.kind = j.at("kind").get<std::string>();
    if (j.contains("parent") && !j["parent"].is_null()) n.parent = j["parent"].get<std::string>();
    n.flags = j.value("flags", std::vector<std::string>{});
    n.title_en = j.value("title_en", std::string());
    n.label = j.value("label", std::string());
    n.objective = j.value("objective", std::string());
    n.footnotes = j.value("footnotes", std::vector<std::string>{});
    if (j.contains("references"))
      for (const auto& r : j["references"]) n.references.push_back({r.at("standard"), r.at("clause")});
    if (j.contains("attributes"))
      for (const auto& [key, values] : j["attributes"].items())
        n.attributes.emplace_back(key, values.get<std::vector<std::string>>());
    n.required = j.value("required", false);
    n.refers_to = j.value("refers_to", std::vector<std::string>{});
    if (j.contains("answer")) {
      const auto& a = j["answer"];
      domain::AnswerSpec spec;
      spec.type = a.at("type").get<std::string>();
      if (a.contains("options"))
        for (const auto& o : a["options"])
          spec.options.push_back({o.at("value"), o.at("label"), o.value("description", std::string()),
                                  o.value("examples", std::string())});
      if (a.contains("fields"))
        for (const auto& f : a["fields"]) spec.fields.push_back({f.at("key"), f.at("label")});
      n.answer = std::move(spec);
    }
    return n;
  } catch (const json::exception& e) {
    return make_error(ErrorCode::invalid_input, std::string("node JSON: ") + e.what());
  }
}

json info_to_json(const domain::CatalogInfo& info) {
  json j{{"id", info.id},         {"version", info.version}, {"title", info.title}, {"title_en", info.title_en},
         {"publisher", info.publisher}, {"source", info.source}, {"notes", info.notes}, {"kinds", info.kinds}};
  json flags = json::array();
  for (const auto& f : info.flags) flags.push_back({{"key", f.key}, {"name", localized(f.name)}});
  j["flags"] = std::move(flags);
  json attrs = json::array();
  for (const auto& a : info.attributes) {
    json values = json::array();
    for (const auto& v : a.values) values.push_back({{"key", v.key}, {"name", localized(v.name)}});
    attrs.push_back({{"key", a.key}, {"name", localized(a.name)}, {"values", std::move(values)}});
  }
  j["attributes"] = std::move(attrs);
  return j;
}

Result<domain::CatalogInfo> info_from_json(const json& j) {
  try {
    domain::CatalogInfo info;
    info.id = j.at("id");
    info.version = j.at("version");
    info.title = j.at("title");
    info.title_en = j.value("title_en", std::string());
    info.publisher = j.value("publisher", std::string());
    info.source = j.value("source", std::string());
    info.notes = j.value("notes", std::string());
    info.kinds = j.value("kinds", std::vector<std::string>{});
    for (const auto& f : j.value("flags", json::array())) info.flags.push_back({f.at("key"), localized_from(f.at("name"))});
    for (const auto& a : j.value("attributes", json::array())) {
      domain::AttributeType type{a.at("key"), localized_from(a.at("name")), {}};
      for (const auto& v : a.at("values")) type.values.push_back({v.at("key"), localized_from(v.at("name"))});
      info.attributes.push_back(std::move(type));
    }
    return info;
  } catch (const json::exception& e) {
    return make_error(ErrorCode::invalid_input, std::string("catalog header JSON: ") + e.what());
  }
}

}  // namespace mamori::formats
