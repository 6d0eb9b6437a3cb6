#include "store/pg_binary_copy.h"

#include <cstring>
#include <memory>

namespace mamori::store {

namespace {

// "PGCOPY\n\377\r\n\0", then a 32-bit flags field and a header extension.
constexpr char kSignature[] = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', '\xff', '\r', '\n', '\0'};
constexpr std::size_t kSignatureSize = sizeof kSignature;

std::uint32_t be32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return (std::uint32_t{u[0]} << 24) | (std::uint32_t{u[1]} << 16) | (std::uint32_t{u[2]} << 8) | u[3];
}

std::uint16_t be16(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return static_cast<std::uint16_t>((u[0] << 8) | u[1]);
}

Error copy_error(const std::string& what) { return make_error(ErrorCode::database, "COPY: " + what); }

}  // namespace

PgBinaryCopy::PgBinaryCopy(PGconn* conn, const std::string& copy_sql) : conn_(conn) {
  std::unique_ptr<PGresult, void (*)(PGresult*)> result(PQexec(conn_, copy_sql.c_str()), PQclear);
  if (PQresultStatus(result.get()) == PGRES_COPY_OUT)
    started_ = true;
  else
    start_error_ = PQerrorMessage(conn_);
}

PgBinaryCopy::~PgBinaryCopy() {
  if (started_ && !done_) drain();
}

void PgBinaryCopy::drain() {
  char* data = nullptr;
  while (PQgetCopyData(conn_, &data, 0) > 0) PQfreemem(data);
  while (PGresult* r = PQgetResult(conn_)) PQclear(r);
  done_ = true;
}

Status PgBinaryCopy::ensure(std::size_t bytes) {
  while (buffer_.size() - pos_ < bytes) {
    char* data = nullptr;
    const int n = PQgetCopyData(conn_, &data, 0);
    if (n == -1) {  // the COPY ended: with the server's error, or cut short
      done_ = true;
      std::string failure = server_failure();
      return copy_error(failure.empty() ? "the stream ended before its trailer" : failure);
    }
    if (n < 0) return copy_error(PQerrorMessage(conn_));
    buffer_.append(data, static_cast<std::size_t>(n));
    PQfreemem(data);
  }
  return ok();
}

Status PgBinaryCopy::read_header() {
  if (auto s = ensure(kSignatureSize + 8); !s) return s;
  if (std::memcmp(buffer_.data() + pos_, kSignature, kSignatureSize) != 0) return copy_error("not a binary COPY stream");
  const std::uint32_t extension = be32(buffer_.data() + pos_ + kSignatureSize + 4);
  if (extension > (1u << 20)) return copy_error("header extension of " + std::to_string(extension) + " bytes");
  if (auto s = ensure(kSignatureSize + 8 + extension); !s) return s;
  pos_ += kSignatureSize + 8 + extension;
  header_read_ = true;
  return ok();
}

Status PgBinaryCopy::finish() {
  char* data = nullptr;
  const int n = PQgetCopyData(conn_, &data, 0);
  if (n > 0) {
    PQfreemem(data);
    drain();
    return copy_error("data after the trailer");
  }
  done_ = true;
  if (std::string failure = server_failure(); !failure.empty()) return copy_error(failure);
  return ok();
}

// After the COPY's data: its status (and anything after), consumed so the
// connection is idle again; the server's message if one failed.
std::string PgBinaryCopy::server_failure() {
  std::string failure;
  while (PGresult* r = PQgetResult(conn_)) {
    if (PQresultStatus(r) != PGRES_COMMAND_OK && failure.empty()) failure = PQresultErrorMessage(r);
    PQclear(r);
  }
  return failure;
}

Result<bool> PgBinaryCopy::next(std::vector<PgCopyField>& fields) {
  if (!started_) return copy_error(start_error_);
  if (done_) return false;
  // Drop what was read; views handed out last time end here.
  if (pos_ == buffer_.size()) {
    buffer_.clear();
    pos_ = 0;
  } else if (pos_ > (1u << 16)) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  if (!header_read_)
    if (auto s = read_header(); !s) return s.error();
  if (auto s = ensure(2); !s) return s.error();
  const auto count = static_cast<std::int16_t>(be16(buffer_.data() + pos_));
  if (count == -1) {  // the trailer
    pos_ += 2;
    if (auto s = finish(); !s) return s.error();
    return false;
  }
  if (count < 0) return copy_error("a tuple with " + std::to_string(count) + " fields");
  // Find the tuple's end first, so the whole tuple is in the buffer (which
  // may move while it grows) before any view into it is made.
  std::vector<Span>& spans = spans_;
  spans.resize(static_cast<std::size_t>(count));
  std::size_t offset = 2;
  for (auto& span : spans) {
    if (auto s = ensure(offset + 4); !s) return s.error();
    span.length = static_cast<std::int32_t>(be32(buffer_.data() + pos_ + offset));
    offset += 4;
    span.at = offset;
    if (span.length < -1) return copy_error("a field of length " + std::to_string(span.length));
    if (span.length > 0) {
      if (auto s = ensure(offset + static_cast<std::size_t>(span.length)); !s) return s.error();
      offset += static_cast<std::size_t>(span.length);
    }
  }
  fields.resize(spans.size());
  for (std::size_t i = 0; i < spans.size(); ++i) {
    const bool null = spans[i].length == -1;
    fields[i] = {null ? std::string_view() : std::string_view(buffer_.data() + pos_ + spans[i].at,
                                                               static_cast<std::size_t>(spans[i].length)),
                 null};
  }
  pos_ += offset;
  return true;
}

Result<std::int64_t> PgBinaryCopy::integer(const PgCopyField& field) {
  const auto* u = reinterpret_cast<const unsigned char*>(field.bytes.data());
  switch (field.bytes.size()) {
    case 2: return static_cast<std::int16_t>((u[0] << 8) | u[1]);
    case 4: return static_cast<std::int32_t>(be32(field.bytes.data()));
    case 8: {
      std::uint64_t v = 0;
      for (int i = 0; i < 8; ++i) v = (v << 8) | u[i];
      return static_cast<std::int64_t>(v);
    }
    default: return copy_error("an integer field of " + std::to_string(field.bytes.size()) + " bytes");
  }
}

}  // namespace mamori::store
