// The JSON shape of an evaluated check sheet, shared by `mamori sheet
// evaluate --json` and the API: verdict, ground, listing, classification,
// counts, warnings, items and problems (with sheet, row and column).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "app/sheet_evaluation.h"
#include "formats/service_list.h"

namespace mamori::app {

nlohmann::json problem_json(const formats::ImportProblem& problem);

nlohmann::json sheet_report_json(const SheetReport& report, const std::vector<formats::ImportProblem>& list_problems = {});

}  // namespace mamori::app
