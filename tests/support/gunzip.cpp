#include "support/gunzip.h"

#include <gtest/gtest.h>
#include <libdeflate.h>

#include <memory>

namespace mamori::test {

std::string gunzip(const std::string& gz, std::size_t max_bytes) {
  std::unique_ptr<libdeflate_decompressor, void (*)(libdeflate_decompressor*)> d(libdeflate_alloc_decompressor(),
                                                                                  libdeflate_free_decompressor);
  std::string out(max_bytes, '\0');
  std::size_t n = 0;
  const auto result = libdeflate_gzip_decompress(d.get(), gz.data(), gz.size(), out.data(), out.size(), &n);
  EXPECT_EQ(result, LIBDEFLATE_SUCCESS) << "not a valid gzip answer";
  out.resize(result == LIBDEFLATE_SUCCESS ? n : 0);
  return out;
}

}  // namespace mamori::test
