// The life of a procurement's check sheet and of each vendor's response:
// which states there are and which steps each state allows. The sheet
// use cases (app/sheets*.cpp) ask these before changing anything.
//
//   sheet:    draft --(invite / import / PATCH)--> sent --> closed (--> sent)
//   response: invited --(first answer)--> in_progress --(submit)--> submitted
//             imported (from a returned .xlsx; final as read)
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/calendar_date.h"
#include "domain/sheet_evaluation.h"
#include "domain/sheet_tailoring.h"

namespace mamori::domain {

enum class SheetStatus { draft, sent, closed };
const char* to_string(SheetStatus status);
std::optional<SheetStatus> parse_sheet_status(std::string_view text);

enum class ResponseStatus { invited, in_progress, submitted, imported };
const char* to_string(ResponseStatus status);
std::optional<ResponseStatus> parse_response_status(std::string_view text);

// 機密性: "3B" | "3C" | "2", or "" when not decided.
bool is_classification(std::string_view text);


// The questions are fixed once the sheet has gone out: vendors answer what
// they were sent.
std::optional<SheetRuleProblem> tailoring_problem(SheetStatus status);

// A sheet goes back to draft only while nobody has answered it.
std::optional<SheetRuleProblem> status_change_problem(SheetStatus from, SheetStatus to, bool has_responses);

// New responses (invitations, imports) are taken until the sheet is closed.
std::optional<SheetRuleProblem> new_response_problem(SheetStatus status);

// A respondent changes its answers until it submits them (or the sheet closes).
std::optional<SheetRuleProblem> respondent_edit_problem(ResponseStatus response, SheetStatus sheet);
// The status after a respondent saved an answer.
ResponseStatus after_answer(ResponseStatus status);

// A reviewer decides on an item whose answer needs review (× with an
// alternative measure, or － with a reason), with a comment saying why,
// once the vendor has handed in its answers.
std::optional<SheetRuleProblem> review_problem(ResponseStatus response, ItemStatus before_review,
                                               std::string_view comment);

}  // namespace mamori::domain
