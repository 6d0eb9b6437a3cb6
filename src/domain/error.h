// The one error type of mamori, and Result<T>, the value-or-error that every
// boundary returns. Exceptions do not cross layers: a third-party library
// that throws (SOCI, yaml-cpp, nlohmann-json) is caught where it is called and
// turned into an Error that says what went wrong and where.
#pragma once

#include <cassert>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace mamori {

enum class ErrorCode {
  invalid_input,  // the caller's data is wrong; nothing was changed
  not_found,
  conflict,       // the data is fine but contradicts what is stored
  forbidden,
  unauthorized,
  too_large,
  rate_limited,   // too many attempts; retry_after_seconds says when to try again
  io,             // files, sockets
  database,
  internal,       // a bug: never the user's fault
};

const char* to_string(ErrorCode code);

// Where in the user's input the problem is. Every part is optional; the
// message names whichever are known ("file.xlsx, sheet 回答, row 12, column C").
struct Location {
  std::string file;
  std::string sheet;
  int line = 0;    // text files (YAML, CSV)
  int row = 0;     // spreadsheets, 1-based as Excel shows them
  int column = 0;  // 1-based; shown as a letter for spreadsheets
  std::string field;

  bool empty() const;
  std::string to_string() const;

  static Location in_file(std::string file, int line = 0);
  static Location in_cell(std::string file, std::string sheet, int row, int column);
  static Location in_field(std::string field);
};

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;  // English, for people reading logs and the CLI
  Location where;
  // A stable machine-readable reason the UI translates (e.g. "session_locked",
  // "required", "unknown_field"); empty when the code says enough.
  std::string reason;
  std::int64_t retry_after_seconds = 0;

  // "file.yaml:12: message" or "message" when no place is known.
  std::string describe() const;
};

// 1 -> "A", 27 -> "AA": the column letters a spreadsheet user sees.
std::string column_letters(int column);

Error make_error(ErrorCode code, std::string message, Location where = {});
// The same with a reason code.
Error make_error(ErrorCode code, std::string reason, std::string message, Location where);

// A value or an Error. Deliberately small: has_value(), value(), error().
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Error error) : state_(std::move(error)) {}

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & {
    assert(has_value());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(has_value());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(has_value());
    return std::get<0>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    assert(!has_value());
    return std::get<1>(state_);
  }

 private:
  std::variant<T, Error> state_;
};

// Result of an operation that yields nothing but may fail.
struct Ok {};
using Status = Result<Ok>;
inline Status ok() { return Ok{}; }

}  // namespace mamori
