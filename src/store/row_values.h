// Internal to src/store: reading a soci::row the same way on both engines.
#pragma once

#include <soci/soci.h>

#include <charconv>
#include <cstdint>
#include <string>

namespace mamori::store {

// INTEGER columns and COUNT(*) come back as different C++ types on SQLite
// and PostgreSQL, and SQLite describes a column without a declared type
// (an expression) as text; read any of them.
inline std::int64_t integer_at(const soci::row& r, std::size_t i) {
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer: return r.get<int>(i);
    case soci::dt_long_long: return r.get<long long>(i);
    case soci::dt_unsigned_long_long: return static_cast<std::int64_t>(r.get<unsigned long long>(i));
    case soci::dt_double: return static_cast<std::int64_t>(r.get<double>(i));
    case soci::dt_string: {
      const std::string text = r.get<std::string>(i);
      std::int64_t value = 0;
      std::from_chars(text.data(), text.data() + text.size(), value);
      return value;
    }
    default: return 0;
  }
}

}  // namespace mamori::store
