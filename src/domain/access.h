// Who may do what in an organisation: the roles and the one table that
// decides. app/authorize.* applies it to every use case; nothing else in
// mamori decides access.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace mamori::domain {

enum class Role {
  admin,         // everything in the organisation, including members and settings
  isms_manager,  // runs the ISMS: edits and approves records, reads the audit log
  editor,        // edits records
  auditor,       // reads everything in the organisation, writes audit records only
  viewer,        // reads
  respondent,    // a vendor's person: sees and answers only the sheets assigned to them
};

enum class Action {
  view_organisation,     // its name, kind and the caller's own role: every member
  read_records,          // the organisation's ISMS data, sheets, reports
  write_records,         // create and change them
  approve_records,       // approvals: SoA versions, risk acceptance, regulations
  write_audit_records,   // audit plans, evaluations, findings
  answer_assigned_sheets,  // a respondent's own response: answers, evidence, submit
  read_responses,          // vendors' responses: every reader sees them all, a respondent only its own
  library_read,            // the answer library (回答マスタ) and incoming sheets being answered
  library_write,           // library drafts; upload, answer and download incoming sheets
  library_approve,         // approve and retire library answers: what the vendor tells customers
  read_audit_log,
  manage_members,        // add, change role, remove
  manage_settings,       // banner, MFA requirement, password and session policy
  manage_api_tokens,
  manage_sessions,       // see and end other members' sessions
};

const char* to_string(Role role);
std::optional<Role> parse_role(std::string_view text);
const char* to_string(Action action);
const std::vector<Role>& all_roles();

// The table. A respondent's read access to the sheets assigned to them is
// decided by the sheet use cases on top of answer_assigned_sheets.
bool role_allows(Role role, Action action);

// A role may hand out (to members or API tokens) only roles it holds every
// permission of: an isms_manager cannot mint an admin token.
bool role_covers(Role holder, Role granted);

}  // namespace mamori::domain
