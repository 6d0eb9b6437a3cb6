// mamori: one binary for the server, set-up and data work.
#include <iostream>

#include "app/allocator_tuning.h"
#include "cli/command.h"

#ifndef MAMORI_VERSION
#define MAMORI_VERSION "dev"
#endif

namespace mamori::cli {

void add_data_options(CLI::App& command, app::DataOptions& options) {
  command.add_option("--data", options.data_dir, "データディレクトリ (SQLite: DIR/mamori.db) / data directory");
  command.add_option("--db", options.db_url, "データベースURL / database URL, e.g. postgresql://user@host:5432/mamori");
}

int report(const Error& error) {
  std::cerr << "mamori: error: " << error.describe() << "\n";
  return kExitError;
}

}  // namespace mamori::cli

int main(int argc, char** argv) {
  using namespace mamori::cli;
  mamori::app::tune_allocator();
  CLI::App app{"mamori (守り): クラウドサービスの情報セキュリティマネジメント / ISMS platform for cloud services",
               "mamori"};
  app.set_version_flag("--version", MAMORI_VERSION);
  app.require_subcommand(1);
  app.fallthrough(false);

  Action action;
  add_init_command(app, action);
  add_serve_command(app, action);
  add_catalog_command(app, action);
  add_tenant_command(app, action);
  add_user_command(app, action);
  add_audit_command(app, action);
  add_sheet_command(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" with code 0; everything else is a
    // usage error (exit 1), printed with the subcommand's usage line.
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  if (!action) {
    std::cerr << app.help();
    return kExitUsage;
  }
  try {
    return action();
  } catch (const std::exception& e) {
    // Layers return Result; reaching here is a bug, but never a crash.
    std::cerr << "mamori: internal error: " << e.what() << "\n";
    return kExitError;
  }
}
