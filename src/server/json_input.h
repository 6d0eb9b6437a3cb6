// Request bodies and query strings, checked against a declared shape: wrong
// types, missing fields, unknown fields and malformed JSON are 400 with the
// field named, before any use case runs. The same declarations produce the
// OpenAPI schemas.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/error.h"

namespace mamori::server {

// number: a JSON number (e.g. a confidence 0..1); string_list: an array of
// strings (each at most max_length bytes, at most max_items of them).
enum class FieldType { string, integer, boolean, number, string_list };

struct FieldSpec {
  std::string name;
  FieldType type = FieldType::string;
  bool required = false;
  std::size_t max_length = 1000;  // bytes, for strings
  std::int64_t min = INT64_MIN;   // for integers
  std::int64_t max = INT64_MAX;
  double min_number = -1e300;     // for numbers
  double max_number = 1e300;
  std::size_t max_items = 50;     // for string lists
  std::vector<std::string> one_of;  // allowed values of a string
  std::string description;
};

// A body that passed its spec: typed access to the declared fields.
class JsonInput {
 public:
  JsonInput() = default;
  explicit JsonInput(nlohmann::json object) : object_(std::move(object)) {}
  bool has(const std::string& name) const;
  std::string text(const std::string& name, const std::string& fallback = "") const;
  std::optional<std::string> optional_text(const std::string& name) const;
  std::optional<std::int64_t> integer(const std::string& name) const;
  std::optional<bool> boolean(const std::string& name) const;
  std::optional<double> number(const std::string& name) const;
  std::optional<std::vector<std::string>> string_list(const std::string& name) const;

 private:
  nlohmann::json object_ = nlohmann::json::object();
};

// `body` must be a JSON object holding only declared fields; with no
// declared fields it must be empty (or "{}").
Result<JsonInput> parse_body(const std::string& body, const std::vector<FieldSpec>& spec);

// Query parameters: only declared ones, each a valid value of its type.
Result<JsonInput> parse_query(const std::map<std::string, std::string>& query, const std::vector<FieldSpec>& spec);

// The JSON Schema of a spec, for the OpenAPI document.
nlohmann::json schema_of(const std::vector<FieldSpec>& spec);
nlohmann::json schema_of(const FieldSpec& field);

}  // namespace mamori::server
