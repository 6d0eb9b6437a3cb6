// A pull tokenizer for UTF-8 XML held in memory, for the parts of an .xlsx
// that are read cell by cell (worksheets, the shared-string table): building
// a DOM of a 50,000-row sheet only to walk it once costs more than reading
// it. It checks what makes XML well-formed where a hostile or broken file
// could differ (tag and attribute syntax, start and end tags that match, one
// root element, nothing cut off) and refuses a document type declaration,
// as parse_part_xml does; it does not expand entities beyond the five
// predefined ones and character references (nor does pugixml), and leaves
// an unknown "&name;" as written, as pugixml does.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mamori::formats::detail {

// a == b for the short names and values of markup (element and attribute
// names, "s", "inlineStr"): comparing in a loop costs less than the call to
// memcmp that std::string_view's == makes, and the tokenizer compares a few
// times per element.
inline bool same_text(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

// Whether raw attribute bytes read as they are, with nothing to decode
// ('&') or normalise (tab, line ends): true for nearly every value, and
// checked for each one, so one comparison per byte rather than
// find_first_of's call to memchr per byte. Other control characters, which
// XML does not allow, go to the slow path too, which keeps them as written.
inline bool plain_attribute_value(std::string_view raw) {
  for (char x : raw)
    if (x == '&' || static_cast<unsigned char>(x) < 0x20) return false;
  return true;
}

class XmlPull {
 public:
  // paused: reached the offset given to pause_at (see there).
  // outer_end: in a fragment, an end tag of an element the fragment did not
  // open (the parent's); it is not consumed, and offset() is where it is.
  enum class Event { start, end, text, done, error, paused, outer_end };

  explicit XmlPull(std::string_view xml);
  // Reads the content of some element of `xml` from byte `from` on, as a
  // part of the document read in parallel with the rest: any number of
  // elements, text and CDATA at the top, up to the parent's end tag
  // (outer_end) or the end of the data. Depths count from the fragment.
  // Error offsets are offsets into `xml`.
  struct Fragment {};
  XmlPull(std::string_view xml, std::size_t from, Fragment);

  // Stops with `paused` when the next token starts exactly at byte `at`
  // (never inside a tag, comment or CDATA section, which are skipped
  // whole). After that: resume_at() to go on from another token start
  // with the open elements as they are, or next() to go on from here.
  void pause_at(std::size_t at) { pause_ = begin_ + at; }
  void resume_at(std::size_t at) {
    p_ = begin_ + at;
    pause_ = nullptr;
  }
  // Where the tokenizer is: the byte after the last event's token. After
  // outer_end, where that end tag starts.
  std::size_t offset() const { return static_cast<std::size_t>(p_ - begin_); }

  Event next();

  // After `start` and `end`: the element's qualified and local name.
  std::string_view name() const { return name_; }
  std::string_view local_name() const { return name_.substr(local_at_); }
  // Elements open, the current one included (the root is 1). After `end`,
  // the depth the element had.
  int depth() const { return depth_; }
  // Elements open now (after `paused`, depth() is the last event's).
  int open_elements() const { return static_cast<int>(open_.size()); }
  // After `start`: the raw (undecoded) value of the attribute named exactly
  // `qname`, or false when the element has none.
  bool attribute(std::string_view qname, std::string_view& raw) const;

  // After `text`: the characters as written (entities not decoded), whether
  // they came from a CDATA section, and whether the parent's end tag follows
  // right after them.
  std::string_view text() const { return text_; }
  bool cdata() const { return cdata_; }
  bool text_ends_element() const;

  // After `error`: what is wrong and the byte offset where it was found.
  const std::string& error() const { return error_; }
  std::size_t error_offset() const { return error_offset_; }
  // The error is a document type declaration (refused, not malformed).
  bool error_is_doctype() const { return doctype_; }

 private:
  Event fail(const char* at, std::string message);
  void set_local_at();
  Event start_tag();
  Event end_tag();

  const char* begin_;
  const char* p_;
  const char* end_;
  const char* pause_ = nullptr;
  bool fragment_ = false;
  std::vector<std::string_view> open_;  // each open element's name
  std::string_view name_;
  std::size_t local_at_ = 0;  // where the local part of name_ starts (after a prefix's ':')
  // The current start tag's attributes, (name, raw value), found as the tag
  // was checked; reused from tag to tag.
  std::vector<std::pair<std::string_view, std::string_view>> attributes_;
  std::string_view text_;
  bool cdata_ = false;
  bool pending_end_ = false;  // <a/>: the end event comes next
  bool root_seen_ = false;
  int depth_ = 0;
  std::string error_;
  std::size_t error_offset_ = 0;
  bool doctype_ = false;
};

// Text as pugixml's default options give it: the predefined entities and
// character references decoded (an unknown or broken reference stays as
// written), and line ends normalised ("\r\n" and "\r" become "\n").
void append_xml_text(std::string& out, std::string_view raw);
// CDATA: only the line ends normalised.
void append_xml_cdata(std::string& out, std::string_view raw);
// An attribute value: as text, and tabs and line ends become spaces.
std::string xml_attribute_value(std::string_view raw);

}  // namespace mamori::formats::detail
