#include "formats/xml_pull.h"

#include <cstdint>
#include <algorithm>
#include <cstring>

#include "domain/text.h"

namespace mamori::formats::detail {

namespace {

// Name characters as pugixml accepts them: ASCII letters, '_' and ':' to
// start, digits, '-' and '.' after that, and every byte of a multi-byte
// UTF-8 sequence.
struct NameTable {
  bool start[256] = {};
  bool rest[256] = {};
  NameTable() {
    for (int c = 0; c < 256; ++c) {
      bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' || c >= 0x80;
      start[c] = letter;
      rest[c] = letter || (c >= '0' && c <= '9') || c == '-' || c == '.';
    }
  }
};
const NameTable kNames;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

const char* skip_name(const char* p, const char* end) {
  while (p < end && kNames.rest[static_cast<unsigned char>(*p)]) ++p;
  return p;
}

const char* skip_space(const char* p, const char* end) {
  while (p < end && is_space(*p)) ++p;
  return p;
}

const char* find(const char* p, const char* end, std::string_view what) {
  std::string_view rest(p, static_cast<std::size_t>(end - p));
  std::size_t at = rest.find(what);
  return at == std::string_view::npos ? nullptr : p + at;
}

// The first `c` in [p, end), or nullptr. Most of what the tokenizer
// searches is short (attribute values, a cell's number), where calling
// memchr costs more than looking; longer runs still go to memchr.
const char* find_char(const char* p, const char* end, char c) {
  const char* stop = end - p > 16 ? p + 16 : end;
  for (; p < stop; ++p)
    if (*p == c) return p;
  if (p == end) return nullptr;
  return static_cast<const char*>(std::memchr(p, c, static_cast<std::size_t>(end - p)));
}

bool starts_with(const char* p, const char* end, std::string_view what) {
  return static_cast<std::size_t>(end - p) >= what.size() && std::memcmp(p, what.data(), what.size()) == 0;
}

// "&...;" at `p` (which is '&'): appends what it stands for and returns the
// character after ';', or returns nullptr when it is not a reference pugixml
// would decode.
const char* decode_reference(std::string& out, const char* p, const char* end) {
  const char* s = p + 1;
  if (s < end && *s == '#') {
    ++s;
    bool hex = s < end && *s == 'x';
    if (hex) ++s;
    std::uint32_t code = 0;
    const char* digits = s;
    for (; s < end && *s != ';'; ++s) {
      int d;
      if (*s >= '0' && *s <= '9')
        d = *s - '0';
      else if (hex && *s >= 'a' && *s <= 'f')
        d = *s - 'a' + 10;
      else if (hex && *s >= 'A' && *s <= 'F')
        d = *s - 'A' + 10;
      else
        return nullptr;
      code = code * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
      if (code > 0x10FFFF) return nullptr;
    }
    if (s == end || s == digits) return nullptr;
    domain::append_utf8(out, static_cast<char32_t>(code));
    return s + 1;
  }
  static constexpr std::pair<std::string_view, char> kNamed[] = {
      {"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'}, {"apos;", '\''}};
  for (const auto& [name, c] : kNamed)
    if (starts_with(s, end, name)) {
      out += c;
      return s + name.size();
    }
  return nullptr;
}

// Appends `raw`, decoding references and normalising line ends; `space`
// also turns tabs and line ends into spaces (attribute values).
void append_decoded(std::string& out, std::string_view raw, bool references, bool space) {
  const char* p = raw.data();
  const char* end = p + raw.size();
  while (p < end) {
    const char* run = p;
    while (p < end && *p != '&' && *p != '\r' && !(space && (*p == '\n' || *p == '\t'))) ++p;
    out.append(run, static_cast<std::size_t>(p - run));
    if (p == end) break;
    if (*p == '&') {
      const char* after = references ? decode_reference(out, p, end) : nullptr;
      if (after) {
        p = after;
      } else {
        out += '&';
        ++p;
      }
    } else if (*p == '\r') {
      out += space ? ' ' : '\n';
      ++p;
      if (p < end && *p == '\n') ++p;
    } else {
      out += ' ';
      ++p;
    }
  }
}

// Text with nothing to decode or normalise.
// Short runs (a cell's number) byte by byte; long ones (the texts of the
// shared-string table) with memchr, which reads them many bytes at a time.
bool plain_text(std::string_view raw) {
  if (raw.size() <= 32) {
    for (char x : raw)
      if (x == '&' || x == '\r') return false;
    return true;
  }
  return !std::memchr(raw.data(), '&', raw.size()) && !std::memchr(raw.data(), '\r', raw.size());
}

}  // namespace

void append_xml_text(std::string& out, std::string_view raw) {
  if (plain_text(raw)) {
    out.append(raw);
    return;
  }
  append_decoded(out, raw, true, false);
}

void append_xml_cdata(std::string& out, std::string_view raw) {
  if (raw.find('\r') == std::string_view::npos) {
    out.append(raw);
    return;
  }
  append_decoded(out, raw, false, false);
}

std::string xml_attribute_value(std::string_view raw) {
  if (plain_attribute_value(raw)) return std::string(raw);
  std::string out;
  append_decoded(out, raw, true, true);
  return out;
}

XmlPull::XmlPull(std::string_view xml) : begin_(xml.data()), p_(xml.data()), end_(xml.data() + xml.size()) {
  // A UTF-8 byte order mark is not content.
  if (starts_with(p_, end_, "\xEF\xBB\xBF")) p_ += 3;
}

XmlPull::XmlPull(std::string_view xml, std::size_t from, Fragment)
    : begin_(xml.data()), p_(xml.data() + std::min(from, xml.size())), end_(xml.data() + xml.size()),
      fragment_(true), root_seen_(true) {}

bool XmlPull::text_ends_element() const { return end_ - p_ >= 2 && p_[0] == '<' && p_[1] == '/'; }

XmlPull::Event XmlPull::fail(const char* at, std::string message) {
  error_ = std::move(message);
  error_offset_ = static_cast<std::size_t>(at - begin_);
  p_ = end_;
  open_.clear();
  return Event::error;
}

XmlPull::Event XmlPull::next() {
  if (!error_.empty()) return Event::error;
  if (pending_end_) {
    pending_end_ = false;
    depth_ = static_cast<int>(open_.size());
    open_.pop_back();
    return Event::end;
  }
  for (;;) {
    if (p_ == pause_) {
      pause_ = nullptr;  // once: next() then goes on from here
      return Event::paused;
    }
    if (p_ == end_) {
      if (!open_.empty()) {
        return fail(end_, "the data ends inside <" + std::string(open_.back()) + ">");
      }
      if (!root_seen_) return fail(end_, "no root element");
      return Event::done;
    }
    if (*p_ != '<') {
      const char* lt = find_char(p_, end_, '<');
      const char* stop = lt ? lt : end_;
      text_ = std::string_view(p_, static_cast<std::size_t>(stop - p_));
      if (open_.empty() && !fragment_) {
        for (const char* s = p_; s < stop; ++s)
          if (!is_space(*s)) return fail(s, "text outside the root element");
        p_ = stop;
        continue;
      }
      p_ = stop;
      cdata_ = false;
      depth_ = static_cast<int>(open_.size());
      return Event::text;
    }
    if (end_ - p_ < 2) return fail(p_, "the data ends inside a tag");
    const char c = p_[1];
    if (c == '/') return end_tag();
    if (c == '?') {
      const char* close = find(p_ + 2, end_, "?>");
      if (!close) return fail(p_, "a processing instruction is not closed");
      p_ = close + 2;
      continue;
    }
    if (c == '!') {
      if (starts_with(p_, end_, "<!--")) {
        const char* close = find(p_ + 4, end_, "-->");
        if (!close) return fail(p_, "a comment is not closed");
        p_ = close + 3;
        continue;
      }
      if (starts_with(p_, end_, "<![CDATA[")) {
        if (open_.empty() && !fragment_) return fail(p_, "a CDATA section outside the root element");
        const char* close = find(p_ + 9, end_, "]]>");
        if (!close) return fail(p_, "a CDATA section is not closed");
        text_ = std::string_view(p_ + 9, static_cast<std::size_t>(close - p_ - 9));
        p_ = close + 3;
        cdata_ = true;
        depth_ = static_cast<int>(open_.size());
        return Event::text;
      }
      if (starts_with(p_, end_, "<!DOCTYPE")) {
        doctype_ = true;
        return fail(p_, "a document type declaration");
      }
      return fail(p_, "an unknown <! declaration");
    }
    return start_tag();
  }
}

void XmlPull::set_local_at() {
  // Names are short; a loop costs less than rfind's call.
  local_at_ = 0;
  for (std::size_t i = name_.size(); i-- > 0;)
    if (name_[i] == ':') {
      local_at_ = i + 1;
      break;
    }
}

XmlPull::Event XmlPull::start_tag() {
  const char* tag = p_;
  const char* n = p_ + 1;
  if (!kNames.start[static_cast<unsigned char>(*n)]) return fail(tag, "a start tag without a valid name");
  if (open_.empty() && root_seen_ && !fragment_) return fail(tag, "a second root element");
  const char* s = skip_name(n, end_);
  // Pushed from this local below: reading name_ back as one 16-byte load
  // right after storing it in two halves stalls (a store-forwarding miss,
  // a sixth of the tag's time in perf).
  const std::string_view name(n, static_cast<std::size_t>(s - n));
  name_ = name;
  set_local_at();
  attributes_.clear();
  // Attributes: name = "value" or 'value', each after white space.
  for (;;) {
    const char* before = s;
    s = skip_space(s, end_);
    if (s == end_) return fail(tag, "the data ends inside a start tag");
    if (*s == '>' || *s == '/') break;
    if (s == before || !kNames.start[static_cast<unsigned char>(*s)])
      return fail(s, "a malformed attribute in <" + std::string(name_) + ">");
    const char* attribute_name = s;
    const char* name_end = skip_name(s, end_);
    s = skip_space(name_end, end_);
    if (s == end_ || *s != '=') return fail(s, "an attribute without a value in <" + std::string(name_) + ">");
    s = skip_space(s + 1, end_);
    if (s == end_ || (*s != '"' && *s != '\'')) return fail(s, "an attribute value without quotes");
    const char* close = find_char(s + 1, end_, *s);
    if (!close) return fail(s, "an attribute value is not closed");
    attributes_.push_back({std::string_view(attribute_name, static_cast<std::size_t>(name_end - attribute_name)),
                           std::string_view(s + 1, static_cast<std::size_t>(close - s - 1))});
    s = close + 1;
  }
  if (*s == '/') {
    if (s + 1 == end_ || s[1] != '>') return fail(s, "a malformed start tag <" + std::string(name_) + ">");
    pending_end_ = true;
    p_ = s + 2;
  } else {
    p_ = s + 1;
  }
  root_seen_ = true;
  open_.push_back(name);
  depth_ = static_cast<int>(open_.size());
  return Event::start;
}

XmlPull::Event XmlPull::end_tag() {
  const char* tag = p_;
  const char* n = p_ + 2;
  const char* s = skip_name(n, end_);
  name_ = std::string_view(n, static_cast<std::size_t>(s - n));
  s = skip_space(s, end_);
  if (s == end_ || *s != '>' || name_.empty()) return fail(tag, "a malformed end tag");
  if (open_.empty() && fragment_) return Event::outer_end;  // p_ stays at the tag
  if (open_.empty()) return fail(tag, "an end tag </" + std::string(name_) + "> without a start tag");
  const std::string_view open_name = open_.back();
  if (!same_text(open_name, name_))
    return fail(tag, "the end tag </" + std::string(name_) + "> does not match <" + std::string(open_name) + ">");
  set_local_at();
  depth_ = static_cast<int>(open_.size());
  open_.pop_back();
  p_ = s + 1;
  return Event::end;
}

bool XmlPull::attribute(std::string_view qname, std::string_view& raw) const {
  for (const auto& [name, value] : attributes_)
    if (same_text(name, qname)) {
      raw = value;
      return true;
    }
  return false;
}

}  // namespace mamori::formats::detail
