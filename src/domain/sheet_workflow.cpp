#include "domain/sheet_workflow.h"

#include "domain/text.h"

namespace mamori::domain {

const char* to_string(SheetStatus status) {
  switch (status) {
    case SheetStatus::draft: return "draft";
    case SheetStatus::sent: return "sent";
    case SheetStatus::closed: return "closed";
  }
  return "draft";
}

std::optional<SheetStatus> parse_sheet_status(std::string_view text) {
  for (auto s : {SheetStatus::draft, SheetStatus::sent, SheetStatus::closed})
    if (text == to_string(s)) return s;
  return std::nullopt;
}

const char* to_string(ResponseStatus status) {
  switch (status) {
    case ResponseStatus::invited: return "invited";
    case ResponseStatus::in_progress: return "in_progress";
    case ResponseStatus::submitted: return "submitted";
    case ResponseStatus::imported: return "imported";
  }
  return "invited";
}

std::optional<ResponseStatus> parse_response_status(std::string_view text) {
  for (auto s : {ResponseStatus::invited, ResponseStatus::in_progress, ResponseStatus::submitted, ResponseStatus::imported})
    if (text == to_string(s)) return s;
  return std::nullopt;
}

bool is_classification(std::string_view text) { return text.empty() || text == "3B" || text == "3C" || text == "2"; }

std::optional<SheetRuleProblem> tailoring_problem(SheetStatus status) {
  if (status == SheetStatus::draft) return std::nullopt;
  return SheetRuleProblem{"status", "sheet_not_draft",
                          "the questions can only be changed while the sheet is a draft (it is " +
                              std::string(to_string(status)) + ")",
                          "設問を変更できるのは下書きの間だけです（送付後は回答者が同じ設問に答えるため）"};
}

std::optional<SheetRuleProblem> status_change_problem(SheetStatus from, SheetStatus to, bool has_responses) {
  if (to == SheetStatus::draft && from != SheetStatus::draft && has_responses)
    return SheetRuleProblem{"status", "sheet_has_responses", "a sheet with responses cannot go back to draft",
                            "回答のあるシートは下書きに戻せません"};
  return std::nullopt;
}

std::optional<SheetRuleProblem> new_response_problem(SheetStatus status) {
  if (status != SheetStatus::closed) return std::nullopt;
  return SheetRuleProblem{"status", "sheet_closed", "the sheet is closed: it takes no new responses",
                          "このシートは締め切られています。新しい回答は受け付けません"};
}

std::optional<SheetRuleProblem> respondent_edit_problem(ResponseStatus response, SheetStatus sheet) {
  if (response == ResponseStatus::submitted || response == ResponseStatus::imported)
    return SheetRuleProblem{"status", "response_submitted", "the answers have been submitted and can no longer be changed",
                            "回答は提出済みのため変更できません"};
  if (sheet == SheetStatus::closed)
    return SheetRuleProblem{"status", "sheet_closed", "the sheet is closed: answers can no longer be changed",
                            "このシートは締め切られているため回答を変更できません"};
  return std::nullopt;
}

ResponseStatus after_answer(ResponseStatus status) {
  return status == ResponseStatus::invited ? ResponseStatus::in_progress : status;
}

std::optional<SheetRuleProblem> review_problem(ResponseStatus response, ItemStatus before_review,
                                               std::string_view comment) {
  if (response != ResponseStatus::submitted && response != ResponseStatus::imported)
    return SheetRuleProblem{"status", "response_not_submitted", "the vendor has not submitted its answers yet",
                            "回答が提出されていないためレビューできません"};
  if (before_review != ItemStatus::needs_review)
    return SheetRuleProblem{"ref", "not_reviewable",
                            std::string("only answers that need review (× with an alternative measure, or － with a "
                                        "reason) are reviewed; this one is ") + to_string(before_review),
                            "レビューできるのは要確認の回答（代替対策のある×、理由のある－）だけです"};
  if (!is_valid_utf8(comment) || fold_for_search(comment).empty())
    return SheetRuleProblem{"comment", "required", "a review needs a comment saying why",
                            "レビューには判断理由のコメントが必要です"};
  if (utf8_length(comment) > kMaxReasonLength)
    return SheetRuleProblem{"comment", "too_long", "the comment is longer than 2000 characters",
                            "コメントは2000文字以内にしてください"};
  return std::nullopt;
}

}  // namespace mamori::domain
