// libxlsxwriter 1.1.4 (Debian 12) writes workbooks to files only; this
// turns a file writer into bytes for a download, through a private
// temporary file that is removed again.
#pragma once

#include <functional>
#include <string>

#include "domain/error.h"

namespace mamori::formats {

Result<std::string> xlsx_bytes(const std::function<Status(const std::string& path)>& write);

}  // namespace mamori::formats
