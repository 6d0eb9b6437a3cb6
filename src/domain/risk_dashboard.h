// The risk dashboard: risks by level (current and residual), the heat map on
// the matrix, and progress against each risk goal (seed 002 I.3: how top
// management monitors 「高は半年以内に中以下」), computed from the register
// and a date.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/risk_criteria.h"
#include "domain/risk_register.h"

namespace mamori::domain {

struct DashboardRisk {
  std::string id;
  std::string title;
  Risk risk;
  Treatment treatment;
};

// The goal's verdict on one risk.
enum class GoalState {
  met,       // residual at or below the target, every action done, by the deadline
  met_late,  // the same, after the deadline
  open,      // not reached yet; the deadline has not passed
  overdue,   // not reached and the deadline has passed
};
const char* to_string(GoalState state);

struct GoalRisk {
  std::string id;
  std::string title;
  std::string deadline;    // identified_on + within_months
  std::string reached_on;  // the last action's done_on when reached; "" otherwise
  GoalState state = GoalState::open;
};

struct GoalProgress {
  RiskGoal goal;
  int total = 0;  // risks (not closed) whose current level is the goal's from_level
  int met = 0, met_late = 0, open = 0, overdue = 0;
  std::vector<GoalRisk> risks;
};

struct RiskDashboard {
  std::vector<int> by_level;           // index level-1: risks (not closed) at each current level
  std::vector<int> residual_by_level;  // the same by residual level, for risks whose residual is assessed
  int residual_not_assessed = 0;
  int total = 0;       // risks not closed
  int closed = 0;
  int above_acceptance = 0;  // current level above the acceptance level
  std::vector<std::vector<int>> heat;           // [likelihood-1][impact-1]: current ratings
  std::vector<std::vector<int>> residual_heat;  // the same for residual ratings
  std::vector<GoalProgress> goals;
};

// A goal concerns the risks (not closed) whose *current* level is its
// from_level. One has reached the target when its residual is assessed at or
// below the target level and its plan has at least one action, all done: the
// reduction has happened, not only been planned. It was reached on the last
// action's done_on, and is on time when that is on or before the deadline
// (identified_on + within_months). `today` decides what is overdue.
RiskDashboard risk_dashboard(const RiskCriteria& criteria, const std::vector<DashboardRisk>& risks,
                             std::string_view today);

// YYYY-MM-DD plus `months`, the day clamped to the month's end (2026-08-31
// + 6 → 2027-02-28). The input must be a valid date.
std::string add_months(std::string_view date, int months);

}  // namespace mamori::domain
