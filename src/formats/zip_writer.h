// A .zip archive built in memory, for the .xlsx files mamori writes.
//
// Whole-buffer DEFLATE (libdeflate) rather than zlib's streams: every part
// of an .xlsx we write is a finished buffer, and libdeflate compresses such
// buffers several times faster at a similar size (bench/xlsx_bench.cpp).
// No temporary files: a workbook never touches the disk unless the caller
// writes it there. Entries carry a fixed timestamp (1980-01-01 00:00, the
// zip epoch) so the same content gives the same bytes.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"

namespace mamori::formats {

class ZipWriter {
 public:
  // libdeflate's levels, 1 (fastest) to 12 (smallest).
  explicit ZipWriter(int level = kDefaultLevel);
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;
  ~ZipWriter();

  // Adds an entry; `name` is a relative path with '/' separators.
  void add(std::string_view name, std::string_view data);
  // The archive: local headers and data, the central directory, its end.
  // Fails only if it would need ZIP64 (4 GiB or 65,535 entries), which no
  // workbook mamori writes comes near.
  Result<std::string> finish();

  // Level 1 is libdeflate's fastest; .xlsx XML is so repetitive that it still
  // compresses about 9:1 there (against 10:1 at zlib's default level 6).
  static constexpr int kDefaultLevel = 1;

 private:
  struct Entry {
    std::string name;
    std::uint32_t crc = 0;
    std::uint32_t method = 0;  // 0 stored, 8 deflated
    std::uint64_t compressed = 0;
    std::uint64_t size = 0;
    std::uint64_t offset = 0;  // of its local header
  };
  static void put_common_fields(std::string& out, const Entry& e);
  void* compressor_ = nullptr;  // libdeflate_compressor; the default level's is this thread's
  bool owns_compressor_ = false;
  std::string out_;
  std::vector<Entry> entries_;
  // Compressed output of one entry. Grown, never shrunk, and not zeroed:
  // zeroing a part-sized buffer cost more than a tenth of an export.
  std::unique_ptr<char[]> scratch_;
  std::size_t scratch_size_ = 0;
};

}  // namespace mamori::formats
