// The answer library (回答マスタ) of a vendor: create answers, change them
// (each change a new version with its reason), approve the latest version,
// retire an answer, list versions. Only approved versions answer sheets
// (approved_answers); editing an approved answer leaves the approved
// version in use until the new one is approved.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/services.h"
#include "domain/answer_library.h"
#include "domain/error.h"
#include "store/library_repository.h"

namespace mamori::app {

inline constexpr std::size_t kMaxReasonChars = 1000;

Result<store::StoredLibraryAnswer> create_library_answer(Services& services, const Caller& caller,
                                                         const std::string& tenant_id,
                                                         const domain::LibraryAnswer& content,
                                                         const std::string& reason = "");
Result<std::vector<store::StoredLibraryAnswer>> list_library_answers(Services& services, const Caller& caller,
                                                                     const std::string& tenant_id,
                                                                     const store::LibraryFilter& filter = {});
Result<store::StoredLibraryAnswer> get_library_answer(Services& services, const Caller& caller,
                                                      const std::string& tenant_id, const std::string& id);

// The fields given change; the rest stay. Saves a new version (a draft
// until approved) with `reason`, which is required.
struct LibraryChange {
  std::optional<std::string> catalog_key;
  std::optional<std::string> ref;
  std::optional<std::string> question;
  std::optional<domain::AnswerValue> answer;
  std::optional<std::string> explanation;
  std::optional<std::vector<std::string>> evidence;
  std::optional<std::vector<std::string>> scope_services;
  std::optional<std::vector<std::string>> scope_plans;
  std::optional<std::string> owner;
  std::optional<std::string> review_due;
  std::string reason;
};
Result<store::StoredLibraryAnswer> change_library_answer(Services& services, const Caller& caller,
                                                         const std::string& tenant_id, const std::string& id,
                                                         const LibraryChange& change);

// Approves the latest version; conflict when it already is, or the answer is retired.
Result<store::StoredLibraryAnswer> approve_library_answer(Services& services, const Caller& caller,
                                                          const std::string& tenant_id, const std::string& id);
// Takes the answer out of use; it and its versions stay for the record.
Result<store::StoredLibraryAnswer> retire_library_answer(Services& services, const Caller& caller,
                                                         const std::string& tenant_id, const std::string& id,
                                                         const std::string& reason);

struct LibraryVersionView {
  store::LibraryAnswerVersion version;
  std::vector<std::string> changed;  // fields that differ from the version before ([] for the first)
};
Result<std::vector<LibraryVersionView>> library_answer_versions(Services& services, const Caller& caller,
                                                               const std::string& tenant_id, const std::string& id);

// The approved library that answers sheets.
Result<std::vector<domain::LibraryEntry>> approved_answers(Services& services, const Caller& caller,
                                                           const std::string& tenant_id);

// Adds answers in one transaction (demo data, bulk loads), optionally
// approving each; one audit entry per answer and approval.
Status import_library_answers(Services& services, const Caller& caller, const std::string& tenant_id,
                              const std::vector<domain::LibraryAnswer>& answers, bool approve,
                              const std::string& reason);

// Field names of LibraryAnswer whose values differ ("question", "answer", …).
std::vector<std::string> changed_fields(const domain::LibraryAnswer& before, const domain::LibraryAnswer& after);

}  // namespace mamori::app
