// Dates as the product stores and takes them: "YYYY-MM-DD".
#pragma once

#include <string_view>

namespace mamori::domain {

// True when `text` is YYYY-MM-DD naming a real calendar day (leap years
// counted) from 1900 on.
bool is_iso_date(std::string_view text);

}  // namespace mamori::domain
