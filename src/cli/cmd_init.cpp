#include <iostream>

#include "cli/command.h"

namespace mamori::cli {

void add_init_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("init", "データベースを作成しカタログを読み込む (冪等) / create the database and load the catalogs (idempotent)");
  auto options = std::make_shared<app::DataOptions>();
  auto demo = std::make_shared<bool>(false);
  add_data_options(*cmd, *options);
  cmd->add_flag("--demo", *demo, "デモ組織を作成 / also create the demo organisation");
  cmd->callback([&action, options, demo] {
    action = [options, demo] {
      if (options->data_dir.empty() && options->db_url.empty())
        return report(make_error(ErrorCode::invalid_input, "init needs --data DIR or --db URL", Location::in_field("--data")));
      auto result = app::init_data(*options, *demo);
      if (!result) return report(result.error());
      const auto& r = result.value();
      std::cout << "database: " << r.database << " (schema " << r.schema_version << ")\n";
      for (const auto& l : r.loaded) std::cout << "loaded catalog " << l << "\n";
      if (!r.unchanged.empty()) std::cout << r.unchanged.size() << " catalogs already loaded, unchanged\n";
      std::cout << r.mappings_loaded << " mappings loaded\n";
      for (const auto& d : r.demo) std::cout << "demo: created " << d << "\n";
      return kExitOk;
    };
  });
}

}  // namespace mamori::cli
