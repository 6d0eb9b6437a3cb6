#include "domain/access.h"

#include <algorithm>

namespace mamori::domain {

const char* to_string(Role role) {
  switch (role) {
    case Role::admin: return "admin";
    case Role::isms_manager: return "isms_manager";
    case Role::editor: return "editor";
    case Role::auditor: return "auditor";
    case Role::viewer: return "viewer";
    case Role::respondent: return "respondent";
  }
  return "viewer";
}

std::optional<Role> parse_role(std::string_view text) {
  for (Role r : all_roles())
    if (text == to_string(r)) return r;
  return std::nullopt;
}

const char* to_string(Action action) {
  switch (action) {
    case Action::view_organisation: return "view_organisation";
    case Action::read_records: return "read_records";
    case Action::write_records: return "write_records";
    case Action::approve_records: return "approve_records";
    case Action::write_audit_records: return "write_audit_records";
    case Action::answer_assigned_sheets: return "answer_assigned_sheets";
    case Action::read_responses: return "read_responses";
    case Action::library_read: return "library_read";
    case Action::library_write: return "library_write";
    case Action::library_approve: return "library_approve";
    case Action::read_audit_log: return "read_audit_log";
    case Action::manage_members: return "manage_members";
    case Action::manage_settings: return "manage_settings";
    case Action::manage_api_tokens: return "manage_api_tokens";
    case Action::manage_sessions: return "manage_sessions";
  }
  return "read_records";
}

const std::vector<Role>& all_roles() {
  static const std::vector<Role> roles{Role::admin,   Role::isms_manager, Role::editor,
                                       Role::auditor, Role::viewer,       Role::respondent};
  return roles;
}

bool role_allows(Role role, Action action) {
  using A = Action;
  // Every member sees the organisation; every member reads responses, a
  // respondent only those assigned to it (the sheet use cases filter).
  if (action == A::view_organisation || action == A::read_responses) return true;
  // The answer library follows the records: readers read it, editors
  // draft and answer sheets, those who approve records approve answers.
  if (action == A::library_read) return role_allows(role, A::read_records);
  if (action == A::library_write) return role_allows(role, A::write_records);
  if (action == A::library_approve) return role_allows(role, A::approve_records);
  switch (role) {
    case Role::admin:
      return true;
    case Role::isms_manager:
      return action == A::read_records || action == A::write_records || action == A::approve_records ||
             action == A::read_audit_log;
    case Role::editor:
      return action == A::read_records || action == A::write_records;
    case Role::auditor:
      return action == A::read_records || action == A::write_audit_records || action == A::read_audit_log;
    case Role::viewer:
      return action == A::read_records;
    case Role::respondent:
      return action == A::answer_assigned_sheets || action == A::read_responses;
  }
  return false;
}

bool role_covers(Role holder, Role granted) {
  static const std::vector<Action> actions{
      Action::view_organisation, Action::read_records,   Action::write_records,   Action::approve_records,   Action::write_audit_records,
      Action::answer_assigned_sheets, Action::read_responses, Action::library_read, Action::library_write, Action::library_approve,
      Action::read_audit_log, Action::manage_members, Action::manage_settings,
      Action::manage_api_tokens, Action::manage_sessions};
  return std::all_of(actions.begin(), actions.end(),
                     [&](Action a) { return !role_allows(granted, a) || role_allows(holder, a); });
}

}  // namespace mamori::domain
