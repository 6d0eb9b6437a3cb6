// The JSON the API and the UI read for Statements of Applicability: one
// shape for a row, a finding, a version and a comparison, used by every
// route (server/routes_soa.cpp).
#pragma once

#include <nlohmann/json.hpp>

#include "app/soa.h"

namespace mamori::app {

nlohmann::json soa_row_json(const domain::SoaRow& row);
nlohmann::json soa_finding_json(const domain::SoaFinding& finding);
// The list entry: service, role, version, counts (no rows).
nlohmann::json soa_summary_json(const SoaView& view);
// The summary with rows, findings and the titles of the linked risks.
nlohmann::json soa_json(const SoaView& view);
nlohmann::json soa_version_json(const SoaVersionView& version);
nlohmann::json soa_comparison_json(const SoaComparison& comparison);

}  // namespace mamori::app
