#include <iostream>

#include "cli/command.h"
#include "server/server.h"

namespace mamori::cli {

void add_serve_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("serve", "サーバを起動 / serve the web UI and the API");
  auto options = std::make_shared<app::DataOptions>();
  auto listen = std::make_shared<std::string>("127.0.0.1:8080");
  auto threads = std::make_shared<int>(2);
  add_data_options(*cmd, *options);
  cmd->add_option("--listen", *listen, "待ち受けアドレス / address and port")->capture_default_str();
  cmd->add_option("--threads", *threads, "ワーカースレッド数 / worker threads")->check(CLI::Range(1, 256))->capture_default_str();
  cmd->callback([&action, options, listen, threads] {
    action = [options, listen, threads] {
      auto address = server::parse_listen_address(*listen);
      if (!address) return report(address.error());
      if (options->data_dir.empty() && options->db_url.empty())
        return report(make_error(ErrorCode::invalid_input, "serve needs --data DIR or --db URL", Location::in_field("--data")));
      auto db = app::open_data(*options);
      if (!db) return report(db.error());
      server::ServeOptions serve_options;
      serve_options.listen = address.value();
      serve_options.threads = *threads;
      serve_options.on_listening = [&](std::uint16_t) {
        std::cout << "mamori: serving " << db.value()->url().display() << " on http://"
                  << (address->host.find(':') != std::string::npos ? "[" + address->host + "]" : address->host) << ":"
                  << address->port << "/" << std::endl;
      };
      auto status = server::serve(*db.value(), serve_options);
      if (!status) return report(status.error());
      std::cout << "mamori: stopped" << std::endl;
      return kExitOk;
    };
  });
}

}  // namespace mamori::cli
