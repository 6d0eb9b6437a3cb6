// Bytes to a file the person named (`--out`), for the CLI's exports.
#pragma once

#include <string>
#include <string_view>

#include "domain/error.h"

namespace mamori::formats {

// Creates or replaces `path`. An error names the file and what the system said.
Status write_file(const std::string& path, std::string_view bytes);

}  // namespace mamori::formats
