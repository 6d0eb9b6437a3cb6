#include "formats/tailored_json.h"

#include <nlohmann/json.hpp>

namespace mamori::formats {

using nlohmann::json;

namespace {

std::string text_of(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

int int_of(const json& j, const char* key) {
  return j.contains(key) && j[key].is_number_integer() ? j[key].get<int>() : 0;
}

std::vector<std::string> strings_of(const json& j, const char* key) {
  std::vector<std::string> out;
  if (!j.contains(key) || !j[key].is_array()) return out;
  for (const auto& v : j[key])
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

json regulations_json(const std::vector<domain::RegulationRef>& regs) {
  json out = json::array();
  for (const auto& r : regs) out.push_back({{"name", r.name}, {"clause", r.clause}});
  return out;
}

std::vector<domain::RegulationRef> regulations_from(const json& j) {
  std::vector<domain::RegulationRef> out;
  if (!j.contains("regulations") || !j["regulations"].is_array()) return out;
  for (const auto& r : j["regulations"])
    if (r.is_object()) out.push_back({text_of(r, "name"), text_of(r, "clause")});
  return out;
}

json content_json(const domain::ItemContent& c) {
  return {{"number", c.number}, {"title", c.title},   {"text", c.text},
          {"origin", c.origin}, {"source", c.source}, {"attributes", attributes_json(c.attributes)}};
}

domain::ItemContent content_from(const json& j) {
  domain::ItemContent c;
  c.number = text_of(j, "number");
  c.title = text_of(j, "title");
  c.text = text_of(j, "text");
  c.origin = strings_of(j, "origin");
  c.source = text_of(j, "source");
  c.attributes = attributes_from_json(j.value("attributes", json::array()));
  return c;
}

}  // namespace

json attributes_json(const domain::AttributeValues& attributes) {
  json out = json::array();
  for (const auto& [type, values] : attributes) out.push_back({{"type", type}, {"values", values}});
  return out;
}

domain::AttributeValues attributes_from_json(const json& j) {
  domain::AttributeValues out;
  if (!j.is_array()) return out;
  for (const auto& a : j)
    if (a.is_object()) out.emplace_back(text_of(a, "type"), strings_of(a, "values"));
  return out;
}

json tailored_item_json(const domain::TailoredItem& i) {
  return {{"key", i.key},
          {"number", i.number},
          {"title", i.title},
          {"text", i.text},
          {"origin", i.origin},
          {"source", i.source},
          {"level", domain::to_string(i.level)},
          {"technical", i.technical},
          {"review_months", i.review_months},
          {"attributes", attributes_json(i.attributes)},
          {"regulations", regulations_json(i.regulations)},
          {"history", i.history}};
}

domain::TailoredItem tailored_item_from_json(const json& j) {
  domain::TailoredItem i;
  if (!j.is_object()) return i;
  i.key = text_of(j, "key");
  i.number = text_of(j, "number");
  i.title = text_of(j, "title");
  i.text = text_of(j, "text");
  i.origin = strings_of(j, "origin");
  i.source = text_of(j, "source");
  i.level = domain::parse_item_level(text_of(j, "level")).value_or(domain::ItemLevel::required);
  i.technical = j.value("technical", false);
  i.review_months = int_of(j, "review_months");
  i.attributes = attributes_from_json(j.value("attributes", json::array()));
  i.regulations = regulations_from(j);
  if (j.contains("history") && j["history"].is_array())
    for (const auto& h : j["history"])
      if (h.is_number_integer()) i.history.push_back(h.get<int>());
  return i;
}

std::string tailored_items_text(const std::vector<domain::TailoredItem>& items) {
  json out = json::array();
  for (const auto& i : items) out.push_back(tailored_item_json(i));
  return out.dump();
}

std::vector<domain::TailoredItem> tailored_items_from_text(const std::string& text) {
  std::vector<domain::TailoredItem> out;
  const json j = json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& i : j) out.push_back(tailored_item_from_json(i));
  return out;
}

std::string operation_payload_text(const domain::Operation& op) {
  json content = json::array();
  for (const auto& c : op.content) content.push_back(content_json(c));
  return json{{"kind", domain::to_string(op.kind)},
              {"items", op.items},
              {"content", content},
              {"add_step", op.add_step},
              {"after", op.after},
              {"level", domain::to_string(op.level)},
              {"technical", op.technical},
              {"review_months", op.review_months},
              {"regulations", regulations_json(op.regulations)},
              {"text", op.text},
              {"attributes", attributes_json(op.attributes)}}
      .dump();
}

domain::Operation operation_from_payload_text(const std::string& text) {
  domain::Operation op;
  const json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return op;
  op.kind = domain::parse_operation_kind(text_of(j, "kind")).value_or(domain::OperationKind::take);
  op.items = strings_of(j, "items");
  if (j.contains("content") && j["content"].is_array())
    for (const auto& c : j["content"]) op.content.push_back(content_from(c));
  op.add_step = j.contains("add_step") ? int_of(j, "add_step") : 4;
  op.after = text_of(j, "after");
  op.level = domain::parse_item_level(text_of(j, "level")).value_or(domain::ItemLevel::required);
  op.technical = j.value("technical", false);
  op.review_months = int_of(j, "review_months");
  op.regulations = regulations_from(j);
  op.text = text_of(j, "text");
  op.attributes = attributes_from_json(j.value("attributes", json::array()));
  return op;
}

}  // namespace mamori::formats
