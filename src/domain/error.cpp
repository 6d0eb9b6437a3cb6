#include "domain/error.h"

namespace mamori {

const char* to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input: return "invalid_input";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::forbidden: return "forbidden";
    case ErrorCode::unauthorized: return "unauthorized";
    case ErrorCode::too_large: return "too_large";
    case ErrorCode::rate_limited: return "rate_limited";
    case ErrorCode::io: return "io";
    case ErrorCode::database: return "database";
    case ErrorCode::internal: return "internal";
  }
  return "internal";
}

std::string column_letters(int column) {
  std::string letters;
  while (column > 0) {
    int rem = (column - 1) % 26;
    letters.insert(letters.begin(), static_cast<char>('A' + rem));
    column = (column - 1) / 26;
  }
  return letters;
}

bool Location::empty() const {
  return file.empty() && sheet.empty() && line == 0 && row == 0 && column == 0 && field.empty();
}

std::string Location::to_string() const {
  // A text file position reads like a compiler's ("file:12"); a spreadsheet
  // position names the sheet, the row and the column letter.
  std::string out = file;
  if (line > 0) out += (out.empty() ? "line " : ":") + std::to_string(line);
  auto add = [&out](const std::string& part) {
    if (!out.empty()) out += ", ";
    out += part;
  };
  if (!sheet.empty()) add("sheet " + sheet);
  if (row > 0) add("row " + std::to_string(row));
  if (column > 0) add("column " + column_letters(column));
  if (!field.empty()) add("field " + field);
  return out;
}

Location Location::in_file(std::string file, int line) {
  Location l;
  l.file = std::move(file);
  l.line = line;
  return l;
}

Location Location::in_cell(std::string file, std::string sheet, int row, int column) {
  Location l;
  l.file = std::move(file);
  l.sheet = std::move(sheet);
  l.row = row;
  l.column = column;
  return l;
}

Location Location::in_field(std::string field) {
  Location l;
  l.field = std::move(field);
  return l;
}

std::string Error::describe() const {
  if (where.empty()) return message;
  return where.to_string() + ": " + message;
}

Error make_error(ErrorCode code, std::string message, Location where) {
  Error e;
  e.code = code;
  e.message = std::move(message);
  e.where = std::move(where);
  return e;
}

Error make_error(ErrorCode code, std::string reason, std::string message, Location where) {
  Error e = make_error(code, std::move(message), std::move(where));
  e.reason = std::move(reason);
  return e;
}

}  // namespace mamori
