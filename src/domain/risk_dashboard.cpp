#include "domain/risk_dashboard.h"

#include <algorithm>

namespace mamori::domain {

namespace {

int days_in_month(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return days[month - 1] + (month == 2 && leap ? 1 : 0);
}

std::vector<std::vector<int>> empty_heat(const RiskCriteria& c) {
  return std::vector<std::vector<int>>(c.likelihood.size(), std::vector<int>(c.impact.size(), 0));
}

// "" when the reduction has not happened (see risk_dashboard).
std::string reached_on(const RiskCriteria& c, const Treatment& t, int target) {
  const auto residual = risk_level(c, t.residual_likelihood, t.residual_impact);
  if (!residual || *residual > target || t.actions.empty()) return "";
  std::string last;
  for (const auto& a : t.actions) {
    if (!a.done) return "";
    last = std::max(last, a.done_on);
  }
  return last;
}

}  // namespace

const char* to_string(GoalState s) {
  switch (s) {
    case GoalState::met: return "met";
    case GoalState::met_late: return "met_late";
    case GoalState::open: return "open";
    case GoalState::overdue: return "overdue";
  }
  return "open";
}

std::string add_months(std::string_view date, int months) {
  int year = std::stoi(std::string(date.substr(0, 4)));
  int month = std::stoi(std::string(date.substr(5, 2)));
  int day = std::stoi(std::string(date.substr(8, 2)));
  const int total = year * 12 + (month - 1) + months;
  year = total / 12;
  month = total % 12 + 1;
  day = std::min(day, days_in_month(year, month));
  auto two = [](int n) { return std::string(n < 10 ? "0" : "") + std::to_string(n); };
  return std::to_string(year) + "-" + two(month) + "-" + two(day);
}

RiskDashboard risk_dashboard(const RiskCriteria& c, const std::vector<DashboardRisk>& risks, std::string_view today) {
  RiskDashboard d;
  d.by_level.assign(c.levels.size(), 0);
  d.residual_by_level.assign(c.levels.size(), 0);
  d.heat = empty_heat(c);
  d.residual_heat = empty_heat(c);
  for (const auto& goal : c.goals) d.goals.push_back(GoalProgress{goal, 0, 0, 0, 0, 0, {}});
  for (const auto& r : risks) {
    if (r.risk.status == RiskStatus::closed) {
      ++d.closed;
      continue;
    }
    ++d.total;
    const auto level = risk_level(c, r.risk.likelihood, r.risk.impact);
    if (level) {
      ++d.by_level[*level - 1];
      ++d.heat[r.risk.likelihood - 1][r.risk.impact - 1];
      if (!acceptable(c, *level)) ++d.above_acceptance;
    }
    const auto residual = risk_level(c, r.treatment.residual_likelihood, r.treatment.residual_impact);
    if (residual) {
      ++d.residual_by_level[*residual - 1];
      ++d.residual_heat[r.treatment.residual_likelihood - 1][r.treatment.residual_impact - 1];
    } else {
      ++d.residual_not_assessed;
    }
    if (!level) continue;
    for (auto& g : d.goals) {
      if (*level != g.goal.from_level) continue;
      GoalRisk gr{r.id, r.title, add_months(r.risk.identified_on, g.goal.within_months), "", GoalState::open};
      gr.reached_on = reached_on(c, r.treatment, g.goal.target_level);
      if (!gr.reached_on.empty())
        gr.state = gr.reached_on <= gr.deadline ? GoalState::met : GoalState::met_late;
      else
        gr.state = gr.deadline < today ? GoalState::overdue : GoalState::open;
      ++g.total;
      switch (gr.state) {
        case GoalState::met: ++g.met; break;
        case GoalState::met_late: ++g.met_late; break;
        case GoalState::open: ++g.open; break;
        case GoalState::overdue: ++g.overdue; break;
      }
      g.risks.push_back(std::move(gr));
    }
  }
  return d;
}

}  // namespace mamori::domain
