// Criteria and treatments as JSON documents: they round-trip, and a document
// of the wrong shape is refused naming its place.
#include <gtest/gtest.h>

#include "formats/risk_json.h"

namespace mamori::formats {

namespace {

std::string field_of(const Error& e) { return e.where.field; }

}  // namespace

TEST(RiskJson, CriteriaAndTreatmentsRoundTrip) {
  auto c = domain::default_risk_criteria();
  c.goals.push_back({2, 1, 12});
  auto back = parse_risk_criteria_json(risk_criteria_json(c));
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_EQ(back.value(), c);

  domain::Treatment t;
  t.option = domain::TreatmentOption::share;
  t.controls = {{"iso27017-2015", "CLD.6.3.1"}};
  t.plan = "責任分界を契約で定める";
  t.actions = {{"契約を改定", "法務部", "2026-12-31", true, "2026-11-30"}};
  t.residual_likelihood = 1;
  t.residual_impact = 2;
  t.acceptance_statement = "—";
  auto tb = parse_treatment_json(treatment_json(t));
  ASSERT_TRUE(tb) << tb.error().describe();
  EXPECT_EQ(tb.value(), t);
  auto empty = parse_treatment_json("{}");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty.value(), domain::Treatment{});
}

TEST(RiskJson, WrongShapesNameTheirPlace) {
  EXPECT_EQ(parse_risk_criteria_json("{").error().reason, "malformed_json");
  EXPECT_EQ(field_of(parse_risk_criteria_json("[]").error()), "body");
  EXPECT_EQ(field_of(parse_risk_criteria_json(R"({"colour": 1})").error()), "colour");
  EXPECT_EQ(field_of(parse_risk_criteria_json(R"({"likelihood": {}})").error()), "likelihood");
  EXPECT_EQ(field_of(parse_risk_criteria_json(R"({"likelihood": [{"label_ja": 1}]})").error()), "likelihood[0].label_ja");
  EXPECT_EQ(field_of(parse_risk_criteria_json(R"({"levels": [{"label_ja": "低", "x": 1}]})").error()), "levels[0].x");
  EXPECT_EQ(field_of(parse_risk_criteria_json(R"({"matrix": [[1, 2], [1, "高"]]})").error()), "matrix[1][1]");
  EXPECT_EQ(field_of(parse_risk_criteria_json(R"({"matrix": [1]})").error()), "matrix[0]");
  EXPECT_EQ(field_of(parse_risk_criteria_json(R"({"matrix": []})").error()), "acceptance_level");
  EXPECT_EQ(field_of(parse_risk_criteria_json(R"({"acceptance_level": 1, "goals": [{"from_level": 3}]})").error()),
            "goals[0].target_level");

  EXPECT_EQ(field_of(parse_treatment_json(R"({"option": "transfer"})").error()), "option");
  EXPECT_EQ(field_of(parse_treatment_json(R"({"controls": [{"catalog_key": "x", "ref": 5}]})").error()),
            "controls[0].ref");
  EXPECT_EQ(field_of(parse_treatment_json(R"({"actions": [{"done": "yes"}]})").error()), "actions[0].done");
  EXPECT_EQ(field_of(parse_treatment_json(R"({"residual_impact": -1})").error()), "residual_impact");
  EXPECT_EQ(field_of(parse_treatment_json(R"({"residual_impact": 1.5})").error()), "residual_impact");
}

}  // namespace mamori::formats
