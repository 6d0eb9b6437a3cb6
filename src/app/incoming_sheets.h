// Incoming sheets: a customer's questionnaire uploaded to be answered from
// the library. Upload stores the file, its questions and a proposal for
// each; a person accepts, edits or skips each one (or accepts all above a
// confidence); the answered file is the upload with the decided answers
// written in. Every change is one audit entry in the same transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/services.h"
#include "domain/error.h"
#include "store/incoming_sheet_repository.h"

namespace mamori::app {

// The .xlsx reader's own limit.
inline constexpr std::size_t kMaxIncomingSheetBytes = 64u << 20;

struct IncomingUpload {
  std::string file_name;  // shown in lists and errors; the download is named after it
  std::string customer;
  std::string service;    // which of our services the sheet is about (for 条件付き answers)
  std::string plan;
};

struct IncomingSheetView {
  store::IncomingSheet sheet;
  std::vector<store::IncomingQuestion> questions;
};

// Nothing is stored when the file cannot be read: the error names the place.
Result<IncomingSheetView> upload_incoming_sheet(Services& services, const Caller& caller, const std::string& tenant_id,
                                                const std::string& bytes, const IncomingUpload& upload);
Result<std::vector<store::IncomingSheet>> list_incoming_sheets(Services& services, const Caller& caller,
                                                              const std::string& tenant_id);
Result<IncomingSheetView> get_incoming_sheet(Services& services, const Caller& caller, const std::string& tenant_id,
                                             const std::string& id);

struct QuestionDecision {
  domain::AnswerDecision decision = domain::AnswerDecision::accepted;  // accepted | edited | skipped
  std::optional<domain::AnswerValue> answer;    // edited: required
  std::optional<std::string> explanation;       // edited: defaults to the proposal's when the answer is the proposal's
};
Result<store::IncomingQuestion> decide_incoming_question(Services& services, const Caller& caller,
                                                         const std::string& tenant_id, const std::string& id, int seq,
                                                         const QuestionDecision& decision);

// Accepts every question still only proposed whose proposal comes from the
// library, holds for the sheet's service and has at least `min_confidence`.
// Returns how many were accepted.
Result<int> accept_all_proposals(Services& services, const Caller& caller, const std::string& tenant_id,
                                 const std::string& id, double min_confidence);

struct AnsweredFile {
  std::string file_name;  // "<name>-answered.xlsx"
  std::string bytes;
};
Result<AnsweredFile> answered_incoming_sheet(Services& services, const Caller& caller, const std::string& tenant_id,
                                             const std::string& id);

}  // namespace mamori::app
