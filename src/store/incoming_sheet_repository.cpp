#include "store/incoming_sheet_repository.h"

#include <nlohmann/json.hpp>

#include "store/binary_column.h"
#include "store/row_values.h"
#include "store/tx.h"

namespace mamori::store {

namespace {

using nlohmann::json;

constexpr const char* kSheetColumns =
    "id, file_name, size, sha256, uploaded_by, uploaded_at, customer, service, plan, status, question_count, problems";

IncomingSheet sheet_from_row(const soci::row& r) {
  IncomingSheet s;
  s.id = r.get<std::string>(0);
  s.file_name = r.get<std::string>(1);
  s.size = integer_at(r, 2);
  s.sha256 = r.get<std::string>(3);
  s.uploaded_by = r.get<std::string>(4);
  s.uploaded_at = r.get<std::string>(5);
  s.customer = r.get<std::string>(6);
  s.service = r.get<std::string>(7);
  s.plan = r.get<std::string>(8);
  s.status = r.get<std::string>(9);
  s.question_count = static_cast<int>(integer_at(r, 10));
  s.problems = r.get<std::string>(11);
  return s;
}

constexpr const char* kQuestionColumns =
    "seq, sheet_name, cell_row, ref, title, question, sheet_ref, answer_cell, remarks_cell, current_answer, "
    "current_remarks, proposal_source, proposal_matched_by, proposal_answer, proposal_explanation, "
    "COALESCE(proposal_library_id, ''), proposal_library_version, proposal_catalog_key, "
    "proposal_catalog_ref, proposal_catalog_title, proposal_confidence, proposal_flags, decision, final_answer, "
    "final_explanation, COALESCE(decided_by, ''), COALESCE(decided_at, '')";

// conditional / out_of_scope / review_overdue and the notes, as one JSON object.
std::string flags_json(const domain::Proposal& p) {
  return json{{"conditional", p.conditional},
              {"out_of_scope", p.out_of_scope},
              {"review_overdue", p.review_overdue},
              {"notes", p.notes}}
      .dump();
}

domain::MatchedBy parse_matched_by(const std::string& text) {
  for (auto m : {domain::MatchedBy::sheet_ref, domain::MatchedBy::library_text, domain::MatchedBy::catalog})
    if (text == domain::to_string(m)) return m;
  return domain::MatchedBy::none;
}

domain::ProposalSource parse_source(const std::string& text) {
  if (text == "library") return domain::ProposalSource::library;
  if (text == "catalog") return domain::ProposalSource::catalog;
  return domain::ProposalSource::none;
}

IncomingQuestion question_from_row(const soci::row& r) {
  IncomingQuestion q;
  q.seq = static_cast<int>(integer_at(r, 0));
  q.sheet_name = r.get<std::string>(1);
  q.row = static_cast<int>(integer_at(r, 2));
  q.ref = r.get<std::string>(3);
  q.title = r.get<std::string>(4);
  q.question = r.get<std::string>(5);
  q.sheet_ref = r.get<std::string>(6);
  q.answer_cell = r.get<std::string>(7);
  q.remarks_cell = r.get<std::string>(8);
  q.current_answer = r.get<std::string>(9);
  q.current_remarks = r.get<std::string>(10);
  auto& p = q.proposal;
  p.source = parse_source(r.get<std::string>(11));
  p.matched_by = parse_matched_by(r.get<std::string>(12));
  p.answer = domain::parse_answer_value(r.get<std::string>(13)).value_or(domain::AnswerValue::blank);
  p.explanation = r.get<std::string>(14);
  p.library_id = r.get<std::string>(15);
  // Not COALESCE'd: SQLite gives an expression column no declared type and
  // SOCI then reads it as text.
  p.library_version = r.get_indicator(16) == soci::i_null ? 0 : static_cast<int>(integer_at(r, 16));
  p.catalog_key = r.get<std::string>(17);
  p.catalog_ref = r.get<std::string>(18);
  p.catalog_title = r.get<std::string>(19);
  p.confidence = r.get<double>(20);
  const json flags = json::parse(r.get<std::string>(21), nullptr, false);
  if (flags.is_object()) {
    p.conditional = flags.value("conditional", false);
    p.out_of_scope = flags.value("out_of_scope", false);
    p.review_overdue = flags.value("review_overdue", false);
    if (flags.contains("notes") && flags["notes"].is_array())
      for (const auto& n : flags["notes"])
        if (n.is_string()) p.notes.push_back(n.get<std::string>());
  }
  q.decision = domain::parse_answer_decision(r.get<std::string>(22)).value_or(domain::AnswerDecision::proposed);
  q.final_answer = domain::parse_answer_value(r.get<std::string>(23)).value_or(domain::AnswerValue::blank);
  q.final_explanation = r.get<std::string>(24);
  q.decided_by = r.get<std::string>(25);
  q.decided_at = r.get<std::string>(26);
  return q;
}

// Answers the columns allow: yes, no, na, blank (never "unreadable").
std::string stored_answer(domain::AnswerValue a) {
  return a == domain::AnswerValue::unreadable ? "blank" : domain::to_string(a);
}

}  // namespace

Status insert_incoming_sheet(Tx& tx, const std::string& tenant_id, const IncomingSheet& s, const std::string& bytes) {
  const std::string stored = bytes_to_bind(tx, bytes);
  const long long size = s.size;
  const int count = s.question_count;
  tx.sql() << "INSERT INTO incoming_sheets (id, tenant_id, file_name, size, sha256, bytes, uploaded_by, uploaded_at, "
              "customer, service, plan, status, question_count, problems) VALUES (:id, :t, :f, :sz, :sha, "
           << bytes_parameter(tx, ":b") << ", :ub, :ua, :c, :s, :p, :st, :n, :pr)",
      soci::use(s.id), soci::use(tenant_id), soci::use(s.file_name), soci::use(size), soci::use(s.sha256),
      soci::use(stored), soci::use(s.uploaded_by), soci::use(s.uploaded_at), soci::use(s.customer),
      soci::use(s.service), soci::use(s.plan), soci::use(s.status), soci::use(count), soci::use(s.problems);
  return ok();
}

Status insert_incoming_question(Tx& tx, const std::string& tenant_id, const std::string& incoming_id,
                                const IncomingQuestion& q) {
  const auto& p = q.proposal;
  const std::string source = domain::to_string(p.source), matched = domain::to_string(p.matched_by),
                    proposal_answer = stored_answer(p.answer), flags = flags_json(p),
                    decision = domain::to_string(q.decision), final_answer = stored_answer(q.final_answer);
  const int seq = q.seq, row = q.row, library_version = p.library_version;
  const double confidence = p.confidence;
  soci::indicator library_ind = p.library_id.empty() ? soci::i_null : soci::i_ok;
  soci::indicator by_ind = q.decided_by.empty() ? soci::i_null : soci::i_ok;
  soci::indicator at_ind = q.decided_at.empty() ? soci::i_null : soci::i_ok;
  tx.sql() << "INSERT INTO incoming_questions (tenant_id, incoming_id, seq, sheet_name, cell_row, ref, title, question, "
              "sheet_ref, answer_cell, remarks_cell, current_answer, current_remarks, proposal_source, "
              "proposal_matched_by, proposal_answer, proposal_explanation, proposal_library_id, "
              "proposal_library_version, proposal_catalog_key, proposal_catalog_ref, proposal_catalog_title, "
              "proposal_confidence, proposal_flags, decision, final_answer, final_explanation, decided_by, decided_at) "
              "VALUES (:t, :i, :seq, :sn, :row, :ref, :ti, :q, :sr, :ac, :rc, :ca, :cr, :ps, :pm, :pa, :pe, :pl, :plv, "
              ":pck, :pcr, :pct, :pc, :pf, :d, :fa, :fe, :db, :da)",
      soci::use(tenant_id), soci::use(incoming_id), soci::use(seq), soci::use(q.sheet_name), soci::use(row),
      soci::use(q.ref), soci::use(q.title), soci::use(q.question), soci::use(q.sheet_ref), soci::use(q.answer_cell),
      soci::use(q.remarks_cell), soci::use(q.current_answer), soci::use(q.current_remarks), soci::use(source),
      soci::use(matched), soci::use(proposal_answer), soci::use(p.explanation), soci::use(p.library_id, library_ind),
      soci::use(library_version, library_ind), soci::use(p.catalog_key), soci::use(p.catalog_ref),
      soci::use(p.catalog_title), soci::use(confidence), soci::use(flags), soci::use(decision),
      soci::use(final_answer), soci::use(q.final_explanation), soci::use(q.decided_by, by_ind),
      soci::use(q.decided_at, at_ind);
  return ok();
}

Result<std::optional<IncomingSheet>> find_incoming_sheet(Tx& tx, const std::string& tenant_id, const std::string& id) {
  soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT " << kSheetColumns
                                                   << " FROM incoming_sheets WHERE tenant_id = :t AND id = :id",
                                  soci::use(tenant_id), soci::use(id));
  for (const auto& r : rows) return std::optional<IncomingSheet>(sheet_from_row(r));
  return std::optional<IncomingSheet>();
}

Result<std::vector<IncomingSheet>> list_incoming_sheets(Tx& tx, const std::string& tenant_id) {
  std::vector<IncomingSheet> out;
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT " << kSheetColumns
                        << " FROM incoming_sheets WHERE tenant_id = :t ORDER BY uploaded_at DESC, id DESC",
       soci::use(tenant_id));
  for (const auto& r : rows) out.push_back(sheet_from_row(r));
  return out;
}

Result<std::string> incoming_sheet_bytes(Tx& tx, const std::string& tenant_id, const std::string& id) {
  soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT " << bytes_select(tx, "bytes")
                                                   << " FROM incoming_sheets WHERE tenant_id = :t AND id = :id",
                                  soci::use(tenant_id), soci::use(id));
  for (const auto& r : rows) return bytes_from_column(tx, r.get<std::string>(0));
  return make_error(ErrorCode::not_found, "no_such_incoming_sheet", "no such incoming sheet", Location::in_field("id"));
}

Result<std::vector<IncomingQuestion>> incoming_questions(Tx& tx, const std::string& tenant_id,
                                                         const std::string& incoming_id) {
  std::vector<IncomingQuestion> out;
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT " << kQuestionColumns
                        << " FROM incoming_questions WHERE tenant_id = :t AND incoming_id = :i ORDER BY seq",
       soci::use(tenant_id), soci::use(incoming_id));
  for (const auto& r : rows) out.push_back(question_from_row(r));
  return out;
}

Result<std::optional<IncomingQuestion>> find_incoming_question(Tx& tx, const std::string& tenant_id,
                                                               const std::string& incoming_id, int seq) {
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT " << kQuestionColumns
                        << " FROM incoming_questions WHERE tenant_id = :t AND incoming_id = :i AND seq = :s",
       soci::use(tenant_id), soci::use(incoming_id), soci::use(seq));
  for (const auto& r : rows) return std::optional<IncomingQuestion>(question_from_row(r));
  return std::optional<IncomingQuestion>();
}

Status update_incoming_decision(Tx& tx, const std::string& tenant_id, const std::string& incoming_id,
                                const IncomingQuestion& q) {
  const std::string decision = domain::to_string(q.decision), final_answer = stored_answer(q.final_answer);
  const int seq = q.seq;
  tx.sql() << "UPDATE incoming_questions SET decision = :d, final_answer = :a, final_explanation = :e, decided_by = :b, "
              "decided_at = :at WHERE tenant_id = :t AND incoming_id = :i AND seq = :s",
      soci::use(decision), soci::use(final_answer), soci::use(q.final_explanation), soci::use(q.decided_by),
      soci::use(q.decided_at), soci::use(tenant_id), soci::use(incoming_id), soci::use(seq);
  return ok();
}

Status refresh_incoming_status(Tx& tx, const std::string& tenant_id, const std::string& incoming_id) {
  int open = 0;
  tx.sql() << "SELECT COUNT(*) FROM incoming_questions WHERE tenant_id = :t AND incoming_id = :i AND decision = "
              "'proposed'",
      soci::into(open), soci::use(tenant_id), soci::use(incoming_id);
  const std::string status = open > 0 ? "open" : "decided";
  tx.sql() << "UPDATE incoming_sheets SET status = :s WHERE tenant_id = :t AND id = :i", soci::use(status),
      soci::use(tenant_id), soci::use(incoming_id);
  return ok();
}

}  // namespace mamori::store
