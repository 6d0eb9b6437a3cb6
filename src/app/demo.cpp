#include "app/demo.h"

#include "app/caller.h"
#include "app/demo_isms_scope.h"
#include "app/demo_library.h"
#include "app/demo_risks.h"
#include "app/demo_sheets.h"
#include "app/demo_soa.h"
#include "app/demo_standard.h"
#include "app/organisations.h"
#include "store/tenant_repository.h"
#include "store/user_repository.h"

namespace mamori::app {

Result<DemoReport> ensure_demo(Services& services) {
  DemoReport report;
  report.admin_email = kDemoAdminEmail;
  const Caller operator_cli = Caller::operator_cli();
  auto tenant = find_tenant(services, kDemoTenant);
  if (!tenant) {
    if (tenant.error().code != ErrorCode::not_found) return tenant.error();
    tenant = create_tenant(services, operator_cli, kDemoTenant, domain::TenantKind::provider);
    if (!tenant) return tenant.error();
    report.tenant_created = true;
  }
  std::optional<store::User> admin;
  auto read = services.db.with_read([&](store::Tx& tx) -> Status {
    auto u = store::find_user_by_email(tx, kDemoAdminEmail);
    if (!u) return u.error();
    admin = u.value();
    return ok();
  });
  if (!read) return read.error();
  if (!admin) {
    auto added = add_member(services, operator_cli, tenant->id, kDemoAdminEmail, domain::Role::admin, "デモ管理者", "");
    if (!added) return added.error();
    report.one_time_password = added->one_time_password;
  } else if (admin->must_change_password) {
    auto password = reset_password(services, operator_cli, kDemoAdminEmail, "");
    if (!password) return password.error();
    report.one_time_password = password.value();
  }
  if (auto sheets = ensure_demo_sheets(services, tenant->id); !sheets) return sheets.error();
  if (auto library = ensure_demo_library(services, tenant->id); !library) return library.error();
  if (auto scope = ensure_demo_isms_scope(services, tenant->id); !scope) return scope.error();
  // After the services and assets (ensure_demo_isms_scope), which the risks refer to.
  if (auto risks = ensure_demo_risks(services, tenant->id, kDemoAdminEmail); !risks) return risks.error();
  if (auto standard = ensure_demo_standard(services, tenant->id); !standard) return standard.error();
  // After the services and the risks, whose treatments the SoA rows show.
  if (auto soas = ensure_demo_soas(services, tenant->id, kDemoAdminEmail); !soas) return soas.error();
  return report;
}

}  // namespace mamori::app
