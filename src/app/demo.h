// The demo organisation `make run` shows: a cloud provider and its first
// admin, who signs in with a one-time password printed on the console, and
// a procurement check sheet with two vendors' responses (app/demo_sheets.h).
#pragma once

#include <string>

#include "app/services.h"
#include "domain/error.h"

namespace mamori::app {

inline constexpr const char* kDemoTenant = "デモクラウド株式会社";
inline constexpr const char* kDemoAdminEmail = "admin@demo.mamori.example";

struct DemoReport {
  bool tenant_created = false;
  std::string admin_email;
  // Set when the admin is new, or has never used the previous one-time
  // password (a fresh one is issued so `make run` always shows a working one).
  std::string one_time_password;
};

Result<DemoReport> ensure_demo(Services& services);

}  // namespace mamori::app
