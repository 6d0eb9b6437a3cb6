// The JSON the API and the UI read for the scope, cloud services, the
// classification scheme and assets. One place, so every route shows the
// same shape.
#pragma once

#include <nlohmann/json.hpp>

#include "app/assets.h"
#include "app/isms_scope.h"

namespace mamori::app {

nlohmann::json scope_json(const store::StoredScope& scope);
// runs_on entries carry the name of an own service from `all` (the
// organisation's services), so the UI can show the chain without lookups.
nlohmann::json cloud_service_json(const store::StoredCloudService& service,
                                  const std::vector<store::StoredCloudService>& all);
nlohmann::json classification_json(const domain::ClassificationScheme& scheme);
nlohmann::json asset_json(const store::StoredAsset& asset);
nlohmann::json import_report_json(const AssetImportReport& report);
nlohmann::json error_json(const Error& error);  // {message, reason, sheet, row, column, field, where}

}  // namespace mamori::app
