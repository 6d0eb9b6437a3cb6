// Writing answers into a customer's own .xlsx: only the <c> elements named by
// the edits change (and the rows that hold them, the sheet's <dimension>, and
// calcChain.xml when a formula is overwritten). Every other zip entry is
// copied as it was, compressed bytes and all.
#include <zip.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <map>
#include <new>
#include <pugixml.hpp>
#include <set>
#include <unordered_map>

#include "domain/text.h"
#include "formats/xlsx_reader.h"

namespace mamori::formats {

namespace {

using detail::local_name;
using detail::where;

// Excel's own limit on a cell's text, in UTF-16 code units.
constexpr std::size_t kMaxCellChars = 32767;

// Faithful round trip: keep the declaration, comments, processing
// instructions and all whitespace; leave line ends as they were.
constexpr unsigned int kPatchOptions = (pugi::parse_default & ~pugi::parse_eol) | pugi::parse_declaration |
                                       pugi::parse_comments | pugi::parse_pi | pugi::parse_ws_pcdata;

struct StringWriter : pugi::xml_writer {
  std::string out;
  void write(const void* data, std::size_t size) override { out.append(static_cast<const char*>(data), size); }
};

bool is(pugi::xml_node n, const char* name) {
  return n.type() == pugi::node_element && std::strcmp(local_name(n.name()), name) == 0;
}

pugi::xml_node child_named(pugi::xml_node parent, const char* name) {
  for (pugi::xml_node n = parent.first_child(); n; n = n.next_sibling())
    if (is(n, name)) return n;
  return {};
}

std::size_t utf16_length(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    n += c >= 0xF0 ? 2 : 1;
  }
  return n;
}

bool looks_like_escape(std::string_view s, std::size_t i) {
  if (i + 7 > s.size() || s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_') return false;
  for (std::size_t k = i + 2; k < i + 6; ++k)
    if (!std::isxdigit(static_cast<unsigned char>(s[k]))) return false;
  return true;
}

// The inverse of what Excel does on reading: control characters (which XML
// 1.0 cannot carry), carriage returns (which XML readers turn into line
// feeds) and U+FFFE/U+FFFF become _xHHHH_; a literal "_xHHHH_" gets its
// underscore escaped so that it stays literal.
std::string escape_xstring(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char buf[8];
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '_' && looks_like_escape(text, i)) {
      out += "_x005F_";
    } else if (c < 0x20 && c != '\t' && c != '\n') {
      std::snprintf(buf, sizeof buf, "_x%04X_", c);
      out += buf;
    } else if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
               (static_cast<unsigned char>(text[i + 2]) == 0xBE || static_cast<unsigned char>(text[i + 2]) == 0xBF)) {
      out += static_cast<unsigned char>(text[i + 2]) == 0xBE ? "_xFFFE_" : "_xFFFF_";
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

bool parse_row_number(const char* s, int& out) {
  if (*s == '\0' || *s == '0') return false;
  long long v = 0;
  for (; *s; ++s) {
    if (*s < '0' || *s > '9') return false;
    v = v * 10 + (*s - '0');
    if (v > kXlsxMaxRow) return false;
  }
  out = static_cast<int>(v);
  return true;
}

// "A1:C5" or "A1"; row 0 when it is neither.
MergedRange parse_range(std::string_view ref) {
  std::size_t colon = ref.find(':');
  CellAddress a = parse_cell_address(ref.substr(0, colon));
  CellAddress b = colon == std::string_view::npos ? a : parse_cell_address(ref.substr(colon + 1));
  if (a.row == 0 || b.row == 0) return {};
  return MergedRange{{std::min(a.row, b.row), std::min(a.column, b.column)},
                     {std::max(a.row, b.row), std::max(a.column, b.column)}};
}

std::string format_range(const MergedRange& r) {
  if (r.first == r.last) return format_cell_address(r.first);
  return format_cell_address(r.first) + ":" + format_cell_address(r.last);
}

std::string to_utf8_label(const std::string& encoding) {
  std::string lower;
  for (char c : encoding) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

// After a DOM round trip the part is UTF-8, whatever it was before.
void declare_utf8(pugi::xml_document& doc) {
  for (pugi::xml_node n = doc.first_child(); n; n = n.next_sibling()) {
    if (n.type() != pugi::node_declaration) continue;
    pugi::xml_attribute enc = n.attribute("encoding");
    if (enc && to_utf8_label(enc.value()) != "utf-8") enc.set_value("UTF-8");
  }
}

// pugixml drops the line break Excel puts between the declaration and the
// root element; put back whatever was there.
std::string whitespace_after_declaration(std::string_view xml) {
  if (xml.rfind("<?xml", 0) != 0) return {};
  std::size_t end = xml.find("?>");
  if (end == std::string_view::npos) return {};
  std::size_t first = end + 2;
  std::size_t last = xml.find_first_not_of(" \t\r\n", first);
  if (last == std::string_view::npos) return {};
  return std::string(xml.substr(first, last - first));
}

std::string serialize(pugi::xml_document& doc, const std::string& after_declaration = {}) {
  declare_utf8(doc);
  StringWriter writer;
  doc.save(writer, "", pugi::format_raw, pugi::encoding_utf8);
  if (!after_declaration.empty() && writer.out.rfind("<?xml", 0) == 0) {
    std::size_t end = writer.out.find("?>");
    if (end != std::string::npos && end + 2 < writer.out.size() && writer.out[end + 2] == '<')
      writer.out.insert(end + 2, after_declaration);
  }
  return std::move(writer.out);
}

// ---------------------------------------------------------------------------
// One worksheet's changes

struct FormulaRemoved {
  std::string sheet_id;
  std::string ref;
};

class SheetPatcher {
 public:
  SheetPatcher(const std::string& file, const detail::SheetEntry& sheet) : file_(file), sheet_(sheet) {}

  // Applies `edits` (address -> text) to the parsed sheet; changed() says
  // whether anything was written.
  bool changed() const { return changed_; }
  Status apply(pugi::xml_document& doc, const std::map<CellAddress, std::string>& edits,
               std::vector<FormulaRemoved>& removed);

 private:
  const std::string& file_;
  const detail::SheetEntry& sheet_;
  std::string prefix_;  // "x:" when the sheet's elements carry one
  pugi::xml_node sheet_data_;
  std::map<int, pugi::xml_node> rows_;
  std::map<int, std::map<int, pugi::xml_node>> cells_;  // rows touched so far
  std::vector<MergedRange> merged_;
  std::vector<MergedRange> arrays_;                                 // multi-cell array formulas and data tables
  std::unordered_map<std::string, std::vector<CellAddress>> shared_;  // si -> cells using a shared formula
  std::vector<std::pair<int, int>> col_styles_;                     // (first column, last column) per <col style>
  std::vector<std::string> col_style_values_;
  std::set<int> rows_with_new_cells_;
  bool had_rows_ = false;
  bool changed_ = false;

  Error cell_error(const std::string& message, const CellAddress& at) const {
    return make_error(ErrorCode::invalid_input, message, Location::in_cell(file_, sheet_.name, at.row, at.column));
  }
  Status index(pugi::xml_node root);
  Result<pugi::xml_node> row(int number, bool create);
  Result<pugi::xml_node> cell(pugi::xml_node row, const CellAddress& at, bool create);
  std::string default_style(pugi::xml_node row, int column) const;
  Status set_text(pugi::xml_node c, const CellAddress& at, const std::string& text,
                  const std::map<CellAddress, std::string>& edits, std::vector<FormulaRemoved>& removed);
  void update_dimension(pugi::xml_node root, const std::map<CellAddress, std::string>& edits);
};

Status SheetPatcher::index(pugi::xml_node root) {
  const char* name = root.name();
  const char* local = local_name(name);
  prefix_.assign(name, static_cast<std::size_t>(local - name));

  for (pugi::xml_node n = root.first_child(); n; n = n.next_sibling()) {
    if (is(n, "sheetData")) {
      sheet_data_ = n;
    } else if (is(n, "mergeCells")) {
      for (pugi::xml_node m = n.first_child(); m; m = m.next_sibling())
        if (is(m, "mergeCell"))
          if (MergedRange r = parse_range(m.attribute("ref").value()); r.first.row != 0 && !(r.first == r.last))
            merged_.push_back(r);
    } else if (is(n, "cols")) {
      for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        if (!is(c, "col") || !c.attribute("style")) continue;
        col_styles_.emplace_back(c.attribute("min").as_int(), c.attribute("max").as_int());
        col_style_values_.emplace_back(c.attribute("style").value());
      }
    }
  }
  if (!sheet_data_) {
    // Required by the schema, but be kind: put it after the elements that
    // come before it (sheetPr, dimension, sheetViews, sheetFormatPr, cols).
    pugi::xml_node after;
    for (pugi::xml_node n = root.first_child(); n; n = n.next_sibling())
      if (is(n, "sheetPr") || is(n, "dimension") || is(n, "sheetViews") || is(n, "sheetFormatPr") || is(n, "cols"))
        after = n;
    std::string tag = prefix_ + "sheetData";
    sheet_data_ = after ? root.insert_child_after(tag.c_str(), after) : root.prepend_child(tag.c_str());
  }

  // Rows and cells without r get one (their place is implied by order, and
  // a row or cell inserted before them would move them).
  int row_number = 0;
  for (pugi::xml_node r = sheet_data_.first_child(); r; r = r.next_sibling()) {
    if (!is(r, "row")) continue;
    if (pugi::xml_attribute a = r.attribute("r")) {
      if (!parse_row_number(a.value(), row_number))
        return make_error(ErrorCode::invalid_input, std::string("the row number \"") + a.value() + "\" is not valid",
                          where(file_, sheet_.name));
    } else {
      if (++row_number > kXlsxMaxRow)
        return make_error(ErrorCode::invalid_input, "more rows than Excel allows", where(file_, sheet_.name));
      r.append_attribute("r").set_value(std::to_string(row_number).c_str());
    }
    rows_.emplace(row_number, r);
    had_rows_ = true;
    int column = 0;
    for (pugi::xml_node c = r.first_child(); c; c = c.next_sibling()) {
      if (!is(c, "c")) continue;
      CellAddress at{row_number, column + 1};
      if (pugi::xml_attribute a = c.attribute("r")) {
        at = parse_cell_address(a.value());
        if (at.row == 0)
          return cell_error(std::string("the cell reference \"") + a.value() + "\" is not valid",
                            CellAddress{row_number, 0});
      } else {
        if (at.column > kXlsxMaxColumn) return cell_error("more columns than Excel allows", CellAddress{row_number, 0});
        c.prepend_attribute("r").set_value(format_cell_address(at).c_str());
      }
      column = at.column;
      pugi::xml_node f = child_named(c, "f");
      if (!f) continue;
      std::string_view type = f.attribute("t").value();
      if (type == "array" || type == "dataTable") {
        MergedRange range = parse_range(f.attribute("ref").value());
        if (range.first.row != 0 && !(range.first == range.last)) arrays_.push_back(range);
      } else if (type == "shared" && f.attribute("si")) {
        shared_[f.attribute("si").value()].push_back(at);
      }
    }
  }
  return ok();
}

Result<pugi::xml_node> SheetPatcher::row(int number, bool create) {
  auto it = rows_.lower_bound(number);
  if (it != rows_.end() && it->first == number) return it->second;
  if (!create) return pugi::xml_node();
  std::string tag = prefix_ + "row";
  pugi::xml_node r = it == rows_.end() ? sheet_data_.append_child(tag.c_str())
                                       : sheet_data_.insert_child_before(tag.c_str(), it->second);
  if (!r) return make_error(ErrorCode::internal, "cannot add a row", where(file_, sheet_.name));
  r.append_attribute("r").set_value(std::to_string(number).c_str());
  rows_.emplace_hint(it, number, r);
  return r;
}

Result<pugi::xml_node> SheetPatcher::cell(pugi::xml_node row, const CellAddress& at, bool create) {
  auto [entry, fresh] = cells_.try_emplace(at.row);
  std::map<int, pugi::xml_node>& cells = entry->second;
  if (fresh) {
    for (pugi::xml_node c = row.first_child(); c; c = c.next_sibling()) {
      if (!is(c, "c")) continue;
      CellAddress a = parse_cell_address(c.attribute("r").value());  // index() gave every cell an r
      if (a.row != 0) cells.emplace(a.column, c);
    }
  }
  auto it = cells.lower_bound(at.column);
  if (it != cells.end() && it->first == at.column) return it->second;
  if (!create) return pugi::xml_node();
  std::string tag = prefix_ + "c";
  pugi::xml_node c;
  if (it != cells.end()) {
    c = row.insert_child_before(tag.c_str(), it->second);
  } else {
    // After the last cell; a row's extLst, if any, stays last.
    pugi::xml_node ext = child_named(row, "extLst");
    c = ext ? row.insert_child_before(tag.c_str(), ext) : row.append_child(tag.c_str());
  }
  if (!c) return make_error(ErrorCode::internal, "cannot add a cell", where(file_, sheet_.name));
  c.append_attribute("r").set_value(format_cell_address(at).c_str());
  std::string style = default_style(row, at.column);
  if (!style.empty() && style != "0") c.append_attribute("s").set_value(style.c_str());
  cells.emplace_hint(it, at.column, c);
  rows_with_new_cells_.insert(at.row);
  return c;
}

// The style Excel gives a cell typed into an empty position: the row's if
// the row has a custom format, else the column's.
std::string SheetPatcher::default_style(pugi::xml_node row, int column) const {
  if (row.attribute("customFormat").as_bool() && row.attribute("s")) return row.attribute("s").value();
  for (std::size_t i = 0; i < col_styles_.size(); ++i)
    if (column >= col_styles_[i].first && column <= col_styles_[i].second) return col_style_values_[i];
  return {};
}

Status SheetPatcher::set_text(pugi::xml_node c, const CellAddress& at, const std::string& text,
                              const std::map<CellAddress, std::string>& edits, std::vector<FormulaRemoved>& removed) {
  if (pugi::xml_node f = child_named(c, "f")) {
    // A shared formula's text lives in its first cell; the others refer to
    // it by si. Removing it would leave them without a formula.
    if (std::strcmp(f.attribute("t").value(), "shared") == 0 && f.attribute("ref") && f.text().get()[0] != '\0') {
      auto users = shared_.find(f.attribute("si").value());
      if (users != shared_.end())
        for (const CellAddress& other : users->second)
          if (!(other == at) && !edits.count(other))
            return cell_error("the cell holds the shared formula that " + format_cell_address(other) +
                                  " and others use; mamori does not overwrite it",
                              at);
    }
    removed.push_back(FormulaRemoved{sheet_.sheet_id, format_cell_address(at)});
  }
  for (pugi::xml_node n = c.first_child(); n;) {
    pugi::xml_node next = n.next_sibling();
    if (is(n, "f") || is(n, "v") || is(n, "is")) c.remove_child(n);
    n = next;
  }
  // t: the new type; cm and vm: cell and value metadata (dynamic arrays,
  // rich values) that belonged to the old content.
  c.remove_attribute("t");
  c.remove_attribute("cm");
  c.remove_attribute("vm");
  if (text.empty()) return ok();
  c.append_attribute("t").set_value("inlineStr");
  std::string is_tag = prefix_ + "is";
  std::string t_tag = prefix_ + "t";
  pugi::xml_node ext = child_named(c, "extLst");
  pugi::xml_node is_node = ext ? c.insert_child_before(is_tag.c_str(), ext) : c.append_child(is_tag.c_str());
  pugi::xml_node t = is_node.append_child(t_tag.c_str());
  t.append_attribute("xml:space").set_value("preserve");
  std::string escaped = escape_xstring(text);
  t.append_child(pugi::node_pcdata).set_value(escaped.c_str());
  return ok();
}

void SheetPatcher::update_dimension(pugi::xml_node root, const std::map<CellAddress, std::string>& edits) {
  pugi::xml_node dimension = child_named(root, "dimension");
  if (!dimension) return;
  MergedRange range = parse_range(dimension.attribute("ref").value());
  if (range.first.row == 0) return;
  bool any = false;
  MergedRange written;
  for (const auto& [at, text] : edits) {
    if (text.empty()) continue;
    if (!any) written = MergedRange{at, at};
    any = true;
    written.first = CellAddress{std::min(written.first.row, at.row), std::min(written.first.column, at.column)};
    written.last = CellAddress{std::max(written.last.row, at.row), std::max(written.last.column, at.column)};
  }
  if (!any) return;
  // An empty sheet says "A1"; its new extent is just what was written.
  MergedRange grown = written;
  if (had_rows_ || !(range.first == range.last))
    grown = MergedRange{{std::min(range.first.row, written.first.row), std::min(range.first.column, written.first.column)},
                        {std::max(range.last.row, written.last.row), std::max(range.last.column, written.last.column)}};
  if (grown.first == range.first && grown.last == range.last) return;
  dimension.attribute("ref").set_value(format_range(grown).c_str());
}

Status SheetPatcher::apply(pugi::xml_document& doc, const std::map<CellAddress, std::string>& edits,
                           std::vector<FormulaRemoved>& removed) {
  pugi::xml_node root = doc.document_element();
  if (std::strcmp(local_name(root.name()), "worksheet") != 0)
    return make_error(ErrorCode::invalid_input,
                      sheet_.part + " is not a worksheet (its root element is <" + root.name() + ">)",
                      where(file_, sheet_.name));
  if (auto indexed = index(root); !indexed) return indexed;

  for (const auto& [at, text] : edits) {
    for (const MergedRange& m : merged_)
      if (m.contains(at) && !(m.first == at))
        return cell_error("the cell is inside the merged range " + format_range(m) + "; write to " +
                              format_cell_address(m.first) + ", the cell Excel shows",
                          at);
    for (const MergedRange& a : arrays_)
      if (a.contains(at))
        return cell_error("the cell is part of the array formula in " + format_range(a) +
                              "; mamori does not overwrite part of an array",
                          at);
    auto r = row(at.row, !text.empty());
    if (!r) return r.error();
    if (!r.value()) continue;  // clearing a cell that is not there
    auto c = cell(r.value(), at, !text.empty());
    if (!c) return c.error();
    if (!c.value()) continue;
    changed_ = true;
    if (auto set = set_text(c.value(), at, text, edits, removed); !set) return set;
  }
  // spans is an optional hint ("1:5"); a row that got a new cell may no
  // longer match it, so it goes.
  for (int r : rows_with_new_cells_)
    if (pugi::xml_node n = rows_[r]) n.remove_attribute("spans");
  update_dimension(root, edits);
  return ok();
}

// ---------------------------------------------------------------------------
// calcChain.xml lists every formula cell; Excel calls the file damaged when
// an entry points at a cell without a formula.

struct PartChange {
  std::string name;
  std::string data;
};

Status update_calc_chain(detail::XlsxPackage& package, const detail::WorkbookEntry& wb,
                         const std::vector<FormulaRemoved>& removed, std::vector<PartChange>& replaced,
                         std::vector<std::string>& deleted) {
  if (removed.empty() || wb.calc_chain_part.empty()) return ok();
  const std::string& file = package.file_name();
  auto data = package.read_part(wb.calc_chain_part);
  if (!data) return data.error();
  pugi::xml_document doc;
  std::string after_declaration = whitespace_after_declaration(data.value());
  if (auto parsed = detail::parse_part_xml(doc, data.value(), kPatchOptions, file, wb.calc_chain_part); !parsed)
    return parsed;
  std::set<std::pair<std::string, std::string>> gone;
  for (const auto& r : removed) gone.emplace(r.sheet_id, r.ref);

  pugi::xml_node root = doc.document_element();
  std::string sheet_id;  // i: "if omitted, the same as the previous cell's"
  bool left = false;
  for (pugi::xml_node c = root.first_child(); c;) {
    pugi::xml_node next = c.next_sibling();
    if (!is(c, "c")) {
      c = next;
      continue;
    }
    if (pugi::xml_attribute i = c.attribute("i")) sheet_id = i.value();
    if (!gone.count({sheet_id, c.attribute("r").value()})) {
      left = true;
      c = next;
      continue;
    }
    pugi::xml_node following = next;
    while (following && !is(following, "c")) following = following.next_sibling();
    if (following) {
      if (c.attribute("i") && !following.attribute("i")) {
        pugi::xml_attribute r = following.attribute("r");
        (r ? following.insert_attribute_after("i", r) : following.prepend_attribute("i")).set_value(sheet_id.c_str());
      }
      if (c.attribute("l").as_bool() && !following.attribute("l")) following.append_attribute("l").set_value("1");
    }
    root.remove_child(c);
    c = next;
  }
  if (left) {
    replaced.push_back(PartChange{wb.calc_chain_part, serialize(doc, after_declaration)});
    return ok();
  }

  // Nothing left: an empty chain is not allowed, so the part goes, with its
  // relationship and its content type.
  deleted.push_back(wb.calc_chain_part);
  auto rels = package.read_part(wb.workbook_rels_part);
  if (!rels) return rels.error();
  pugi::xml_document rels_doc;
  std::string rels_space = whitespace_after_declaration(rels.value());
  if (auto parsed = detail::parse_part_xml(rels_doc, rels.value(), kPatchOptions, file, wb.workbook_rels_part); !parsed)
    return parsed;
  for (pugi::xml_node r = rels_doc.document_element().first_child(); r; r = r.next_sibling())
    if (is(r, "Relationship") && wb.calc_chain_rel_id == r.attribute("Id").value()) {
      rels_doc.document_element().remove_child(r);
      break;
    }
  replaced.push_back(PartChange{wb.workbook_rels_part, serialize(rels_doc, rels_space)});

  std::string types_part = package.find_part("[Content_Types].xml");
  if (types_part.empty()) return ok();
  auto types = package.read_part(types_part);
  if (!types) return types.error();
  pugi::xml_document types_doc;
  std::string types_space = whitespace_after_declaration(types.value());
  if (auto parsed = detail::parse_part_xml(types_doc, types.value(), kPatchOptions, file, types_part); !parsed)
    return parsed;
  std::string wanted = to_utf8_label("/" + wb.calc_chain_part);
  for (pugi::xml_node o = types_doc.document_element().first_child(); o; o = o.next_sibling())
    if (is(o, "Override") && to_utf8_label(o.attribute("PartName").value()) == wanted) {
      types_doc.document_element().remove_child(o);
      replaced.push_back(PartChange{types_part, serialize(types_doc, types_space)});
      break;
    }
  return ok();
}

// ---------------------------------------------------------------------------
// The new archive: libzip copies entries that did not change as they are
// (compressed data untouched, same order), and writes the changed ones.

struct SourceFree {
  void operator()(zip_source_t* s) const {
    if (s) zip_source_free(s);
  }
};

Result<std::string> rewrite_zip(std::string_view bytes, const std::string& file,
                                const std::vector<PartChange>& replaced, const std::vector<std::string>& deleted) {
  const Location at = Location::in_file(file);
  zip_error_t error;
  zip_error_init(&error);
  // libzip 1.7 frees the buffer behind a written-to buffer source even when
  // told not to, so it gets a malloc'ed copy of its own to free.
  void* copy = std::malloc(bytes.size());
  if (!copy) return make_error(ErrorCode::too_large, "not enough memory to change the workbook", at);
  std::memcpy(copy, bytes.data(), bytes.size());
  std::unique_ptr<zip_source_t, SourceFree> source(zip_source_buffer_create(copy, bytes.size(), 1, &error));
  if (!source) {
    std::free(copy);
    zip_error_fini(&error);
    return make_error(ErrorCode::internal, "cannot read the file from memory", at);
  }
  zip_t* z = zip_open_from_source(source.get(), 0, &error);
  if (!z) {
    std::string detail = zip_error_strerror(&error);
    zip_error_fini(&error);
    return make_error(ErrorCode::invalid_input, "cannot open the file as a zip archive (" + detail + ")", at);
  }
  zip_error_fini(&error);
  zip_source_keep(source.get());  // the archive is written back into it

  auto fail = [&](const std::string& what) {
    std::string detail = zip_strerror(z);
    zip_discard(z);
    return make_error(ErrorCode::internal, what + " (" + detail + ")", at);
  };
  for (const auto& change : replaced) {
    zip_int64_t index = zip_name_locate(z, change.name.c_str(), 0);
    if (index < 0) return fail("cannot find " + change.name + " again");
    zip_source_t* data = zip_source_buffer(z, change.data.data(), change.data.size(), 0);
    if (!data) return fail("cannot stage " + change.name);
    if (zip_file_replace(z, static_cast<zip_uint64_t>(index), data, 0) != 0) {
      zip_source_free(data);
      return fail("cannot replace " + change.name);
    }
    if (zip_set_file_compression(z, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 0) != 0)
      return fail("cannot compress " + change.name);
  }
  for (const auto& name : deleted) {
    zip_int64_t index = zip_name_locate(z, name.c_str(), 0);
    if (index >= 0 && zip_delete(z, static_cast<zip_uint64_t>(index)) != 0) return fail("cannot remove " + name);
  }
  if (zip_close(z) != 0) return fail("cannot write the new archive");

  if (zip_source_open(source.get()) != 0)
    return make_error(ErrorCode::internal, "cannot read the new archive back", at);
  zip_stat_t st;
  zip_stat_init(&st);
  std::string out;
  if (zip_source_stat(source.get(), &st) == 0 && (st.valid & ZIP_STAT_SIZE))
    out.reserve(static_cast<std::size_t>(st.size));
  char chunk[64 * 1024];
  for (;;) {
    zip_int64_t n = zip_source_read(source.get(), chunk, sizeof chunk);
    if (n < 0) {
      zip_source_close(source.get());
      return make_error(ErrorCode::internal, "cannot read the new archive back", at);
    }
    if (n == 0) break;
    out.append(chunk, static_cast<std::size_t>(n));
  }
  zip_source_close(source.get());
  return out;
}

// ---------------------------------------------------------------------------

Result<std::string> patch(std::string_view bytes, const std::string& file, const std::vector<CellEdit>& edits,
                          const XlsxLimits& limits) {
  // The edits first: they are the caller's, and cheap to check.
  for (const auto& e : edits) {
    const Location at = Location::in_cell(file, e.sheet, e.cell.row, e.cell.column);
    if (e.cell.row < 1 || e.cell.row > kXlsxMaxRow || e.cell.column < 1 || e.cell.column > kXlsxMaxColumn)
      return make_error(ErrorCode::invalid_input,
                        "cell (row " + std::to_string(e.cell.row) + ", column " + std::to_string(e.cell.column) +
                            ") is outside what Excel allows (A1:XFD1048576)",
                        where(file, e.sheet));
    if (!domain::is_valid_utf8(e.text))
      return make_error(ErrorCode::invalid_input, "the text for the cell is not valid UTF-8", at);
    if (utf16_length(e.text) > kMaxCellChars)
      return make_error(ErrorCode::invalid_input,
                        "the text is longer than an Excel cell holds (" + std::to_string(kMaxCellChars) +
                            " characters)",
                        at);
  }

  auto opened = detail::XlsxPackage::open(bytes, file, limits);
  if (!opened) return opened.error();
  detail::XlsxPackage& package = opened.value();
  auto wb = package.workbook();
  if (!wb) return wb.error();

  // Edits per sheet, in workbook order; a later edit of the same cell wins.
  std::map<std::size_t, std::map<CellAddress, std::string>> by_sheet;
  for (const auto& e : edits) {
    const auto& sheets = wb->sheets;
    auto found = std::find_if(sheets.begin(), sheets.end(), [&](const auto& s) { return s.name == e.sheet; });
    if (found == sheets.end())  // Excel's sheet names are case-insensitive
      found = std::find_if(sheets.begin(), sheets.end(), [&](const auto& s) {
        return s.name.size() == e.sheet.size() &&
               std::equal(s.name.begin(), s.name.end(), e.sheet.begin(), [](char a, char b) {
                 return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
               });
      });
    if (found == sheets.end())
      return make_error(ErrorCode::invalid_input, "the workbook has no sheet named " + e.sheet, Location::in_file(file));
    if (found->kind != "worksheet")
      return make_error(ErrorCode::invalid_input, "the sheet is not a worksheet (" + found->kind + "); it has no cells",
                        where(file, found->name));
    by_sheet[static_cast<std::size_t>(found - sheets.begin())][e.cell] = e.text;
  }

  std::vector<PartChange> replaced;
  std::vector<std::string> deleted;
  std::vector<FormulaRemoved> removed;
  for (const auto& [index, cells] : by_sheet) {
    const detail::SheetEntry& sheet = wb->sheets[index];
    auto data = package.read_part(sheet.part, sheet.name);
    if (!data) return data.error();
    std::string after_declaration = whitespace_after_declaration(data.value());
    pugi::xml_document doc;
    if (auto parsed = detail::parse_part_xml(doc, data.value(), kPatchOptions, file, sheet.part, sheet.name); !parsed)
      return parsed.error();
    SheetPatcher patcher(file, sheet);
    if (auto applied = patcher.apply(doc, cells, removed); !applied) return applied.error();
    if (patcher.changed()) replaced.push_back(PartChange{sheet.part, serialize(doc, after_declaration)});
  }
  if (replaced.empty()) return std::string(bytes);
  if (auto chain = update_calc_chain(package, wb.value(), removed, replaced, deleted); !chain) return chain.error();
  return rewrite_zip(bytes, file, replaced, deleted);
}

}  // namespace

Result<std::string> patch_xlsx(std::string_view bytes, const std::string& file_name, const std::vector<CellEdit>& edits,
                               const XlsxLimits& limits) {
  try {
    return patch(bytes, file_name, edits, limits);
  } catch (const std::bad_alloc&) {
    return make_error(ErrorCode::too_large, "not enough memory to change the workbook", Location::in_file(file_name));
  } catch (const std::exception& e) {
    return make_error(ErrorCode::internal, std::string("changing the workbook failed: ") + e.what(),
                      Location::in_file(file_name));
  }
}

}  // namespace mamori::formats
