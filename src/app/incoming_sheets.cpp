#include "app/incoming_sheets.h"

#include <nlohmann/json.hpp>

#include "app/audited_write.h"
#include "app/authorize.h"
#include "app/sheet_answering.h"
#include "app/sheet_evaluation.h"
#include "domain/text.h"
#include "store/ids.h"
#include "store/library_repository.h"

namespace mamori::app {

namespace {

using nlohmann::json;

Error no_such_sheet() {
  return make_error(ErrorCode::not_found, "no_such_incoming_sheet", "no such incoming sheet", Location::in_field("id"));
}

Status check_name(const char* field, const std::string& text, std::size_t max_chars) {
  if (!domain::is_valid_utf8(text))
    return make_error(ErrorCode::invalid_input, "invalid", std::string(field) + " is not valid UTF-8",
                      Location::in_field(field));
  if (domain::utf8_length(text) > max_chars)
    return make_error(ErrorCode::invalid_input, "too_long",
                      std::string(field) + " is longer than " + std::to_string(max_chars) + " characters",
                      Location::in_field(field));
  return ok();
}

std::string problems_json(const std::vector<formats::ImportProblem>& problems) {
  json out = json::array();
  for (const auto& p : problems) {
    json j{{"message", p.message}};
    if (!p.where.sheet.empty()) j["sheet"] = p.where.sheet;
    if (p.where.row > 0) j["row"] = p.where.row;
    if (p.where.column > 0) j["column"] = column_letters(p.where.column);
    out.push_back(std::move(j));
  }
  return out.dump();
}

std::string actor(const Caller& caller) { return caller.user_id.empty() ? caller.label() : caller.user_id; }

Result<store::IncomingSheet> must_find(store::Tx& tx, const std::string& tenant_id, const std::string& id) {
  auto found = store::find_incoming_sheet(tx, tenant_id, id);
  if (!found) return found.error();
  if (!found.value()) return no_such_sheet();
  return std::move(*found.value());
}

bool acceptable(const store::IncomingQuestion& q, double min_confidence) {
  const auto& p = q.proposal;
  return q.decision == domain::AnswerDecision::proposed && p.source == domain::ProposalSource::library &&
         !p.out_of_scope && p.answer != domain::AnswerValue::blank && p.confidence >= min_confidence;
}

}  // namespace

Result<IncomingSheetView> upload_incoming_sheet(Services& services, const Caller& caller, const std::string& tenant_id,
                                                const std::string& bytes, const IncomingUpload& upload) {
  // Who may upload, before anything about the file: a stranger learns nothing.
  AnswerSources sources;
  auto allowed = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::library_write);
    if (!scope) return scope.error();
    auto library = store::approved_library(tx, tenant_id);
    if (!library) return library.error();
    sources.library = std::move(library.value());
    return ok();
  });
  if (!allowed) return allowed.error();

  const std::string file_name = upload.file_name.empty() ? "upload.xlsx" : upload.file_name;
  if (auto s = check_name("file_name", file_name, 255); !s) return s.error();
  if (auto s = check_name("customer", upload.customer, 200); !s) return s.error();
  if (auto s = check_name("service", upload.service, 200); !s) return s.error();
  if (auto s = check_name("plan", upload.plan, 200); !s) return s.error();
  if (bytes.empty())
    return make_error(ErrorCode::invalid_input, "empty_file", "the body is empty: send the .xlsx file",
                      Location::in_field("body"));
  if (bytes.size() > kMaxIncomingSheetBytes)
    return make_error(ErrorCode::too_large, "body_too_large", "the file is larger than 64 MiB", Location::in_field("body"));

  auto frameworks = load_frameworks(services.db);
  if (!frameworks) return frameworks.error();
  sources.frameworks = std::move(frameworks.value());
  const domain::AnswerContext context{upload.service, upload.plan, today_in_japan()};
  auto proposed = propose_answers(bytes, file_name, sources, context);
  if (!proposed) return proposed.error();

  IncomingSheetView out;
  auto& sheet = out.sheet;
  sheet.id = store::new_uuid_v7();
  sheet.file_name = file_name;
  sheet.size = static_cast<std::int64_t>(bytes.size());
  sheet.sha256 = store::sha256_hex(bytes);
  sheet.uploaded_by = actor(caller);
  sheet.uploaded_at = store::utc_now();
  sheet.customer = upload.customer;
  sheet.service = upload.service;
  sheet.plan = upload.plan;
  sheet.question_count = static_cast<int>(proposed->imported.questions.size());
  sheet.status = sheet.question_count > 0 ? "open" : "decided";
  sheet.problems = problems_json(proposed->imported.problems);
  for (std::size_t i = 0; i < proposed->imported.questions.size(); ++i) {
    const auto& q = proposed->imported.questions[i];
    store::IncomingQuestion s;
    s.seq = static_cast<int>(i + 1);
    s.sheet_name = q.sheet;
    s.row = q.row;
    s.ref = q.ref;
    s.title = q.title;
    s.question = q.question;
    s.sheet_ref = q.sheet_ref;
    s.answer_cell = formats::format_cell_address(q.answer_cell);
    s.remarks_cell = q.remarks_cell ? formats::format_cell_address(*q.remarks_cell) : "";
    s.current_answer = q.current_answer;
    s.current_remarks = q.current_remarks;
    s.proposal = proposed->proposals[i];
    out.questions.push_back(std::move(s));
  }

  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::library_write);
    if (!scope) return scope.error();
    if (auto r = store::insert_incoming_sheet(tx, tenant_id, sheet, bytes); !r) return r;
    for (const auto& q : out.questions)
      if (auto r = store::insert_incoming_question(tx, tenant_id, sheet.id, q); !r) return r;
    return audit.record({tenant_id, "incoming_sheet.upload", "incoming_sheet", sheet.id, "success", false,
                         json{{"file_name", file_name},
                              {"size", sheet.size},
                              {"sha256", sheet.sha256},
                              {"customer", sheet.customer},
                              {"service", sheet.service},
                              {"questions", sheet.question_count}}
                             .dump()});
  });
  if (!status) return status.error();
  return out;
}

Result<std::vector<store::IncomingSheet>> list_incoming_sheets(Services& services, const Caller& caller,
                                                              const std::string& tenant_id) {
  std::vector<store::IncomingSheet> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::library_read);
    if (!scope) return scope.error();
    auto list = store::list_incoming_sheets(tx, tenant_id);
    if (!list) return list.error();
    out = std::move(list.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<IncomingSheetView> get_incoming_sheet(Services& services, const Caller& caller, const std::string& tenant_id,
                                             const std::string& id) {
  IncomingSheetView out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::library_read);
    if (!scope) return scope.error();
    auto sheet = must_find(tx, tenant_id, id);
    if (!sheet) return sheet.error();
    out.sheet = std::move(sheet.value());
    auto questions = store::incoming_questions(tx, tenant_id, id);
    if (!questions) return questions.error();
    out.questions = std::move(questions.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<store::IncomingQuestion> decide_incoming_question(Services& services, const Caller& caller,
                                                         const std::string& tenant_id, const std::string& id, int seq,
                                                         const QuestionDecision& d) {
  std::optional<store::IncomingQuestion> out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::library_write);
    if (!scope) return scope.error();
    if (auto sheet = must_find(tx, tenant_id, id); !sheet) return sheet.error();
    auto found = store::find_incoming_question(tx, tenant_id, id, seq);
    if (!found) return found.error();
    if (!found.value())
      return make_error(ErrorCode::not_found, "no_such_question", "the sheet has no question " + std::to_string(seq),
                        Location::in_field("seq"));
    store::IncomingQuestion q = std::move(*found.value());
    if (d.explanation)
      if (auto s = check_name("explanation", *d.explanation, domain::kMaxLibraryExplanationChars); !s) return s;
    switch (d.decision) {
      case domain::AnswerDecision::accepted:
        if (q.proposal.source != domain::ProposalSource::library || q.proposal.answer == domain::AnswerValue::blank)
          return make_error(ErrorCode::invalid_input, "nothing_to_accept",
                            "this question has no proposed answer: decide edited with an answer, or skipped",
                            Location::in_field("decision"));
        if (d.answer || d.explanation)
          return make_error(ErrorCode::invalid_input, "unexpected_field",
                            "accepted takes the proposal as it is; send edited to change it",
                            Location::in_field(d.answer ? "answer" : "explanation"));
        q.final_answer = q.proposal.answer;
        q.final_explanation = q.proposal.explanation;
        break;
      case domain::AnswerDecision::edited:
        if (!d.answer)
          return make_error(ErrorCode::invalid_input, "required", "edited needs an answer (yes, no or na)",
                            Location::in_field("answer"));
        q.final_answer = *d.answer;
        // The proposal's explanation goes with the proposal's answer only.
        q.final_explanation = d.explanation                         ? *d.explanation
                              : *d.answer == q.proposal.answer ? q.proposal.explanation
                                                               : std::string();
        if (q.final_answer != domain::AnswerValue::yes && domain::fold_for_search(q.final_explanation).empty())
          return make_error(ErrorCode::invalid_input, "required",
                            "an answer of no (×) needs its alternative measure and na (－) its reason in explanation",
                            Location::in_field("explanation"));
        break;
      case domain::AnswerDecision::skipped:
        if (d.answer || d.explanation)
          return make_error(ErrorCode::invalid_input, "unexpected_field", "skipped takes no answer or explanation",
                            Location::in_field(d.answer ? "answer" : "explanation"));
        q.final_answer = domain::AnswerValue::blank;
        q.final_explanation.clear();
        break;
      case domain::AnswerDecision::proposed:
        return make_error(ErrorCode::invalid_input, "not_allowed", "decision must be accepted, edited or skipped",
                          Location::in_field("decision"));
    }
    q.decision = d.decision;
    q.decided_by = actor(caller);
    q.decided_at = store::utc_now();
    if (auto r = store::update_incoming_decision(tx, tenant_id, id, q); !r) return r;
    if (auto r = store::refresh_incoming_status(tx, tenant_id, id); !r) return r;
    if (auto r = audit.record({tenant_id, "incoming_sheet.decide", "incoming_sheet", id, "success", false,
                               json{{"seq", seq},
                                    {"decision", domain::to_string(q.decision)},
                                    {"answer", domain::to_string(q.final_answer)},
                                    {"source", domain::to_string(q.proposal.source)},
                                    {"library_id", q.proposal.library_id},
                                    {"library_version", q.proposal.library_version}}
                                   .dump()});
        !r)
      return r;
    out = std::move(q);
    return ok();
  });
  if (!status) return status.error();
  return std::move(*out);
}

Result<int> accept_all_proposals(Services& services, const Caller& caller, const std::string& tenant_id,
                                 const std::string& id, double min_confidence) {
  if (!(min_confidence >= 0 && min_confidence <= 1))
    return make_error(ErrorCode::invalid_input, "out_of_range", "min_confidence must be between 0 and 1",
                      Location::in_field("min_confidence"));
  int accepted = 0;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::library_write);
    if (!scope) return scope.error();
    if (auto sheet = must_find(tx, tenant_id, id); !sheet) return sheet.error();
    auto questions = store::incoming_questions(tx, tenant_id, id);
    if (!questions) return questions.error();
    json seqs = json::array();
    const std::string by = actor(caller), at = store::utc_now();
    for (auto& q : questions.value()) {
      if (!acceptable(q, min_confidence)) continue;
      q.decision = domain::AnswerDecision::accepted;
      q.final_answer = q.proposal.answer;
      q.final_explanation = q.proposal.explanation;
      q.decided_by = by;
      q.decided_at = at;
      if (auto r = store::update_incoming_decision(tx, tenant_id, id, q); !r) return r;
      seqs.push_back(q.seq);
      ++accepted;
    }
    if (auto r = store::refresh_incoming_status(tx, tenant_id, id); !r) return r;
    return audit.record({tenant_id, "incoming_sheet.accept_all", "incoming_sheet", id, "success", false,
                         json{{"min_confidence", min_confidence}, {"accepted", accepted}, {"seqs", seqs}}.dump()});
  });
  if (!status) return status.error();
  return accepted;
}

Result<AnsweredFile> answered_incoming_sheet(Services& services, const Caller& caller, const std::string& tenant_id,
                                             const std::string& id) {
  std::string bytes;
  IncomingSheetView view;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::library_read);
    if (!scope) return scope.error();
    auto sheet = must_find(tx, tenant_id, id);
    if (!sheet) return sheet.error();
    view.sheet = std::move(sheet.value());
    auto questions = store::incoming_questions(tx, tenant_id, id);
    if (!questions) return questions.error();
    view.questions = std::move(questions.value());
    auto stored = store::incoming_sheet_bytes(tx, tenant_id, id);
    if (!stored) return stored.error();
    bytes = std::move(stored.value());
    return ok();
  });
  if (!status) return status.error();
  std::vector<AnswerToWrite> answers;
  for (const auto& q : view.questions) {
    if (q.decision != domain::AnswerDecision::accepted && q.decision != domain::AnswerDecision::edited) continue;
    AnswerToWrite a;
    a.sheet = q.sheet_name;
    a.answer_cell = formats::parse_cell_address(q.answer_cell);
    if (!q.remarks_cell.empty()) a.remarks_cell = formats::parse_cell_address(q.remarks_cell);
    a.answer = q.final_answer;
    a.explanation = q.final_explanation;
    answers.push_back(std::move(a));
  }
  auto written = write_answers(bytes, view.sheet.file_name, answers);
  if (!written) return written.error();
  std::string stem = view.sheet.file_name;
  if (stem.size() > 5 && stem.compare(stem.size() - 5, 5, ".xlsx") == 0) stem.resize(stem.size() - 5);
  return AnsweredFile{stem + "-answered.xlsx", std::move(written.value())};
}

}  // namespace mamori::app
