#include "formats/xlsx_bytes.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace mamori::formats {

Result<std::string> xlsx_bytes(const std::function<Status(const std::string& path)>& write) {
  std::error_code ec;
  std::string pattern = (std::filesystem::temp_directory_path(ec) / "mamori-xlsx-XXXXXX").string();
  if (ec) pattern = "/tmp/mamori-xlsx-XXXXXX";
  // mkstemp creates the file with mode 0600: nobody else reads it meanwhile.
  const int fd = mkstemp(pattern.data());
  if (fd < 0) return make_error(ErrorCode::io, "cannot create a temporary file for the workbook");
  ::close(fd);
  auto written = write(pattern);
  std::string bytes;
  if (written) {
    std::ifstream in(pattern, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    bytes = s.str();
  }
  std::filesystem::remove(pattern, ec);
  if (!written) return written.error();
  if (bytes.empty()) return make_error(ErrorCode::io, "the workbook came out empty");
  return bytes;
}

}  // namespace mamori::formats
