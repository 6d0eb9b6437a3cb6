#include "formats/zip_writer.h"

#include <libdeflate.h>

#include <limits>
#include <new>

namespace mamori::formats {

namespace {

// Zip's fixed-size header fields are little-endian.
void put16(std::string& out, std::uint32_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}

void put32(std::string& out, std::uint64_t v) {
  put16(out, static_cast<std::uint32_t>(v & 0xFFFF));
  put16(out, static_cast<std::uint32_t>((v >> 16) & 0xFFFF));
}

constexpr std::uint32_t kDosDate1980 = (0 << 9) | (1 << 5) | 1;  // 1980-01-01
constexpr std::uint32_t kDosTimeMidnight = 0;
constexpr std::uint32_t kUtf8Names = 1u << 11;  // general purpose flag: names are UTF-8
constexpr std::uint32_t kVersion = 20;           // 2.0: deflate

libdeflate_compressor* as_compressor(void* p) { return static_cast<libdeflate_compressor*>(p); }

// A compressor's tables are hundreds of kilobytes; allocating them fresh for
// every workbook cost most of a small export in page faults. So the default
// level's compressor is kept, one per thread, for the thread's life (server
// workers are few and fixed); other levels get their own.
struct CachedCompressor {
  libdeflate_compressor* compressor = nullptr;
  ~CachedCompressor() { libdeflate_free_compressor(compressor); }
};

libdeflate_compressor* default_compressor() {
  thread_local CachedCompressor cached;
  if (!cached.compressor) cached.compressor = libdeflate_alloc_compressor(ZipWriter::kDefaultLevel);
  return cached.compressor;
}

}  // namespace

// From "version needed" to "extra field length": the same in an entry's
// local header and in its central directory record.
void ZipWriter::put_common_fields(std::string& out, const Entry& e) {
  put16(out, kVersion);  // needed to extract
  put16(out, kUtf8Names);
  put16(out, e.method);
  put16(out, kDosTimeMidnight);
  put16(out, kDosDate1980);
  put32(out, e.crc);
  put32(out, e.compressed);
  put32(out, e.size);
  put16(out, static_cast<std::uint32_t>(e.name.size()));
  put16(out, 0);  // extra field
}

ZipWriter::ZipWriter(int level)
    : compressor_(level == kDefaultLevel ? default_compressor() : libdeflate_alloc_compressor(level)),
      owns_compressor_(level != kDefaultLevel) {
  if (!compressor_) throw std::bad_alloc();
}

ZipWriter::~ZipWriter() {
  if (owns_compressor_) libdeflate_free_compressor(as_compressor(compressor_));
}

void ZipWriter::add(std::string_view name, std::string_view data) {
  Entry e;
  e.name = std::string(name);
  e.size = data.size();
  e.crc = libdeflate_crc32(0, data.data(), data.size());
  e.offset = out_.size();

  const std::size_t bound = libdeflate_deflate_compress_bound(as_compressor(compressor_), data.size());
  if (bound > scratch_size_) {
    scratch_.reset(new char[bound]);
    scratch_size_ = bound;
  }
  const std::size_t packed =
      data.empty() ? 0 : libdeflate_deflate_compress(as_compressor(compressor_), data.data(), data.size(),
                                                     scratch_.get(), scratch_size_);
  // Deflate only when it saves something; tiny parts are stored as they are.
  const bool deflated = packed != 0 && packed < data.size();
  e.method = deflated ? 8 : 0;
  e.compressed = deflated ? packed : data.size();

  put32(out_, 0x04034b50);
  put_common_fields(out_, e);
  out_ += e.name;
  if (deflated) {
    out_.append(scratch_.get(), packed);
  } else {
    out_.append(data);
  }
  entries_.push_back(std::move(e));
}

Result<std::string> ZipWriter::finish() {
  constexpr std::uint64_t kMax32 = std::numeric_limits<std::uint32_t>::max();
  const std::uint64_t directory_offset = out_.size();
  if (directory_offset >= kMax32 || entries_.size() >= 0xFFFF)
    return make_error(ErrorCode::invalid_input, "the workbook is too large for a zip archive without ZIP64 (4 GiB)");
  for (const auto& e : entries_) {
    put32(out_, 0x02014b50);
    put16(out_, kVersion);  // made by
    put_common_fields(out_, e);
    put16(out_, 0);  // comment
    put16(out_, 0);  // disk number
    put16(out_, 0);  // internal attributes
    put32(out_, 0);  // external attributes
    put32(out_, e.offset);
    out_ += e.name;
  }
  const std::uint64_t directory_size = out_.size() - directory_offset;
  if (out_.size() >= kMax32)
    return make_error(ErrorCode::invalid_input, "the workbook is too large for a zip archive without ZIP64 (4 GiB)");
  put32(out_, 0x06054b50);
  put16(out_, 0);  // this disk
  put16(out_, 0);  // disk with the directory
  put16(out_, static_cast<std::uint32_t>(entries_.size()));
  put16(out_, static_cast<std::uint32_t>(entries_.size()));
  put32(out_, directory_size);
  put32(out_, directory_offset);
  put16(out_, 0);  // comment
  entries_.clear();
  return std::move(out_);
}

}  // namespace mamori::formats
