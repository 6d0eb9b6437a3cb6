// Reading `COPY (query) TO STDOUT (FORMAT binary)` through libpq, one tuple
// at a time. Binary, not text: fields come length-prefixed with no escaping
// to undo, and integers as fixed-size big-endian values. The server streams
// the result while the client works on what has arrived (a plain query would
// hold the whole result in memory, and a cursor's FETCH leaves the server
// idle while the client works), so reading a million rows keeps both busy.
#pragma once

#include <libpq-fe.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"

namespace mamori::store {

struct PgCopyField {
  std::string_view bytes;  // valid until the next call to next()
  bool null = false;
};

class PgBinaryCopy {
 public:
  // Starts the COPY on `conn` (which must be idle, e.g. inside the caller's
  // transaction); `copy_sql` is the whole COPY statement.
  PgBinaryCopy(PGconn* conn, const std::string& copy_sql);
  // Reads what is left of the stream, so the connection is usable again
  // even when the caller stopped early or failed.
  ~PgBinaryCopy();
  PgBinaryCopy(const PgBinaryCopy&) = delete;
  PgBinaryCopy& operator=(const PgBinaryCopy&) = delete;

  // The next tuple into `fields`; false after the last one (the COPY then
  // finished and its status was checked). Errors name what was wrong with
  // the stream or carry the server's message.
  Result<bool> next(std::vector<PgCopyField>& fields);

  // An int2/int4/int8 field (by its length), as binary COPY sends it.
  static Result<std::int64_t> integer(const PgCopyField& field);

 private:
  Status ensure(std::size_t bytes);  // at least `bytes` unread bytes buffered
  Status read_header();
  Status finish();
  std::string server_failure();
  void drain();

  struct Span {
    std::size_t at;       // from the tuple's start
    std::int32_t length;  // -1: NULL
  };

  PGconn* conn_;
  std::vector<Span> spans_;  // reused for every tuple
  std::string buffer_;
  std::size_t pos_ = 0;  // first unread byte of buffer_
  bool started_ = false;
  bool header_read_ = false;
  bool done_ = false;
  std::string start_error_;
};

}  // namespace mamori::store
