#include "formats/file_output.h"

#include <cerrno>
#include <cstring>
#include <fstream>

namespace mamori::formats {

Status write_file(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return make_error(ErrorCode::io, std::string("cannot create the file: ") + std::strerror(errno), Location::in_file(path));
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return make_error(ErrorCode::io, std::string("cannot write the file: ") + std::strerror(errno), Location::in_file(path));
  return ok();
}

}  // namespace mamori::formats
