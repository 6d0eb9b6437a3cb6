// The demo organisation's tailored control standard (個別管理基準): derived
// from ISMAP 管理基準 by the seven steps with seed 002's examples 1–4 among
// its changes, a few 推奨 items, 技術的検証項目 reviewed every 6 months, one
// approved version, a later draft change and a saved audit scope of every
// #検知 item (app/demo_standard.cpp).
#pragma once

#include <string>

#include "app/services.h"
#include "domain/error.h"

namespace mamori::app {

inline constexpr const char* kDemoStandardName = "デモクラウド 個別管理基準";

// Adds the standard when the organisation has none of that name; idempotent.
Status ensure_demo_standard(Services& services, const std::string& tenant_id);

}  // namespace mamori::app
