// The rules a Statement of Applicability is checked against. Each broken
// rule is a finding naming the rule, the row and what to do, in Japanese and
// English. A draft may have findings (people save half-done work); approval
// is refused while any finding of severity `error` remains.
//
// Why errors block and warnings do not: an error means the statement itself
// is incomplete or contradicts itself (a row not evaluated, an exclusion
// without its reason, a 27017 control adopted while its base 27001 control is
// excluded: seed 003 4.2.2 tells the organisation to go back and correct
// it), and an approved version is what certification and customers read. A
// warning is a truthful statement of a gap: an ISMAP .B/.PB item under an
// included objective that is not (yet) implemented but whose row states the
// alternative measure or plan (seed 000: each × comes with an alternative
// measure). Refusing to approve an honest statement would push people to
// misstate the status; the warning stays visible in the SoA, its versions
// and its exports instead.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "domain/soa.h"

namespace mamori::domain {

enum class FindingSeverity { error, warning };
const char* to_string(FindingSeverity s);  // error | warning

// Rule keys (stable: the UI and the exports translate and filter by them).
inline constexpr const char* kRuleCloudBaseExcluded = "cloud_base_excluded";      // seed 003 4.2.2 ④
inline constexpr const char* kRuleCloudUnevaluated = "cloud_unevaluated";         // every 27017 control evaluated
inline constexpr const char* kRuleObjectiveReason = "ismap_objective_reason";     // excluded objective needs a reason
inline constexpr const char* kRuleDetailNotImplemented = "ismap_detail_not_implemented";  // .B/.PB must be met
inline constexpr const char* kRuleReasonRequired = "reason_required";             // not applicable needs a reason
inline constexpr const char* kRuleUnevaluated = "unevaluated";                    // any other row not evaluated
inline constexpr const char* kRuleStatusMissing = "status_missing";               // applicable without a status

struct SoaFinding {
  std::string rule;
  std::string catalog_key;  // the row the finding is about
  std::string ref;
  FindingSeverity severity = FindingSeverity::error;
  std::string message_ja;
  std::string message_en;
  std::vector<std::string> related;  // other rows involved, as row_key()s
  bool operator==(const SoaFinding&) const = default;
};

// The base Annex A controls of each CLD control (ref -> Annex A refs), read
// from the mapping iso27017-2015_iso27001-2022: data, not code.
using CloudBases = std::map<std::string, std::set<std::string>>;

// Every finding, in row order. Rules:
//  1. cloud_base_excluded: a CLD row applicable while a base Annex A row is
//     not applicable (error);
//  2. cloud_unevaluated: a CLD row not evaluated (error);
//  3. ismap_objective_reason: an ISMAP objective not applicable without a
//     reason (error); an excluded objective exempts its .B/.PB details from
//     every rule;
//  4. ismap_detail_not_implemented: a .B/.PB detail under an included (or
//     not yet evaluated) objective that is not applicable or not implemented:
//     error without a reason, warning when its reason states the
//     alternative measure or plan;
//  and for every other row: reason_required (not applicable without a
//  reason, error), unevaluated (error), status_missing (applicable without an
//  implementation status, error).
std::vector<SoaFinding> check_soa(const std::vector<SoaRow>& rows, const CloudBases& bases);

// True when a finding of severity error is among them.
bool blocks_approval(const std::vector<SoaFinding>& findings);

}  // namespace mamori::domain
