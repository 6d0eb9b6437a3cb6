#include "domain/risk_criteria.h"

#include "domain/text.h"

namespace mamori::domain {

namespace {

Status field_error(const std::string& field, const char* reason, const std::string& message) {
  return make_error(ErrorCode::invalid_input, reason, message, Location::in_field(field));
}

std::string at(const std::string& base, std::size_t i) { return base + "[" + std::to_string(i) + "]"; }

Status check_label(const std::string& field, const std::string& text, std::size_t max, bool required) {
  if (!is_valid_utf8(text)) return field_error(field, "invalid", field + " is not valid UTF-8");
  if (required && fold_for_search(text).empty())
    return field_error(field, "required", field + " を入力してください / " + field + " must not be empty");
  if (utf8_length(text) > max)
    return field_error(field, "too_long", field + " is longer than " + std::to_string(max) + " characters");
  return ok();
}

Status check_count(const std::string& field, std::size_t n) {
  if (n < kMinScaleLevels || n > kMaxScaleLevels)
    return field_error(field, "count",
                       field + " は " + std::to_string(kMinScaleLevels) + "〜" + std::to_string(kMaxScaleLevels) +
                           " 段階にしてください / " + field + " needs " + std::to_string(kMinScaleLevels) + " to " +
                           std::to_string(kMaxScaleLevels) + " levels");
  return ok();
}

// Labels within one list must differ (folded), or the matrix and reports
// become ambiguous.
template <class T>
Status check_unique_labels(const std::string& field, const std::vector<T>& items) {
  for (std::size_t i = 0; i < items.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (fold_for_search(items[i].label_ja) == fold_for_search(items[j].label_ja))
        return field_error(at(field, i) + ".label_ja", "duplicate",
                           "「" + items[i].label_ja + "」が重複しています / label used twice in " + field);
  return ok();
}

Status check_scale(const std::string& field, const std::vector<ScaleLevel>& scale) {
  if (auto s = check_count(field, scale.size()); !s) return s;
  for (std::size_t i = 0; i < scale.size(); ++i) {
    if (auto s = check_label(at(field, i) + ".label_ja", scale[i].label_ja, kMaxScaleLabelChars, true); !s) return s;
    if (auto s = check_label(at(field, i) + ".label_en", scale[i].label_en, kMaxScaleLabelChars, true); !s) return s;
    if (auto s = check_label(at(field, i) + ".description", scale[i].description, kMaxScaleDescriptionChars, false); !s)
      return s;
  }
  return check_unique_labels(field, scale);
}

Status check_rank(const std::string& field, int value, std::size_t count) {
  if (value < 1 || value > static_cast<int>(count))
    return field_error(field, "out_of_range",
                       field + " は 1〜" + std::to_string(count) + " のいずれかです / " + field + " must be 1 to " +
                           std::to_string(count));
  return ok();
}

}  // namespace

RiskCriteria default_risk_criteria() {
  RiskCriteria c;
  c.likelihood = {{"低", "Low", "数年に1回程度、またはそれ以下"},
                  {"中", "Medium", "年に1回程度"},
                  {"高", "High", "月に1回程度、またはそれ以上"}};
  c.impact = {{"小", "Minor", "業務・顧客への影響は軽微"},
              {"中", "Moderate", "一部の業務・顧客に影響し、回復に時間を要する"},
              {"大", "Major", "多くの顧客・業務に重大な影響、法令・契約違反"}};
  c.levels = {{"低", "Low"}, {"中", "Medium"}, {"高", "High"}};
  c.matrix = {{1, 1, 2}, {1, 2, 3}, {2, 3, 3}};
  c.acceptance_level = 1;
  c.goals = {{3, 2, 6}};
  return c;
}

Status check_risk_criteria(const RiskCriteria& c) {
  if (auto s = check_scale("likelihood", c.likelihood); !s) return s;
  if (auto s = check_scale("impact", c.impact); !s) return s;
  if (auto s = check_count("levels", c.levels.size()); !s) return s;
  for (std::size_t i = 0; i < c.levels.size(); ++i) {
    if (auto s = check_label(at("levels", i) + ".label_ja", c.levels[i].label_ja, kMaxScaleLabelChars, true); !s)
      return s;
    if (auto s = check_label(at("levels", i) + ".label_en", c.levels[i].label_en, kMaxScaleLabelChars, true); !s)
      return s;
  }
  if (auto s = check_unique_labels("levels", c.levels); !s) return s;
  if (c.matrix.size() != c.likelihood.size())
    return field_error("matrix", "shape",
                       "マトリクスの行数は発生可能性の段階数 (" + std::to_string(c.likelihood.size()) +
                           ") と同じにしてください / the matrix needs one row per likelihood level");
  for (std::size_t l = 0; l < c.matrix.size(); ++l) {
    const auto& row = c.matrix[l];
    if (row.size() != c.impact.size())
      return field_error(at("matrix", l), "shape",
                         "マトリクスの各行は影響度の段階数 (" + std::to_string(c.impact.size()) +
                             ") の列が必要です / each matrix row needs one cell per impact level");
    for (std::size_t i = 0; i < row.size(); ++i) {
      const std::string cell = at(at("matrix", l), i);
      if (auto s = check_rank(cell, row[i], c.levels.size()); !s) return s;
      if ((l > 0 && row[i] < c.matrix[l - 1][i]) || (i > 0 && row[i] < row[i - 1]))
        return field_error(cell, "not_monotone",
                           "発生可能性または影響度が高いほどリスクレベルが低くならないようにしてください / "
                           "a higher likelihood or impact must not give a lower level");
    }
  }
  if (auto s = check_rank("acceptance_level", c.acceptance_level, c.levels.size()); !s) return s;
  if (c.goals.size() > kMaxRiskGoals)
    return field_error("goals", "too_many", "at most " + std::to_string(kMaxRiskGoals) + " goals");
  for (std::size_t g = 0; g < c.goals.size(); ++g) {
    const auto& goal = c.goals[g];
    const std::string base = at("goals", g);
    if (auto s = check_rank(base + ".from_level", goal.from_level, c.levels.size()); !s) return s;
    if (auto s = check_rank(base + ".target_level", goal.target_level, c.levels.size()); !s) return s;
    if (goal.target_level >= goal.from_level)
      return field_error(base + ".target_level", "not_lower",
                         "目標レベルは対象レベルより低くしてください / the target must be below the level it lowers");
    if (goal.within_months < 1 || goal.within_months > kMaxGoalMonths)
      return field_error(base + ".within_months", "out_of_range",
                         "期限は 1〜" + std::to_string(kMaxGoalMonths) + " か月です / within_months must be 1 to " +
                             std::to_string(kMaxGoalMonths));
    for (std::size_t other = 0; other < g; ++other)
      if (c.goals[other].from_level == goal.from_level)
        return field_error(base + ".from_level", "duplicate",
                           "同じレベルの目標が2つあります / two goals for the same level");
  }
  return ok();
}

std::optional<int> risk_level(const RiskCriteria& c, int likelihood, int impact) {
  if (likelihood < 1 || impact < 1 || likelihood > static_cast<int>(c.matrix.size())) return std::nullopt;
  const auto& row = c.matrix[likelihood - 1];
  if (impact > static_cast<int>(row.size())) return std::nullopt;
  return row[impact - 1];
}

bool acceptable(const RiskCriteria& c, int level) { return level >= 1 && level <= c.acceptance_level; }

bool approval_survives_criteria_change(const RiskCriteria& before, const RiskCriteria& after, int rl, int ri) {
  const auto old_level = risk_level(before, rl, ri), new_level = risk_level(after, rl, ri);
  if (!old_level || !new_level) return false;
  if (*old_level != *new_level) return false;
  if (before.levels[*old_level - 1] != after.levels[*new_level - 1]) return false;
  return acceptable(before, *old_level) == acceptable(after, *new_level);
}

}  // namespace mamori::domain
