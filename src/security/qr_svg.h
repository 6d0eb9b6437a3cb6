// QR codes (libqrencode) rendered as a self-contained SVG, for TOTP
// enrolment: the browser shows it inline, no image files.
#pragma once

#include <string>
#include <string_view>

#include "domain/error.h"

namespace mamori::security {

// Error correction level M, a 4-module quiet zone, one <path> of dark
// modules; viewBox in modules so it scales cleanly. The text goes in as
// 8-bit bytes (UTF-8 as is). Fails on empty text or text with a NUL
// (invalid_input) and on text too long for any QR version (too_large).
Result<std::string> qr_svg(std::string_view text);

}  // namespace mamori::security
