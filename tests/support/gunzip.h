// What a browser does with a gzip answer: inflate it. libdeflate's own
// decompressor, so the tests check the bytes sent, not the compressor's
// settings.
#pragma once

#include <cstddef>
#include <string>

namespace mamori::test {

// The inflated bytes of a gzip member; fails the test (and returns "") when
// they are not valid gzip or inflate to more than `max_bytes`.
std::string gunzip(const std::string& gz, std::size_t max_bytes = 16u << 20);

}  // namespace mamori::test
