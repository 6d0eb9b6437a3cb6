#include "store/binary_column.h"

namespace mamori::store {

namespace {

bool is_pg(const Tx& tx) { return tx.engine() == Engine::postgresql; }

}  // namespace

std::string bytes_parameter(const Tx& tx, const std::string& parameter) {
  return is_pg(tx) ? "decode(" + parameter + ", 'hex')" : "CAST(" + parameter + " AS BLOB)";
}

std::string bytes_to_bind(const Tx& tx, const std::string& bytes) {
  if (!is_pg(tx)) return bytes;
  static const char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string bytes_select(const Tx& tx, const std::string& column) {
  return is_pg(tx) ? "encode(" + column + ", 'hex')" : column;
}

Result<std::string> bytes_from_column(const Tx& tx, std::string value) {
  if (!is_pg(tx)) return value;
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  if (value.size() % 2 != 0) return make_error(ErrorCode::database, "stored bytes: odd hex length");
  std::string out;
  out.reserve(value.size() / 2);
  for (std::size_t i = 0; i < value.size(); i += 2) {
    const int hi = digit(value[i]), lo = digit(value[i + 1]);
    if (hi < 0 || lo < 0) return make_error(ErrorCode::database, "stored bytes: not hex");
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

}  // namespace mamori::store
