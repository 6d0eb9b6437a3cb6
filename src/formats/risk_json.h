// Risk criteria and risk treatments as JSON documents: what the API takes
// (PUT risk-criteria, PUT treatment) and what the store keeps. Reading is
// strict: a wrong type, a missing or unknown field is invalid_input naming
// its place ("matrix[1][2]", "actions[0].due_on"); the domain rules
// (check_risk_criteria, check_treatment) run after.
#pragma once

#include <string>
#include <string_view>

#include "domain/error.h"
#include "domain/risk_criteria.h"
#include "domain/risk_register.h"

namespace mamori::formats {

// {"likelihood": [{"label_ja", "label_en", "description"}], "impact": [...],
//  "levels": [{"label_ja", "label_en"}], "matrix": [[1, 1, 2], ...] (a row per
//  likelihood, a column per impact, values level ranks), "acceptance_level": 1,
//  "goals": [{"from_level", "target_level", "within_months"}]}
std::string risk_criteria_json(const domain::RiskCriteria& criteria);
Result<domain::RiskCriteria> parse_risk_criteria_json(std::string_view text);

// {"option": "modify" | "retain" | "avoid" | "share" | null,
//  "controls": [{"catalog_key", "ref"}], "plan": "…",
//  "actions": [{"description", "owner", "due_on", "done", "done_on"}],
//  "residual_likelihood": 0.., "residual_impact": 0.., "acceptance_statement": "…"}
// Every field may be left out (its empty value).
std::string treatment_json(const domain::Treatment& treatment);
Result<domain::Treatment> parse_treatment_json(std::string_view text);

}  // namespace mamori::formats
