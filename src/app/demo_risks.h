// The demo organisation's risks: the default criteria and eight risks over
// the demo services and assets, four of them from the cloud risk sources of
// seed 003, several treated with controls of iso27001-2022, iso27017-2015 and
// ismap-2024 and approved by their owner, one high risk left untreated past
// its goal's deadline (app/demo_risks.cpp).
#pragma once

#include <string>

#include "app/services.h"
#include "domain/error.h"

namespace mamori::app {

// Adds them when the organisation has no risk yet; idempotent. Dates are
// relative to today, so the goal progress always shows met, open and overdue.
Status ensure_demo_risks(Services& services, const std::string& tenant_id, const std::string& admin_email);

}  // namespace mamori::app
