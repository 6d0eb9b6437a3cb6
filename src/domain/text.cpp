#include "domain/text.h"

#include <cstdint>

namespace mamori::domain {

namespace {

// Decodes one code point at text[i]; returns its length in bytes, or 0 when
// the sequence there is invalid.
std::size_t decode(std::string_view text, std::size_t i, char32_t& cp) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  const unsigned char c = s[i];
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  std::size_t len;
  char32_t min;
  if ((c & 0xE0) == 0xC0) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > n) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((s[i + k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i + k] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}


// Half-width katakana U+FF61..U+FF9F to their full-width forms (JIS X 0201
// order). U+FF9E/FF9F (voiced marks) map to the spacing marks; fold() joins
// them with the preceding kana where a composed form exists.
constexpr char16_t kHalfwidthKana[] = {
    0x3002, 0x300C, 0x300D, 0x3001, 0x30FB, 0x30F2, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9,
    0x30E3, 0x30E5, 0x30E7, 0x30C3, 0x30FC, 0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA, 0x30AB,
    0x30AD, 0x30AF, 0x30B1, 0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF, 0x30C1,
    0x30C4, 0x30C6, 0x30C8, 0x30CA, 0x30CB, 0x30CC, 0x30CD, 0x30CE, 0x30CF, 0x30D2, 0x30D5,
    0x30D8, 0x30DB, 0x30DE, 0x30DF, 0x30E0, 0x30E1, 0x30E2, 0x30E4, 0x30E6, 0x30E8, 0x30E9,
    0x30EA, 0x30EB, 0x30EC, 0x30ED, 0x30EF, 0x30F3, 0x309B, 0x309C,
};

bool takes_dakuten(char32_t k) {
  // カ..ト (every other code point is the unvoiced one) and ハ..ホ.
  if (k >= 0x30AB && k <= 0x30C8) return k != 0x30C3 && ((k <= 0x30C1 && (k - 0x30AB) % 2 == 0) ||
                                                         (k >= 0x30C4 && (k - 0x30C4) % 2 == 0));
  if (k >= 0x30CF && k <= 0x30DB) return (k - 0x30CF) % 3 == 0;
  return false;
}

bool takes_handakuten(char32_t k) { return k >= 0x30CF && k <= 0x30DB && (k - 0x30CF) % 3 == 0; }

bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0x3000 ||
         cp == 0x00A0;
}

}  // namespace

bool is_valid_utf8(std::string_view text, std::size_t* bad_offset) {
  char32_t cp;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = decode(text, i, cp);
    if (len == 0) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    i += len;
  }
  return true;
}

std::size_t utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++count;
  return count;
}

namespace {

// Writes cp as UTF-8 at out[w]; returns the new end.
std::size_t put_utf8(char* out, std::size_t w, char32_t cp) {
  if (cp < 0x80) {
    out[w++] = static_cast<char>(cp);
  } else if (cp < 0x800) {
    out[w++] = static_cast<char>(0xC0 | (cp >> 6));
    out[w++] = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out[w++] = static_cast<char>(0xE0 | (cp >> 12));
    out[w++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[w++] = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out[w++] = static_cast<char>(0xF0 | (cp >> 18));
    out[w++] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out[w++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[w++] = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return w;
}

}  // namespace

// Called for every cell of an imported sheet and every search, so it writes
// into one buffer sized up front (folding never lengthens the text: each
// code point becomes one of at most its own length, spaces collapse and
// voiced marks join) instead of appending byte by byte.
std::string fold_for_search(std::string_view text) {
  std::string out(text.size(), '\0');
  char* o = out.data();
  std::size_t w = 0;
  bool pending_space = false;
  char32_t last = 0;        // last code point written, for joining voiced marks
  std::size_t last_at = 0;  // its byte offset in out
  char32_t cp;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = 1;
    if (c < 0x80) {
      cp = c;
    } else {
      len = decode(text, i, cp);
      if (len == 0) {
        ++i;  // drop the invalid byte
        continue;
      }
    }
    const std::size_t at = i;
    i += len;
    if (is_space(cp)) {
      pending_space = w != 0;
      continue;
    }
    const char32_t original = cp;
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp = cp - 0xFF01 + 0x21;
    if (cp >= 0xFF61 && cp <= 0xFF9F) cp = kHalfwidthKana[cp - 0xFF61];
    if (cp >= 'A' && cp <= 'Z') cp = cp - 'A' + 'a';
    // Join a voiced mark with the kana before it: ｶﾞ -> ガ, ｳﾞ -> ヴ, ﾊﾟ -> パ.
    if (!pending_space && (cp == 0x309B || cp == 0x309C) && last != 0) {
      char32_t joined = 0;
      if (cp == 0x309B && takes_dakuten(last)) joined = last + 1;
      if (cp == 0x309B && last == 0x30A6) joined = 0x30F4;
      if (cp == 0x309C && takes_handakuten(last)) joined = last + 2;
      if (joined) {
        w = put_utf8(o, last_at, joined);
        last = 0;  // a second mark does not join again
        continue;
      }
    }
    if (pending_space) {
      o[w++] = ' ';
      pending_space = false;
    }
    last_at = w;
    if (cp == original) {
      // Unchanged: the bytes as they came (decode accepts only the shortest form).
      for (std::size_t k = 0; k < len; ++k) o[w++] = text[at + k];
    } else {
      w = put_utf8(o, w, cp);
    }
    last = cp;
  }
  out.resize(w);
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// A loop rather than find_first_not_of(" \t\r\n"), which searches the four
// characters once per character of the text: this runs for every cell read.
std::string_view trim_spaces(std::string_view text) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  std::size_t first = 0;
  while (first < text.size() && space(text[first])) ++first;
  std::size_t last = text.size();
  while (last > first && space(text[last - 1])) --last;
  return text.substr(first, last - first);
}

int hex_digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace mamori::domain
