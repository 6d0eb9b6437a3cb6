// Tailoring a check sheet: a procurement's own copy of a template may drop,
// add or reword questions, and every change carries its reason (as seed 002
// asks a 個別管理基準 to record a reason for every rewrite, addition or
// removal), so the sheet can be explained to the vendor and to an auditor.
// A dropped question stays on the sheet with its reason; it is neither asked
// nor judged.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mamori::domain {

enum class ItemChange { none, added, reworded, dropped };
const char* to_string(ItemChange change);
std::optional<ItemChange> parse_item_change(std::string_view text);

// A broken rule, naming the input field, with a stable reason code for the
// UI and the message in both languages.
struct SheetRuleProblem {
  std::string field;
  std::string reason;
  std::string en;
  std::string ja;
};

inline constexpr std::size_t kMaxReasonLength = 2000;      // characters
inline constexpr std::size_t kMaxItemTitleLength = 200;    // characters
inline constexpr std::size_t kMaxRequirementLength = 8000;  // characters

// Every change needs a reason of 1 to 2000 characters (whitespace alone is none).
std::optional<SheetRuleProblem> change_reason_problem(std::string_view reason);

// An added question's number must read back from a returned file as itself
// ("6-1", "5-38", "12.2.1" — the forms normalize_item_ref keeps), must not
// be 1 or 2 (the sheet's own preamble) and must not be taken on the sheet,
// not even by a dropped item (its row and reason stay).
std::optional<SheetRuleProblem> added_ref_problem(std::string_view ref, const std::vector<std::string>& taken);

std::optional<SheetRuleProblem> item_title_problem(std::string_view title);
std::optional<SheetRuleProblem> requirement_problem(std::string_view requirement);

// What rewording makes of an item's change: an unchanged item becomes
// reworded; an added one stays added (it was never the template's).
// A dropped item cannot be reworded.
std::optional<ItemChange> after_rewording(ItemChange current);

}  // namespace mamori::domain
