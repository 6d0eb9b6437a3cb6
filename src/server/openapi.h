// The OpenAPI 3.1 document of the API, generated from the route table.
#pragma once

#include <nlohmann/json.hpp>

namespace mamori::server {

const nlohmann::json& openapi_document();

}  // namespace mamori::server
