#include "formats/xlsx_sheet_scan.h"

#include <algorithm>
#include <cstdint>
#include <atomic>
#include <cstring>
#include <future>
#include <memory>
#include <new>
#include <system_error>
#include <pugixml.hpp>

#include "domain/text.h"
#include "formats/xml_pull.h"

namespace mamori::formats::detail {

namespace {

// Excel writes characters XML cannot carry (and carriage returns) as
// _xHHHH_, and a literal "_x" that would look like one as _x005F_x.
int escape_at(std::string_view s, std::size_t i) {
  if (i + 7 > s.size() || s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_') return -1;
  int v = 0;
  for (std::size_t k = i + 2; k < i + 6; ++k) {
    int h = domain::hex_digit_value(s[k]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

// ---------------------------------------------------------------------------
// Getting UTF-8

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    if (x != b[i]) return false;
  }
  return true;
}

// Whether the tokenizer can read `xml` as it is: it starts with markup in
// UTF-8 (a byte order mark allowed) and declares no other encoding. Anything
// else (UTF-16, Latin-1, or not XML at all) goes through pugixml, which
// converts what it can and words the error for what it cannot.
bool plain_utf8(std::string_view xml) {
  if (xml.substr(0, 3) == "\xEF\xBB\xBF") xml.remove_prefix(3);
  if (xml.size() < 2 || xml[0] != '<' || xml[1] == '\0') return false;
  if (xml.substr(0, 5) != "<?xml") return true;
  std::string_view decl = xml.substr(0, xml.find("?>"));
  std::size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return true;
  std::size_t quote = decl.find_first_of("\"'", at);
  if (quote == std::string_view::npos) return false;
  std::size_t close = decl.find(decl[quote], quote + 1);
  if (close == std::string_view::npos) return false;
  std::string_view name = decl.substr(quote + 1, close - quote - 1);
  return equals_ignoring_case(name, "utf-8") || equals_ignoring_case(name, "utf8");
}

struct StringWriter : pugi::xml_writer {
  std::string out;
  void write(const void* data, std::size_t size) override { out.append(static_cast<const char*>(data), size); }
};

// Leaves `xml` as UTF-8 the tokenizer reads, or returns pugixml's error.
Status ensure_utf8(std::string& xml, const std::string& file, const std::string& part, const std::string& sheet) {
  if (plain_utf8(xml)) return ok();
  // The options of the DOM reader this replaced: whitespace-only text kept
  // when it is an element's only child.
  constexpr unsigned int kOptions = pugi::parse_default | pugi::parse_ws_pcdata_single;
  pugi::xml_document doc;
  if (auto parsed = parse_part_xml(doc, xml, kOptions, file, part, sheet); !parsed) return parsed;
  StringWriter writer;
  doc.save(writer, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  xml = std::move(writer.out);
  return ok();
}

Error xml_error(const XmlPull& xml, const std::string& file, const std::string& part, const std::string& sheet) {
  if (xml.error_is_doctype())
    return make_error(ErrorCode::invalid_input,
                      part + " has a document type declaration (<!DOCTYPE>), which no .xlsx part has; refusing it",
                      where(file, sheet));
  return make_error(ErrorCode::invalid_input,
                    part + " is not well-formed XML: " + xml.error() + " at byte " +
                        std::to_string(xml.error_offset()),
                    where(file, sheet));
}

// ---------------------------------------------------------------------------
// Element text

bool whitespace_only(std::string_view t) {
  for (char c : t)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  return true;
}

// What pugixml's xml_node::text() gave under the old reader's options: the
// element's first run of character data (text or CDATA); whitespace alone
// counts only when it is all the element holds.
class TextOf {
 public:
  // `base`: the depth the tokenizer's depth 0 is (see XmlPull::Fragment).
  explicit TextOf(int base = 0) : base_(base) {}
  // Starts collecting the text of the element just opened at `depth`,
  // appending it to `out`.
  void begin(int depth, std::string* out) {
    depth_ = depth;
    out_ = out;
    got_ = false;
    child_ = false;
  }
  bool active() const { return out_ != nullptr; }
  // Every start event while active: a child ends the chance of
  // whitespace-only text.
  void on_start(int depth) {
    if (out_ && depth == depth_ + 1) child_ = true;
  }
  void on_text(const XmlPull& xml) {
    if (!out_ || xml.depth() + base_ != depth_) return;
    if (xml.cdata()) {
      if (!got_) append_xml_cdata(*out_, xml.text());
      got_ = true;
      child_ = true;
      return;
    }
    if (got_) return;
    std::string_view t = xml.text();
    if (whitespace_only(t) && (child_ || !xml.text_ends_element())) return;
    append_xml_text(*out_, t);
    got_ = true;
  }
  void on_end(int depth) {
    if (out_ && depth == depth_) out_ = nullptr;
  }

 private:
  int base_ = 0;
  int depth_ = 0;
  std::string* out_ = nullptr;
  bool got_ = false;
  bool child_ = false;
};

// ---------------------------------------------------------------------------
// Numbers in attributes and values

// A row number: digits only, no leading zero, at most `max`.
bool parse_positive(std::string_view s, int max, int& out) {
  if (s.empty() || s[0] == '0') return false;
  long long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
    if (v > max) return false;
  }
  out = static_cast<int>(v);
  return true;
}

// A shared-string index: leading spaces skipped, digits up to the first
// space (what follows it is ignored, as it always was).
bool parse_index(std::string_view s, std::size_t& out) {
  std::size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  if (i == s.size() || s[i] == '\0') return false;
  std::size_t v = 0;
  for (; i < s.size() && s[i] != ' ' && s[i] != '\0'; ++i) {
    if (s[i] < '0' || s[i] > '9' || v > (SIZE_MAX - 9) / 10) return false;
    v = v * 10 + static_cast<std::size_t>(s[i] - '0');
  }
  out = v;
  return true;
}

// ---------------------------------------------------------------------------
// The worksheet

// Where the tokenizer is, as far as cells are concerned: the kind of each
// open element down to the text of a rich-text run.
enum class Kind : std::uint8_t { other, worksheet, sheet_data, merge_cells, row, cell, value, inline_string, run, text };
constexpr int kTracked = 8;

Kind child_kind(Kind parent, std::string_view local) {
  switch (parent) {
    case Kind::worksheet:
      if (same_text(local, "sheetData")) return Kind::sheet_data;
      if (same_text(local, "mergeCells")) return Kind::merge_cells;
      return Kind::other;
    case Kind::sheet_data: return same_text(local, "row") ? Kind::row : Kind::other;
    case Kind::row: return same_text(local, "c") ? Kind::cell : Kind::other;
    case Kind::cell:
      if (same_text(local, "v")) return Kind::value;
      if (same_text(local, "is")) return Kind::inline_string;
      return Kind::other;
    case Kind::inline_string:
      if (same_text(local, "t")) return Kind::text;
      if (same_text(local, "r")) return Kind::run;
      return Kind::other;
    case Kind::run: return same_text(local, "t") ? Kind::text : Kind::other;
    default: return Kind::other;
  }
}

class WorksheetReader {
 public:
  WorksheetReader(XlsxSheet& sheet, const std::vector<std::string>& shared, const std::string& file,
                  const XlsxLimits& limits, SheetBudget& budget)
      : sheet_(sheet), shared_(shared), file_(file), limits_(limits), budget_(budget),
        cells_before_(budget.cells_used), merged_rows_before_(budget.merged_rows_used),
        max_elements_(max_part_elements(limits)) {}

  Status read(std::string_view text) {
    reserve_cells(text.size());
    XmlPull xml(text);
    // A large part is read in two halves: the second on another thread
    // from a <row> near the middle, while this one reads up to it.
    Progress progress;
    std::unique_ptr<SecondHalf> second;
    std::future<void> second_done;  // declared after `second`: waited for before it goes
    StopOnReturn stop_second{progress};  // declared last: tells the second half to stop before the wait
    if (text.size() >= kTwoHalvesBytes)
      if (const std::size_t split = row_start_near(text, text.size() / 2); split != std::string_view::npos) {
        second = std::make_unique<SecondHalf>(*this, text, split, progress);
        second_done = start_second_half(*second);
        if (second_done.valid()) {
          progress_ = &progress;
          xml.pause_at(split);
        }
      }
    for (;;) {
      switch (xml.next()) {
        case XmlPull::Event::start:
          if (auto s = on_start(xml); !s) return s;
          break;
        case XmlPull::Event::text: text_.on_text(xml); break;
        case XmlPull::Event::end:
          if (auto s = on_end(xml); !s) return s;
          break;
        case XmlPull::Event::paused:
          progress_ = nullptr;
          second_done.get();
          take_second_half(xml, *second);
          break;
        case XmlPull::Event::done:
          sheet_.cells.sort();
          sheet_.index_merged();
          return ok();
        case XmlPull::Event::error: return xml_error(xml, file_, sheet_.part, sheet_.name);
        case XmlPull::Event::outer_end: return xml_error(xml, file_, sheet_.part, sheet_.name);  // not in a document
      }
    }
  }

 private:
  // Parts smaller than this are read in one go: scanning a megabyte takes a
  // few milliseconds, a thread's start some tens of microseconds.
  static constexpr std::size_t kTwoHalvesBytes = 1u << 20;

  // What the first half has read so far, for the second to stop as soon as
  // both together pass a cap: the second half's work would be thrown away
  // (the first half reads on alone to find the error a read in one go
  // gives), and must not cost more memory than that read. Published and
  // looked at once per row.
  struct Progress {
    std::atomic<int> rows{0};
    std::atomic<std::size_t> cells{0};  // in the workbook, as SheetBudget counts them
    std::atomic<std::size_t> elements{0};
    std::atomic<bool> stop{false};  // the first half is done with the part (an error, most likely)
  };
  struct StopOnReturn {
    Progress& progress;
    ~StopOnReturn() { progress.stop.store(true, std::memory_order_relaxed); }
  };

  // The reader of a part's second half: the rows from `from` to the end of
  // <sheetData>, into a sheet and budget of its own.
  struct SecondHalf {
    SecondHalf(const WorksheetReader& first, std::string_view text, std::size_t from, Progress& progress)
        : text(text), from(from) {
      sheet.name = first.sheet_.name;
      sheet.part = first.sheet_.part;
      reader.reset(new WorksheetReader(sheet, first.shared_, first.file_, first.limits_, budget, /*fragment=*/true));
      reader->progress_ = &progress;
    }
    std::string_view text;
    std::size_t from;
    XlsxSheet sheet;
    SheetBudget budget;
    std::unique_ptr<WorksheetReader> reader;
    bool complete = false;  // read up to </sheetData> without a problem
    std::size_t stop = 0;   // where </sheetData> starts
  };

  WorksheetReader(XlsxSheet& sheet, const std::vector<std::string>& shared, const std::string& file,
                  const XlsxLimits& limits, SheetBudget& budget, bool fragment)
      : WorksheetReader(sheet, shared, file, limits, budget) {
    if (!fragment) return;
    base_depth_ = 2;
    kinds_[1] = Kind::worksheet;
    kinds_[2] = Kind::sheet_data;
    text_ = TextOf(base_depth_);
    row_number_known_ = false;
  }

  // Room for the cells a part of this size usually has (a cell takes some
  // 40 bytes of XML), so the table is not copied as it grows; never more
  // than the workbook may have.
  void reserve_cells(std::size_t bytes) {
    sheet_.cells.reserve(std::min(bytes / 40, limits_.max_cells - std::min(limits_.max_cells, cells_before_)));
  }

  // The first "<row" followed by a space or '>' at or after `from`.
  static std::size_t row_start_near(std::string_view text, std::size_t from) {
    for (std::size_t at = text.find("<row", from); at != std::string_view::npos; at = text.find("<row", at + 4))
      if (at + 4 < text.size() && (text[at + 4] == ' ' || text[at + 4] == '>')) return at;
    return std::string_view::npos;
  }

  static std::future<void> start_second_half(SecondHalf& half) {
    try {
      return std::async(std::launch::async, [&half] {
        try {
          half.complete = half.reader->read_fragment(half.text, half.from, half.stop);
        } catch (const std::bad_alloc&) {
          half.complete = false;  // read serially instead, which reports it
        }
      });
    } catch (const std::system_error&) {
      return {};  // no thread to be had: read it all here
    }
  }

  // At the split: the second half counts if this half reached it between
  // two rows of <sheetData>, the second half read to </sheetData> without a
  // problem, and the caps hold for both halves together. Otherwise this
  // half reads on from here, as if there were no second half, and so finds
  // what a read in one go finds (the first error, or a cap passed).
  void take_second_half(XmlPull& xml, SecondHalf& half) {
    const bool between_rows = xml.open_elements() == 2 && kinds_[1] == Kind::worksheet && kinds_[2] == Kind::sheet_data &&
                              !text_.active();
    const WorksheetReader& r = *half.reader;
    if (!between_rows || !half.complete || elements_ + r.elements_ > max_elements_ ||
        rows_ + r.rows_ > limits_.max_rows || budget_.cells_used + r.budget_.cells_used > limits_.max_cells) {
      half.sheet.cells = XlsxCells();  // its memory back before reading on
      return;
    }
    elements_ += r.elements_;
    rows_ += r.rows_;
    budget_.cells_used += r.budget_.cells_used;
    if (r.rows_ > 0) {
      row_number_ = r.row_number_;
      column_ = r.column_;
    }
    sheet_.max_row = std::max(sheet_.max_row, half.sheet.max_row);
    sheet_.max_column = std::max(sheet_.max_column, half.sheet.max_column);
    sheet_.cells.append_all(std::move(half.sheet.cells));
    xml.resume_at(half.stop);
  }

  bool in_second_half() const { return base_depth_ != 0; }
  // In a second half: whether the part, at the rows and cells per byte read
  // so far, comes to a quarter more than the caps. Such a part (a hostile
  // one, most likely) is refused by the first half reading on alone, and the
  // second half's rows would only add to the memory that takes.
  bool part_surely_over_caps(std::size_t offset) const {
    constexpr int kSample = 1000;  // rows, before the density says anything
    if (rows_ < kSample || offset <= fragment_from_) return false;
    const double scale = static_cast<double>(part_bytes_) / static_cast<double>(offset - fragment_from_);
    return rows_ * scale > limits_.max_rows * 1.25 ||
           static_cast<double>(budget_.cells_used) * scale > static_cast<double>(limits_.max_cells) * 1.25;
  }

  // Reads rows from `from` up to the end tag of <sheetData>, as read() would
  // from there; true when it got there without an error, with `stop` where
  // that end tag starts. A row without r= before any row with one cannot be
  // numbered from here: false, and the first half reads it.
  bool read_fragment(std::string_view text, std::size_t from, std::size_t& stop) {
    reserve_cells(text.size() - from);
    fragment_from_ = from;
    part_bytes_ = text.size();
    XmlPull xml(text, from, XmlPull::Fragment{});
    for (;;) {
      switch (xml.next()) {
        case XmlPull::Event::start:
          if (!on_start(xml)) return false;
          break;
        case XmlPull::Event::text: text_.on_text(xml); break;
        case XmlPull::Event::end:
          if (!on_end(xml)) return false;
          break;
        case XmlPull::Event::outer_end:
          stop = xml.offset();
          return true;
        case XmlPull::Event::done:
        case XmlPull::Event::error:
        case XmlPull::Event::paused: return false;
      }
    }
  }

  Error cell_error(const std::string& message, int row, int column) const {
    Location l = where(file_, sheet_.name);
    l.row = row;
    l.column = column;
    return make_error(ErrorCode::invalid_input, message, l);
  }

  Status on_start(const XmlPull& xml) {
    if (++elements_ > max_elements_)
      return make_error(ErrorCode::too_large,
                        sheet_.part + " has more than " + std::to_string(max_elements_) +
                            " XML elements; too large to read",
                        where(file_, sheet_.name));
    const int depth = xml.depth() + base_depth_;
    text_.on_start(depth);
    Kind kind = Kind::other;
    if (depth == 1) {
      if (!same_text(xml.local_name(), "worksheet"))
        return make_error(ErrorCode::invalid_input,
                          sheet_.part + " is not a worksheet (its root element is <" + std::string(xml.name()) + ">)",
                          where(file_, sheet_.name));
      kind = Kind::worksheet;
    } else if (depth <= kTracked) {
      kind = child_kind(kinds_[depth - 1], xml.local_name());
    }
    if (depth <= kTracked) kinds_[depth] = kind;
    switch (kind) {
      case Kind::sheet_data: start_sheet_data(); break;
      case Kind::merge_cells:
        // As with <sheetData>, the last one counts.
        sheet_.merged.clear();
        budget_.merged_rows_used = merged_rows_before_;
        break;
      case Kind::row: return start_row(xml);
      case Kind::cell: return start_cell(xml);
      case Kind::value:
        // The last <v> of a cell counts.
        has_value_ = true;
        value_.clear();
        text_.begin(depth, &value_);
        break;
      case Kind::inline_string:
        has_inline_ = true;
        inline_.clear();
        break;
      case Kind::text:
        text_.begin(depth, &inline_);
        break;
      case Kind::other:
        if (depth == 3 && kinds_[2] == Kind::merge_cells && same_text(xml.local_name(), "mergeCell")) return merge_cell(xml);
        break;
      default: break;
    }
    return ok();
  }

  Status on_end(const XmlPull& xml) {
    const int depth = xml.depth() + base_depth_;
    text_.on_end(depth);
    if (depth <= kTracked && kinds_[depth] == Kind::cell) return end_cell();
    return ok();
  }

  // A second <sheetData> replaces the first, as the DOM reader's did.
  void start_sheet_data() {
    sheet_.cells.clear();
    sheet_.max_row = 0;
    sheet_.max_column = 0;
    budget_.cells_used = cells_before_;
    rows_ = 0;
    row_number_ = 0;
  }

  Status start_row(const XmlPull& xml) {
    if (++rows_ > limits_.max_rows)
      return make_error(ErrorCode::too_large, "more than " + std::to_string(limits_.max_rows) + " rows",
                        where(file_, sheet_.name));
    if (progress_ && !in_second_half()) {
      progress_->rows.store(rows_, std::memory_order_relaxed);
      progress_->cells.store(budget_.cells_used, std::memory_order_relaxed);
      progress_->elements.store(elements_, std::memory_order_relaxed);
    } else if (progress_ && (progress_->stop.load(std::memory_order_relaxed) ||
                             rows_ + progress_->rows.load(std::memory_order_relaxed) > limits_.max_rows ||
                             budget_.cells_used + progress_->cells.load(std::memory_order_relaxed) > limits_.max_cells ||
                             elements_ + progress_->elements.load(std::memory_order_relaxed) > max_elements_ ||
                             part_surely_over_caps(xml.offset()))) {
      return make_error(ErrorCode::internal, "the second half stops", where(file_, sheet_.name));
    }
    std::string_view raw;
    if (xml.attribute("r", raw)) {
      const std::string_view r = attribute_text(raw);
      if (!parse_positive(r, kXlsxMaxRow, row_number_))
        return cell_error("the row number \"" + std::string(r) + "\" is not valid", 0, 0);
    } else if (!row_number_known_) {
      return make_error(ErrorCode::internal, "a row without r= at the start of a second half", where(file_, sheet_.name));
    } else if (++row_number_ > kXlsxMaxRow) {
      return make_error(ErrorCode::invalid_input, "more rows than Excel allows", where(file_, sheet_.name));
    }
    row_number_known_ = true;
    column_ = 0;
    return ok();
  }

  Status start_cell(const XmlPull& xml) {
    if (++budget_.cells_used > limits_.max_cells)
      return make_error(ErrorCode::too_large,
                        "more than " + std::to_string(limits_.max_cells) + " cells in the workbook",
                        where(file_, sheet_.name));
    address_ = CellAddress{row_number_, column_ + 1};
    std::string_view raw;
    if (xml.attribute("r", raw)) {
      const std::string_view r = attribute_text(raw);
      address_ = parse_cell_address(r);
      if (address_.row == 0)
        return cell_error("the cell reference \"" + std::string(r) + "\" is not valid", row_number_, 0);
    } else if (address_.column > kXlsxMaxColumn) {
      return cell_error("more columns than Excel allows", row_number_, 0);
    }
    column_ = address_.column;
    type_ = Type::other;
    if (xml.attribute("t", raw)) {
      const std::string_view t = attribute_text(raw);
      type_ = same_text(t, "s")           ? Type::shared
              : same_text(t, "inlineStr") ? Type::inline_string
              : same_text(t, "str")       ? Type::formula_string
              : same_text(t, "b")         ? Type::boolean
                                 : Type::other;
    }
    has_value_ = false;
    has_inline_ = false;
    value_.clear();
    inline_.clear();
    return ok();
  }

  // An attribute's value as text: the raw bytes themselves unless they hold
  // a reference or a character attribute values normalise.
  std::string_view attribute_text(std::string_view raw) {
    if (plain_attribute_value(raw)) return raw;
    attribute_ = xml_attribute_value(raw);
    return attribute_;
  }

  // Inline and formula strings: Excel's _xHHHH_ escapes decoded, when any.
  std::string_view unescaped(const std::string& s) {
    if (s.find("_x") == std::string::npos) return s;
    decoded_ = decode_xstring(s);
    return decoded_;
  }

  Status end_cell() {
    const std::string& written = value_;  // "" without a <v>
    std::string_view text;
    if (type_ == Type::shared) {
      if (!written.empty()) {
        std::size_t index = 0;
        if (!parse_index(written, index) || index >= shared_.size())
          return cell_error("the cell refers to shared string " + std::string(written.c_str()) + ", but the file has " +
                                std::to_string(shared_.size()),
                            address_.row, address_.column);
        text = shared_[index];
      }
    } else if (type_ == Type::inline_string) {
      text = unescaped(has_inline_ ? inline_ : written);
    } else if (type_ == Type::formula_string) {
      text = unescaped(written);
    } else if (type_ == Type::boolean) {
      text = written == "1" ? std::string_view("TRUE") : written == "0" ? std::string_view("FALSE") : std::string_view(written);
    } else {
      text = written;  // n (or no type), e, d: as written
    }
    if (text.empty()) return ok();
    sheet_.max_row = std::max(sheet_.max_row, address_.row);
    sheet_.max_column = std::max(sheet_.max_column, address_.column);
    sheet_.cells.append(address_, text);  // copied into the sheet's own text blocks
    return ok();
  }

  Status merge_cell(const XmlPull& xml) {
    std::string_view raw;
    if (!xml.attribute("ref", raw)) return ok();
    std::string ref = xml_attribute_value(raw);
    std::size_t colon = ref.find(':');
    if (colon == std::string::npos) return ok();  // one cell: nothing merged
    CellAddress a = parse_cell_address(std::string_view(ref).substr(0, colon));
    CellAddress b = parse_cell_address(std::string_view(ref).substr(colon + 1));
    if (a.row == 0 || b.row == 0) return ok();  // Excel would drop it too
    MergedRange range{{std::min(a.row, b.row), std::min(a.column, b.column)},
                      {std::max(a.row, b.row), std::max(a.column, b.column)}};
    if (range.first == range.last) return ok();
    budget_.merged_rows_used += static_cast<std::size_t>(range.last.row - range.first.row + 1);
    if (budget_.merged_rows_used > limits_.max_cells)
      return make_error(ErrorCode::too_large,
                        "the merged ranges span more than " + std::to_string(limits_.max_cells) + " rows in all",
                        where(file_, sheet_.name));
    sheet_.merged.push_back(range);
    return ok();
  }

  XlsxSheet& sheet_;
  const std::vector<std::string>& shared_;
  const std::string& file_;
  const XlsxLimits& limits_;
  SheetBudget& budget_;
  const std::size_t cells_before_;
  const std::size_t merged_rows_before_;
  const std::size_t max_elements_;
  std::size_t elements_ = 0;

  Kind kinds_[kTracked + 1] = {};
  std::size_t fragment_from_ = 0;  // in a second half: where it starts, and the part's size
  std::size_t part_bytes_ = 0;
  int base_depth_ = 0;            // 2 when reading a second half (inside <worksheet><sheetData>)
  Progress* progress_ = nullptr;  // set while a part is read in two halves
  bool row_number_known_ = true;  // false in a second half until a row says its number
  TextOf text_;
  int rows_ = 0;
  int row_number_ = 0;
  int column_ = 0;
  CellAddress address_;
  // The cell's t= as far as its text is concerned; n, e, d and none are
  // all "as written".
  enum class Type : std::uint8_t { other, shared, inline_string, formula_string, boolean };
  Type type_ = Type::other;
  bool has_value_ = false;
  bool has_inline_ = false;
  std::string value_;
  std::string inline_;
  std::string attribute_;  // scratch for attribute_text()
  std::string decoded_;    // scratch for unescaped()
};

}  // namespace

std::string decode_xstring(std::string_view s) {
  if (s.find("_x") == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    int v = escape_at(s, i);
    if (v < 0) {
      out += s[i++];
      continue;
    }
    auto cp = static_cast<std::uint32_t>(v);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      int low = escape_at(s, i + 7);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        domain::append_utf8(out, 0x10000 + ((cp - 0xD800) << 10) + (static_cast<std::uint32_t>(low) - 0xDC00));
        i += 14;
        continue;
      }
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      out.append(s.substr(i, 7));  // a lone surrogate: keep it as written
    } else {
      domain::append_utf8(out, static_cast<char32_t>(cp));
    }
    i += 7;
  }
  return out;
}

Result<std::vector<std::string>> scan_shared_strings(std::string& xml, const std::string& file,
                                                     const std::string& part) {
  if (auto utf8 = ensure_utf8(xml, file, part, {}); !utf8) return utf8.error();
  // <sst><si> text, or rich text runs <si><r><t>. Phonetic runs (<rPh>,
  // furigana in Japanese files) and their properties are not text.
  std::vector<std::string> strings;
  XmlPull pull(xml);
  TextOf text;
  std::string item;
  bool in_item = false;
  bool in_run = false;
  for (;;) {
    switch (pull.next()) {
      case XmlPull::Event::start: {
        const int depth = pull.depth();
        text.on_start(depth);
        std::string_view local = pull.local_name();
        if (depth == 2 && same_text(local, "si")) {
          in_item = true;
          item.clear();
        } else if (in_item && depth == 3 && same_text(local, "r")) {
          in_run = true;
        } else if (in_item && same_text(local, "t") && (depth == 3 || (depth == 4 && in_run))) {
          text.begin(depth, &item);
        }
        break;
      }
      case XmlPull::Event::text: text.on_text(pull); break;
      case XmlPull::Event::end: {
        const int depth = pull.depth();
        text.on_end(depth);
        if (depth == 3) in_run = false;
        if (depth == 2 && in_item) {
          // Moved when there is nothing to decode: the table's text is most
          // of what this part holds.
          if (item.find("_x") == std::string::npos)
            strings.push_back(std::move(item));
          else
            strings.push_back(decode_xstring(item));
          item.clear();
          in_item = false;
        }
        break;
      }
      case XmlPull::Event::done: return strings;
      case XmlPull::Event::error:
      case XmlPull::Event::paused:     // not asked for
      case XmlPull::Event::outer_end:  // not a fragment
        return xml_error(pull, file, part, {});
    }
  }
}

Status scan_worksheet(XlsxSheet& sheet, std::string& xml, const std::vector<std::string>& shared,
                      const std::string& file, const XlsxLimits& limits, SheetBudget& budget) {
  if (auto utf8 = ensure_utf8(xml, file, sheet.part, sheet.name); !utf8) return utf8;
  return WorksheetReader(sheet, shared, file, limits, budget).read(xml);
}

}  // namespace mamori::formats::detail
