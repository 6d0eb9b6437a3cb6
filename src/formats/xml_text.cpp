#include "formats/xml_text.h"

#include <cstdint>

#include "domain/text.h"

namespace mamori::formats {

namespace {

constexpr char kHex[] = "0123456789ABCDEF";

void append_excel_escape(std::string& out, unsigned value) {
  out += "_x";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(value >> shift) & 0xF];
  out += '_';
}

bool is_hex(char c) { return domain::hex_digit_value(c) >= 0; }

// "_xHHHH_" at i: Excel would read it as an escape.
bool looks_like_escape(std::string_view s, std::size_t i) {
  return i + 7 <= s.size() && s[i + 1] == 'x' && is_hex(s[i + 2]) && is_hex(s[i + 3]) && is_hex(s[i + 4]) &&
         is_hex(s[i + 5]) && s[i + 6] == '_';
}

// Length of the well-formed UTF-8 sequence at i (2-4), or 0.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  std::uint32_t cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    cp = b0 & 0x0F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    cp = b0 & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  // Overlong forms, surrogates, beyond U+10FFFF; U+FFFE/U+FFFF are not XML.
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
  if (cp == 0xFFFE || cp == 0xFFFF) return 0;
  return n;
}

template <bool Attribute>
void append_escaped(std::string& out, std::string_view s) {
  std::size_t plain = 0;  // start of the run not yet copied
  auto flush = [&](std::size_t i) { out.append(s.data() + plain, i - plain); };
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const std::size_t n = utf8_sequence(s, i);
      if (n) {
        i += n;
        continue;
      }
      flush(i);
      out += "\xEF\xBF\xBD";  // U+FFFD
      plain = ++i;
      continue;
    }
    const char* replacement = nullptr;
    switch (c) {
      case '&': replacement = "&amp;"; break;
      case '<': replacement = "&lt;"; break;
      case '>': replacement = "&gt;"; break;
      case '"':
        if (Attribute) replacement = "&quot;";
        break;
      case '\n':
        if (Attribute) replacement = "&#10;";
        break;
      case '\t':
        if (Attribute) replacement = "&#9;";
        break;
      case '\r':
        if (Attribute) replacement = "&#13;";
        break;
      case '_':
        // Attributes (sheet names, prompts) are not read for _xHHHH_.
        if (!Attribute && looks_like_escape(s, i)) replacement = "_x005F_";
        break;
      default: break;
    }
    if (replacement) {
      // For the guard, "_x005F_" stands for the underscore itself; the
      // "xHHHH_" after it is copied as it is.
      flush(i);
      out += replacement;
      plain = ++i;
      continue;
    }
    if (c < 0x20 && c != '\n' && c != '\t' && !(Attribute && c == '\r')) {
      flush(i);
      if (Attribute) {
        out += ' ';  // XML 1.0 has no way to carry it in an attribute
      } else {
        append_excel_escape(out, c);
      }
      plain = ++i;
      continue;
    }
    ++i;
  }
  flush(s.size());
}

}  // namespace

void append_xml_text(std::string& out, std::string_view text) { append_escaped<false>(out, text); }

void append_xml_attribute(std::string& out, std::string_view text) { append_escaped<true>(out, text); }

bool needs_space_preserve(std::string_view text) {
  if (text.empty()) return false;
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  return space(text.front()) || space(text.back());
}

}  // namespace mamori::formats
