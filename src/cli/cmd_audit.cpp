// mamori audit verify|export
#include <fstream>
#include <iostream>

#include "app/audit_log.h"
#include "app/organisations.h"
#include "cli/command.h"
#include "cli/services.h"

namespace mamori::cli {

void add_audit_command(CLI::App& app, Action& action) {
  auto* audit = app.add_subcommand("audit", "監査ログ / the audit log");
  audit->require_subcommand(1);
  auto options = std::make_shared<InstanceOptions>();
  auto tenant = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();

  auto* verify = audit->add_subcommand(
      "verify", "ハッシュチェーンを検証 (改ざんなし: 0, 改ざんあり: 1) / verify every hash chain: exit 0 intact, 1 broken");
  add_data_options(*verify, options->data);
  verify->callback([&action, options] {
    action = [options] {
      auto db = app::open_data(options->data);
      if (!db) return report(db.error());
      auto result = app::verify_audit_log(*db.value());
      if (!result) return report(result.error());
      if (result->first_break) {
        const auto& b = *result->first_break;
        std::cerr << "mamori: audit log BROKEN in chain " << b.chain << " at entry " << b.seq
                  << (b.entry_id.empty() ? "" : " (" + b.entry_id + ")") << ": " << b.reason << "\n";
        return 1;  // the documented "broken" status, distinct from errors (2)
      }
      std::cout << "audit log intact: " << result->chains << " chains, " << result->entries << " entries\n";
      return kExitOk;
    };
  });

  auto* exp = audit->add_subcommand("export", "JSON Lines で書き出す / export as JSON lines");
  add_data_options(*exp, options->data);
  add_key_option(*exp, *options);
  exp->add_option("--tenant", *tenant, "組織名 (省略時は全て) / organisation (default: all)");
  exp->add_option("--out", *out, "出力ファイル (省略時は標準出力) / output file (default stdout)");
  exp->callback([&action, options, tenant, out] {
    action = [options, tenant, out] {
      auto instance = open_instance(*options);
      if (!instance) return report(instance.error());
      std::string tenant_id;
      if (!tenant->empty()) {
        auto t = app::find_tenant(*instance->services, *tenant);
        if (!t) return report(t.error());
        tenant_id = t->id;
      }
      std::ofstream file;
      if (!out->empty()) {
        file.open(*out, std::ios::binary | std::ios::trunc);
        if (!file) return report(make_error(ErrorCode::io, "cannot write " + *out, Location::in_field("--out")));
      }
      std::ostream& sink = out->empty() ? std::cout : file;
      auto s = app::export_audit_log(*instance->services, app::Caller::operator_cli(), tenant_id,
                                     [&](const std::string& line) { sink << line << "\n"; });
      if (!s) return report(s.error());
      sink.flush();
      if (!sink) return report(make_error(ErrorCode::io, "cannot write the export", Location::in_field("--out")));
      return kExitOk;
    };
  });
}

}  // namespace mamori::cli
