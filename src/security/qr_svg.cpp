#include "security/qr_svg.h"

#include <qrencode.h>

#include <cerrno>
#include <memory>

namespace mamori::security {

namespace {

constexpr int kQuietZone = 4;  // ISO/IEC 18004's minimum; scanners need it

struct QrFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

bool dark(const QRcode& code, int x, int y) { return (code.data[y * code.width + x] & 1) != 0; }

// One subpath per horizontal run of dark modules keeps the SVG small.
std::string dark_path(const QRcode& code) {
  std::string d;
  for (int y = 0; y < code.width; ++y) {
    for (int x = 0; x < code.width;) {
      if (!dark(code, x, y)) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < code.width && dark(code, x + run, y)) ++run;
      d += "M" + std::to_string(x + kQuietZone) + " " + std::to_string(y + kQuietZone) + "h" + std::to_string(run) +
           "v1h-" + std::to_string(run) + "z";
      x += run;
    }
  }
  return d;
}

}  // namespace

Result<std::string> qr_svg(std::string_view text) {
  if (text.empty()) return make_error(ErrorCode::invalid_input, "nothing to put in the QR code");
  // libqrencode takes a C string: a NUL would silently cut the text short.
  if (text.find('\0') != std::string_view::npos) {
    return make_error(ErrorCode::invalid_input, "QR code text contains a NUL character");
  }
  std::string c_text(text);
  errno = 0;
  // 8-bit mode: UTF-8 bytes as they are, which is what otpauth URIs need.
  std::unique_ptr<QRcode, QrFree> code(QRcode_encodeString(c_text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!code) {
    if (errno == ERANGE) {
      return make_error(ErrorCode::too_large,
                        "text too long for a QR code (" + std::to_string(text.size()) + " bytes)");
    }
    return make_error(ErrorCode::internal, "libqrencode could not encode the text");
  }
  const std::string size = std::to_string(code->width + 2 * kQuietZone);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size +
         "\" shape-rendering=\"crispEdges\"><rect width=\"" + size + "\" height=\"" + size +
         "\" fill=\"#fff\"/><path d=\"" + dark_path(*code) + "\" fill=\"#000\"/></svg>";
}

}  // namespace mamori::security
