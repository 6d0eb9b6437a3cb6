// The demo organisation's ISMS core (app/demo_isms_scope.cpp): its scope,
// two cloud services (a SaaS it provides on AWS, so role both, and an
// outside mail SaaS it uses) and an asset inventory marking customer and
// derived data. Other demo code (risks, SoA) looks these up by name.
#pragma once

#include <string>

#include "app/services.h"
#include "domain/error.h"

namespace mamori::app {

inline constexpr const char* kDemoSaasService = "まもり文書管理 (SaaS)";
inline constexpr const char* kDemoMailService = "業務メール (外部SaaS)";

// Adds what is missing (scope text, services and assets by name); idempotent.
Status ensure_demo_isms_scope(Services& services, const std::string& tenant_id);

}  // namespace mamori::app
