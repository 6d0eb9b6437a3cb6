// gzip for answers a client can take compressed (Accept-Encoding), the way
// every browser asks: a check sheet of 250 items is 158 KB of JSON and 25 KB
// gzipped, and the UI's script 677 KB and about 200 KB.
//
// What may be compressed is decided where the routes are known
// (server/pipeline.cpp): only answers that carry no secret, so the length of
// a compressed answer can never be used to guess one (BREACH).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "server/http.h"

namespace mamori::server {

// Whether an Accept-Encoding header lets the answer be gzip: "gzip" or "*"
// listed with a weight above zero ("gzip;q=0" refuses it). Names are
// case-insensitive; anything unparsable counts as not accepted.
bool accepts_gzip(std::string_view accept_encoding);

// Whether a body of this type and size gains from gzip: text and JSON of at
// least 1 KB (below that the header costs more than it saves; images and
// .xlsx files are compressed already).
bool worth_compressing(std::string_view content_type, std::size_t bytes);

// How hard to try: once per request (fast), or for bytes kept and sent many
// times (the response cache, the UI's files).
enum class GzipEffort { per_request, kept };

// `bytes` as a gzip member (RFC 1952).
std::shared_ptr<const std::string> gzip(std::string_view bytes, GzipEffort effort);

// Prepares `response` for a client that does (`client_accepts_gzip`) or does
// not take gzip: a body worth compressing gets "Vary: Accept-Encoding"; for a
// client that takes gzip it is replaced by its gzip form (the one made ahead
// in `gzip_body` when there is one) with "Content-Encoding: gzip".
void encode_for_client(HttpResponse& response, bool client_accepts_gzip, GzipEffort effort);

}  // namespace mamori::server
