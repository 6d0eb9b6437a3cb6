// How the API shows check sheets, responses and evaluations as JSON, and
// the small helpers the sheet routes share (downloads, errors with the
// place in a file).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "app/service_lists.h"
#include "app/sheet_responses.h"
#include "app/sheet_reviews.h"
#include "app/sheets.h"
#include "server/http.h"
#include "server/routes.h"

namespace mamori::server {

nlohmann::json to_json(const store::Sheet& sheet);
nlohmann::json to_json(const store::SheetItem& item);
nlohmann::json to_json(const store::SheetResponse& response);
nlohmann::json to_json(const app::ResponseSummary& summary);
nlohmann::json to_json(const store::EvidenceInfo& evidence);
nlohmann::json to_json(const store::StoredServiceList& list);
nlohmann::json to_json(const app::ResponseView& view);
// `mamori sheet evaluate --json` (app::sheet_report_json) plus the ids, the
// date, each item's title and who reviewed it.
nlohmann::json to_json(const app::ResponseEvaluation& evaluation);
nlohmann::json to_json(const app::Comparison& comparison);

// An error whose place is in an uploaded file: the usual error body plus
// "where": {file, sheet, row, column}.
HttpResponse file_error_response(const Error& error);
// 400 listing every problem of a file ({sheet, row, column, message}).
HttpResponse file_problems_response(const std::string& reason, const std::string& message,
                                    const std::vector<formats::ImportProblem>& problems);

// A file to download, named safely: an ASCII fallback and the UTF-8 name
// (RFC 6266 / RFC 5987).
HttpResponse download(std::string bytes, const std::string& content_type, const std::string& file_name);

inline constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

}  // namespace mamori::server
