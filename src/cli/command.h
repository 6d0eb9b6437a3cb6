// Shared pieces of the `mamori` command: exit codes, common options, error
// printing. Each subcommand lives in its own cmd_*.cpp and registers itself
// through an add_*_command() function.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>

#include "app/data_dir.h"
#include "domain/error.h"

namespace mamori::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 1;
inline constexpr int kExitError = 2;

// What to run once the command line parsed.
using Action = std::function<int()>;

// --data DIR and --db URL, shared by every command that touches data.
void add_data_options(CLI::App& command, app::DataOptions& options);

// "mamori: error: <where>: <what>" on stderr; returns kExitError.
int report(const Error& error);

void add_init_command(CLI::App& app, Action& action);
void add_serve_command(CLI::App& app, Action& action);
void add_catalog_command(CLI::App& app, Action& action);
void add_tenant_command(CLI::App& app, Action& action);
void add_user_command(CLI::App& app, Action& action);
void add_audit_command(CLI::App& app, Action& action);
void add_sheet_command(CLI::App& app, Action& action);
// `sheet answer`, registered under `sheet` by add_sheet_command (cmd_sheet_answer.cpp).
void add_sheet_answer_command(CLI::App& sheet, Action& action);
// `catalog match`, registered under `catalog` by add_catalog_command.
void add_catalog_match_command(CLI::App& catalog, Action& action);

}  // namespace mamori::cli
