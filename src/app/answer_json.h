// The JSON the API and `mamori sheet answer --json` show for library
// answers, proposals and incoming sheets: one shape wherever it appears.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "app/incoming_sheets.h"
#include "app/library.h"
#include "domain/answer_proposal.h"
#include "formats/service_list.h"

namespace mamori::app {

// `today` (YYYY-MM-DD) decides review_overdue.
nlohmann::json library_answer_json(const store::StoredLibraryAnswer& answer, const std::string& today);
nlohmann::json library_content_json(const domain::LibraryAnswer& content);
nlohmann::json library_version_json(const LibraryVersionView& version);
nlohmann::json proposal_json(const domain::Proposal& proposal);
nlohmann::json incoming_sheet_json(const store::IncomingSheet& sheet);
nlohmann::json incoming_question_json(const store::IncomingQuestion& question);
// The sheet, its questions and counts by decision and by source.
nlohmann::json incoming_sheet_detail_json(const IncomingSheetView& view);
// {sheet, row, column (letters), message}
nlohmann::json import_problem_json(const formats::ImportProblem& problem);

}  // namespace mamori::app
