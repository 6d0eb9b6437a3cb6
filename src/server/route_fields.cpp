#include "server/route_fields.h"

#include <utility>

namespace mamori::server::fields {

Route org_route(std::string tag, std::string method, std::string path, std::string summary, domain::Action action) {
  Route r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.summary = std::move(summary);
  r.tag = std::move(tag);
  r.auth = Auth::signed_in;
  r.action = action;
  return r;
}

FieldSpec text(std::string name, bool required, std::size_t max_bytes, std::string description) {
  FieldSpec f;
  f.name = std::move(name);
  f.required = required;
  f.max_length = max_bytes;
  f.description = std::move(description);
  return f;
}

FieldSpec choice(std::string name, bool required, std::vector<std::string> values, std::string description) {
  FieldSpec f = text(std::move(name), required, 64, std::move(description));
  f.one_of = std::move(values);
  return f;
}

FieldSpec flag(std::string name, std::string description) {
  FieldSpec f;
  f.name = std::move(name);
  f.type = FieldType::boolean;
  f.description = std::move(description);
  return f;
}

FieldSpec integer(std::string name, std::int64_t min, std::int64_t max, std::string description) {
  FieldSpec f;
  f.name = std::move(name);
  f.type = FieldType::integer;
  f.min = min;
  f.max = max;
  f.description = std::move(description);
  return f;
}

FieldSpec as_of() { return text("as_of", false, 10, "evaluation date YYYY-MM-DD (default: today in Japan)"); }

}  // namespace mamori::server::fields
