#include "store/sheet_response_repository.h"

#include "store/binary_column.h"
#include "store/row_values.h"
#include "store/tx.h"

namespace mamori::store {

namespace {

constexpr const char* kResponseColumns =
    "id, tenant_id, sheet_id, vendor_name, source, status, COALESCE(respondent_user_id, ''), listing_conformity, "
    "listing_provider, listing_service, listing_kind, classification, details, file_name, import_problems, created_by, "
    "created_at, updated_at, COALESCE(submitted_at, '')";

SheetResponse response_from_row(const soci::row& r) {
  SheetResponse s;
  s.id = r.get<std::string>(0);
  s.tenant_id = r.get<std::string>(1);
  s.sheet_id = r.get<std::string>(2);
  s.vendor_name = r.get<std::string>(3);
  s.source = r.get<std::string>(4);
  s.status = domain::parse_response_status(r.get<std::string>(5)).value_or(domain::ResponseStatus::invited);
  s.respondent_user_id = r.get<std::string>(6);
  s.listing.conformity = domain::parse_answer_value(r.get<std::string>(7)).value_or(domain::AnswerValue::blank);
  s.listing.provider = r.get<std::string>(8);
  s.listing.service = r.get<std::string>(9);
  s.listing.kind = r.get<std::string>(10);
  s.classification = r.get<std::string>(11);
  s.details = r.get<std::string>(12);
  s.file_name = r.get<std::string>(13);
  s.import_problems = r.get<std::string>(14);
  s.created_by = r.get<std::string>(15);
  s.created_at = r.get<std::string>(16);
  s.updated_at = r.get<std::string>(17);
  s.submitted_at = r.get<std::string>(18);
  return s;
}

constexpr const char* kEvidenceColumns =
    "id, response_id, ref, file_name, content_type, size, sha256, uploaded_by, uploaded_at";

EvidenceInfo evidence_from_row(const soci::row& r) {
  EvidenceInfo e;
  e.id = r.get<std::string>(0);
  e.response_id = r.get<std::string>(1);
  e.ref = r.get<std::string>(2);
  e.file_name = r.get<std::string>(3);
  e.content_type = r.get<std::string>(4);
  e.size = integer_at(r, 5);
  e.sha256 = r.get<std::string>(6);
  e.uploaded_by = r.get<std::string>(7);
  e.uploaded_at = r.get<std::string>(8);
  return e;
}

}  // namespace

Status insert_response(Tx& tx, const SheetResponse& s) {
  const std::string status = domain::to_string(s.status);
  const std::string conformity = domain::to_string(s.listing.conformity);
  soci::indicator respondent_ind = s.respondent_user_id.empty() ? soci::i_null : soci::i_ok;
  soci::indicator submitted_ind = s.submitted_at.empty() ? soci::i_null : soci::i_ok;
  tx.sql() << "INSERT INTO sheet_responses (id, tenant_id, sheet_id, vendor_name, source, status, respondent_user_id, "
              "listing_conformity, listing_provider, listing_service, listing_kind, classification, details, file_name, "
              "import_problems, created_by, created_at, updated_at, submitted_at) VALUES (:id, :t, :s, :v, :src, :st, "
              ":resp, :lc, :lp, :ls, :lk, :cls, :det, :file, :problems, :by, :ca, :ua, :sa)",
      soci::use(s.id), soci::use(s.tenant_id), soci::use(s.sheet_id), soci::use(s.vendor_name), soci::use(s.source),
      soci::use(status), soci::use(s.respondent_user_id, respondent_ind), soci::use(conformity),
      soci::use(s.listing.provider), soci::use(s.listing.service), soci::use(s.listing.kind),
      soci::use(s.classification), soci::use(s.details), soci::use(s.file_name), soci::use(s.import_problems),
      soci::use(s.created_by), soci::use(s.created_at), soci::use(s.updated_at), soci::use(s.submitted_at, submitted_ind);
  return ok();
}

Status update_response(Tx& tx, const SheetResponse& s) {
  const std::string status = domain::to_string(s.status);
  const std::string conformity = domain::to_string(s.listing.conformity);
  soci::indicator respondent_ind = s.respondent_user_id.empty() ? soci::i_null : soci::i_ok;
  soci::indicator submitted_ind = s.submitted_at.empty() ? soci::i_null : soci::i_ok;
  tx.sql() << "UPDATE sheet_responses SET vendor_name = :v, status = :st, respondent_user_id = :resp, "
              "listing_conformity = :lc, listing_provider = :lp, listing_service = :ls, listing_kind = :lk, "
              "classification = :cls, details = :det, file_name = :file, import_problems = :problems, "
              "updated_at = :ua, submitted_at = :sa WHERE tenant_id = :t AND id = :id",
      soci::use(s.vendor_name), soci::use(status), soci::use(s.respondent_user_id, respondent_ind), soci::use(conformity),
      soci::use(s.listing.provider), soci::use(s.listing.service), soci::use(s.listing.kind),
      soci::use(s.classification), soci::use(s.details), soci::use(s.file_name), soci::use(s.import_problems),
      soci::use(s.updated_at), soci::use(s.submitted_at, submitted_ind), soci::use(s.tenant_id), soci::use(s.id);
  return ok();
}

Result<std::optional<SheetResponse>> find_response(Tx& tx, const std::string& tenant_id, const std::string& response_id) {
  soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT " << kResponseColumns
                                                   << " FROM sheet_responses WHERE tenant_id = :t AND id = :id",
                                  soci::use(tenant_id), soci::use(response_id));
  for (const auto& r : rows) return std::optional<SheetResponse>(response_from_row(r));
  return std::optional<SheetResponse>();
}

Result<std::vector<SheetResponse>> responses_of_sheet(Tx& tx, const std::string& tenant_id, const std::string& sheet_id) {
  std::vector<SheetResponse> out;
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT " << kResponseColumns
                        << " FROM sheet_responses WHERE tenant_id = :t AND sheet_id = :s ORDER BY created_at, id",
       soci::use(tenant_id), soci::use(sheet_id));
  for (const auto& r : rows) out.push_back(response_from_row(r));
  return out;
}

Result<std::vector<SheetResponse>> responses_of_tenant(Tx& tx, const std::string& tenant_id) {
  std::vector<SheetResponse> out;
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT " << kResponseColumns
                        << " FROM sheet_responses WHERE tenant_id = :t ORDER BY created_at DESC, id DESC",
       soci::use(tenant_id));
  for (const auto& r : rows) out.push_back(response_from_row(r));
  return out;
}

Result<std::vector<SheetResponse>> responses_of_respondent(Tx& tx, const std::string& tenant_id,
                                                           const std::string& respondent_user_id) {
  std::vector<SheetResponse> out;
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT " << kResponseColumns
                        << " FROM sheet_responses WHERE tenant_id = :t AND respondent_user_id = :u "
                           "ORDER BY created_at DESC, id DESC",
       soci::use(tenant_id), soci::use(respondent_user_id));
  for (const auto& r : rows) out.push_back(response_from_row(r));
  return out;
}

Status delete_responses_of_sheet(Tx& tx, const std::string& tenant_id, const std::string& sheet_id) {
  // Children first (foreign keys), each limited to this organisation's sheet.
  for (const char* table : {"sheet_evidence", "sheet_reviews", "sheet_answers"})
    tx.sql() << "DELETE FROM " << table
             << " WHERE tenant_id = :t AND response_id IN (SELECT id FROM sheet_responses WHERE tenant_id = :t2 AND "
                "sheet_id = :s)",
        soci::use(tenant_id), soci::use(tenant_id), soci::use(sheet_id);
  tx.sql() << "DELETE FROM sheet_responses WHERE tenant_id = :t AND sheet_id = :s", soci::use(tenant_id),
      soci::use(sheet_id);
  return ok();
}

Status save_answer(Tx& tx, const std::string& tenant_id, const std::string& response_id, const StoredAnswer& a) {
  const std::string answer = domain::to_string(a.given.answer);
  tx.sql() << "INSERT INTO sheet_answers (tenant_id, response_id, ref, answer, raw, alternative, cell_sheet, cell_row, "
              "cell_column, updated_at) VALUES (:t, :r, :ref, :a, :raw, :alt, :cs, :cr, :cc, :ua) "
              "ON CONFLICT (response_id, ref) DO UPDATE SET answer = excluded.answer, raw = excluded.raw, "
              "alternative = excluded.alternative, cell_sheet = excluded.cell_sheet, cell_row = excluded.cell_row, "
              "cell_column = excluded.cell_column, updated_at = excluded.updated_at",
      soci::use(tenant_id), soci::use(response_id), soci::use(a.ref), soci::use(answer), soci::use(a.given.raw),
      soci::use(a.given.alternative), soci::use(a.cell_sheet), soci::use(a.cell_row), soci::use(a.cell_column),
      soci::use(a.updated_at);
  return ok();
}

Result<std::vector<StoredAnswer>> answers_of_response(Tx& tx, const std::string& tenant_id, const std::string& response_id) {
  std::vector<StoredAnswer> out;
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT ref, answer, raw, alternative, cell_sheet, cell_row, cell_column, updated_at "
                           "FROM sheet_answers WHERE tenant_id = :t AND response_id = :r ORDER BY ref",
       soci::use(tenant_id), soci::use(response_id));
  for (const auto& r : rows) {
    StoredAnswer a;
    a.ref = r.get<std::string>(0);
    a.given.answer = domain::parse_answer_value(r.get<std::string>(1)).value_or(domain::AnswerValue::blank);
    a.given.raw = r.get<std::string>(2);
    a.given.alternative = r.get<std::string>(3);
    a.cell_sheet = r.get<std::string>(4);
    a.cell_row = static_cast<int>(integer_at(r, 5));
    a.cell_column = static_cast<int>(integer_at(r, 6));
    a.updated_at = r.get<std::string>(7);
    out.push_back(std::move(a));
  }
  return out;
}

Status save_review(Tx& tx, const std::string& tenant_id, const std::string& response_id, const StoredReview& v) {
  const std::string decision = domain::to_string(v.decision);
  tx.sql() << "INSERT INTO sheet_reviews (tenant_id, response_id, ref, decision, comment, reviewer_user_id, reviewer, "
              "decided_at) VALUES (:t, :r, :ref, :d, :c, :u, :who, :at) "
              "ON CONFLICT (response_id, ref) DO UPDATE SET decision = excluded.decision, comment = excluded.comment, "
              "reviewer_user_id = excluded.reviewer_user_id, reviewer = excluded.reviewer, "
              "decided_at = excluded.decided_at",
      soci::use(tenant_id), soci::use(response_id), soci::use(v.ref), soci::use(decision), soci::use(v.comment),
      soci::use(v.reviewer_user_id), soci::use(v.reviewer), soci::use(v.decided_at);
  return ok();
}

Result<std::vector<StoredReview>> reviews_of_response(Tx& tx, const std::string& tenant_id, const std::string& response_id) {
  std::vector<StoredReview> out;
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT ref, decision, comment, reviewer_user_id, reviewer, decided_at FROM sheet_reviews "
                           "WHERE tenant_id = :t AND response_id = :r ORDER BY ref",
       soci::use(tenant_id), soci::use(response_id));
  for (const auto& r : rows) {
    StoredReview v;
    v.ref = r.get<std::string>(0);
    v.decision = r.get<std::string>(1) == "accepted" ? domain::ReviewDecision::accepted : domain::ReviewDecision::rejected;
    v.comment = r.get<std::string>(2);
    v.reviewer_user_id = r.get<std::string>(3);
    v.reviewer = r.get<std::string>(4);
    v.decided_at = r.get<std::string>(5);
    out.push_back(std::move(v));
  }
  return out;
}

Status insert_evidence(Tx& tx, const std::string& tenant_id, const EvidenceInfo& e, const std::string& bytes) {
  // BLOB on SQLite, BYTEA on PostgreSQL (store/binary_column.h).
  const std::string stored = bytes_to_bind(tx, bytes);
  const long long size = e.size;
  tx.sql() << "INSERT INTO sheet_evidence (" << kEvidenceColumns << ", tenant_id, bytes) VALUES (:id, :r, :ref, :f, :ct, "
           << ":size, :sha, :by, :at, :t, " << bytes_parameter(tx, ":b") << ")",
      soci::use(e.id), soci::use(e.response_id), soci::use(e.ref), soci::use(e.file_name), soci::use(e.content_type),
      soci::use(size), soci::use(e.sha256), soci::use(e.uploaded_by), soci::use(e.uploaded_at), soci::use(tenant_id),
      soci::use(stored);
  return ok();
}

Result<std::vector<EvidenceInfo>> evidence_of_response(Tx& tx, const std::string& tenant_id, const std::string& response_id) {
  std::vector<EvidenceInfo> out;
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT " << kEvidenceColumns
                        << " FROM sheet_evidence WHERE tenant_id = :t AND response_id = :r ORDER BY uploaded_at, id",
       soci::use(tenant_id), soci::use(response_id));
  for (const auto& r : rows) out.push_back(evidence_from_row(r));
  return out;
}

Result<std::optional<EvidenceFile>> find_evidence(Tx& tx, const std::string& tenant_id, const std::string& response_id,
                                                  const std::string& evidence_id) {
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT " << kEvidenceColumns << ", " << bytes_select(tx, "bytes")
                        << " FROM sheet_evidence WHERE tenant_id = :t AND response_id = :r AND id = :id",
       soci::use(tenant_id), soci::use(response_id), soci::use(evidence_id));
  for (const auto& r : rows) {
    auto bytes = bytes_from_column(tx, r.get<std::string>(9));
    if (!bytes) return bytes.error();
    return std::optional<EvidenceFile>(EvidenceFile{evidence_from_row(r), std::move(bytes.value())});
  }
  return std::optional<EvidenceFile>();
}

}  // namespace mamori::store
