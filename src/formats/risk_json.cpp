#include "formats/risk_json.h"

#include <nlohmann/json.hpp>

#include <initializer_list>

namespace mamori::formats {

namespace {

using nlohmann::json;

Error shape_error(const std::string& field, const char* reason, const std::string& message) {
  return make_error(ErrorCode::invalid_input, reason, message, Location::in_field(field));
}

std::string at(const std::string& base, std::size_t i) { return base + "[" + std::to_string(i) + "]"; }
std::string member(const std::string& base, const char* key) { return base.empty() ? key : base + "." + key; }

// Reads one JSON object field by field; the first problem sticks and names
// its place.
class Reader {
 public:
  Reader(const json& object, std::string path, std::initializer_list<const char*> known) : o_(object), path_(std::move(path)) {
    if (!o_.is_object()) {
      fail(path_.empty() ? "body" : path_, "type", (path_.empty() ? "the body" : path_) + " must be an object");
      return;
    }
    for (const auto& [key, value] : o_.items()) {
      bool found = false;
      for (const char* k : known) found = found || key == k;
      if (!found) {
        fail(member(path_, key.substr(0, 100).c_str()), "unknown_field", "unknown field " + key.substr(0, 100));
        return;
      }
    }
  }

  std::string text(const char* key) {
    if (error || !o_.contains(key) || o_[key].is_null()) return "";
    if (!o_[key].is_string()) return fail(member(path_, key), "type", member(path_, key) + " must be a string"), "";
    return o_[key].get<std::string>();
  }
  int integer(const char* key, bool required) {
    if (error) return 0;
    if (!o_.contains(key) || o_[key].is_null()) {
      if (required) fail(member(path_, key), "required", member(path_, key) + " is required");
      return 0;
    }
    if (!o_[key].is_number_integer() || o_[key].get<std::int64_t>() < 0 || o_[key].get<std::int64_t>() > 1000)
      return fail(member(path_, key), "type", member(path_, key) + " must be a whole number 0 to 1000"), 0;
    return o_[key].get<int>();
  }
  bool boolean(const char* key) {
    if (error || !o_.contains(key) || o_[key].is_null()) return false;
    if (!o_[key].is_boolean()) return fail(member(path_, key), "type", member(path_, key) + " must be true or false"), false;
    return o_[key].get<bool>();
  }
  // The array at key (empty when absent); fails when it is not one or too long.
  const json& array(const char* key, std::size_t max) {
    static const json empty = json::array();
    if (error || !o_.contains(key) || o_[key].is_null()) return empty;
    if (!o_[key].is_array()) return fail(member(path_, key), "type", member(path_, key) + " must be an array"), empty;
    if (o_[key].size() > max)
      return fail(member(path_, key), "too_many", member(path_, key) + " has more than " + std::to_string(max) + " items"),
             empty;
    return o_[key];
  }
  std::string path(const char* key) const { return member(path_, key); }
  void fail(const std::string& field, const char* reason, const std::string& message) {
    if (!error) error = shape_error(field, reason, message);
  }
  void take(const std::optional<Error>& other) {
    if (!error && other) error = other;
  }

  std::optional<Error> error;

 private:
  const json& o_;
  std::string path_;
};

json scale_json(const std::vector<domain::ScaleLevel>& scale) {
  json out = json::array();
  for (const auto& s : scale) out.push_back({{"label_ja", s.label_ja}, {"label_en", s.label_en}, {"description", s.description}});
  return out;
}

std::vector<domain::ScaleLevel> read_scale(Reader& r, const char* key) {
  std::vector<domain::ScaleLevel> out;
  const json& items = r.array(key, 100);
  for (std::size_t i = 0; i < items.size() && !r.error; ++i) {
    Reader item(items[i], at(r.path(key), i), {"label_ja", "label_en", "description"});
    domain::ScaleLevel s{item.text("label_ja"), item.text("label_en"), item.text("description")};
    r.take(item.error);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

std::string risk_criteria_json(const domain::RiskCriteria& c) {
  json levels = json::array(), goals = json::array();
  for (const auto& l : c.levels) levels.push_back({{"label_ja", l.label_ja}, {"label_en", l.label_en}});
  for (const auto& g : c.goals)
    goals.push_back({{"from_level", g.from_level}, {"target_level", g.target_level}, {"within_months", g.within_months}});
  return json{{"likelihood", scale_json(c.likelihood)},
              {"impact", scale_json(c.impact)},
              {"levels", levels},
              {"matrix", c.matrix},
              {"acceptance_level", c.acceptance_level},
              {"goals", goals}}
      .dump();
}

Result<domain::RiskCriteria> parse_risk_criteria_json(std::string_view text) {
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) return shape_error("body", "malformed_json", "the body is not valid JSON");
  Reader r(j, "", {"likelihood", "impact", "levels", "matrix", "acceptance_level", "goals"});
  domain::RiskCriteria c;
  c.likelihood = read_scale(r, "likelihood");
  c.impact = read_scale(r, "impact");
  const json& levels = r.array("levels", 100);
  for (std::size_t i = 0; i < levels.size() && !r.error; ++i) {
    Reader item(levels[i], at("levels", i), {"label_ja", "label_en"});
    c.levels.push_back({item.text("label_ja"), item.text("label_en")});
    r.take(item.error);
  }
  const json& rows = r.array("matrix", 100);
  for (std::size_t l = 0; l < rows.size() && !r.error; ++l) {
    if (!rows[l].is_array() || rows[l].size() > 100) {
      r.fail(at("matrix", l), "type", at("matrix", l) + " must be an array of level numbers");
      break;
    }
    std::vector<int> row;
    for (std::size_t i = 0; i < rows[l].size(); ++i) {
      const json& cell = rows[l][i];
      if (!cell.is_number_integer() || cell.get<std::int64_t>() < 0 || cell.get<std::int64_t>() > 1000) {
        r.fail(at(at("matrix", l), i), "type", at(at("matrix", l), i) + " must be a level number");
        break;
      }
      row.push_back(cell.get<int>());
    }
    c.matrix.push_back(std::move(row));
  }
  c.acceptance_level = r.integer("acceptance_level", true);
  const json& goals = r.array("goals", 100);
  for (std::size_t g = 0; g < goals.size() && !r.error; ++g) {
    Reader item(goals[g], at("goals", g), {"from_level", "target_level", "within_months"});
    domain::RiskGoal goal{item.integer("from_level", true), item.integer("target_level", true),
                          item.integer("within_months", true)};
    r.take(item.error);
    c.goals.push_back(goal);
  }
  if (r.error) return *r.error;
  return c;
}

std::string treatment_json(const domain::Treatment& t) {
  json controls = json::array(), actions = json::array();
  for (const auto& c : t.controls) controls.push_back({{"catalog_key", c.catalog_key}, {"ref", c.ref}});
  for (const auto& a : t.actions)
    actions.push_back({{"description", a.description},
                       {"owner", a.owner},
                       {"due_on", a.due_on},
                       {"done", a.done},
                       {"done_on", a.done_on}});
  return json{{"option", t.option ? json(domain::to_string(*t.option)) : json(nullptr)},
              {"controls", controls},
              {"plan", t.plan},
              {"actions", actions},
              {"residual_likelihood", t.residual_likelihood},
              {"residual_impact", t.residual_impact},
              {"acceptance_statement", t.acceptance_statement}}
      .dump();
}

Result<domain::Treatment> parse_treatment_json(std::string_view text) {
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) return shape_error("body", "malformed_json", "the body is not valid JSON");
  Reader r(j, "", {"option", "controls", "plan", "actions", "residual_likelihood", "residual_impact",
                   "acceptance_statement"});
  domain::Treatment t;
  const std::string option = r.text("option");
  if (!option.empty()) {
    t.option = domain::parse_treatment_option(option);
    if (!t.option) r.fail("option", "not_allowed", "option must be one of: modify, retain, avoid, share");
  }
  const json& controls = r.array("controls", domain::kMaxTreatmentControls);
  for (std::size_t i = 0; i < controls.size() && !r.error; ++i) {
    Reader item(controls[i], at("controls", i), {"catalog_key", "ref"});
    t.controls.push_back({item.text("catalog_key"), item.text("ref")});
    r.take(item.error);
  }
  t.plan = r.text("plan");
  const json& actions = r.array("actions", domain::kMaxTreatmentActions);
  for (std::size_t i = 0; i < actions.size() && !r.error; ++i) {
    Reader item(actions[i], at("actions", i), {"description", "owner", "due_on", "done", "done_on"});
    domain::TreatmentAction a;
    a.description = item.text("description");
    a.owner = item.text("owner");
    a.due_on = item.text("due_on");
    a.done = item.boolean("done");
    a.done_on = item.text("done_on");
    r.take(item.error);
    t.actions.push_back(std::move(a));
  }
  t.residual_likelihood = r.integer("residual_likelihood", false);
  t.residual_impact = r.integer("residual_impact", false);
  t.acceptance_statement = r.text("acceptance_statement");
  if (r.error) return *r.error;
  return t;
}

}  // namespace mamori::formats
