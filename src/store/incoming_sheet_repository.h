// Customers' questionnaires a vendor answers (incoming sheets): the file as
// uploaded, and each question with its proposal and the decision on it.
// Every function takes the organisation (tenant) from the caller's
// authorised scope.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/answer_proposal.h"
#include "domain/error.h"

namespace mamori::store {

class Tx;

struct IncomingSheet {
  std::string id;
  std::string file_name;
  std::int64_t size = 0;
  std::string sha256;
  std::string uploaded_by;
  std::string uploaded_at;
  std::string customer;
  std::string service;
  std::string plan;
  std::string status = "open";  // open | decided (no question is still only proposed)
  int question_count = 0;
  std::string problems = "[]";  // JSON array: [{sheet, row, column, message}]
};

struct IncomingQuestion {
  int seq = 0;  // 1-based, file order
  std::string sheet_name;
  int row = 0;
  std::string ref;
  std::string title;
  std::string question;
  std::string sheet_ref;
  std::string answer_cell;   // "D12"
  std::string remarks_cell;  // "E12", or "" without a remarks column
  std::string current_answer;
  std::string current_remarks;
  domain::Proposal proposal;
  domain::AnswerDecision decision = domain::AnswerDecision::proposed;
  domain::AnswerValue final_answer = domain::AnswerValue::blank;
  std::string final_explanation;
  std::string decided_by;
  std::string decided_at;
};

Status insert_incoming_sheet(Tx& tx, const std::string& tenant_id, const IncomingSheet& sheet, const std::string& bytes);
Status insert_incoming_question(Tx& tx, const std::string& tenant_id, const std::string& incoming_id,
                                const IncomingQuestion& question);
Result<std::optional<IncomingSheet>> find_incoming_sheet(Tx& tx, const std::string& tenant_id, const std::string& id);
Result<std::vector<IncomingSheet>> list_incoming_sheets(Tx& tx, const std::string& tenant_id);
Result<std::string> incoming_sheet_bytes(Tx& tx, const std::string& tenant_id, const std::string& id);
Result<std::vector<IncomingQuestion>> incoming_questions(Tx& tx, const std::string& tenant_id,
                                                         const std::string& incoming_id);
Result<std::optional<IncomingQuestion>> find_incoming_question(Tx& tx, const std::string& tenant_id,
                                                               const std::string& incoming_id, int seq);
// Writes decision, final answer and explanation, decided_by and decided_at.
Status update_incoming_decision(Tx& tx, const std::string& tenant_id, const std::string& incoming_id,
                                const IncomingQuestion& question);
// open when any question is still only proposed, else decided.
Status refresh_incoming_status(Tx& tx, const std::string& tenant_id, const std::string& incoming_id);

}  // namespace mamori::store
