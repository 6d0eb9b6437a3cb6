#include "formats/xlsx_reader.h"

#include <libdeflate.h>
#include <zip.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <exception>
#include <future>
#include <new>
#include <optional>
#include <pugixml.hpp>
#include <unordered_map>

#include "domain/text.h"
#include "formats/xlsx_sheet_scan.h"

namespace mamori::formats {

namespace {

}  // namespace

// ---------------------------------------------------------------------------
// Cell addresses

CellAddress parse_cell_address(std::string_view text) {
  CellAddress none;
  std::size_t i = 0;
  int column = 0;
  while (i < text.size() && i < 4) {
    char ch = text[i];
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    if (ch < 'A' || ch > 'Z') break;
    column = column * 26 + (ch - 'A' + 1);
    ++i;
  }
  if (i == 0 || i > 3 || column > kXlsxMaxColumn) return none;
  if (i == text.size() || text[i] == '0') return none;  // no row, or a leading zero ("A0", "A01")
  int row = 0;
  for (std::size_t j = i; j < text.size(); ++j) {
    char ch = text[j];
    if (ch < '0' || ch > '9' || j - i >= 7) return none;
    row = row * 10 + (ch - '0');
  }
  if (row < 1 || row > kXlsxMaxRow) return none;
  return CellAddress{row, column};
}

std::string format_cell_address(const CellAddress& address) {
  if (address.row < 1 || address.row > kXlsxMaxRow || address.column < 1 || address.column > kXlsxMaxColumn) return {};
  char letters[4];
  int n = 0;
  for (int c = address.column; c > 0; c = (c - 1) / 26) letters[n++] = static_cast<char>('A' + (c - 1) % 26);
  std::string out;
  while (n > 0) out += letters[--n];
  out += std::to_string(address.row);
  return out;
}

// ---------------------------------------------------------------------------
// Sheet lookups

std::string_view XlsxSheet::raw(int row, int column) const {
  auto it = cells.find(CellAddress{row, column});
  return it == cells.end() ? std::string_view() : it->second;
}

namespace {

// Every row's piece of every merged range, sorted by (row, first column).
std::vector<MergedSpan> spans_of(const std::vector<MergedRange>& merged) {
  std::vector<MergedSpan> spans;
  for (std::size_t i = 0; i < merged.size(); ++i)
    for (int r = merged[i].first.row; r <= merged[i].last.row; ++r)
      spans.push_back(MergedSpan{r, merged[i].first.column, merged[i].last.column, i});
  std::sort(spans.begin(), spans.end(), [](const MergedSpan& a, const MergedSpan& b) {
    return a.row != b.row ? a.row < b.row : a.first_column < b.first_column;
  });
  return spans;
}

}  // namespace

const MergedRange* XlsxSheet::merged_range_at(int row, int column) const {
  if (!merged_rows.empty()) {
    // The last span starting at or before (row, column): merged ranges do not
    // overlap, so it is the only one that can hold the cell.
    auto it = std::upper_bound(merged_rows.begin(), merged_rows.end(), std::make_pair(row, column),
                               [](const std::pair<int, int>& key, const MergedSpan& s) {
                                 return key.first != s.row ? key.first < s.row : key.second < s.first_column;
                               });
    if (it == merged_rows.begin()) return nullptr;
    const MergedSpan& s = *std::prev(it);
    return s.row == row && column <= s.last_column && s.range < merged.size() ? &merged[s.range] : nullptr;
  }
  for (const auto& m : merged)  // a sheet built by hand, without the index
    if (m.contains(CellAddress{row, column})) return &m;
  return nullptr;
}

std::string_view XlsxSheet::value(int row, int column) const {
  if (const MergedRange* m = merged_range_at(row, column)) return raw(m->first.row, m->first.column);
  return raw(row, column);
}

std::vector<int> XlsxSheet::rows_with_text() const {
  std::vector<int> rows;
  for (const auto& [at, text] : cells)
    if (rows.empty() || rows.back() != at.row) rows.push_back(at.row);  // cells are sorted by row
  const std::vector<MergedSpan> own = merged_rows.empty() ? spans_of(merged) : std::vector<MergedSpan>{};
  const std::vector<MergedSpan>& spans = merged_rows.empty() ? own : merged_rows;
  if (spans.empty()) return rows;
  const std::size_t from_cells = rows.size();
  for (const MergedSpan& s : spans)
    if (rows.size() == from_cells || rows.back() != s.row) rows.push_back(s.row);
  std::inplace_merge(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(from_cells), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  return rows;
}

void XlsxSheet::row_texts(int row, std::vector<RowText>& out) const {
  out.clear();
  const std::vector<MergedSpan> own = merged_rows.empty() ? spans_of(merged) : std::vector<MergedSpan>{};
  const std::vector<MergedSpan>& spans = merged_rows.empty() ? own : merged_rows;
  auto span = std::lower_bound(spans.begin(), spans.end(), row, [](const MergedSpan& s, int r) { return s.row < r; });
  auto cell = cells.lower_bound(CellAddress{row, 0});
  // Both in column order: the row's cells and its merged spans, merged.
  while (true) {
    const bool more_spans = span != spans.end() && span->row == row;
    const bool more_cells = cell != cells.end() && cell->first.row == row;
    if (!more_spans && !more_cells) break;
    if (more_spans && (!more_cells || span->first_column <= cell->first.column)) {
      if (span->range < merged.size()) {
        const CellAddress& top_left = merged[span->range].first;
        if (const std::string_view text = raw(top_left.row, top_left.column); !text.empty())
          out.push_back({span->first_column, text, span->last_column});
      }
      // The cells under the span are hidden by it.
      while (cell != cells.end() && cell->first.row == row && cell->first.column <= span->last_column) ++cell;
      ++span;
      continue;
    }
    out.push_back({cell->first.column, cell->second, cell->first.column});
    ++cell;
  }
}

std::string_view XlsxSheet::value_in(const std::vector<RowText>& texts, int column) {
  for (const RowText& t : texts) {  // a handful per row, in column order
    if (t.column > column) break;
    if (column <= t.last_column) return t.text;
  }
  return {};
}

void XlsxSheet::index_merged() { merged_rows = spans_of(merged); }

// ---------------------------------------------------------------------------
// The package: a zip archive read under limits

namespace detail {

std::size_t max_part_elements(const XlsxLimits& limits) {
  const std::size_t cells = std::max<std::size_t>(limits.max_cells, 1);
  const std::size_t per_cell = 4;  // <c>, <v>, and room for <is>/<t> and row markup
  const std::size_t cap = cells > (SIZE_MAX - 100'000) / per_cell ? SIZE_MAX - 100'000 : cells * per_cell;
  return cap + 100'000;
}

Location where(const std::string& file, const std::string& sheet) {
  Location l = Location::in_file(file);
  l.sheet = sheet;
  return l;
}

const char* local_name(const char* name) {
  const char* colon = std::strrchr(name, ':');
  return colon ? colon + 1 : name;
}

Status parse_part_xml(pugi::xml_document& doc, std::string& buffer, unsigned int options, const std::string& file,
                      const std::string& part, const std::string& sheet) {
  pugi::xml_parse_result result =
      doc.load_buffer_inplace(buffer.data(), buffer.size(), options | pugi::parse_doctype, pugi::encoding_auto);
  if (!result)
    return make_error(ErrorCode::invalid_input,
                      part + " is not well-formed XML: " + result.description() + " at byte " +
                          std::to_string(result.offset),
                      where(file, sheet));
  for (pugi::xml_node n = doc.first_child(); n; n = n.next_sibling())
    if (n.type() == pugi::node_doctype)
      return make_error(ErrorCode::invalid_input,
                        part + " has a document type declaration (<!DOCTYPE>), which no .xlsx part has; refusing it",
                        where(file, sheet));
  if (!doc.document_element())
    return make_error(ErrorCode::invalid_input, part + " has no XML element", where(file, sheet));
  return ok();
}

namespace {

// Parts at or below this size are not checked for their compression ratio:
// whatever they expand to is harmless, and small XML often compresses well.
constexpr std::size_t kRatioFloor = 1u << 20;

// Counts start tags in an inflated part, so that a sheet with too many rows
// or cells (or a part of nothing but tiny elements, whose DOM would be many
// times its size) is refused before anything is built from it. feed() is
// given the whole part.
class TagCounter {
 public:
  int rows = 0;
  std::size_t cells = 0;
  std::size_t elements = 0;

  void feed(const std::string& buf) {
    const std::size_t n = buf.size();
    while (pos_ < n) {
      switch (state_) {
        case State::text: {
          const void* lt = std::memchr(buf.data() + pos_, '<', n - pos_);
          if (!lt) {
            pos_ = n;
            return;
          }
          pos_ = static_cast<std::size_t>(static_cast<const char*>(lt) - buf.data());
          if (pos_ + 1 >= n) return;
          char next = buf[pos_ + 1];
          if (next == '!') {
            if (n - pos_ < 4) return;
            if (buf.compare(pos_, 4, "<!--") == 0) {
              state_ = State::comment;
              pos_ += 4;
            } else {
              if (n - pos_ < 9) return;
              if (buf.compare(pos_, 9, "<![CDATA[") == 0) {
                state_ = State::cdata;
                pos_ += 9;
              } else {
                state_ = State::declaration;
                pos_ += 2;
              }
            }
          } else if (next == '?') {
            state_ = State::pi;
            pos_ += 2;
          } else if (next == '/') {
            pos_ += 2;
          } else {
            std::size_t end = pos_ + 1;
            while (end < n && !name_end(buf[end])) ++end;
            if (end == n) return;  // the name may go on in the next chunk
            std::string_view name(buf.data() + pos_ + 1, end - pos_ - 1);
            std::size_t colon = name.rfind(':');
            if (colon != std::string_view::npos) name.remove_prefix(colon + 1);
            ++elements;
            if (name == "row")
              ++rows;
            else if (name == "c")
              ++cells;
            pos_ = end;
          }
          break;
        }
        case State::comment: skip_to(buf, "-->"); break;
        case State::cdata: skip_to(buf, "]]>"); break;
        case State::pi: skip_to(buf, "?>"); break;
        case State::declaration: skip_to(buf, ">"); break;
      }
    }
  }

 private:
  enum class State { text, comment, cdata, pi, declaration };
  State state_ = State::text;
  std::size_t pos_ = 0;

  static bool name_end(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '>' || c == '/'; }

  void skip_to(const std::string& buf, std::string_view end) {
    std::size_t found = buf.find(end, pos_);
    if (found == std::string::npos) {
      // Never closed: nothing more to count. (Waiting here for more data, as
      // when this was fed chunk by chunk, spun forever on the last chunk.)
      pos_ = buf.size();
      return;
    }
    pos_ = found + end.size();
    state_ = State::text;
  }
};

struct ZipDiscard {
  void operator()(zip_t* z) const {
    if (z) zip_discard(z);
  }
};
struct ZipFileClose {
  void operator()(zip_file_t* f) const {
    if (f) zip_fclose(f);
  }
};

std::string human_bytes(std::uint64_t n) {
  if (n >= (10u << 20)) return std::to_string(n >> 20) + " MiB";
  if (n >= (10u << 10)) return std::to_string(n >> 10) + " KiB";
  return std::to_string(n) + " bytes";
}


}  // namespace

struct Inflater {
  void operator()(libdeflate_decompressor* d) const {
    if (d) libdeflate_free_decompressor(d);
  }
};

struct XlsxPackage::Impl {
  std::string file;
  XlsxLimits limits;
  std::unique_ptr<zip_t, ZipDiscard> zip;
  std::size_t file_bytes = 0;
  std::size_t total_read = 0;
  std::unique_ptr<libdeflate_decompressor, Inflater> inflater;  // made on first use
};

XlsxPackage::XlsxPackage(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxPackage::XlsxPackage(XlsxPackage&&) noexcept = default;
XlsxPackage& XlsxPackage::operator=(XlsxPackage&&) noexcept = default;
XlsxPackage::~XlsxPackage() = default;

const std::string& XlsxPackage::file_name() const { return impl_->file; }
const XlsxLimits& XlsxPackage::limits() const { return impl_->limits; }

Result<XlsxPackage> XlsxPackage::open(std::string_view bytes, const std::string& file_name,
                                      const XlsxLimits& limits) {
  const Location at = Location::in_file(file_name);
  if (bytes.empty()) return make_error(ErrorCode::invalid_input, "the file is empty", at);
  if (bytes.size() > limits.max_file_bytes)
    return make_error(ErrorCode::too_large,
                      "the file is " + human_bytes(bytes.size()) + "; the limit is " + human_bytes(limits.max_file_bytes),
                      at);
  // Excel 97-2003 workbooks and password-protected .xlsx files are both
  // OLE2 compound files, not zip archives.
  static constexpr unsigned char kOle2[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
  if (bytes.size() >= sizeof kOle2 && std::memcmp(bytes.data(), kOle2, sizeof kOle2) == 0)
    return make_error(ErrorCode::invalid_input,
                      "the file is an Excel 97-2003 workbook (.xls) or a password-protected .xlsx; save it as an "
                      "unprotected .xlsx",
                      at);

  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) {
    zip_error_fini(&error);
    return make_error(ErrorCode::internal, "cannot read the file from memory", at);
  }
  zip_t* z = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (!z) {
    zip_source_free(source);
    int code = zip_error_code_zip(&error);
    std::string detail = zip_error_strerror(&error);
    zip_error_fini(&error);
    switch (code) {
      case ZIP_ER_NOZIP:
        return make_error(ErrorCode::invalid_input, "the file is not a zip archive (truncated or not an .xlsx)", at);
      case ZIP_ER_INCONS:
      case ZIP_ER_EOF:
      case ZIP_ER_READ:
      case ZIP_ER_SEEK:
        return make_error(ErrorCode::invalid_input, "the zip archive is damaged or truncated (" + detail + ")", at);
      case ZIP_ER_MULTIDISK:
        return make_error(ErrorCode::invalid_input, "the file is one part of a split zip archive, not an .xlsx", at);
      case ZIP_ER_MEMORY:
        return make_error(ErrorCode::too_large, "not enough memory to open the zip archive", at);
      default:
        return make_error(ErrorCode::invalid_input, "cannot open the file as a zip archive (" + detail + ")", at);
    }
  }
  zip_error_fini(&error);
  auto impl = std::make_unique<Impl>();
  impl->file = file_name;
  impl->limits = limits;
  impl->zip.reset(z);
  impl->file_bytes = bytes.size();
  return XlsxPackage(std::move(impl));
}

std::string XlsxPackage::find_part(const std::string& name) const {
  if (name.empty()) return {};
  zip_int64_t index = zip_name_locate(impl_->zip.get(), name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return {};
  const char* stored = zip_get_name(impl_->zip.get(), static_cast<zip_uint64_t>(index), 0);
  return stored ? stored : std::string();
}

Result<StoredPart> XlsxPackage::fetch_part(const std::string& name, const std::string& sheet, PartCaps caps) {
  const XlsxLimits& lim = impl_->limits;
  const Location at = where(impl_->file, sheet);
  zip_t* z = impl_->zip.get();
  zip_int64_t found = zip_name_locate(z, name.c_str(), ZIP_FL_NOCASE);
  if (found < 0) return make_error(ErrorCode::invalid_input, "the part " + name + " is missing from the archive", at);
  auto index = static_cast<zip_uint64_t>(found);

  // Limits on what the entry declares, before inflating anything.
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(z, index, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE))
    return make_error(ErrorCode::invalid_input, "cannot read the zip entry of " + name, at);
  if (st.size > lim.max_part_bytes)
    return make_error(ErrorCode::too_large,
                      name + " is " + human_bytes(st.size) + " uncompressed; the limit for one part is " +
                          human_bytes(lim.max_part_bytes),
                      at);
  if (st.size > kRatioFloor && (st.comp_size == 0 || st.size / st.comp_size > lim.max_compression_ratio))
    return make_error(ErrorCode::too_large,
                      name + " expands from " + human_bytes(st.comp_size) + " to " + human_bytes(st.size) +
                          ", more than " + std::to_string(lim.max_compression_ratio) +
                          " times; refusing it as a likely zip bomb",
                      at);
  if (st.size > lim.max_total_bytes || impl_->total_read > lim.max_total_bytes - st.size)
    return make_error(ErrorCode::too_large,
                      "the parts of the workbook come to more than " + human_bytes(lim.max_total_bytes) +
                          " uncompressed (at " + name + ")",
                      at);

  // Methods and encryption are checked here rather than left to libzip,
  // because the raw bytes are inflated below, not by libzip.
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
    return make_error(ErrorCode::invalid_input, name + " is encrypted", at);
  if (!(st.valid & ZIP_STAT_COMP_METHOD) || (st.comp_method != ZIP_CM_DEFLATE && st.comp_method != ZIP_CM_STORE))
    return make_error(ErrorCode::invalid_input, name + " uses a compression method mamori cannot read", at);
  if (st.comp_size > impl_->file_bytes)
    return make_error(ErrorCode::invalid_input, name + " is damaged (its zip entry is larger than the file)", at);
  if (st.comp_method == ZIP_CM_STORE && st.comp_size != st.size)
    return make_error(ErrorCode::invalid_input, name + " is damaged (its size does not match its zip entry)", at);

  // The entry's bytes as stored; libzip still finds and bounds them.
  std::unique_ptr<zip_file_t, ZipFileClose> file(zip_fopen_index(z, index, ZIP_FL_COMPRESSED));
  if (!file) {
    zip_error_t* e = zip_get_error(z);
    switch (zip_error_code_zip(e)) {
      case ZIP_ER_NOPASSWD:
      case ZIP_ER_WRONGPASSWD:
      case ZIP_ER_ENCRNOTSUPP:
        return make_error(ErrorCode::invalid_input, name + " is encrypted", at);
      case ZIP_ER_COMPNOTSUPP:
        return make_error(ErrorCode::invalid_input, name + " uses a compression method mamori cannot read", at);
      default:
        return make_error(ErrorCode::invalid_input, "cannot read " + name + " (" + zip_error_strerror(e) + ")", at);
    }
  }
  StoredPart part;
  part.name_ = name;
  part.at_ = at;
  part.size_ = static_cast<std::size_t>(st.size);
  part.deflated_ = st.comp_method == ZIP_CM_DEFLATE;
  part.has_crc_ = (st.valid & ZIP_STAT_CRC) != 0;
  part.crc_ = static_cast<std::uint32_t>(st.crc);
  part.caps_ = caps;
  part.limits_ = lim;
  std::string& raw = part.bytes_;
  raw.resize(static_cast<std::size_t>(st.comp_size));
  std::size_t got = 0;
  while (got < raw.size()) {
    zip_int64_t n = zip_fread(file.get(), raw.data() + got, raw.size() - got);
    if (n < 0)
      return make_error(ErrorCode::invalid_input,
                        name + " is damaged (" + zip_error_strerror(zip_file_get_error(file.get())) + ")", at);
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  if (got != raw.size())
    return make_error(ErrorCode::invalid_input, name + " is damaged (the archive ends inside it)", at);
  // Counted as declared: a part that inflates to anything else is refused.
  impl_->total_read += part.size_;
  return part;
}

Result<std::string> XlsxPackage::read_part(const std::string& name, const std::string& sheet, PartCaps caps) {
  auto stored = fetch_part(name, sheet, caps);
  if (!stored) return stored.error();
  if (!impl_->inflater) impl_->inflater.reset(libdeflate_alloc_decompressor());
  if (!impl_->inflater) throw std::bad_alloc();
  return std::move(stored.value()).inflate(impl_->inflater.get());
}

Result<std::string> StoredPart::inflate() && {
  std::unique_ptr<libdeflate_decompressor, Inflater> own(libdeflate_alloc_decompressor());
  if (!own) throw std::bad_alloc();
  return std::move(*this).inflate(own.get());
}

Result<std::string> StoredPart::inflate(libdeflate_decompressor* inflater) && {
  const std::string& name = name_;
  const Location& at = at_;
  const XlsxLimits& lim = limits_;
  std::string data;
  if (deflated_) {
    // Into a buffer of the declared size, which the limits allowed: data
    // that would inflate to more stops there (the declared size may lie),
    // and data that inflates to less does not match its entry.
    data.resize(size_);
    std::size_t out = 0;
    switch (libdeflate_deflate_decompress(inflater, bytes_.data(), bytes_.size(), data.data(), data.size(), &out)) {
      case LIBDEFLATE_SUCCESS: break;
      case LIBDEFLATE_INSUFFICIENT_SPACE:
        return make_error(ErrorCode::invalid_input,
                          name + " inflates to more than the " + std::to_string(size_) +
                              " bytes its zip entry declares; refusing it (damaged, or a zip bomb)",
                          at);
      default: return make_error(ErrorCode::invalid_input, name + " is damaged (invalid compressed data)", at);
    }
    if (out != data.size())
      return make_error(ErrorCode::invalid_input, name + " is damaged (its size does not match its zip entry)", at);
    std::string().swap(bytes_);
  } else {
    data = std::move(bytes_);  // stored: the bytes are the part
  }
  if (has_crc_ && libdeflate_crc32(0, data.data(), data.size()) != crc_)
    return make_error(ErrorCode::invalid_input, name + " is damaged (checksum mismatch)", at);

  const PartCaps& caps = caps_;
  if (caps.scanner_checks) return data;
  // Rows, cells and elements, before anything builds a DOM or a cell table.
  TagCounter counter;
  counter.feed(data);
  const std::size_t max_elements = max_part_elements(lim);
  if (caps.max_rows > 0 && counter.rows > caps.max_rows)
    return make_error(ErrorCode::too_large, "more than " + std::to_string(caps.max_rows) + " rows", at);
  if (caps.max_rows > 0 && counter.cells > caps.max_cells)
    return make_error(ErrorCode::too_large, "more than " + std::to_string(lim.max_cells) + " cells in the workbook",
                      at);
  if (counter.elements > max_elements)
    return make_error(ErrorCode::too_large,
                      name + " has more than " + std::to_string(max_elements) + " XML elements; too large to read",
                      at);
  return data;
}

// ---------------------------------------------------------------------------
// Relationships and the workbook

namespace {

struct Relationship {
  std::string type;    // the last segment of the type URI: "officeDocument", "worksheet", ...
  std::string target;  // as written
  bool external = false;
};

// "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
// and the strict "http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet"
// both end in "/worksheet".
std::string type_tail(const char* type) {
  std::string_view t(type);
  std::size_t slash = t.rfind('/');
  return std::string(slash == std::string_view::npos ? t : t.substr(slash + 1));
}

std::string directory_of(const std::string& part) {
  std::size_t slash = part.rfind('/');
  return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}

std::string rels_part_for(const std::string& part) {
  std::size_t slash = part.rfind('/');
  std::string dir = slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? part : part.substr(slash + 1);
  return dir + "_rels/" + base + ".rels";
}

std::string percent_decode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && domain::hex_digit_value(s[i + 1]) >= 0 && domain::hex_digit_value(s[i + 2]) >= 0) {
      out += static_cast<char>(domain::hex_digit_value(s[i + 1]) * 16 + domain::hex_digit_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// A relationship target as a part name: relative to the source part's
// folder unless it starts with "/". Returns "" when ".." climbs out of the
// package (a zip has no outside, but such a target is never legitimate).
std::string resolve_target(const std::string& source_dir, const std::string& target) {
  std::string path = !target.empty() && target[0] == '/' ? target.substr(1) : source_dir + target;
  std::size_t cut = path.find_first_of("?#");
  if (cut != std::string::npos) path.resize(cut);
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    std::string seg = path.substr(start, slash - start);
    if (seg == "..") {
      if (segments.empty()) return {};
      segments.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segments.push_back(std::move(seg));
    }
    start = slash + 1;
  }
  std::string out;
  for (const auto& s : segments) out += (out.empty() ? "" : "/") + s;
  return out;
}

using Relationships = std::unordered_map<std::string, Relationship>;

// Reads a .rels part; a missing one is an empty set.
Result<Relationships> read_relationships(XlsxPackage& package, const std::string& rels_part,
                                         std::vector<std::string>* order = nullptr) {
  Relationships rels;
  std::string stored = package.find_part(rels_part);
  if (stored.empty()) return rels;
  auto data = package.read_part(stored);
  if (!data) return data.error();
  pugi::xml_document doc;
  if (auto parsed = parse_part_xml(doc, data.value(), pugi::parse_default, package.file_name(), stored); !parsed)
    return parsed.error();
  for (pugi::xml_node r = doc.document_element().first_child(); r; r = r.next_sibling()) {
    if (r.type() != pugi::node_element || std::strcmp(local_name(r.name()), "Relationship") != 0) continue;
    std::string id = r.attribute("Id").value();
    if (id.empty()) continue;
    Relationship rel;
    rel.type = type_tail(r.attribute("Type").value());
    rel.target = r.attribute("Target").value();
    rel.external = std::strcmp(r.attribute("TargetMode").value(), "External") == 0;
    if (order && !rels.count(id)) order->push_back(id);
    rels.emplace(std::move(id), std::move(rel));
  }
  return rels;
}

pugi::xml_node child_named(pugi::xml_node parent, const char* name) {
  for (pugi::xml_node n = parent.first_child(); n; n = n.next_sibling())
    if (n.type() == pugi::node_element && std::strcmp(local_name(n.name()), name) == 0) return n;
  return {};
}

// r:id, whatever the prefix of the relationships namespace.
pugi::xml_attribute prefixed_attribute(pugi::xml_node node, const char* local) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    const char* name = a.name();
    const char* colon = std::strrchr(name, ':');
    if (colon && std::strcmp(colon + 1, local) == 0 && std::strncmp(name, "xmlns", 5) != 0) return a;
  }
  return {};
}

// The stored name of a relationship's target part, or an error. `rels_part`
// names the .rels file in messages; targets are relative to `source_dir`,
// the folder of the part the relationships belong to.
Result<std::string> target_part(XlsxPackage& package, const std::string& rels_part, const std::string& source_dir,
                                const std::string& id, const Relationship& rel, const std::string& sheet) {
  const std::string& source_part = rels_part;
  const Location at = where(package.file_name(), sheet);
  if (rel.external)
    return make_error(ErrorCode::invalid_input,
                      "relationship " + id + " of " + source_part + " points outside the file (" + rel.target + ")", at);
  std::string path = resolve_target(source_dir, rel.target);
  if (path.empty())
    return make_error(ErrorCode::invalid_input,
                      "relationship " + id + " of " + source_part + " points outside the package (" + rel.target + ")",
                      at);
  std::string stored = package.find_part(path);
  if (stored.empty() && path.find('%') != std::string::npos) stored = package.find_part(percent_decode(path));
  if (stored.empty())
    return make_error(ErrorCode::invalid_input,
                      "relationship " + id + " of " + source_part + " points to " + path + ", which is missing", at);
  return stored;
}

}  // namespace

Result<WorkbookEntry> XlsxPackage::workbook() {
  const std::string& file = impl_->file;
  WorkbookEntry wb;

  // The package relationships name the workbook; without them, try the
  // usual place.
  auto root_rels = read_relationships(*this, "_rels/.rels");
  if (!root_rels) return root_rels.error();
  for (const auto& [id, rel] : root_rels.value()) {
    if (rel.type != "officeDocument") continue;
    auto part = target_part(*this, "_rels/.rels", "", id, rel, {});
    if (!part) return part.error();
    wb.workbook_part = part.value();
    break;
  }
  if (wb.workbook_part.empty()) {
    wb.workbook_part = find_part("xl/workbook.xml");
    if (wb.workbook_part.empty())
      return make_error(ErrorCode::invalid_input,
                        "the archive has no workbook (no officeDocument relationship in _rels/.rels and no "
                        "xl/workbook.xml); not an .xlsx",
                        Location::in_file(file));
  }

  auto data = read_part(wb.workbook_part);
  if (!data) return data.error();
  pugi::xml_document doc;
  if (auto parsed = parse_part_xml(doc, data.value(), pugi::parse_default, file, wb.workbook_part); !parsed)
    return parsed.error();
  pugi::xml_node root = doc.document_element();
  if (std::strcmp(local_name(root.name()), "workbook") != 0)
    return make_error(ErrorCode::invalid_input,
                      wb.workbook_part + " is not a workbook (its root element is <" + root.name() +
                          ">); is this a Word or PowerPoint file?",
                      Location::in_file(file));

  wb.workbook_rels_part = rels_part_for(wb.workbook_part);
  auto rels = read_relationships(*this, wb.workbook_rels_part);
  if (!rels) return rels.error();
  if (std::string stored = find_part(wb.workbook_rels_part); !stored.empty()) wb.workbook_rels_part = stored;

  for (const auto& [id, rel] : rels.value()) {
    if (rel.type == "sharedStrings" && wb.shared_strings_part.empty()) {
      auto part = target_part(*this, wb.workbook_rels_part, directory_of(wb.workbook_part), id, rel, {});
      if (!part) return part.error();
      wb.shared_strings_part = part.value();
    } else if (rel.type == "calcChain" && wb.calc_chain_part.empty()) {
      std::string path = resolve_target(directory_of(wb.workbook_part), rel.target);
      wb.calc_chain_part = find_part(path);
      if (!wb.calc_chain_part.empty()) wb.calc_chain_rel_id = id;
    }
  }
  if (wb.shared_strings_part.empty()) wb.shared_strings_part = find_part(directory_of(wb.workbook_part) + "sharedStrings.xml");

  pugi::xml_node sheets = child_named(root, "sheets");
  int count = 0;
  for (pugi::xml_node s = sheets.first_child(); s; s = s.next_sibling()) {
    if (s.type() != pugi::node_element || std::strcmp(local_name(s.name()), "sheet") != 0) continue;
    if (++count > impl_->limits.max_sheets)
      return make_error(ErrorCode::too_large, "more than " + std::to_string(impl_->limits.max_sheets) + " sheets",
                        Location::in_file(file));
    SheetEntry entry;
    entry.name = s.attribute("name").value();
    entry.sheet_id = s.attribute("sheetId").value();
    std::string state = s.attribute("state").value();
    entry.hidden = state == "hidden" || state == "veryHidden";
    std::string id = prefixed_attribute(s, "id").value();
    auto rel = rels.value().find(id);
    if (id.empty() || rel == rels.value().end())
      return make_error(ErrorCode::invalid_input,
                        "the workbook refers to relationship \"" + id + "\" for this sheet, but " +
                            wb.workbook_rels_part + " has no such relationship",
                        where(file, entry.name));
    const std::string& type = rel->second.type;
    if (type == "worksheet") {
      entry.kind = "worksheet";
      auto part = target_part(*this, wb.workbook_rels_part, directory_of(wb.workbook_part), id, rel->second, entry.name);
      if (!part) return part.error();
      entry.part = part.value();
    } else if (type == "chartsheet" || type == "dialogsheet") {
      entry.kind = type;
    } else if (type == "xlMacrosheet" || type == "xlIntlMacrosheet") {
      entry.kind = "macrosheet";
    } else {
      entry.kind = type;
    }
    wb.sheets.push_back(std::move(entry));
  }
  return wb;
}

}  // namespace detail

// ---------------------------------------------------------------------------
// Reading

namespace {

using detail::where;

// A worksheet part inflated on another thread while this one does
// something else: worth a thread's start (tens of microseconds) only for a
// part that takes longer than that to inflate.
constexpr std::size_t kInflateAsideBytes = 256u << 10;

using InflatedPart = std::future<Result<std::string>>;

InflatedPart inflate_part(Result<detail::StoredPart> stored) {
  if (!stored) {
    std::promise<Result<std::string>> failed;
    failed.set_value(stored.error());
    return failed.get_future();
  }
  const auto policy = stored->size() >= kInflateAsideBytes ? std::launch::async : std::launch::deferred;
  return std::async(policy, [part = std::move(stored.value())]() mutable { return std::move(part).inflate(); });
}

std::string not_a_worksheet(const std::string& sheet, const std::string& kind) {
  std::string what = kind == "chartsheet"    ? "a chart sheet"
                     : kind == "dialogsheet" ? "a dialog sheet"
                     : kind == "macrosheet"  ? "an Excel 4.0 macro sheet"
                                             : "not a worksheet (" + kind + ")";
  return "sheet " + sheet + " is " + what + "; skipped";
}

Result<XlsxWorkbook> read_workbook(std::string_view bytes, const std::string& file, const XlsxLimits& limits) {
  auto opened = detail::XlsxPackage::open(bytes, file, limits);
  if (!opened) return opened.error();
  detail::XlsxPackage& package = opened.value();
  auto entry = package.workbook();
  if (!entry) return entry.error();

  // Every part is taken out of the archive here, in the order a serial read
  // takes them (shared strings, then the worksheets), so the limits count
  // the same way and the first error is the same. Inflating the first
  // worksheet then overlaps reading the shared strings, and each next
  // worksheet overlaps scanning the one before (libzip stays on this thread).
  std::optional<detail::StoredPart> shared_part;
  if (!entry->shared_strings_part.empty()) {
    auto fetched = package.fetch_part(entry->shared_strings_part);
    if (!fetched) return fetched.error();
    shared_part = std::move(fetched.value());
  }
  std::vector<const detail::SheetEntry*> worksheets;
  std::vector<Result<detail::StoredPart>> stored;
  XlsxWorkbook wb;
  for (const auto& s : entry->sheets) {
    if (s.kind != "worksheet") {
      wb.notes.push_back(not_a_worksheet(s.name, s.kind));
      continue;
    }
    detail::PartCaps caps;
    caps.scanner_checks = true;  // rows and cells counted as scan_worksheet reads them
    worksheets.push_back(&s);
    stored.push_back(package.fetch_part(s.part, s.name, caps));
  }
  InflatedPart next = worksheets.empty() ? InflatedPart() : inflate_part(std::move(stored[0]));

  std::vector<std::string> shared;
  if (shared_part) {
    auto data = std::move(*shared_part).inflate();
    if (!data) return data.error();
    auto strings = detail::scan_shared_strings(data.value(), file, entry->shared_strings_part);
    if (!strings) return strings.error();
    shared = std::move(strings.value());
  }

  detail::SheetBudget budget;
  for (std::size_t i = 0; i < worksheets.size(); ++i) {
    auto data = next.get();
    if (i + 1 < worksheets.size()) next = inflate_part(std::move(stored[i + 1]));
    if (!data) return data.error();
    const detail::SheetEntry& s = *worksheets[i];
    XlsxSheet sheet;
    sheet.name = s.name;
    sheet.part = s.part;
    sheet.hidden = s.hidden;
    if (auto read = detail::scan_worksheet(sheet, data.value(), shared, file, limits, budget); !read)
      return read.error();
    wb.sheets.push_back(std::move(sheet));
  }
  return wb;
}

}  // namespace

Result<XlsxWorkbook> read_xlsx(std::string_view bytes, const std::string& file_name, const XlsxLimits& limits) {
  try {
    return read_workbook(bytes, file_name, limits);
  } catch (const std::bad_alloc&) {
    return make_error(ErrorCode::too_large, "not enough memory to read the workbook", Location::in_file(file_name));
  } catch (const std::exception& e) {
    return make_error(ErrorCode::internal, std::string("reading the workbook failed: ") + e.what(),
                      Location::in_file(file_name));
  }
}

}  // namespace mamori::formats
