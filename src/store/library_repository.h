// The answer library in the database: each answer's latest version in
// library_answers, every version in library_answer_versions. Every function
// takes the organisation (tenant) from the caller's authorised scope.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/answer_library.h"
#include "domain/error.h"

namespace mamori::store {

class Tx;

struct StoredLibraryAnswer {
  domain::LibraryEntry entry;  // id, latest version, status, latest content
  int approved_version = 0;    // 0: none approved yet
  std::string created_by;
  std::string created_at;
  std::string updated_by;
  std::string updated_at;
  std::string approved_by;
  std::string approved_at;
};

struct LibraryAnswerVersion {
  int version = 0;
  domain::LibraryAnswer content;
  std::string saved_by;
  std::string saved_at;
  std::string reason;
  std::string approved_by;  // "" when this version was never approved
  std::string approved_at;
};

// Inserts the row; its versions are added with insert_library_version.
Status insert_library_answer(Tx& tx, const std::string& tenant_id, const StoredLibraryAnswer& answer);
// Rewrites the row's latest content, version, status and approval fields.
Status update_library_answer(Tx& tx, const std::string& tenant_id, const StoredLibraryAnswer& answer);
Status insert_library_version(Tx& tx, const std::string& tenant_id, const std::string& answer_id,
                              const LibraryAnswerVersion& version);
Status mark_library_version_approved(Tx& tx, const std::string& tenant_id, const std::string& answer_id, int version,
                                     const std::string& by, const std::string& at);

Result<std::optional<StoredLibraryAnswer>> find_library_answer(Tx& tx, const std::string& tenant_id,
                                                               const std::string& id);

struct LibraryFilter {
  std::string status;       // "" any
  std::string catalog_key;  // "" any
  std::string ref;          // "" any
};
Result<std::vector<StoredLibraryAnswer>> list_library_answers(Tx& tx, const std::string& tenant_id,
                                                              const LibraryFilter& filter = {});
// Oldest first.
Result<std::vector<LibraryAnswerVersion>> library_answer_versions(Tx& tx, const std::string& tenant_id,
                                                                 const std::string& answer_id);

// What answers sheets: for every answer that is not retired and has an
// approved version, the content of that version (entry.version = it).
Result<std::vector<domain::LibraryEntry>> approved_library(Tx& tx, const std::string& tenant_id);

}  // namespace mamori::store
