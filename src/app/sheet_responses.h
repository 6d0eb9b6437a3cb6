// Vendors' responses to a procurement sheet: imported from a returned
// .xlsx, or answered in the web form by a respondent the procurer invited.
// A respondent is an account in the procurer's organisation with the role
// respondent; it sees and answers only the responses assigned to it, and
// its answers are locked once it submits them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/services.h"
#include "app/sheet_reviews.h"
#include "domain/error.h"
#include "store/sheet_repository.h"
#include "store/sheet_response_repository.h"

namespace mamori::app {

inline constexpr std::size_t kMaxImportBytes = 32u << 20;    // a returned .xlsx
inline constexpr std::size_t kMaxEvidenceBytes = 10u << 20;  // one evidence file
inline constexpr int kMaxEvidenceFiles = 200;                // per response

// Reads the file (any layout the importer knows), stores its answers as a
// new response with status imported, and evaluates it as of `as_of`.
Result<ResponseEvaluation> import_response(Services& services, const Caller& caller, const std::string& tenant_id,
                                           const std::string& sheet_id, const std::string& vendor_name,
                                           const std::string& file_name, const std::string& bytes,
                                           const std::string& as_of);

struct Invitation {
  store::SheetResponse response;
  std::string email;
  bool account_created = false;
  std::string one_time_password;  // a new account's first password, shown once
};
// A new web response assigned to the person with that e-mail, who becomes a
// respondent of the organisation (a new account gets a one-time password
// that must be changed at the first sign-in; the organisation's MFA rule
// applies as to everyone).
Result<Invitation> invite_respondent(Services& services, const Caller& caller, const std::string& tenant_id,
                                     const std::string& sheet_id, const std::string& vendor_name,
                                     const std::string& email);

struct ResponseListEntry {
  store::SheetResponse response;
  std::string sheet_title;
  std::string due_date;
};
// The responses the caller may see: a respondent its own, a reader all.
Result<std::vector<ResponseListEntry>> list_responses(Services& services, const Caller& caller,
                                                      const std::string& tenant_id);

struct ResponseView {
  store::Sheet sheet;
  store::SheetResponse response;
  std::vector<store::SheetItem> questions;  // asked, in order
  std::map<std::string, store::StoredAnswer> answers;
  std::vector<store::EvidenceInfo> evidence;
  std::vector<store::StoredReview> reviews;  // empty for a respondent
  bool respondent_view = false;
};
Result<ResponseView> get_response(Services& services, const Caller& caller, const std::string& tenant_id,
                                  const std::string& response_id);

// The respondent's own answers, until it submits.
struct AnswerSaved {
  store::StoredAnswer answer;
  domain::ResponseStatus status = domain::ResponseStatus::in_progress;
};
Result<AnswerSaved> save_answer(Services& services, const Caller& caller, const std::string& tenant_id,
                                const std::string& response_id, const std::string& ref, const std::string& answer,
                                const std::string& alternative);

// Items 1 and 2 of the form: 機密性, the information, and the ISMAP listing claim.
struct ResponseFormUpdate {
  std::optional<std::string> classification;
  std::optional<std::string> details;
  std::optional<std::string> listing_conformity;  // yes | no | blank
  std::optional<std::string> listing_provider;
  std::optional<std::string> listing_service;
  std::optional<std::string> listing_kind;  // ISMAP | ISMAP-LIU | ""
};
Result<store::SheetResponse> update_response_form(Services& services, const Caller& caller,
                                                  const std::string& tenant_id, const std::string& response_id,
                                                  const ResponseFormUpdate& update);

Result<store::EvidenceInfo> upload_evidence(Services& services, const Caller& caller, const std::string& tenant_id,
                                            const std::string& response_id, const std::string& ref,
                                            const std::string& file_name, const std::string& content_type,
                                            const std::string& bytes);
Result<std::vector<store::EvidenceInfo>> list_evidence(Services& services, const Caller& caller,
                                                       const std::string& tenant_id, const std::string& response_id);
Result<store::EvidenceFile> download_evidence(Services& services, const Caller& caller, const std::string& tenant_id,
                                              const std::string& response_id, const std::string& evidence_id);

Result<store::SheetResponse> submit_response(Services& services, const Caller& caller, const std::string& tenant_id,
                                             const std::string& response_id);

}  // namespace mamori::app
