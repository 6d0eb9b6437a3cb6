#include "server/compression.h"

#include <libdeflate.h>

#include <cctype>
#include <cstdlib>
#include <stdexcept>

namespace mamori::server {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool same_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// The weight of one list element ("gzip;q=0.5" -> 0.5); -1 when malformed.
double weight_of(std::string_view params) {
  double q = 1.0;
  while (!params.empty()) {
    const auto semicolon = params.find(';');
    std::string_view param = trim(params.substr(0, semicolon));
    params = semicolon == std::string_view::npos ? std::string_view{} : params.substr(semicolon + 1);
    if (param.size() < 2 || !same_ignoring_case(param.substr(0, 2), "q=")) continue;
    // RFC 9110 qvalue: "0" / "1" with at most three decimals.
    const std::string_view value = param.substr(2);
    if (value.empty() || value.size() > 5 || (value[0] != '0' && value[0] != '1')) return -1;
    if (value.size() > 1 && value[1] != '.') return -1;
    for (std::size_t i = 2; i < value.size(); ++i)
      if (!std::isdigit(static_cast<unsigned char>(value[i]))) return -1;
    q = std::strtod(std::string(value).c_str(), nullptr);
    if (q > 1.0) return -1;
  }
  return q;
}

// One compressor per thread and effort: making one costs more than
// compressing a small answer, and they are not safe to share.
libdeflate_compressor* compressor_for(GzipEffort effort) {
  struct Free {
    void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
  };
  // Per request, level 1: most of the gain for the least time. Kept bytes
  // are sent many times, so level 6; on the lab's answers level 9 made them
  // hardly smaller (under 1%) for several times the time.
  thread_local std::unique_ptr<libdeflate_compressor, Free> fast(libdeflate_alloc_compressor(1));
  thread_local std::unique_ptr<libdeflate_compressor, Free> thorough(libdeflate_alloc_compressor(6));
  libdeflate_compressor* c = effort == GzipEffort::per_request ? fast.get() : thorough.get();
  if (!c) throw std::bad_alloc();
  return c;
}

}  // namespace

bool accepts_gzip(std::string_view accept_encoding) {
  bool gzip_listed = false, star_listed = false;
  double gzip_q = 0, star_q = 0;
  while (!accept_encoding.empty()) {
    const auto comma = accept_encoding.find(',');
    std::string_view element = accept_encoding.substr(0, comma);
    accept_encoding = comma == std::string_view::npos ? std::string_view{} : accept_encoding.substr(comma + 1);
    const auto semicolon = element.find(';');
    const std::string_view coding = trim(element.substr(0, semicolon));
    const double q = semicolon == std::string_view::npos ? 1.0 : weight_of(element.substr(semicolon + 1));
    if (q < 0) return false;
    if (same_ignoring_case(coding, "gzip") || same_ignoring_case(coding, "x-gzip")) {
      gzip_listed = true;
      gzip_q = q;
    } else if (coding == "*") {
      star_listed = true;
      star_q = q;
    }
  }
  // A named coding wins over "*" (RFC 9110 12.5.3).
  if (gzip_listed) return gzip_q > 0;
  return star_listed && star_q > 0;
}

bool worth_compressing(std::string_view content_type, std::size_t bytes) {
  if (bytes < 1024) return false;
  auto starts = [&](std::string_view prefix) { return content_type.substr(0, prefix.size()) == prefix; };
  return starts("application/json") || starts("application/x-ndjson") || starts("text/") ||
         starts("image/svg+xml") || starts("application/yaml") || starts("application/xml");
}

std::shared_ptr<const std::string> gzip(std::string_view bytes, GzipEffort effort) {
  libdeflate_compressor* c = compressor_for(effort);
  std::string out(libdeflate_gzip_compress_bound(c, bytes.size()), '\0');
  const std::size_t n = libdeflate_gzip_compress(c, bytes.data(), bytes.size(), out.data(), out.size());
  // The bound is libdeflate's own promise, so 0 here is a bug, not bad input.
  if (n == 0) throw std::logic_error("gzip: output larger than libdeflate's bound");
  out.resize(n);
  out.shrink_to_fit();
  return std::make_shared<const std::string>(std::move(out));
}

void encode_for_client(HttpResponse& response, bool client_accepts_gzip, GzipEffort effort) {
  if (!worth_compressing(response.content_type, response.body_size())) return;
  // Whatever this client takes, the answer depends on the header.
  response.with_header("Vary", "Accept-Encoding");
  if (!client_accepts_gzip) return;
  std::shared_ptr<const std::string> compressed = response.gzip_body;
  if (!compressed) compressed = gzip(response.body_view(), effort);
  response.shared_body = std::move(compressed);
  response.body.clear();
  response.gzip_body.reset();
  response.with_header("Content-Encoding", "gzip");
}

}  // namespace mamori::server
