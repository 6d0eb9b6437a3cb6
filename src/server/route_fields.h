// The pieces every route table builds its routes from: a signed-in
// organisation route, and the common field specifications (validated input
// and the OpenAPI schema both come from them). One definition here so each
// routes_*.cpp only says what is particular to its routes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "server/routes.h"

namespace mamori::server::fields {

// A route that needs a signed-in caller; `action` documents the permission
// the app use case checks (OpenAPI, the access tests).
Route org_route(std::string tag, std::string method, std::string path, std::string summary, domain::Action action);

FieldSpec text(std::string name, bool required, std::size_t max_bytes, std::string description);
FieldSpec choice(std::string name, bool required, std::vector<std::string> values, std::string description);
FieldSpec flag(std::string name, std::string description);
FieldSpec integer(std::string name, std::int64_t min, std::int64_t max, std::string description);

// ?as_of=YYYY-MM-DD for evaluations (default: today in Japan).
FieldSpec as_of();

}  // namespace mamori::server::fields
