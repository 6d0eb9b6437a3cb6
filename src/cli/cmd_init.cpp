#include <iostream>

#include "app/demo.h"
#include "cli/command.h"
#include "cli/services.h"

namespace mamori::cli {

void add_init_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("init", "データベースを作成しカタログを読み込む (冪等) / create the database and load the catalogs (idempotent)");
  auto options = std::make_shared<InstanceOptions>();
  auto demo = std::make_shared<bool>(false);
  add_data_options(*cmd, options->data);
  add_key_option(*cmd, *options);
  cmd->add_flag("--demo", *demo, "デモ組織と管理者を作成 / also create the demo organisation and its admin");
  cmd->callback([&action, options, demo] {
    action = [options, demo] {
      if (options->data.data_dir.empty() && options->data.db_url.empty())
        return report(make_error(ErrorCode::invalid_input, "init needs --data DIR or --db URL", Location::in_field("--data")));
      if (auto r = app::ensure_data_dir(options->data); !r) return report(r.error());
      options->create = true;
      auto instance = open_instance(*options);
      if (!instance) return report(instance.error());
      auto& db = *instance->db;
      std::cout << "database: " << db.url().display() << " (schema " << db.schema_version() << ")\n";
      auto loaded = app::load_builtin_catalogs(db);
      if (!loaded) return report(loaded.error());
      for (const auto& l : loaded->loaded) std::cout << "loaded catalog " << l << "\n";
      if (!loaded->unchanged.empty()) std::cout << loaded->unchanged.size() << " catalogs already loaded, unchanged\n";
      std::cout << loaded->mappings_loaded << " mappings loaded\n";
      if (*demo) {
        auto demo_report = app::ensure_demo(*instance->services);
        if (!demo_report) return report(demo_report.error());
        if (demo_report->tenant_created) std::cout << "demo: created organisation " << app::kDemoTenant << " (provider)\n";
        if (!demo_report->one_time_password.empty())
          std::cout << "\n  デモ管理者 / demo admin:  " << demo_report->admin_email
                    << "\n  ワンタイムパスワード / one-time password:  " << demo_report->one_time_password
                    << "\n  (初回ログイン時に変更 / change it at first sign-in)\n\n";
      }
      return kExitOk;
    };
  });
}

}  // namespace mamori::cli
