// Text into SpreadsheetML, the way Excel itself writes it.
#pragma once

#include <string>
#include <string_view>

namespace mamori::formats {

// Element text: &, < and > escaped; characters XML 1.0 cannot carry (and a
// carriage return, which XML parsers turn into a line feed) as Excel's
// _xHHHH_; a literal "_xHHHH_" in the text guarded as _x005F_xHHHH_ so it
// reads back as written; bytes that are not UTF-8 as U+FFFD, so one bad
// byte cannot make the whole file unreadable.
void append_xml_text(std::string& out, std::string_view text);

// Attribute values (sheet names, prompts, properties): &, <, > and "
// escaped; tab and line breaks as character references, which attribute
// normalisation would otherwise turn into spaces; other control characters
// as spaces, since Excel does not read _xHHHH_ there; bad UTF-8 as U+FFFD.
void append_xml_attribute(std::string& out, std::string_view text);

// True when the text starts or ends with whitespace, which a <t> element
// keeps only with xml:space="preserve".
bool needs_space_preserve(std::string_view text);

}  // namespace mamori::formats
