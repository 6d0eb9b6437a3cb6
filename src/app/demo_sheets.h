// The demo organisation's procurement (make run): one check sheet (summary
// template, 機密性3C), the sample ISMAP service list, and two vendors'
// answered sheets imported, so the sheet, the evaluation, the reviews and
// the comparison have something to show.
#pragma once

#include <string>

#include "app/services.h"
#include "domain/error.h"

namespace mamori::app {

inline constexpr const char* kDemoSheetTitle = "住民問合せ管理システム クラウドサービス調達";

// Does nothing when the organisation already has a sheet.
Status ensure_demo_sheets(Services& services, const std::string& tenant_id);

}  // namespace mamori::app
