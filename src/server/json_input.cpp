#include "server/json_input.h"

#include <charconv>

#include "domain/text.h"

namespace mamori::server {

using nlohmann::json;

namespace {

Error field_error(const std::string& field, const std::string& reason, const std::string& message) {
  return make_error(ErrorCode::invalid_input, reason, message, Location::in_field(field));
}

const char* type_name(FieldType t) {
  switch (t) {
    case FieldType::string: return "string";
    case FieldType::integer: return "integer";
    case FieldType::boolean: return "boolean";
    case FieldType::number: return "number";
    case FieldType::string_list: return "array";
  }
  return "string";
}

Status check_value(const FieldSpec& f, const json& v) {
  switch (f.type) {
    case FieldType::string: {
      if (!v.is_string()) return field_error(f.name, "type", f.name + " must be a string");
      const auto& s = v.get_ref<const std::string&>();
      if (s.size() > f.max_length)
        return field_error(f.name, "too_long", f.name + " is longer than " + std::to_string(f.max_length) + " bytes");
      if (!domain::is_valid_utf8(s)) return field_error(f.name, "invalid", f.name + " is not valid UTF-8");
      if (!f.one_of.empty() && std::find(f.one_of.begin(), f.one_of.end(), s) == f.one_of.end()) {
        std::string allowed;
        for (const auto& a : f.one_of) allowed += (allowed.empty() ? "" : ", ") + a;
        return field_error(f.name, "not_allowed", f.name + " must be one of: " + allowed);
      }
      if (f.required && s.empty()) return field_error(f.name, "required", f.name + " must not be empty");
      return ok();
    }
    case FieldType::integer: {
      if (!v.is_number_integer()) return field_error(f.name, "type", f.name + " must be an integer");
      const auto n = v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)
                         ? INT64_MAX
                         : v.get<std::int64_t>();
      if (n < f.min || n > f.max)
        return field_error(f.name, "out_of_range",
                           f.name + " must be between " + std::to_string(f.min) + " and " + std::to_string(f.max));
      return ok();
    }
    case FieldType::boolean:
      if (!v.is_boolean()) return field_error(f.name, "type", f.name + " must be true or false");
      return ok();
    case FieldType::number: {
      if (!v.is_number()) return field_error(f.name, "type", f.name + " must be a number");
      const double n = v.get<double>();
      if (!(n >= f.min_number && n <= f.max_number))
        return field_error(f.name, "out_of_range",
                           f.name + " must be between " + nlohmann::json(f.min_number).dump() + " and " +
                               nlohmann::json(f.max_number).dump());
      return ok();
    }
    case FieldType::string_list: {
      if (!v.is_array()) return field_error(f.name, "type", f.name + " must be an array of strings");
      if (v.size() > f.max_items)
        return field_error(f.name, "too_many", f.name + " has more than " + std::to_string(f.max_items) + " items");
      for (const auto& item : v) {
        if (!item.is_string()) return field_error(f.name, "type", f.name + " must be an array of strings");
        const auto& s = item.get_ref<const std::string&>();
        if (s.size() > f.max_length)
          return field_error(f.name, "too_long",
                             "an item of " + f.name + " is longer than " + std::to_string(f.max_length) + " bytes");
        if (!domain::is_valid_utf8(s)) return field_error(f.name, "invalid", f.name + " is not valid UTF-8");
      }
      return ok();
    }
  }
  return ok();
}

Result<JsonInput> check_object(const json& object, const std::vector<FieldSpec>& spec) {
  for (const auto& [key, value] : object.items()) {
    const FieldSpec* f = nullptr;
    for (const auto& candidate : spec)
      if (candidate.name == key) f = &candidate;
    if (!f) return field_error(key.size() > 100 ? key.substr(0, 100) : key, "unknown_field", "unknown field " + key.substr(0, 100));
    if (value.is_null() && !f->required) continue;
    if (auto r = check_value(*f, value); !r) return r.error();
  }
  for (const auto& f : spec)
    if (f.required && (!object.contains(f.name) || object[f.name].is_null()))
      return field_error(f.name, "required", f.name + " is required");
  return JsonInput(object);
}

}  // namespace

bool JsonInput::has(const std::string& name) const { return object_.contains(name) && !object_[name].is_null(); }

std::string JsonInput::text(const std::string& name, const std::string& fallback) const {
  return optional_text(name).value_or(fallback);
}

std::optional<std::string> JsonInput::optional_text(const std::string& name) const {
  if (!has(name) || !object_[name].is_string()) return std::nullopt;
  return object_[name].get<std::string>();
}

std::optional<std::int64_t> JsonInput::integer(const std::string& name) const {
  if (!has(name) || !object_[name].is_number_integer()) return std::nullopt;
  return object_[name].get<std::int64_t>();
}

std::optional<bool> JsonInput::boolean(const std::string& name) const {
  if (!has(name) || !object_[name].is_boolean()) return std::nullopt;
  return object_[name].get<bool>();
}

std::optional<double> JsonInput::number(const std::string& name) const {
  if (!has(name) || !object_[name].is_number()) return std::nullopt;
  return object_[name].get<double>();
}

std::optional<std::vector<std::string>> JsonInput::string_list(const std::string& name) const {
  if (!has(name) || !object_[name].is_array()) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& item : object_[name])
    if (item.is_string()) out.push_back(item.get<std::string>());
  return out;
}

Result<JsonInput> parse_body(const std::string& body, const std::vector<FieldSpec>& spec) {
  auto blank = body.find_first_not_of(" \t\r\n") == std::string::npos;
  if (blank) {
    for (const auto& f : spec)
      if (f.required) return field_error(f.name, "required", f.name + " is required");
    return JsonInput();
  }
  json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded())
    return make_error(ErrorCode::invalid_input, "malformed_json", "the body is not valid JSON", Location::in_field("body"));
  if (!parsed.is_object())
    return make_error(ErrorCode::invalid_input, "type", "the body must be a JSON object", Location::in_field("body"));
  return check_object(parsed, spec);
}

Result<JsonInput> parse_query(const std::map<std::string, std::string>& query, const std::vector<FieldSpec>& spec) {
  json object = json::object();
  for (const auto& [key, value] : query) {
    const FieldSpec* f = nullptr;
    for (const auto& candidate : spec)
      if (candidate.name == key) f = &candidate;
    if (!f) return field_error(key.substr(0, 100), "unknown_field", "unknown query parameter " + key.substr(0, 100));
    switch (f->type) {
      case FieldType::string: object[key] = value; break;
      case FieldType::integer: {
        std::int64_t n = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
        if (ec != std::errc() || end != value.data() + value.size())
          return field_error(key, "type", key + " must be an integer");
        object[key] = n;
        break;
      }
      case FieldType::boolean:
        if (value != "true" && value != "false") return field_error(key, "type", key + " must be true or false");
        object[key] = value == "true";
        break;
      case FieldType::number: {
        double n = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
        if (ec != std::errc() || end != value.data() + value.size())
          return field_error(key, "type", key + " must be a number");
        object[key] = n;
        break;
      }
      case FieldType::string_list:
        // Lists come in bodies, not query strings.
        return field_error(key, "type", key + " cannot be given in the query");
    }
  }
  return check_object(object, spec);
}

json schema_of(const FieldSpec& f) {
  json s{{"type", type_name(f.type)}};
  if (!f.description.empty()) s["description"] = f.description;
  if (f.type == FieldType::string) s["maxLength"] = f.max_length;
  if (f.type == FieldType::integer) {
    if (f.min != INT64_MIN) s["minimum"] = f.min;
    if (f.max != INT64_MAX) s["maximum"] = f.max;
  }
  if (f.type == FieldType::number) {
    if (f.min_number > -1e300) s["minimum"] = f.min_number;
    if (f.max_number < 1e300) s["maximum"] = f.max_number;
  }
  if (f.type == FieldType::string_list) {
    s["items"] = {{"type", "string"}, {"maxLength", f.max_length}};
    s["maxItems"] = f.max_items;
  }
  if (!f.one_of.empty()) s["enum"] = f.one_of;
  return s;
}

json schema_of(const std::vector<FieldSpec>& spec) {
  json properties = json::object();
  json required = json::array();
  for (const auto& f : spec) {
    properties[f.name] = schema_of(f);
    if (f.required) required.push_back(f.name);
  }
  json s{{"type", "object"}, {"properties", properties}, {"additionalProperties", false}};
  if (!required.empty()) s["required"] = required;
  return s;
}

}  // namespace mamori::server
