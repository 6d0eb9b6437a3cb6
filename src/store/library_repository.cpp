#include "store/library_repository.h"

#include <nlohmann/json.hpp>

#include "store/row_values.h"
#include "store/tx.h"

namespace mamori::store {

namespace {

using nlohmann::json;

// The content of a version as stored in library_answer_versions.content.
std::string content_json(const domain::LibraryAnswer& a) {
  return json{{"catalog_key", a.catalog_key},
              {"ref", a.ref},
              {"question", a.question},
              {"answer", domain::to_string(a.answer)},
              {"explanation", a.explanation},
              {"evidence", a.evidence},
              {"scope", {{"services", a.scope.services}, {"plans", a.scope.plans}}},
              {"owner", a.owner},
              {"review_due", a.review_due}}
      .dump();
}

std::vector<std::string> strings_of(const json& j) {
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const auto& v : j)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

std::string text_of(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

domain::LibraryAnswer content_from_json(const std::string& text) {
  const json j = json::parse(text, nullptr, false);
  domain::LibraryAnswer a;
  if (!j.is_object()) return a;
  a.catalog_key = text_of(j, "catalog_key");
  a.ref = text_of(j, "ref");
  a.question = text_of(j, "question");
  a.answer = domain::parse_answer_value(text_of(j, "answer")).value_or(domain::AnswerValue::blank);
  a.explanation = text_of(j, "explanation");
  a.evidence = strings_of(j.value("evidence", json::array()));
  const json scope = j.value("scope", json::object());
  if (scope.is_object()) {
    a.scope.services = strings_of(scope.value("services", json::array()));
    a.scope.plans = strings_of(scope.value("plans", json::array()));
  }
  a.owner = text_of(j, "owner");
  a.review_due = text_of(j, "review_due");
  return a;
}

std::string scope_json(const domain::AnswerScope& s) { return json{{"services", s.services}, {"plans", s.plans}}.dump(); }

constexpr const char* kColumns =
    "id, COALESCE(catalog_key, ''), COALESCE(ref, ''), question, answer, explanation, evidence, scope, owner, "
    "COALESCE(review_due, ''), status, version, approved_version, created_by, created_at, updated_by, "
    "updated_at, COALESCE(approved_by, ''), COALESCE(approved_at, '')";

StoredLibraryAnswer from_row(const soci::row& r) {
  StoredLibraryAnswer s;
  auto& e = s.entry;
  e.id = r.get<std::string>(0);
  e.content.catalog_key = r.get<std::string>(1);
  e.content.ref = r.get<std::string>(2);
  e.content.question = r.get<std::string>(3);
  e.content.answer = domain::parse_answer_value(r.get<std::string>(4)).value_or(domain::AnswerValue::blank);
  e.content.explanation = r.get<std::string>(5);
  e.content.evidence = strings_of(json::parse(r.get<std::string>(6), nullptr, false));
  const json scope = json::parse(r.get<std::string>(7), nullptr, false);
  if (scope.is_object()) {
    e.content.scope.services = strings_of(scope.value("services", json::array()));
    e.content.scope.plans = strings_of(scope.value("plans", json::array()));
  }
  e.content.owner = r.get<std::string>(8);
  e.content.review_due = r.get<std::string>(9);
  e.status = domain::parse_library_status(r.get<std::string>(10)).value_or(domain::LibraryStatus::draft);
  e.version = static_cast<int>(integer_at(r, 11));
  // Not COALESCE'd: SQLite gives an expression column no declared type and
  // SOCI then reads it as text.
  s.approved_version = r.get_indicator(12) == soci::i_null ? 0 : static_cast<int>(integer_at(r, 12));
  s.created_by = r.get<std::string>(13);
  s.created_at = r.get<std::string>(14);
  s.updated_by = r.get<std::string>(15);
  s.updated_at = r.get<std::string>(16);
  s.approved_by = r.get<std::string>(17);
  s.approved_at = r.get<std::string>(18);
  return s;
}

// Bound values of a row, kept alive for the statement.
struct RowValues {
  std::string answer, evidence, scope, status;
  soci::indicator item_ind, review_ind, approved_version_ind, approved_by_ind, approved_at_ind;
  int version, approved_version;
  explicit RowValues(const StoredLibraryAnswer& s)
      : answer(domain::to_string(s.entry.content.answer)),
        evidence(json(s.entry.content.evidence).dump()),
        scope(scope_json(s.entry.content.scope)),
        status(domain::to_string(s.entry.status)),
        item_ind(s.entry.content.ref.empty() ? soci::i_null : soci::i_ok),
        review_ind(s.entry.content.review_due.empty() ? soci::i_null : soci::i_ok),
        approved_version_ind(s.approved_version == 0 ? soci::i_null : soci::i_ok),
        approved_by_ind(s.approved_by.empty() ? soci::i_null : soci::i_ok),
        approved_at_ind(s.approved_at.empty() ? soci::i_null : soci::i_ok),
        version(s.entry.version),
        approved_version(s.approved_version) {}
};

}  // namespace

Status insert_library_answer(Tx& tx, const std::string& tenant_id, const StoredLibraryAnswer& s) {
  RowValues v(s);
  const auto& c = s.entry.content;
  tx.sql() << "INSERT INTO library_answers (id, tenant_id, catalog_key, ref, question, answer, explanation, evidence, "
              "scope, owner, review_due, status, version, approved_version, created_by, created_at, updated_by, "
              "updated_at, approved_by, approved_at) VALUES (:id, :t, :ck, :ref, :q, :a, :e, :ev, :sc, :o, :rd, :st, "
              ":v, :av, :cb, :ca, :ub, :ua, :ab, :aa)",
      soci::use(s.entry.id), soci::use(tenant_id), soci::use(c.catalog_key, v.item_ind), soci::use(c.ref, v.item_ind),
      soci::use(c.question), soci::use(v.answer), soci::use(c.explanation), soci::use(v.evidence), soci::use(v.scope),
      soci::use(c.owner), soci::use(c.review_due, v.review_ind), soci::use(v.status), soci::use(v.version),
      soci::use(v.approved_version, v.approved_version_ind), soci::use(s.created_by), soci::use(s.created_at),
      soci::use(s.updated_by), soci::use(s.updated_at), soci::use(s.approved_by, v.approved_by_ind),
      soci::use(s.approved_at, v.approved_at_ind);
  return ok();
}

Status update_library_answer(Tx& tx, const std::string& tenant_id, const StoredLibraryAnswer& s) {
  RowValues v(s);
  const auto& c = s.entry.content;
  tx.sql() << "UPDATE library_answers SET catalog_key = :ck, ref = :ref, question = :q, answer = :a, explanation = :e, "
              "evidence = :ev, scope = :sc, owner = :o, review_due = :rd, status = :st, version = :v, "
              "approved_version = :av, updated_by = :ub, updated_at = :ua, approved_by = :ab, approved_at = :aa "
              "WHERE tenant_id = :t AND id = :id",
      soci::use(c.catalog_key, v.item_ind), soci::use(c.ref, v.item_ind), soci::use(c.question), soci::use(v.answer),
      soci::use(c.explanation), soci::use(v.evidence), soci::use(v.scope), soci::use(c.owner),
      soci::use(c.review_due, v.review_ind), soci::use(v.status), soci::use(v.version),
      soci::use(v.approved_version, v.approved_version_ind), soci::use(s.updated_by), soci::use(s.updated_at),
      soci::use(s.approved_by, v.approved_by_ind), soci::use(s.approved_at, v.approved_at_ind), soci::use(tenant_id),
      soci::use(s.entry.id);
  return ok();
}

Status insert_library_version(Tx& tx, const std::string& tenant_id, const std::string& answer_id,
                              const LibraryAnswerVersion& v) {
  const std::string content = content_json(v.content);
  const int version = v.version;
  soci::indicator by_ind = v.approved_by.empty() ? soci::i_null : soci::i_ok;
  soci::indicator at_ind = v.approved_at.empty() ? soci::i_null : soci::i_ok;
  tx.sql() << "INSERT INTO library_answer_versions (tenant_id, answer_id, version, content, saved_by, saved_at, reason, "
              "approved_by, approved_at) VALUES (:t, :id, :v, :c, :sb, :sa, :r, :ab, :aa)",
      soci::use(tenant_id), soci::use(answer_id), soci::use(version), soci::use(content), soci::use(v.saved_by),
      soci::use(v.saved_at), soci::use(v.reason), soci::use(v.approved_by, by_ind), soci::use(v.approved_at, at_ind);
  return ok();
}

Status mark_library_version_approved(Tx& tx, const std::string& tenant_id, const std::string& answer_id, int version,
                                     const std::string& by, const std::string& at) {
  tx.sql() << "UPDATE library_answer_versions SET approved_by = :b, approved_at = :a "
              "WHERE tenant_id = :t AND answer_id = :id AND version = :v",
      soci::use(by), soci::use(at), soci::use(tenant_id), soci::use(answer_id), soci::use(version);
  return ok();
}

Result<std::optional<StoredLibraryAnswer>> find_library_answer(Tx& tx, const std::string& tenant_id,
                                                               const std::string& id) {
  soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT " << kColumns
                                                   << " FROM library_answers WHERE tenant_id = :t AND id = :id",
                                  soci::use(tenant_id), soci::use(id));
  for (const auto& r : rows) return std::optional<StoredLibraryAnswer>(from_row(r));
  return std::optional<StoredLibraryAnswer>();
}

Result<std::vector<StoredLibraryAnswer>> list_library_answers(Tx& tx, const std::string& tenant_id,
                                                              const LibraryFilter& f) {
  std::vector<StoredLibraryAnswer> out;
  // Empty filter values match everything; one statement for every filter.
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT " << kColumns
                        << " FROM library_answers WHERE tenant_id = :t AND (:s = '' OR status = :s2) "
                           "AND (:ck = '' OR catalog_key = :ck2) AND (:r = '' OR ref = :r2) "
                           "ORDER BY COALESCE(catalog_key, ''), COALESCE(ref, ''), created_at, id",
       soci::use(tenant_id), soci::use(f.status), soci::use(f.status), soci::use(f.catalog_key),
       soci::use(f.catalog_key), soci::use(f.ref), soci::use(f.ref));
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

Result<std::vector<LibraryAnswerVersion>> library_answer_versions(Tx& tx, const std::string& tenant_id,
                                                                 const std::string& answer_id) {
  std::vector<LibraryAnswerVersion> out;
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT version, content, saved_by, saved_at, reason, COALESCE(approved_by, ''), "
                           "COALESCE(approved_at, '') FROM library_answer_versions "
                           "WHERE tenant_id = :t AND answer_id = :id ORDER BY version",
       soci::use(tenant_id), soci::use(answer_id));
  for (const auto& r : rows) {
    LibraryAnswerVersion v;
    v.version = static_cast<int>(integer_at(r, 0));
    v.content = content_from_json(r.get<std::string>(1));
    v.saved_by = r.get<std::string>(2);
    v.saved_at = r.get<std::string>(3);
    v.reason = r.get<std::string>(4);
    v.approved_by = r.get<std::string>(5);
    v.approved_at = r.get<std::string>(6);
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::vector<domain::LibraryEntry>> approved_library(Tx& tx, const std::string& tenant_id) {
  std::vector<domain::LibraryEntry> out;
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT a.id, v.version, v.content FROM library_answers a JOIN library_answer_versions v "
                           "ON v.answer_id = a.id AND v.version = a.approved_version "
                           "WHERE a.tenant_id = :t AND v.tenant_id = :t2 AND a.status <> 'retired' "
                           "ORDER BY COALESCE(a.catalog_key, ''), COALESCE(a.ref, ''), a.created_at, a.id",
       soci::use(tenant_id), soci::use(tenant_id));
  for (const auto& r : rows) {
    domain::LibraryEntry e;
    e.id = r.get<std::string>(0);
    e.version = static_cast<int>(integer_at(r, 1));
    e.status = domain::LibraryStatus::approved;
    e.content = content_from_json(r.get<std::string>(2));
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace mamori::store
