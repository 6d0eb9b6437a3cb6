// Text rules for Japanese input: UTF-8 validity, and the folding that makes
// "ＩＳＭＡＰ", "ISMAP" and "ismap", or "ｸﾛｯｸ" and "クロック", the same
// for search and matching. Pure functions, no locale, no ICU.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mamori::domain {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, no
// code points above U+10FFFF). On false, *bad_offset (if given) is the byte
// offset of the first invalid sequence.
bool is_valid_utf8(std::string_view text, std::size_t* bad_offset = nullptr);

// Number of code points (for limits users think of as "characters").
std::size_t utf8_length(std::string_view text);

// Appends the UTF-8 encoding of one code point (the caller checks it is one).
void append_utf8(std::string& out, char32_t code_point);

// `text` without the spaces, tabs and line breaks (CR, LF) around it: what
// a cell's content is once the stray white space people type is gone.
std::string_view trim_spaces(std::string_view text);

// 0-15 for a hexadecimal digit (either case), -1 for anything else.
int hex_digit_value(char c);

// Folds text for search and comparison:
//  - full-width ASCII (U+FF01..FF5E) -> ASCII; ideographic space -> space
//  - half-width katakana -> full-width, with ﾞ/ﾟ joined (ｶﾞ -> ガ, ﾊﾟ -> パ)
//  - ASCII upper case -> lower case
//  - runs of whitespace (incl. line breaks) -> one space; trimmed
// Invalid UTF-8 bytes are dropped.
std::string fold_for_search(std::string_view text);

}  // namespace mamori::domain
