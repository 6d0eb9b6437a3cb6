// Internal to src/store: bytes in a BLOB (SQLite) or BYTEA (PostgreSQL)
// column. PostgreSQL takes text parameters, which cannot carry NUL bytes, so
// bytes travel as hex there (decode(:b, 'hex') / encode(bytes, 'hex'));
// SQLite binds them as they are.
#pragma once

#include <string>

#include "domain/error.h"
#include "store/tx.h"

namespace mamori::store {

// The parameter expression for a bytes column and the value to bind to it.
// `parameter` is the placeholder as written in the statement (":b").
std::string bytes_parameter(const Tx& tx, const std::string& parameter);
std::string bytes_to_bind(const Tx& tx, const std::string& bytes);
// The select expression for a bytes column and the decoding of what it returned.
std::string bytes_select(const Tx& tx, const std::string& column);
Result<std::string> bytes_from_column(const Tx& tx, std::string value);

}  // namespace mamori::store
