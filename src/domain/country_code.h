// ISO 3166-1 alpha-2 country codes: where a cloud service keeps its data and
// where an asset is stored. Only officially assigned codes are accepted, so
// a typo ("JA" for Japan) is caught when it is entered, not when a customer
// asks where their data lives.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mamori::domain {

// True for an officially assigned alpha-2 code, upper case ("JP", "US").
bool is_country_code(std::string_view code);

// Trims and upper-cases (full-width letters too, as Japanese input methods
// type them); nullopt when the result is not an assigned code.
std::optional<std::string> normalise_country_code(std::string_view text);

}  // namespace mamori::domain
