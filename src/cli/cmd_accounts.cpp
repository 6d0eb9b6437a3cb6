// mamori tenant add|list, mamori user add|reset-password|disable|enable
#include <iostream>

#include "app/organisations.h"
#include "cli/command.h"
#include "cli/services.h"

namespace mamori::cli {

namespace {

// A password from standard input: the first line, without its line break.
// (Never from the command line, where other users could see it.)
Result<std::string> read_password_stdin() {
  std::string line;
  if (!std::getline(std::cin, line) || line.empty())
    return make_error(ErrorCode::invalid_input, "no password on standard input", Location::in_field("--password-stdin"));
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

void add_tenant_command(CLI::App& app, Action& action) {
  auto* tenant = app.add_subcommand("tenant", "組織 / organisations");
  tenant->require_subcommand(1);
  auto options = std::make_shared<InstanceOptions>();
  auto name = std::make_shared<std::string>();
  auto kind = std::make_shared<std::string>();

  auto* add = tenant->add_subcommand("add", "組織を作成 / create an organisation");
  add_data_options(*add, options->data);
  add_key_option(*add, *options);
  add->add_option("NAME", *name, "組織名 / name")->required();
  add->add_option("--kind", *kind, "provider | customer | auditor")->required()->check(CLI::IsMember({"provider", "customer", "auditor"}));
  add->callback([&action, options, name, kind] {
    action = [options, name, kind] {
      auto instance = open_instance(*options);
      if (!instance) return report(instance.error());
      auto t = app::create_tenant(*instance->services, app::Caller::operator_cli(), *name, *domain::parse_tenant_kind(*kind));
      if (!t) return report(t.error());
      std::cout << "created organisation " << t->name << " (" << domain::to_string(t->kind) << ") " << t->id << "\n";
      return kExitOk;
    };
  });

  auto* list = tenant->add_subcommand("list", "組織の一覧 / list organisations");
  add_data_options(*list, options->data);
  add_key_option(*list, *options);
  list->callback([&action, options] {
    action = [options] {
      auto instance = open_instance(*options);
      if (!instance) return report(instance.error());
      auto tenants = app::list_tenants(*instance->services, app::Caller::operator_cli());
      if (!tenants) return report(tenants.error());
      for (const auto& t : tenants.value())
        std::cout << t.id << "\t" << domain::to_string(t.kind) << "\t" << t.name << "\n";
      return kExitOk;
    };
  });
}

void add_user_command(CLI::App& app, Action& action) {
  auto* user = app.add_subcommand("user", "利用者 / people and their accounts");
  user->require_subcommand(1);
  auto options = std::make_shared<InstanceOptions>();
  struct Args {
    std::string tenant, email, role, name;
    bool password_stdin = false;
  };
  auto args = std::make_shared<Args>();

  auto* add = user->add_subcommand("add", "組織に利用者を追加 (新規アカウントを含む) / add a person to an organisation");
  add_data_options(*add, options->data);
  add_key_option(*add, *options);
  add->add_option("--tenant", args->tenant, "組織名 / organisation name")->required();
  add->add_option("--email", args->email, "メールアドレス / e-mail")->required();
  std::vector<std::string> roles;
  for (auto r : domain::all_roles()) roles.push_back(domain::to_string(r));
  add->add_option("--role", args->role, "admin | isms_manager | editor | auditor | viewer | respondent")->required()->check(CLI::IsMember(roles));
  add->add_option("--name", args->name, "表示名 / display name");
  add->add_flag("--password-stdin", args->password_stdin,
                "新規アカウントのパスワードを標準入力から / read a new account's password from stdin");
  add->callback([&action, options, args] {
    action = [options, args] {
      std::string password;
      if (args->password_stdin) {
        auto p = read_password_stdin();
        if (!p) return report(p.error());
        password = p.value();
      }
      auto instance = open_instance(*options);
      if (!instance) return report(instance.error());
      auto tenant = app::find_tenant(*instance->services, args->tenant);
      if (!tenant) return report(tenant.error());
      auto added = app::add_member(*instance->services, app::Caller::operator_cli(), tenant->id, args->email,
                                   *domain::parse_role(args->role), args->name, password);
      if (!added) return report(added.error());
      std::cout << (added->account_created ? "created account " : "existing account ") << added->membership.email
                << ", " << domain::to_string(added->membership.role) << " in " << tenant->name << "\n";
      if (!added->account_created && args->password_stdin)
        std::cout << "the account existed: its password is unchanged\n";
      if (!added->one_time_password.empty())
        std::cout << "one-time password (change at first sign-in): " << added->one_time_password << "\n";
      return kExitOk;
    };
  });

  auto* reset = user->add_subcommand("reset-password", "パスワードを再設定し全セッションを終了 / reset a password, ending every session");
  add_data_options(*reset, options->data);
  add_key_option(*reset, *options);
  reset->add_option("--email", args->email, "メールアドレス / e-mail")->required();
  reset->add_flag("--password-stdin", args->password_stdin,
                  "新しいパスワードを標準入力から (省略時はワンタイム) / read it from stdin (default: a one-time password)");
  reset->callback([&action, options, args] {
    action = [options, args] {
      std::string password;
      if (args->password_stdin) {
        auto p = read_password_stdin();
        if (!p) return report(p.error());
        password = p.value();
      }
      auto instance = open_instance(*options);
      if (!instance) return report(instance.error());
      auto one_time = app::reset_password(*instance->services, app::Caller::operator_cli(), args->email, password);
      if (!one_time) return report(one_time.error());
      std::cout << "password reset for " << args->email << "; every session ended\n";
      if (!one_time->empty()) std::cout << "one-time password (change at first sign-in): " << one_time.value() << "\n";
      return kExitOk;
    };
  });

  for (const bool disable : {true, false}) {
    auto* cmd = user->add_subcommand(disable ? "disable" : "enable",
                                     disable ? "アカウントを無効化し全セッションを終了 / disable an account, ending every session"
                                             : "アカウントを有効に戻す / enable a disabled account");
    add_data_options(*cmd, options->data);
    add_key_option(*cmd, *options);
    cmd->add_option("--email", args->email, "メールアドレス / e-mail")->required();
    cmd->callback([&action, options, args, disable] {
      action = [options, args, disable] {
        auto instance = open_instance(*options);
        if (!instance) return report(instance.error());
        if (auto s = app::set_account_disabled(*instance->services, app::Caller::operator_cli(), args->email, disable); !s)
          return report(s.error());
        std::cout << (disable ? "disabled " : "enabled ") << args->email << "\n";
        return kExitOk;
      };
    });
  }
}

}  // namespace mamori::cli
