// The demo organisation's Statements of Applicability: one per demo service.
// 「まもり文書管理 (SaaS)」 (both) is approved once (version 1) and then edited,
// so its draft differs from version 1 and carries the demo's one visible rule
// violation (Annex A 7.14 excluded while CLD.8.1.5, based on it, is adopted);
// 「業務メール (外部SaaS)」 (customer) is fully evaluated, not yet approved.
#pragma once

#include <string>

#include "app/services.h"
#include "domain/error.h"

namespace mamori::app {

// Adds them for services that have none; idempotent. After the services
// (demo_isms_scope) and the risks (demo_risks), whose treatments the rows show.
Status ensure_demo_soas(Services& services, const std::string& tenant_id, const std::string& admin_email);

}  // namespace mamori::app
