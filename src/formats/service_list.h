// The ISMAP / ISMAP-LIU cloud service list, imported from the CSV or .xlsx a
// procurer downloads: columns found by header text (登録番号, サービス名称,
// 事業者名, 区分, 登録日, 有効期限 and their variants) or named explicitly;
// UTF-8 or Shift_JIS (CP932, as Excel saves CSV in Japan); dates as
// 2025-04-01, 2025/4/1, 2025年4月1日, 令和7年4月1日 or Excel serial numbers.
// Rows it cannot read are listed with their place, not guessed.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "domain/sheet_evaluation.h"

namespace mamori::formats {

struct ImportProblem {
  Location where;
  std::string message;
};

struct ServiceListImport {
  std::vector<domain::ServiceListing> entries;
  std::vector<ImportProblem> problems;
};

struct ServiceListOptions {
  // Explicit header names per field (registration, service, provider, kind,
  // registered, valid_until), for lists whose headers mamori does not know.
  std::map<std::string, std::string> columns;
  // The list's kind when it has no 区分 column ("ISMAP" or "ISMAP-LIU").
  std::string default_kind;
};

// Chooses CSV or .xlsx by content (a zip starts with "PK").
Result<ServiceListImport> import_service_list(std::string_view bytes, const std::string& file_name,
                                              const ServiceListOptions& options = {});

// Dates as people write them -> "YYYY-MM-DD", or "" when unreadable.
std::string normalize_date(std::string_view text);

// RFC 4180 CSV: quoted fields with commas, quotes and line breaks.
// Fails with the line of an unclosed quote.
Result<std::vector<std::vector<std::string>>> parse_csv(std::string_view text, const std::string& file_name);

// CP932 (Shift_JIS) bytes to UTF-8; UTF-8 (with or without BOM) is returned
// as is. Fails when it is neither.
Result<std::string> to_utf8(std::string_view bytes, const std::string& file_name);

}  // namespace mamori::formats
