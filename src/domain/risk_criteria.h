// Risk criteria of an organisation (JIS Q 27001 6.1.2 a): the likelihood and
// impact scales, the risk matrix that turns a (likelihood, impact) pair into a
// risk level, the acceptance level and the risk goals of the risk management
// policy (seed 002 I.3: 「リスク『高』は半年以内に『中』以下に低減すること」).
//
// Every rating is a 1-based rank: likelihood 1..L, impact 1..I, level 1..K,
// 1 being the lowest. Risks store only their ratings; the level is always
// derived from the current criteria, so it can never disagree with them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"

namespace mamori::domain {

struct ScaleLevel {
  std::string label_ja;
  std::string label_en;
  std::string description;  // what the rating means, e.g. 「年に1回以上」
  bool operator==(const ScaleLevel&) const = default;
};

struct RiskLevel {
  std::string label_ja;  // 低 / 中 / 高
  std::string label_en;
  bool operator==(const RiskLevel&) const = default;
};

// "Level `from_level` must be at `target_level` or below within
// `within_months` months of being identified."
struct RiskGoal {
  int from_level = 0;
  int target_level = 0;
  int within_months = 0;
  bool operator==(const RiskGoal&) const = default;
};

struct RiskCriteria {
  std::vector<ScaleLevel> likelihood;   // lowest first
  std::vector<ScaleLevel> impact;       // lowest first
  std::vector<RiskLevel> levels;        // lowest first
  std::vector<std::vector<int>> matrix;  // matrix[likelihood - 1][impact - 1] = level
  int acceptance_level = 1;             // levels at or below it are acceptable
  std::vector<RiskGoal> goals;
  bool operator==(const RiskCriteria&) const = default;
};

inline constexpr std::size_t kMinScaleLevels = 2;
inline constexpr std::size_t kMaxScaleLevels = 10;
inline constexpr std::size_t kMaxRiskGoals = 20;
inline constexpr std::size_t kMaxScaleLabelChars = 50;
inline constexpr std::size_t kMaxScaleDescriptionChars = 500;
inline constexpr int kMaxGoalMonths = 120;

// The default: 3×3, 低/中/高, acceptance 低, goal 高 → 中 within 6 months.
RiskCriteria default_risk_criteria();

// ok, or invalid_input naming the first field in error: "likelihood[2].label_ja",
// "matrix" (row count), "matrix[1]" (row length), "matrix[1][2]" (unknown
// level, or not monotone), "acceptance_level", "goals[0].target_level", …
//
// The matrix must be monotone: raising the likelihood or the impact never
// lowers the level. Without that, a treatment that lowers a likelihood could
// raise the risk level, and "reduce the risk" would stop meaning anything.
// Every level need not appear in the matrix (an organisation may keep a level
// for future use), but a goal must lower its level (target below from).
Status check_risk_criteria(const RiskCriteria& criteria);

// The level of a rating pair, or nullopt when either is outside its scale
// (0 means "not rated"). The criteria must have passed check_risk_criteria.
std::optional<int> risk_level(const RiskCriteria& criteria, int likelihood, int impact);
bool acceptable(const RiskCriteria& criteria, int level);

// When criteria change, a recorded approval of residual risk stands only if
// the residual's level (by rank and label) and its acceptability are the
// same under the new criteria: the owner accepted *that* level, not a rank.
bool approval_survives_criteria_change(const RiskCriteria& before, const RiskCriteria& after, int residual_likelihood,
                                       int residual_impact);

}  // namespace mamori::domain
